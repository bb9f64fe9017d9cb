"""Benchmark the analysis library: area by control, front lines, comparisons.

For Raqqa and for a SYNTHETIC city (``bench.synthetic_city``, generated when
missing), prints how long each analysis takes. "First" calls include projecting
the districts and finding shared borders, which are remembered afterwards. Later
front-line calls cost about one ``control_on`` (the rule for one day).
Prints a table; never fails on a number.

    python -m bench.analysis [--districts 400] [--reports 5000]
"""

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from bench.synthetic_city import OUT, write_city
from geo.area import area_by_control
from geo.city import City
from geo.compare import changes_between, history_of
from geo.frontline import frontline_length, frontline_on, gaps_between_pieces
from geo.io import load_city

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC_DAYS = 365


def seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure(city: City) -> list[tuple[str, str]]:
    day = city.default_day
    first_front = seconds(lambda: frontline_on(city, day))
    warm_front = [seconds(lambda: frontline_on(city, day)) for _ in range(5)]
    actor = city.actors[0].id
    district = str(city.districts.index[0])
    source_type = str(city.reports["source_type"].iloc[0])
    return [
        ("area_by_control, all days", f"{seconds(lambda: area_by_control(city)):.3f}"),
        (
            f"area_by_control, source_type={source_type}",
            f"{seconds(lambda: area_by_control(city, source_type=source_type)):.3f}",
        ),
        ("frontline_on, first call", f"{first_front:.3f}"),
        ("frontline_on, later calls (median)", f"{statistics.median(warm_front):.3f}"),
        (
            "frontline_length",
            f"{seconds(lambda: frontline_length(city, day)):.3f}",
        ),
        (
            f"gaps_between_pieces ({actor})",
            f"{seconds(lambda: gaps_between_pieces(city, day, actor)):.3f}",
        ),
        (
            "changes_between, first to default day",
            f"{seconds(lambda: changes_between(city, city.days[0], day)):.3f}",
        ),
        (
            f"history_of ({district})",
            f"{seconds(lambda: history_of(city, district)):.3f}",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--districts", type=int, default=400)
    parser.add_argument("--reports", type=int, default=5_000)
    arguments = parser.parse_args()
    synthetic = OUT / f"synthetic-{arguments.districts}"
    if not (synthetic / "reports.csv").exists():
        write_city(arguments.districts, SYNTHETIC_DAYS, arguments.reports)
    for folder in (ROOT / "data" / "raqqa", synthetic):
        started = time.perf_counter()
        city = load_city(folder)
        loaded = time.perf_counter() - started
        print(
            f"\n{city.title}: {len(city.districts)} features, "
            f"{len(city.reports)} reports, {len(city.days)} days "
            f"(loaded in {loaded:.2f} s)"
        )
        for name, value in measure(city):
            print(f"  {name:<48} {value:>8} s")


if __name__ == "__main__":
    main()
