"""The sidebar (city picker, login) stays on pages that stop before an upload."""

import pytest
from playwright.sync_api import Page, expect


@pytest.mark.parametrize("link", ["New city", "City settings"])
def test_the_sidebar_stays_on_a_page_that_stops_early(page: Page, app_url: str, link):
    page.goto(app_url)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_test_id("stSelectbox")).to_be_visible(timeout=30_000)
    sidebar.get_by_role("link", name=link).click()

    expect(page.get_by_text("needs an editor login")).to_be_visible(timeout=30_000)
    picker = sidebar.get_by_test_id("stSelectbox")
    expect(picker).to_be_visible(timeout=30_000)
    expect(sidebar.get_by_text("Schematic boundaries.", exact=False)).to_be_visible()
    expect(sidebar.get_by_role("link", name="Log in")).to_be_visible()
