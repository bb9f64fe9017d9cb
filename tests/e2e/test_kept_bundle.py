"""A restarted server serves the map's kept bundle file instead of building it again.

The city is a fresh copy of Raqqa (new file times, so a bundle name of its own):
between the two servers the test writes a marker into the kept file, which the
second server's map can only show if it served that file as it was kept.
"""

import json
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import RAQQA
from tests.e2e.conftest import MAP_FRAME, ROOT, map_frame, start_streamlit
from ui.static_files import remove_generated, write_generated

MARKER = "Kept file, not rebuilt"
BUNDLE_URL = """() => performance.getEntriesByType("resource")
  .map((entry) => entry.name)
  .find((name) => name.includes("/generated/raqqa-") && name.endsWith(".json"))"""


@pytest.fixture
def copied_city(tmp_path: Path) -> Path:
    cities = tmp_path / "cities"
    shutil.copytree(RAQQA, cities / "raqqa", copy_function=shutil.copy)
    return cities


def open_map(page: Page, url: str) -> str:
    """Open the map on ``url``; the name of the bundle file it loaded."""
    page.goto(f"{url}/?day=2017-08-01")
    expect(page.frame_locator(MAP_FRAME).locator("body")).to_have_attribute(
        "data-frontline-day", "2017-08-01", timeout=60_000
    )
    return map_frame(page).evaluate(BUNDLE_URL).rsplit("/", 1)[1]


def test_a_restarted_server_serves_the_kept_bundle(
    page: Page, copied_city: Path, tmp_path: Path
):
    database = tmp_path / "frontline.sqlite3"
    first_server = start_streamlit(database, copied_city)
    name = open_map(page, next(first_server))
    first_server.close()
    kept = ROOT / "static" / "generated" / name
    try:
        bundle = json.loads(kept.read_text(encoding="utf-8"))
        assert bundle["names"]["andalus"] != MARKER
        bundle["names"]["andalus"] = MARKER
        write_generated(name, json.dumps(bundle).encode("utf-8"))

        second_server = start_streamlit(database, copied_city)
        try:
            assert open_map(page, next(second_server)) == name
            frame = page.frame_locator(MAP_FRAME)
            frame.locator('path[data-district="andalus"]').hover()
            expect(frame.locator(".leaflet-tooltip")).to_contain_text(MARKER)
        finally:
            second_server.close()
        assert MARKER in kept.read_text(encoding="utf-8")
    finally:
        remove_generated(kept)
