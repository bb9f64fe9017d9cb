"""A published span in Chromium: its link's timeline runs over the span's days only."""

from collections.abc import Iterator
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from geo.io import load_city
from geo.snapshots import Publication
from geo.view_state import ViewState
from storage.access import Identity, Role
from storage.database import data_version, open_database
from storage.reports import seed_city
from storage.snapshots import publish_snapshot
from tests.conftest import RAQQA
from tests.e2e.conftest import MAP_FRAME, start_streamlit

FIRST, OPENING, LAST = date(2017, 8, 1), date(2017, 8, 3), date(2017, 8, 20)


@pytest.fixture(scope="module")
def span_link(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of Raqqa published from 1 to 20 Aug 2017, opening on 3 Aug."""
    database = tmp_path_factory.mktemp("span") / "frontline.sqlite3"
    engine = open_database(f"sqlite:///{database}")
    city = load_city(RAQQA)
    seed_city(engine, city)
    found = publish_snapshot(
        engine,
        Identity("Map desk", Role.EDITOR, "password"),
        city,
        Publication(
            "raqqa",
            ViewState(day=OPENING),
            "Raqqa in August",
            span=(FIRST, LAST),
        ),
        data_sequence=data_version(engine, city.name),
    )
    engine.dispose()
    for url in start_streamlit(database):
        yield f"{url}/?city=raqqa&snapshot={found.id}"


def test_the_span_link_slides_from_its_first_to_its_last_day_only(
    page: Page, span_link: str
):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(span_link)
    body = page.frame_locator(MAP_FRAME).locator("body")
    expect(body).to_have_attribute(
        "data-frontline-day", OPENING.isoformat(), timeout=30_000
    )
    slider = page.get_by_role("slider", name="Day")
    timeline = page.get_by_role("group", name="Timeline")

    expect(slider).to_have_attribute("max", str((LAST - FIRST).days))
    expect(slider).to_have_value(str((OPENING - FIRST).days))
    expect(timeline.locator("output")).to_have_text("3 Aug 2017")
    page.screenshot(path="/tmp/snapshot_span_1440.png")

    slider.focus()
    page.keyboard.press("End")
    expect(timeline.locator("output")).to_have_text("20 Aug 2017")
    expect(body).to_have_attribute("data-frontline-day", LAST.isoformat())
    page.keyboard.press("Home")
    expect(timeline.locator("output")).to_have_text("1 Aug 2017")
    expect(body).to_have_attribute("data-frontline-day", FIRST.isoformat())

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(span_link)
    expect(slider).to_have_attribute("max", str((LAST - FIRST).days), timeout=30_000)
    expect(timeline.locator("output")).to_have_text("3 Aug 2017")
    page.screenshot(path="/tmp/snapshot_span_390.png")
