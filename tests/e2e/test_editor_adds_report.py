"""An editor logs in with a password, adds a report, and the map repaints."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, Page, expect

from storage.access import Role
from storage.database import open_database
from storage.users import create_user
from tests.e2e.conftest import MAP_FRAME, start_streamlit

PASSWORD = "a long editor password"
SDF_COLOUR = "#e0a800"
IS_COLOUR = "#2b2b2b"
PLACE_LABEL = "Place: a district (English, Arabic or alias), a group or the whole city"


@pytest.fixture(scope="module")
def desk_url(tmp_path_factory) -> Iterator[str]:
    database = tmp_path_factory.mktemp("desk") / "frontline.sqlite3"
    engine = open_database(f"sqlite:///{database}")
    create_user(engine, "alice", PASSWORD, role=Role.EDITOR, display_name="Alice")
    engine.dispose()
    yield from start_streamlit(database)


def log_in_and_open_the_add_form(page: Page) -> Locator:
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(sidebar.get_by_text("Logged in as Alice (editor).")).to_be_visible()
    expect(sidebar.get_by_role("link", name="Log in")).to_have_count(0)

    sidebar.get_by_role("link", name="Reports").click()
    page.get_by_text("Add a report").click()
    return page.get_by_test_id("stForm")


def add_held_by_the_sdf(page: Page, form: Locator) -> None:
    form.get_by_label("Source (who said it)").fill("Browser test source")
    form.get_by_label("URL (http or https)").fill("https://example.org/browser-test")
    form.get_by_label("Note: a short paraphrase").fill("Written for a browser test.")
    form.get_by_role("button", name="Add report").click()
    expect(page.get_by_text("Every open map shows it")).to_be_visible()
    page.get_by_test_id("stSidebar").get_by_role("link", name="Map", exact=True).click()


def test_an_editors_new_report_repaints_the_district(page: Page, desk_url: str):
    page.goto(f"{desk_url}/?day=2017-08-01")
    andalus = page.frame_locator(MAP_FRAME).locator('path[data-district="andalus"]')
    expect(andalus).to_have_attribute("fill", IS_COLOUR, timeout=30_000)

    form = log_in_and_open_the_add_form(page)
    form.get_by_label(PLACE_LABEL).fill("Andalous")
    page.get_by_role("option", name="al-Andalus · الأندلس").click()
    add_held_by_the_sdf(page, form)

    andalus = page.frame_locator(MAP_FRAME).locator('path[data-district="andalus"]')
    expect(andalus).to_have_attribute("fill", SDF_COLOUR, timeout=30_000)


def test_a_city_wide_claim_repaints_every_district(page: Page, desk_url: str):
    page.goto(f"{desk_url}/?day=2017-06-06")
    districts = page.frame_locator(MAP_FRAME).locator("path[data-district]")
    expect(districts.first).to_be_visible(timeout=30_000)
    fills = {path.get_attribute("fill") for path in districts.all()}
    assert len(fills) > 1

    form = log_in_and_open_the_add_form(page)
    form.get_by_label(PLACE_LABEL).fill("whole city")
    page.get_by_role("option", name="The whole city (every district)").click()
    form.get_by_role("spinbutton", name="day, Day the claim is about").click()
    page.keyboard.type("02")
    add_held_by_the_sdf(page, form)

    page.goto(f"{desk_url}/?day=2017-08-02")
    districts = page.frame_locator(MAP_FRAME).locator("path[data-district]")
    expect(districts.first).to_have_attribute("fill", SDF_COLOUR, timeout=30_000)
    assert {path.get_attribute("fill") for path in districts.all()} == {SDF_COLOUR}
