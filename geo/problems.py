"""Problems found in a city's files, collected so the user sees all of them at once."""

from collections.abc import Sequence
from dataclasses import dataclass

from geo.wording import plural


@dataclass(frozen=True)
class Problem:
    """One problem: which file, where in it (row or feature), which field, and what."""

    file: str
    location: str
    field: str
    message: str

    def __str__(self) -> str:
        where = ", ".join(part for part in (self.location, self.field) if part)
        return (
            f"{self.file} ({where}): {self.message}"
            if where
            else (f"{self.file}: {self.message}")
        )


def missing_columns_problem(file: str, missing: Sequence[str]) -> Problem:
    """A table's header lacks the ``missing`` columns: "missing columns: a, b"."""
    columns = plural(len(missing), "column")
    return Problem(file, "header", "", f"missing {columns}: {', '.join(missing)}")


class ProblemsError(ValueError):
    """Raised once with every problem found, listed one per line after a heading."""

    heading = "in the input"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = [f"{count} problem{'s' if count != 1 else ''} {self.heading}:"]
        lines += [f"- {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))


class CityDataError(ProblemsError):
    """Raised once with every problem found while loading a city."""

    heading = "in the city data"
