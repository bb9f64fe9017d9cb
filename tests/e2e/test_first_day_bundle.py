"""A big city's first map is drawn from its day alone, then every day arrives.

The city has ``FIRST_BUNDLE_FROM_CLAIMS`` reports, so its first reader's map
opens on a first bundle (``ui.city_cache.first_bundle_day``), and the page has
the server build the whole one as it draws the map. The browser holds back that
download until the test lets it go, so the moment in between is seen for
certain: the day
shown is right, a step waits and says so, and once the whole bundle is in, the
step is painted with the right colours, in the same frame.
"""

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from tests.conftest import CITY_TOML, TWO_SQUARES, report, write_city
from tests.e2e.conftest import MAP_FRAME, ROOT, day_on_map, map_frame, start_streamlit
from ui.city_cache import FIRST_BUNDLE_FROM_CLAIMS
from ui.static_files import remove_generated

CITY = "bigville"
GENERATED = ROOT / "static" / "generated"
WHOLE_BUNDLE = re.compile(rf"/generated/{CITY}-[0-9a-f]{{20}}\.json$")
FIRST_BUNDLE = re.compile(rf"/generated/{CITY}-[0-9a-f]{{20}}-2020-01-10\.json$")
LOADED_BUNDLES = """() => performance.getEntriesByType("resource")
  .map((entry) => entry.name)
  .filter((name) => name.includes("/generated/bigville-"))"""


def big_city_reports() -> list[dict]:
    """West held by red throughout; east by red up to 10 Jan, by blue from 11 Jan."""
    rows = []
    for number in range(FIRST_BUNDLE_FROM_CLAIMS):
        day = 1 + number % 20
        district = ("west", "east")[number // 20 % 2]  # both, every day
        actor = "blue" if district == "east" and day > 10 else "red"
        rows.append(
            report(f"r{number}", f"2020-01-{day:02}", district, "held", actor=actor)
        )
    return rows


@pytest.fixture
def big_city_url(tmp_path: Path):
    cities = tmp_path / "cities"
    write_city(
        cities / CITY,
        TWO_SQUARES,
        big_city_reports(),
        CITY_TOML.replace('name = "Testville"', f'name = "{CITY}"'),
    )
    running = start_streamlit(tmp_path / "frontline.sqlite3", cities)
    yield next(running)
    running.close()
    for bundle in GENERATED.glob(f"{CITY}-*.json"):
        remove_generated(bundle)


def fill_of(page: Page, district: str) -> str:
    path = page.frame_locator(MAP_FRAME).locator(f'path[data-district="{district}"]')
    return path.get_attribute("fill")


def wait_for_whole_bundle_file() -> None:
    deadline = time.monotonic() + 60
    while not any(
        WHOLE_BUNDLE.search(f"/generated/{path.name}")
        for path in GENERATED.glob(f"{CITY}-*.json")
    ):
        assert time.monotonic() < deadline, "the whole bundle was not built in 60 s"
        time.sleep(0.1)


def test_a_big_citys_first_map_shows_its_day_at_once_and_other_days_once_built(
    page: Page, big_city_url: str
):
    held: list[Route] = []

    def hold(route: Route) -> None:
        held.append(route)

    page.route(WHOLE_BUNDLE, hold)
    page.goto(f"{big_city_url}/?city={CITY}&day=2020-01-10")
    body = page.frame_locator(MAP_FRAME).locator("body")
    expect(body).to_have_attribute("data-frontline-day", "2020-01-10", timeout=60_000)
    expect(body).to_have_attribute("data-frontline-timeline", "one-day")
    assert any(
        FIRST_BUNDLE.search(name) for name in map_frame(page).evaluate(LOADED_BUNDLES)
    )
    expect(day_on_map(page)).to_have_text("10 Jan 2020")
    assert fill_of(page, "east") == fill_of(page, "west")  # both held by red

    page.get_by_role("slider", name="Day").focus()
    page.keyboard.press("ArrowRight")

    expect(day_on_map(page)).to_have_text("10 Jan 2020Loading…")
    expect(body).to_have_attribute("data-frontline-waiting", "2020-01-11")
    expect(body).to_have_attribute("data-frontline-day", "2020-01-10")
    assert fill_of(page, "east") == fill_of(page, "west")  # not painted as 11 Jan

    wait_for_whole_bundle_file()
    deadline = time.monotonic() + 30
    while not held:  # the map asks for the whole bundle again until it is there
        assert time.monotonic() < deadline, "the map did not ask for the whole bundle"
        page.wait_for_timeout(100)
    for route in held:
        route.continue_()
    page.unroute(WHOLE_BUNDLE, hold)

    expect(body).to_have_attribute("data-frontline-timeline", "whole", timeout=30_000)
    expect(body).to_have_attribute("data-frontline-day", "2020-01-11")
    expect(day_on_map(page)).to_have_text("11 Jan 2020")
    assert fill_of(page, "east") != fill_of(page, "west")  # east now held by blue
    page.keyboard.press("ArrowLeft")
    expect(body).to_have_attribute("data-frontline-day", "2020-01-10")
    assert fill_of(page, "east") == fill_of(page, "west")


def test_once_the_whole_bundle_is_built_a_new_reader_loads_it_alone(
    page: Page, big_city_url: str
):
    page.goto(f"{big_city_url}/?city={CITY}&day=2020-01-10")
    body = page.frame_locator(MAP_FRAME).locator("body")
    expect(body).to_have_attribute("data-frontline-timeline", "whole", timeout=60_000)
    wait_for_whole_bundle_file()

    second = page.context.new_page()
    second.goto(f"{big_city_url}/?city={CITY}&day=2020-01-15")
    second_body = second.frame_locator(MAP_FRAME).locator("body")
    expect(second_body).to_have_attribute(
        "data-frontline-day", "2020-01-15", timeout=60_000
    )
    expect(second_body).to_have_attribute("data-frontline-timeline", "whole")
    loaded = map_frame(second).evaluate(LOADED_BUNDLES)
    assert len(loaded) == 1
    assert WHOLE_BUNDLE.search(loaded[0])
