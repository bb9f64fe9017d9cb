"""Hostile report text stays inert in a real browser: tooltips, popups, links.

(A ``javascript:`` URL never gets this far: loading refuses it; see tests/geo.)
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import TWO_SQUARES, report, write_city
from tests.e2e.conftest import MAP_FRAME, start_streamlit

PAYLOAD = (
    '<img src=x onerror="parent.pwned=1;window.pwned=1">'
    "<script>window.pwned=1</script>`${window.pwned=1}`"
)


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory) -> Iterator[str]:
    cities = tmp_path_factory.mktemp("cities")
    write_city(
        cities / "testville",
        TWO_SQUARES,
        [
            report(
                "r1",
                "2020-01-02",
                "west",
                "held",
                actor="red",
                note=PAYLOAD,
                source=PAYLOAD,
            ),
            report(
                "r2",
                "2020-01-02",
                "east",
                "contested",
                url='https://example.org/"><img/src=x/onerror=parent.pwned=1>',
                source="Click me",
            ),
        ],
    )
    yield from start_streamlit(cities / "frontline.sqlite3", cities)


def test_hostile_note_and_url_do_not_run(page: Page, hostile_url: str):
    page.goto(f"{hostile_url}/?day=2020-01-02")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("body")).to_have_attribute(
        "data-frontline-day", "2020-01-02", timeout=30_000
    )

    for district_id in ("east", "west"):
        path = frame.locator(f'path[data-district="{district_id}"]')
        path.hover()
        path.click()
        popup = frame.locator(".leaflet-popup-content").last
        expect(popup).to_contain_text(district_id.title())
        if district_id == "east":
            expect(popup).to_contain_text("Click me")
            href = popup.locator("a").get_attribute("href")
            assert href.startswith("https://example.org/")
            # East's popup may lie over West: close it, as a reader would.
            frame.locator(".leaflet-popup-close-button").click()
            expect(popup).to_have_count(0)

    # The map click selects West, whose hostile note and source fill the ledger.
    expect(page.get_by_role("combobox", name="District")).to_have_value("West")
    expect(page.get_by_text("up to 2 Jan 2020, newest first")).to_be_visible()
    assert page.evaluate("() => window.pwned") is None
    assert frame.locator("body").evaluate("() => window.pwned") is None
    assert frame.locator("img[src=x]").count() == 0
