"""Time an edit reaching an open map that nobody touches, in real Chromium.

It starts ``streamlit run serve.py`` on a city (Raqqa, or a synthetic one from
``bench.synthetic_city``), opens one reader's map on the city's last day, then
stores a new report through ``storage.reports.add_reports`` (what the editor's
form calls) saying a district is held by another side on that day. It times
from the report being stored to the reader's map showing that district in a new
colour: the page's once-a-second check (``app_pages/map.py``), the changed reports
read and the touched districts resolved again (``ui/city_cache.py``), and the patch
applied to the map in the reader's browser. It also counts the edits after which
the reader's map frame was still the one it opened (patched, not rebuilt), times
a new reader's first map after each edit (the kept bundle, patched, or a new
one built) beside one before any edit, and prints the load average. Prints a
table; never fails on a number.

    python -m bench.live_edit [--city synthetic-4000] [--edits 3]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from playwright.sync_api import Browser, Page, sync_playwright

from bench.synthetic_city import OUT
from bench.table import print_table
from geo.city import City
from geo.io import load_city
from geo.schema import REPORT_COLUMNS
from storage.access import Identity, Role
from storage.database import open_database
from storage.reports import add_reports
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, MAP_FRAME, ROOT, start_streamlit

EDITOR = Identity("Benchmark editor", Role.EDITOR, "benchmark")
# A district's fill in whichever map frame shows it (were the map rebuilt, for a
# moment the old frame would be there too), or null.
FILL = """([frameSelector, district]) => {
  for (const frame of document.querySelectorAll(frameSelector)) {
    const body = frame.contentDocument && frame.contentDocument.body;
    const path = body && body.querySelector(`path[data-district="${district}"]`);
    if (path && body.dataset.frontlineDay) {
      return path.getAttribute("fill");
    }
  }
  return null;
}"""
CHANGED = f"""([frameSelector, district, before]) => {{
  const fill = ({FILL})([frameSelector, district]);
  return fill !== null && fill !== before;
}}"""


def report_row(city: City, district: str, actor: str, number: int) -> dict:
    row = dict.fromkeys(REPORT_COLUMNS, "")
    row.update(
        report_id=f"bench-live-{number}",
        date=city.last_day.isoformat(),
        district_id=district,
        status="held",
        actor=actor,
        extent="full",
        kind="claim",
        source="Benchmark source",
        source_type="monitor",
        url="https://example.org/benchmark",
        note="Stored by bench/live_edit.py; not a real event.",
    )
    return row


# Marks the reader's map frame; a rebuilt frame has lost the mark.
MARK_FRAME = """(frameSelector) => {
  document.querySelector(frameSelector).contentWindow.openedByBenchmark = true;
}"""
FRAME_KEPT = """(frameSelector) => [...document.querySelectorAll(frameSelector)].some(
  (frame) => frame.contentWindow.openedByBenchmark === true
)"""


def open_reader(browser: Browser, url: str, city_folder: str, day: str) -> Page:
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(f"{url}/?city={city_folder}&day={day}")
    page.frame_locator(MAP_FRAME).locator(f'body[data-frontline-day="{day}"]').wait_for(
        state="attached", timeout=600_000
    )
    return page


def measure(cities_dir: Path, city_folder: str, edits: int) -> dict:
    city = load_city(cities_dir / city_folder)
    database = Path(tempfile.mkdtemp(prefix="frontline-live-")) / "db.sqlite3"
    server = start_streamlit(database, cities_dir)
    url = next(server)
    engine = open_database(f"sqlite:///{database}")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            reader = open_reader(browser, url, city_folder, city.last_day.isoformat())
            reader.evaluate(MARK_FRAME, MAP_FRAME)
            opened = time.monotonic()
            open_reader(browser, url, city_folder, city.last_day.isoformat()).close()
            unedited_new_reader = time.monotonic() - opened
            seconds, new_reader_seconds = [], []
            kept = 0
            districts = list(city.districts.index)
            for number in range(edits):
                district = districts[(number * 7919) % len(districts)]
                before = reader.evaluate(FILL, [MAP_FRAME, district])
                # A side whose colour the district does not have, so it changes.
                actor = next(
                    actor.id
                    for actor in city.actors
                    if actor.colour.lower() != (before or "").lower()
                )
                row = report_row(city, district, actor, number)
                stored = time.monotonic()
                add_reports(
                    engine, EDITOR, city, pd.DataFrame([row]), origin="benchmark"
                )
                reader.wait_for_function(
                    CHANGED, arg=[MAP_FRAME, district, before], timeout=600_000
                )
                seconds.append(time.monotonic() - stored)
                kept += reader.evaluate(FRAME_KEPT, MAP_FRAME)
                reader.wait_for_timeout(2_000)  # let the redrawn map settle
                opened = time.monotonic()
                newcomer = open_reader(
                    browser, url, city_folder, city.last_day.isoformat()
                )
                new_reader_seconds.append(time.monotonic() - opened)
                newcomer.close()
            browser.close()
    finally:
        engine.dispose()
        server.close()
    return {
        "city": city_folder,
        "districts": len(city.districts),
        "reports": len(city.reports),
        "edits": len(seconds),
        "edit to open map median (s)": round(statistics.median(seconds), 2),
        "edit to open map max (s)": round(max(seconds), 2),
        "map frame kept": f"{kept}/{len(seconds)}",
        "new reader before any edit: first map (s)": round(unedited_new_reader, 2),
        "new reader after an edit: first map median (s)": round(
            statistics.median(new_reader_seconds), 2
        ),
        "load average (1 min)": round(os.getloadavg()[0], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--city", nargs="+", default=["raqqa", "synthetic-4000"])
    parser.add_argument("--edits", type=int, default=3)
    arguments = parser.parse_args()
    results = []
    for city_folder in arguments.city:
        cities_dir = ROOT / "data" if city_folder == "raqqa" else OUT
        results.append(measure(cities_dir, city_folder, arguments.edits))
        print(results[-1], file=sys.stderr)
    print_table(results)


if __name__ == "__main__":
    main()
