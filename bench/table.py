"""The benchmarks' printed result: one Markdown table, a row per measured case."""

from collections.abc import Mapping, Sequence


def print_table(results: Sequence[Mapping[str, object]]) -> None:
    """Print ``results`` (dicts with the same keys) as a Markdown table."""
    columns = list(results[0])
    print(" | ".join(columns))
    print(" | ".join("---" for _ in columns))
    for result in results:
        print(" | ".join(str(result[column]) for column in columns))
