"""A district's popup left open tells the day the map shows, and an edit to it.

Stepping the timeline with a popup open used to leave the popup on the day it
was opened ("57 days old" on a map 30 days later), and an edit patched into an
open map left the popup on the old claims until it was opened again.
"""

import pandas as pd
from playwright.sync_api import Page, expect

from geo.io import load_city
from geo.schema import REPORT_COLUMNS
from storage.database import open_database
from storage.reports import add_reports
from tests.conftest import RAQQA, report
from tests.e2e.conftest import MAP_FRAME, start_streamlit
from tests.e2e.test_new_reader_after_edit import EDITOR

DAY = "2017-08-01"


def test_an_open_popup_follows_the_day_and_an_edit(page: Page, tmp_path):
    database = tmp_path / "frontline.sqlite3"
    server = start_streamlit(database)
    url = next(server)
    try:
        page.goto(f"{url}/?day={DAY}")
        frame = page.frame_locator(MAP_FRAME)
        expect(frame.locator("body")).to_have_attribute(
            "data-frontline-day", DAY, timeout=60_000
        )
        frame.locator('path[data-district="andalus"]').click()
        popup = frame.locator(".leaflet-popup-content")
        expect(popup).to_contain_text("Held by Islamic State")
        expect(popup).to_contain_text("57 days old")

        slider = page.get_by_role("slider")
        slider.focus()
        for _ in range(30):
            page.keyboard.press("ArrowRight")
        expect(frame.locator("body")).to_have_attribute(
            "data-frontline-day", "2017-08-31"
        )
        expect(popup).to_contain_text("87 days old")

        edit = pd.DataFrame(
            [
                report(
                    "popup-1",
                    "2017-08-31",
                    "andalus",
                    "held",
                    actor="sdf",
                    source="Open popup test source",
                )
            ],
            columns=REPORT_COLUMNS,
        )
        engine = open_database(f"sqlite:///{database}")
        add_reports(engine, EDITOR, load_city(RAQQA), edit, origin="another desk")
        engine.dispose()

        expect(popup).to_contain_text("Open popup test source", timeout=15_000)
        expect(popup).not_to_contain_text("Held by Islamic State")
    finally:
        server.close()
