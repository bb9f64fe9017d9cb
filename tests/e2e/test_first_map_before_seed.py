"""A new city's first map does not wait for its reports to be stored.

The test holds the database's write lock, as a slow disk or a busy writer
would, so the city's seed cannot be stored while its first reader opens the
map: the map must paint from the city's files all the same. Once the seed is
stored, the open map learns of the new change number and stays as it is: the
same frame, the same colours, no new bundle.
"""

import shutil
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.app.test_map_while_seeding import writes_held
from tests.conftest import RAQQA, write_small_city
from tests.e2e.conftest import (
    MAP_FRAME,
    READY_PATH,
    ROOT,
    map_frame,
    start_streamlit,
)
from tests.e2e.test_edit_watch import asked_change
from ui.static_files import remove_generated

CITY = "newville"
LOADED_BUNDLES = f"""() => performance.getEntriesByType("resource")
  .map((entry) => entry.name)
  .filter((name) => name.includes("/generated/{CITY}-"))"""


def west_fill(page: Page) -> str | None:
    return (
        page.frame_locator(MAP_FRAME)
        .locator('path[data-district="west"]')
        .get_attribute("fill")
    )


def test_a_new_citys_map_paints_before_its_seed_and_stays_after(
    page: Page, tmp_path: Path
):
    cities = tmp_path / "cities"
    shutil.copytree(RAQQA, cities / "raqqa")  # the default city, made ready first
    write_small_city(cities / CITY, CITY)
    database = tmp_path / "frontline.sqlite3"
    running = start_streamlit(database, cities)
    url = next(running)
    try:
        with urllib.request.urlopen(f"{url}{READY_PATH}", timeout=120):
            pass  # the server has opened its database, seeded Raqqa
        with writes_held(f"sqlite:///{database}"):
            page.goto(f"{url}/?city={CITY}&day=2020-01-02")
            body = page.frame_locator(MAP_FRAME).locator("body")
            expect(body).to_have_attribute(
                "data-frontline-day", "2020-01-02", timeout=60_000
            )
            assert asked_change(url, CITY) == (200, {"change": 0})
            drawn_fill = west_fill(page)
            map_frame(page).evaluate("() => { window.drawnBeforeTheSeed = true; }")

        deadline = time.monotonic() + 30
        while asked_change(url, CITY)[1]["change"] == 0:
            assert time.monotonic() < deadline, "the seed was never stored"
            time.sleep(0.2)
        page.wait_for_timeout(3_000)  # the edit watch has seen the new number

        assert map_frame(page).evaluate("() => window.drawnBeforeTheSeed") is True
        assert drawn_fill is not None
        assert west_fill(page) == drawn_fill
        assert len(map_frame(page).evaluate(LOADED_BUNDLES)) == 1
    finally:
        running.close()
        for bundle in (ROOT / "static" / "generated").glob(f"{CITY}-*.json"):
            remove_generated(bundle)
