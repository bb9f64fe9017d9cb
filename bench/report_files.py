"""Time the upload check and control exports on Raqqa and on a limit-sized upload.

The large upload is SYNTHETIC: Raqqa's reports repeated under new ids (x<copy>-<row>)
until the file is just under ``MAX_IMPORT_BYTES``. Prints a table; never fails.

    python -m bench.report_files
"""

import time
from collections.abc import Callable
from datetime import date

import pandas as pd

from geo.export import control_csv, control_geojson
from geo.io import load_city
from geo.report_csv import (
    MAX_IMPORT_BYTES,
    DateOrder,
    TextEncoding,
    check_import,
    reports_csv,
)
from tests.conftest import RAQQA

REPEATS = 3


def best_seconds(action: Callable[[], object]) -> float:
    timings = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return min(timings)


def synthetic_reports(reports: pd.DataFrame) -> pd.DataFrame:
    """Copies of the reports under new ids, as many as fit under the upload limit."""
    copies_that_fit = MAX_IMPORT_BYTES // len(reports_csv(reports))
    copies = [
        reports.assign(
            report_id=[f"x{copy}-{row}" for row in range(len(reports))], denies=""
        )
        for copy in range(copies_that_fit)
    ]
    return pd.concat(copies, ignore_index=True)


def main() -> None:
    city = load_city(RAQQA)
    day = date(2017, 8, 1)
    large = synthetic_reports(city.reports)
    print(f"{'what':44} {'rows':>7} {'bytes':>10} {'seconds':>8}")
    for name, reports in (("Raqqa reports", city.reports), ("synthetic", large)):
        data = reports_csv(reports)
        for order in DateOrder:
            seconds = best_seconds(
                lambda data=data, order=order: check_import(
                    data, encoding=TextEncoding.UTF_8, date_order=order, city=city
                )
            )
            label = f"check_import {name} ({order})"
            print(f"{label:44} {len(reports):>7} {len(data):>10} {seconds:>8.3f}")
        seconds = best_seconds(lambda reports=reports: reports_csv(reports))
        label = f"reports_csv {name}"
        print(f"{label:44} {len(reports):>7} {len(data):>10} {seconds:>8.3f}")
    for export in (control_csv, control_geojson):
        size = len(export(city, day))
        seconds = best_seconds(lambda export=export: export(city, day))
        label = f"{export.__name__} Raqqa {day}"
        print(f"{label:44} {len(city.districts):>7} {size:>10} {seconds:>8.3f}")


if __name__ == "__main__":
    main()
