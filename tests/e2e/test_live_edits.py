"""An editor's new report reaches a reader's open map with no action by the reader."""

import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from storage.access import Role
from storage.database import open_database
from storage.users import create_user
from tests.e2e.conftest import MAP_FRAME, start_streamlit

PASSWORD = "a long editor password for live edits"
SDF_COLOUR = "#e0a800"
IS_COLOUR = "#2b2b2b"
PLACE_LABEL = "Place: a district (English, Arabic or alias), a group or the whole city"
REPAINT_BOUND_SECONDS = 10
"""From the editor's saved report to the reader's repaint: the page checks for
edits each second (app_pages/map.py); the rest is the reader's map being redrawn on
a 2-core machine shared with the editor's browser and the server."""
# Whether a district has a fill on the page's map, in whichever map frame shows
# it (were the map rebuilt, for a moment the old frame would be there too).
FILLED_ON_THE_MAP = """([frameSelector, district, fill]) => [
  ...document.querySelectorAll(frameSelector)
].some((frame) => {
  const body = frame.contentDocument && frame.contentDocument.body;
  const path = body && body.querySelector(`path[data-district="${district}"]`);
  return path !== null && path.getAttribute("fill") === fill;
})"""


# The zoom of the Leaflet map in the map frame (folium names it map_<id>).
MAP_ZOOM = """() => {
  const name = Object.keys(window).find(
    (key) => key.startsWith("map_") && window[key] instanceof L.Map
  );
  return window[name].getZoom();
}"""


@pytest.fixture(scope="module")
def live_desk_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database = tmp_path_factory.mktemp("live_desk") / "frontline.sqlite3"
    engine = open_database(f"sqlite:///{database}")
    create_user(engine, "bea", PASSWORD, role=Role.EDITOR, display_name="Bea")
    engine.dispose()
    yield from start_streamlit(database)


def add_andalus_held_by_the_sdf(page: Page) -> None:
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill("bea")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(sidebar.get_by_text("Logged in as Bea (editor).")).to_be_visible()
    sidebar.get_by_role("link", name="Reports").click()
    page.get_by_text("Add a report").click()
    form = page.get_by_test_id("stForm")
    form.get_by_label(PLACE_LABEL).fill("Andalous")
    page.get_by_role("option", name="al-Andalus · الأندلس").click()
    form.get_by_label("Source (who said it)").fill("Live edit test source")
    form.get_by_label("URL (http or https)").fill("https://example.org/live-edit")
    form.get_by_label("Note: a short paraphrase").fill("Written for a browser test.")
    form.get_by_role("button", name="Add report").click()
    expect(page.get_by_text("Every open map shows it")).to_be_visible()


def test_an_edit_repaints_another_readers_open_map_in_place(
    page: Page, browser: Browser, live_desk_url: str
):
    reader = browser.new_page(viewport={"width": 1280, "height": 1000})
    reader.goto(f"{live_desk_url}/?day=2017-08-01")
    reader_map = reader.frame_locator(MAP_FRAME)
    andalus = reader_map.locator('path[data-district="andalus"]')
    expect(andalus).to_have_attribute("fill", IS_COLOUR, timeout=30_000)
    # The reader zooms in, and the frame gets a mark a reloaded frame would lose.
    frame = reader.locator(MAP_FRAME).element_handle().content_frame()
    zoom = frame.evaluate(MAP_ZOOM)
    reader_map.locator(".leaflet-control-zoom-in").click()
    frame.wait_for_function(f"() => ({MAP_ZOOM})() === {zoom + 1}")
    frame.evaluate("() => { window.readerWasHere = true; }")

    page.goto(f"{live_desk_url}/?day=2017-08-01")
    expect(page.frame_locator(MAP_FRAME).locator("body")).to_have_attribute(
        "data-frontline-day", "2017-08-01", timeout=30_000
    )
    add_andalus_held_by_the_sdf(page)
    saved = time.monotonic()

    # Nothing is done in the reader's page: its map follows on its own.
    reader.wait_for_function(
        FILLED_ON_THE_MAP,
        arg=[MAP_FRAME, "andalus", SDF_COLOUR],
        timeout=REPAINT_BOUND_SECONDS * 1000,
    )
    assert time.monotonic() - saved < REPAINT_BOUND_SECONDS
    expect(reader.locator(MAP_FRAME)).to_have_count(1)
    expect(andalus).to_have_attribute("fill", SDF_COLOUR)
    expect(reader_map.locator("body")).to_have_attribute(
        "data-frontline-day", "2017-08-01"
    )
    # Patched in place: the same frame, still zoomed in where the reader left it.
    expect(reader_map.locator("body")).to_have_attribute(
        "data-frontline-patched", re.compile(r"^\d+$")
    )
    assert frame.evaluate("() => window.readerWasHere === true")
    assert frame.evaluate(MAP_ZOOM) == zoom + 1
    reader.close()
