"""A link to any page works as the first visit a fresh server gets.

A desk shares links to the Reports or Published maps page, and the server may just
have restarted. Streamlit runs the scripts of a folder named ``pages/`` on their own
(its older, folder-based navigation) until the router has run once: such a link
showed a list of file names instead of the desk's pages, and no city picker. The
page scripts live in ``app_pages/`` for that reason.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import start_streamlit


@pytest.fixture
def fresh_server(tmp_path) -> Iterator[str]:
    """A server no reader (and no health check) has opened a page of yet."""
    yield from start_streamlit(tmp_path / "frontline.sqlite3")


@pytest.mark.parametrize("path", ["reports", "snapshots"])
def test_a_page_link_opened_first_shows_the_desks_pages_and_city(
    page: Page, fresh_server: str, path: str
):
    page.goto(f"{fresh_server}/{path}")

    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_test_id("stSelectbox")).to_be_visible(timeout=60_000)
    expect(sidebar.get_by_role("link", name="Map", exact=True)).to_be_visible()
    expect(sidebar.get_by_role("link", name="Published maps")).to_be_visible()
    expect(sidebar.get_by_role("link", name="app", exact=True)).to_have_count(0)
