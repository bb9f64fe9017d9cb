"""Benchmark the article extractor: precision and recall per field, and its speed.

Runs ``geo.extraction.extract_reports`` over the evaluation sets of
``tests/extraction`` and prints, for each, precision and recall per field
(district, status, actor, extent, kind, day, precision, speaker), the share of
claims fully right, and the calibration table (proposals by confidence band and
how many of them are fully right):

- ``cases`` and ``held_out``: the sets the first rules were written and tuned on;
- ``development``: the set to tune on;
- ``unseen``: the evaluation set, scored only to measure (see its README); never
  read its misses (``--verbose``) while tuning.

Then, as a rough outside check, it reads each ``note`` of the bundled Raqqa
``reports.csv`` (paraphrases written by the team, not for the extractor) and
counts how often the row's own district and status come out of it. Finally it
times the import and the extraction of each article. Prints numbers; never
fails on them.

    python -m bench.extraction [--sets development] [--verbose] [--repeat 20]
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from geo.city import City
from geo.extraction import (
    MAX_ARTICLE_CHARACTERS,
    Extraction,
    ExtractionError,
    extract_reports,
)
from geo.io import load_city
from tests.extraction.evaluation import (
    FIELDS,
    FIGURE_FIELDS,
    SETS,
    Case,
    agrees,
    figure_agrees,
    load_cases,
    pair,
    pair_figures,
    run_case,
    score_set,
    value,
)

ROOT = Path(__file__).resolve().parent.parent


def print_scores(name: str, cases: list[Case], city: City, verbose: bool) -> None:
    extractions = [run_case(case, city) for case in cases]
    if verbose:
        for case, extraction in zip(cases, extractions, strict=True):
            print_misses(case, pair(case.claims, extraction.proposals, city), city)
            print_figure_misses(case, extraction)
    result = score_set(cases, extractions, city)
    print(
        f"\n{name}: {result.articles} articles, {result.claims} expected claims, "
        f"{result.proposals} proposals"
    )
    print(f"{'field':<10} {'precision':>9} {'recall':>7}   correct/predicted/expected")
    for field, found in result.fields.items():
        counts = f"{found.correct}/{found.predicted}/{found.expected}"
        print(f"{field:<10} {found.precision:>9.2f} {found.recall:>7.2f}   {counts}")
    claims_share = result.claims_right / result.claims if result.claims else 1.0
    proposals_share = (
        result.proposals_right / result.proposals if result.proposals else 1.0
    )
    print(
        f"whole claims right   {claims_share:6.0%} of claims "
        f"({result.claims_right}/{result.claims}), "
        f"{proposals_share:.0%} of proposals "
        f"({result.proposals_right}/{result.proposals})"
    )
    figures = result.figures
    agreeing = ", ".join(
        f"{field} {count}" for field, count in result.figure_fields.items()
    )
    print(
        f"figures    {figures.precision:>9.2f} {figures.recall:>7.2f}   "
        f"{figures.correct}/{figures.predicted}/{figures.expected} "
        f"(numbers right; of those, agreeing: {agreeing})"
    )
    print("calibration: level     proposals  fully right")
    for band, (count, good) in result.bands.items():
        share = f"{good / count:6.0%}" if count else "     -"
        print(f"             {band:<8} {count:>9}  {share} ({good})")


def print_misses(case: Case, pairs: list, city: City) -> None:
    for claim, proposal in pairs:
        if claim is None:
            print(f"  {case.name}: unexpected {proposal.row()}")
        elif proposal is None:
            print(f"  {case.name}: missed {claim}")
        else:
            wrong = {
                field: value(proposal, field)
                for field in FIELDS
                if not agrees(claim, proposal, field, city)
            }
            if wrong:
                print(f"  {case.name}: {claim['district']} read as {wrong}")


def print_figure_misses(case: Case, extraction: Extraction) -> None:
    paired = pair_figures(case.figures, extraction.figures)
    for wanted, figure in paired:
        wrong = [
            field for field in FIGURE_FIELDS if not figure_agrees(wanted, figure, field)
        ]
        if wrong:
            print(
                f"  {case.name}: figure {wanted['as_stated']!r} read as {figure.row()}"
            )
    found = [figure for _, figure in paired]
    for wanted in case.figures:
        if not any(wanted is item for item, _ in paired):
            print(f"  {case.name}: missed figure {wanted}")
    for figure in extraction.figures:
        if figure not in found:
            print(f"  {case.name}: unexpected figure {figure.row()}")


def print_notes_check(city: City) -> None:
    """How often a report's own note yields its district and status."""
    rows = city.reports[city.reports["note"] != ""]
    found = agreeing = others = refused = 0
    for row in rows.itertuples():
        try:
            extraction = extract_reports(
                row.note,
                url=row.url,
                published=row.date,
                outlet="reports.csv note",
                city=city,
            )
        except ExtractionError:
            refused += 1
            continue
        mine = [
            item for item in extraction.proposals if item.district_id == row.district_id
        ]
        others += len(extraction.proposals) - len(mine)
        if mine:
            found += 1
            agreeing += any(
                str(item.status or "") == row.status
                or item.kind == row.kind == "denial"
                for item in mine
            )
    total = len(rows)
    print(f"\nreports.csv notes read back ({total} notes, {refused} refused):")
    print(f"  the row's district proposed      {found / total:6.0%}  ({found})")
    if found:
        share = agreeing / found
        print(f"  ... with the row's status          {share:6.0%}  ({agreeing})")
    print(f"  proposals about other districts  {others / total:6.2f} per note")


def import_seconds(module: str, preload: str = "") -> float:
    """Seconds to import ``module`` in a fresh interpreter, after ``preload``."""
    code = (
        f"import time\n{preload}\nstarted = time.perf_counter()\nimport {module}\n"
        "print(time.perf_counter() - started)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout.strip())


def print_timings(city: City, cases: list[Case], repeat: int) -> None:
    cold = import_seconds("geo.extraction")
    warm = import_seconds("geo.extraction", preload="import pandas, geopandas")
    html = import_seconds("trafilatura")
    print("\nimport time (fresh interpreter):")
    print(f"  geo.extraction, cold                 {cold * 1000:7.0f} ms")
    print(f"  geo.extraction, pandas already loaded {warm * 1000:6.0f} ms")
    print(f"  trafilatura (first HTML article only) {html * 1000:6.0f} ms")
    for case in cases:
        run_case(case, city)
    timings = {}
    for case in cases:
        samples = []
        for _ in range(repeat):
            started = time.perf_counter()
            run_case(case, city)
            samples.append(time.perf_counter() - started)
        timings[case.name] = statistics.median(samples)
    characters = {
        case.name: len(case.article.read_text(encoding="utf-8")) for case in cases
    }
    per_article = statistics.median(timings.values())
    slowest = max(timings, key=timings.get)
    print(f"\nextraction time per article (median of {repeat} runs each, warm):")
    print(f"  median over articles  {per_article * 1000:6.1f} ms")
    print(
        f"  slowest               {timings[slowest] * 1000:6.1f} ms  "
        f"({slowest}, {characters[slowest]} characters)"
    )
    long_article = "\n".join(
        case.article.read_text(encoding="utf-8")
        for case in cases
        if case.article.suffix != ".html"
    )
    repeats = MAX_ARTICLE_CHARACTERS * 9 // 10 // (len(long_article) + 1)
    long_article = (long_article + "\n") * repeats
    started = time.perf_counter()
    extraction = extract_reports(
        long_article,
        url="https://example.org/long",
        published=max(case.published for case in cases),
        outlet="bench",
        city=city,
    )
    elapsed = time.perf_counter() - started
    print(
        f"  {len(long_article):,}-character text  {elapsed * 1000:6.0f} ms "
        f"({len(extraction.proposals)} proposals)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument(
        "--sets",
        nargs="*",
        choices=list(SETS),
        help="the sets to score (default: all); never list the misses of 'unseen' "
        "while tuning",
    )
    parser.add_argument("--repeat", type=int, default=20)
    arguments = parser.parse_args()
    city = load_city(ROOT / "data" / "raqqa")
    names = arguments.sets or [name for name in SETS if SETS[name].is_dir()]
    for name in names:
        print_scores(name, load_cases(SETS[name]), city, arguments.verbose)
    print_notes_check(city)
    timed = [case for name in names for case in load_cases(SETS[name])]
    print_timings(city, timed, arguments.repeat)


if __name__ == "__main__":
    main()
