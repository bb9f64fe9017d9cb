"""A reader who opens the map after an edit gets the kept bundle and the edit at once.

The map bundle holds the city's whole timeline; building one for a big city
takes seconds. After an edit, a new reader's map is the bundle the server
already has, patched with the districts the edit touched (as an open map is),
instead of waiting for a new bundle. The edit here is stored as another desk or
replica would store it: straight into the shared database.
"""

import re

import pandas as pd
from playwright.sync_api import Browser, Page, expect

from geo.io import load_city
from geo.schema import REPORT_COLUMNS
from storage.access import Identity, Role
from storage.database import open_database
from storage.reports import add_reports
from tests.conftest import RAQQA, report
from tests.e2e.conftest import MAP_FRAME, map_frame, start_streamlit
from tests.e2e.test_kept_bundle import BUNDLE_URL
from tests.e2e.test_live_edits import IS_COLOUR, SDF_COLOUR

DAY = "2017-08-01"
EDITOR = Identity("Another desk", Role.EDITOR, "password")


def open_andalus(page: Page, url: str, fill: str) -> str:
    """Open the map on DAY, wait for al-Andalus in ``fill``; the bundle's name."""
    page.goto(f"{url}/?day={DAY}")
    andalus = page.frame_locator(MAP_FRAME).locator('path[data-district="andalus"]')
    expect(andalus).to_have_attribute("fill", fill, timeout=60_000)
    return map_frame(page).evaluate(BUNDLE_URL).rsplit("/", 1)[1]


def test_a_new_reader_after_an_edit_gets_the_kept_bundle_patched(
    page: Page, browser: Browser, tmp_path
):
    database = tmp_path / "frontline.sqlite3"
    server = start_streamlit(database)
    url = next(server)
    try:
        kept = open_andalus(page, url, IS_COLOUR)
        edit = pd.DataFrame(
            [report("new-1", DAY, "andalus", "held", actor="sdf")],
            columns=REPORT_COLUMNS,
        )
        engine = open_database(f"sqlite:///{database}")
        add_reports(engine, EDITOR, load_city(RAQQA), edit, origin="another desk")
        engine.dispose()

        reader = browser.new_page(viewport={"width": 1280, "height": 1000})
        assert open_andalus(reader, url, SDF_COLOUR) == kept
        expect(reader.frame_locator(MAP_FRAME).locator("body")).to_have_attribute(
            "data-frontline-patched", re.compile(r"^\d+$")
        )
    finally:
        server.close()
