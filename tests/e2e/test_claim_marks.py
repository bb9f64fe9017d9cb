"""How a popup marks the claims behind a colour: denied ones stay, withdrawn ones go.

A claim another party denies still counts (the district is disputed), so it is
marked "(denied)" and stays readable; one its own source withdrew no longer
counts and is struck through. The tiny city has one of each: Red media's claim
on West, denied by another source, and a claim on the mill its source withdrew.
"""

from playwright.sync_api import Page, expect

from tests.e2e.conftest import MAP_FRAME, map_frame, start_streamlit
from tests.maplayer.tiny_city import tiny_city

OPEN_POPUP = """(id) => Object.values(window.map._layers)
  .find((layer) => layer.getElement?.()?.getAttribute("data-district") === id)
  .openPopup()"""


def test_a_denied_claim_stays_readable_and_a_withdrawn_one_is_struck_out(
    page: Page, tmp_path
):
    tiny_city(tmp_path / "cities" / "tiny")
    server = start_streamlit(tmp_path / "frontline.sqlite3", tmp_path / "cities")
    url = next(server)
    try:
        page.goto(f"{url}/?day=2020-01-08")
        frame = page.frame_locator(MAP_FRAME)
        expect(frame.locator("body")).to_have_attribute(
            "data-frontline-day", "2020-01-08", timeout=60_000
        )
        popup = frame.locator(".leaflet-popup-content")

        map_frame(page).evaluate(OPEN_POPUP, "west")
        denied = popup.locator(".denied")
        expect(denied).to_contain_text("Red media")
        expect(popup).to_contain_text("(denied)")
        expect(denied).not_to_have_css("text-decoration-line", "line-through")

        map_frame(page).evaluate("() => window.map.closePopup()")
        expect(popup).to_have_count(0)
        map_frame(page).evaluate(OPEN_POPUP, "mill")
        withdrawn = popup.locator(".withdrawn")
        expect(popup).to_contain_text("(withdrawn)")
        expect(withdrawn).to_have_css("text-decoration-line", "line-through")
    finally:
        server.close()
