"""A published map in Chromium: its link paints the data it was published with."""

from collections.abc import Iterator
from datetime import date

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from geo.io import load_city
from geo.schema import REPORT_COLUMNS
from geo.snapshots import Publication
from geo.view_state import ViewState
from storage.access import Identity, Role
from storage.database import data_version, open_database
from storage.reports import add_reports, seed_city
from storage.snapshots import publish_snapshot
from tests.conftest import RAQQA, report
from tests.e2e.conftest import MAP_FRAME, start_streamlit

DISTRICT = "hisham_bin_abdulmalik"  # held by the SDF on 3 Aug 2017
DAY = "2017-08-03"
SDF_COLOUR = "#e0a800"
EDITOR = Identity("Map desk", Role.EDITOR, "password")


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A server whose Hisham was published held by the SDF, then disputed by a report.

    Yields the server's URL and the snapshot's id.
    """
    database = tmp_path_factory.mktemp("snapshots") / "frontline.sqlite3"
    engine = open_database(f"sqlite:///{database}")
    city = load_city(RAQQA)
    seed_city(engine, city)
    found = publish_snapshot(
        engine,
        EDITOR,
        city,
        Publication(
            "raqqa",
            ViewState(day=date.fromisoformat(DAY), district=DISTRICT),
            "Hisham falls to the SDF",
            byline="Map desk",
        ),
        data_sequence=data_version(engine, city.name),
    )
    add_reports(
        engine,
        EDITOR,
        city,
        pd.DataFrame(
            [report("r-later", DAY, DISTRICT, "held", actor="is", source="Amaq")],
            columns=REPORT_COLUMNS,
        ),
        origin="form",
    )
    engine.dispose()
    for url in start_streamlit(database):
        yield url, found.id


def hisham_fill(page: Page, address: str):
    page.goto(address)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("body")).to_have_attribute(
        "data-frontline-day", DAY, timeout=30_000
    )
    return frame.locator(f'path[data-district="{DISTRICT}"]')


def test_a_snapshot_embed_still_paints_the_published_colour_at_320_px(
    page: Page, published
):
    url, snapshot_id = published
    page.set_viewport_size({"width": 320, "height": 900})

    hisham = hisham_fill(page, f"{url}/?city=raqqa&snapshot={snapshot_id}&embed=true")

    expect(hisham).to_have_attribute("fill", SDF_COLOUR)
    expect(page.get_by_text("Hisham falls to the SDF")).to_be_visible()
    expect(page.get_by_text("Situation on 3 Aug 2017 · as published")).to_be_visible()
    expect(page.get_by_text("Updated since publication: 1 change")).to_be_visible()
    expect(page.locator("[data-testid='stExpandSidebarButton']")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    live = hisham_fill(page, f"{url}/?city=raqqa&day={DAY}")
    expect(live).not_to_have_attribute("fill", SDF_COLOUR)
