"""Behind a proxy that vouches for the user with a header, listed editors may edit."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import start_streamlit

HEADER = "X-Test-User-Email"


@pytest.fixture(scope="module")
def proxied_url(tmp_path_factory) -> Iterator[str]:
    database = tmp_path_factory.mktemp("header") / "frontline.sqlite3"
    yield from start_streamlit(
        database,
        FRONTLINE_LOGIN="header",
        FRONTLINE_EDITORS="editor@news.example",
        STREAMLIT_SERVER_TRUSTED_USER_HEADERS=f'{{"{HEADER}": "email"}}',
    )


@pytest.mark.parametrize(
    ("email", "may_edit"),
    [("editor@news.example", True), ("reader@news.example", False)],
)
def test_only_listed_addresses_get_the_add_form(
    browser: Browser, proxied_url: str, email: str, may_edit: bool
):
    context = browser.new_context(
        extra_http_headers={HEADER: email}, viewport={"width": 1280, "height": 1000}
    )
    page = context.new_page()
    page.goto(proxied_url)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text(f"Logged in as {email}")).to_be_visible(timeout=30_000)

    sidebar.get_by_role("link", name="Reports").click()
    expect(page.get_by_text("109 of 109 reports")).to_be_visible()
    expect(page.get_by_text("Add a report")).to_have_count(1 if may_edit else 0)
    context.close()


def test_without_the_header_nobody_is_logged_in(browser: Browser, proxied_url: str):
    page = browser.new_page()
    page.goto(proxied_url)
    expect(page.get_by_text("none was sent")).to_be_visible(timeout=30_000)
    page.close()
