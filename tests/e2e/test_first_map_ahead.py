"""A browser's request for the page starts its city's first map before the script runs.

The requests here are plain HTTP: no websocket, so no script of the page ever
runs. Whatever appears on disk was made by ``ui.prepare_ahead`` alone; a reader
who then opens the page is served the very bundle file it made.
"""

import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import write_small_city
from tests.e2e.conftest import MAP_FRAME, ROOT, map_frame, start_streamlit
from ui.static_files import remove_generated

GENERATED = ROOT / "static" / "generated"
AHEAD, OTHER = "aheadville", "otherville"
BUNDLE_URL = """() => performance.getEntriesByType("resource")
  .map((entry) => entry.name)
  .find((name) => name.includes("/generated/aheadville-") && name.endsWith(".json"))"""


@pytest.fixture
def server(tmp_path: Path):
    cities = tmp_path / "cities"
    for city in (AHEAD, OTHER):
        write_small_city(cities / city, city)
    cache = tmp_path / "cache"
    running = start_streamlit(
        tmp_path / "frontline.sqlite3", cities, FRONTLINE_CACHE_DIR=str(cache)
    )
    yield next(running), cache
    running.close()
    for city in (AHEAD, OTHER):
        for bundle in GENERATED.glob(f"{city}-*.json"):
            remove_generated(bundle)


def ask(url: str, accept: str = "text/html,application/xhtml+xml") -> None:
    request = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()


def made_for(city: str, cache: Path) -> tuple[list[Path], list[Path]]:
    """The city's checked tables kept and its map bundle files, as now on disk."""
    return (
        sorted((cache / city).glob("*.districts.parquet")),
        sorted(GENERATED.glob(f"{city}-*.json")),
    )


def wait_until_made(city: str, cache: Path) -> tuple[list[Path], list[Path]]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        tables, bundles = made_for(city, cache)
        if tables and bundles:
            return tables, bundles
        time.sleep(0.1)
    pytest.fail(f"nothing was made for {city} within 60 s of its page request")


def test_a_page_request_makes_its_citys_map_and_the_page_then_uses_it(
    page: Page, server
):
    url, cache = server
    assert made_for(AHEAD, cache) == ([], [])

    ask(f"{url}/?city={AHEAD}")
    _, [bundle] = wait_until_made(AHEAD, cache)

    page.goto(f"{url}/?city={AHEAD}&day=2020-01-02")
    expect(page.frame_locator(MAP_FRAME).locator("body")).to_have_attribute(
        "data-frontline-day", "2020-01-02", timeout=60_000
    )
    assert map_frame(page).evaluate(BUNDLE_URL).endswith(f"/{bundle.name}")
    assert made_for(AHEAD, cache)[1] == [bundle]


def test_requests_that_are_not_a_page_of_a_city_make_nothing(server):
    url, cache = server
    ask(f"{url}/?city={OTHER}", accept="application/json")
    ask(f"{url}/_stcore/health?city={OTHER}")
    ask(f"{url}/?city={OTHER}&snapshot=1")
    ask(f"{url}/?city=..%2F{OTHER}")

    # One worker takes requests in order: once a later page request's city is
    # made, anything queued before it would have been made too.
    ask(f"{url}/?city={AHEAD}")
    wait_until_made(AHEAD, cache)

    assert made_for(OTHER, cache) == ([], [])
