"""A private desk shows nothing of its cities before login (issue 17, item 7).

Before: the city picker listed the cities on the login page, and the map bundle
(every district and report) was a file in ``static/generated/`` that answered
anyone with its address, and that nginx kept for seven days. Now the picker
waits for a login and the bundle travels inside a logged-in session's map.
"""

import secrets
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from tests.conftest import TWO_SQUARES, report, write_city
from tests.e2e.conftest import (  # noqa: F401 (fixtures: Debian's Chromium)
    MAP_FRAME,
    browser_context_args,
    browser_type_launch_args,
    start_streamlit,
)
from ui.static_files import GENERATED_DIR

HEADER = "X-Test-User-Email"
READER = "reader@news.example"


@pytest.fixture(scope="module")
def private_desk(tmp_path_factory) -> Iterator[tuple[str, str]]:
    """A private desk of one city, named so no other test publishes its files."""
    cities = tmp_path_factory.mktemp("private")
    name = f"private{secrets.token_hex(4)}"
    write_city(
        cities / name,
        TWO_SQUARES,
        [report("r1", "2020-01-02", "west", "held", actor="blue")],
    )
    for url in start_streamlit(
        cities / "frontline.sqlite3",
        cities,
        FRONTLINE_PRIVATE="true",
        FRONTLINE_LOGIN="header",
        STREAMLIT_SERVER_TRUSTED_USER_HEADERS=f'{{"{HEADER}": "email"}}',
    ):
        yield url, name


@pytest.mark.browser
def test_before_login_no_city_is_named(browser: Browser, private_desk):
    url, _ = private_desk
    page = browser.new_page()

    page.goto(url)

    expect(page.get_by_text("This desk's map is private")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("combobox", name="City")).to_have_count(0)
    expect(page.get_by_text("Testville")).to_have_count(0)
    page.close()


@pytest.mark.browser
def test_a_logged_in_reader_gets_the_map_without_a_file_anyone_could_fetch(
    browser: Browser, private_desk
):
    url, name = private_desk
    context = browser.new_context(
        extra_http_headers={HEADER: READER}, viewport={"width": 1280, "height": 1000}
    )
    page = context.new_page()

    page.goto(url)

    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("path[data-district]")).to_have_count(len(TWO_SQUARES))
    expect(page.get_by_role("combobox", name="City")).to_have_count(1)
    assert list(GENERATED_DIR.glob(f"{name}-*")) == []
    context.close()
