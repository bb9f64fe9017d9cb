"""The map in Chromium: every district drawn, slider restyles, clicks show claims."""

import json
import re
import urllib.request

import pytest
import shapely
from playwright.sync_api import FrameLocator, Page, expect

from tests.conftest import RAQQA, report_days
from tests.e2e.conftest import MAP_FRAME, READY_PATH, map_frame

FEATURES = len(json.loads((RAQQA / "districts.geojson").read_text())["features"])
LAST_DAY = report_days()[-1]
SDF_COLOUR = "#e0a800"


def open_map(page: Page, url: str, day: str) -> FrameLocator:
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("body")).to_have_attribute(
        "data-frontline-day", day, timeout=30_000
    )
    return frame


def district(frame: FrameLocator, district_id: str):
    return frame.locator(f'path[data-district="{district_id}"]')


def click_inside(page: Page, district_id: str) -> None:
    """Centre the map on a point inside the district, as a user would, and click it."""
    features = json.loads((RAQQA / "districts.geojson").read_text())["features"]
    shape = next(
        shapely.geometry.shape(feature["geometry"])
        for feature in features
        if feature["properties"]["id"] == district_id
    )
    inside = shape.representative_point()
    frame = map_frame(page)
    point = frame.evaluate(
        """([lat, lng]) => {
            window.map.setView([lat, lng], 16, {animate: false});
            return window.map.latLngToContainerPoint([lat, lng]);
        }""",
        [inside.y, inside.x],
    )
    frame.wait_for_function(
        """([x, y, id]) => {
            const box = document.getElementById("map_div").getBoundingClientRect();
            const hit = document.elementFromPoint(box.left + x, box.top + y);
            return hit && hit.dataset.district === id;
        }""",
        arg=[point["x"], point["y"], district_id],
    )
    frame.locator("#map_div").click(position={"x": point["x"], "y": point["y"]})


@pytest.fixture
def raqqa_map(page: Page, app_url: str) -> FrameLocator:
    return open_map(page, app_url, "2017-08-01")


def test_map_draws_every_district_and_landmark(raqqa_map: FrameLocator):
    expect(raqqa_map.locator("path[data-district]")).to_have_count(FEATURES)
    expect(raqqa_map.locator(".frontline-day")).to_have_text("1 Aug 2017")
    expect(raqqa_map.locator(".leaflet-control-attribution")).to_contain_text(
        "Schematic boundaries"
    )


LANDMARKS = [
    feature["properties"]["id"]
    for feature in json.loads((RAQQA / "districts.geojson").read_text())["features"]
    if feature["properties"]["kind"] == "landmark"
]
COVERED_DOTS = """(ids) => ids.filter((id) => {
    const dot = document.querySelector(`path[data-district="${id}"]`);
    const { left, top, right, bottom, width, height } = dot.getBoundingClientRect();
    const inView = left >= 0 && top >= 0 && right <= innerWidth
        && bottom <= innerHeight;
    // Its whole ring, not only its middle: 1 px inside each edge.
    const ring = [[left + 1, top + height / 2], [right - 1, top + height / 2],
        [left + width / 2, top + 1], [left + width / 2, bottom - 1]];
    return inView && ring.some(([x, y]) => {
        const hit = document.elementFromPoint(x, y);
        return hit !== null && hit !== dot && hit.matches("path[data-district]");
    });
})"""
"""The landmarks in view whose dot an area (or another dot) covers in part."""


def test_every_landmark_dot_is_drawn_above_the_areas(
    page: Page, raqqa_map: FrameLocator
):
    frame = map_frame(page)
    assert len(LANDMARKS) >= 5
    assert frame.evaluate(COVERED_DOTS, LANDMARKS) == []

    # A step that outlines the districts it changed raises them: still under.
    page.get_by_role("button", name="Next report day").click()
    expect(raqqa_map.locator("body")).not_to_have_attribute(
        "data-frontline-day", "2017-08-01"
    )
    assert frame.evaluate(COVERED_DOTS, LANDMARKS) == []


def test_slider_step_repaints_a_district_without_reloading_the_map(
    page: Page, raqqa_map: FrameLocator
):
    hisham = district(raqqa_map, "hisham_bin_abdulmalik")
    contested_fill = hisham.get_attribute("fill")
    raqqa_map.locator("body").evaluate("() => { window.sameDocument = true; }")

    page.get_by_role("button", name="Next report day").click()

    expect(raqqa_map.locator(".frontline-day")).to_have_text("3 Aug 2017")
    expect(raqqa_map.locator("body")).to_have_attribute(
        "data-frontline-day", "2017-08-03"
    )
    expect(hisham).to_have_attribute("fill", SDF_COLOUR)
    assert contested_fill != SDF_COLOUR
    assert raqqa_map.locator("body").evaluate("() => window.sameDocument === true")


def test_the_timeline_steps_back_and_forth_and_stops_at_its_ends(page: Page, app_url):
    body = open_map(page, f"{app_url}/?day=2017-06-07", "2017-06-07").locator("body")
    previous = page.get_by_role("button", name="Previous report day")

    previous.click()
    expect(body).to_have_attribute("data-frontline-day", "2017-06-06")
    expect(previous).to_be_disabled()
    expect(page.get_by_role("slider", name="Day")).to_have_attribute(
        "aria-valuetext", "6 Jun 2017, report day"
    )

    page.get_by_role("slider", name="Day").focus()
    page.keyboard.press("End")
    expect(body).to_have_attribute("data-frontline-day", LAST_DAY)
    expect(page.get_by_role("button", name="Next report day")).to_be_disabled()


def test_play_moves_a_day_a_second_until_paused(page: Page, raqqa_map: FrameLocator):
    body = raqqa_map.locator("body")

    page.get_by_role("button", name="Play").click()
    expect(body).to_have_attribute("data-frontline-day", "2017-08-03")
    expect(body).to_have_attribute("data-frontline-day", "2017-08-07")
    page.get_by_role("button", name="Pause").click()
    paused_on = body.get_attribute("data-frontline-day")
    page.wait_for_timeout(2_500)

    assert body.get_attribute("data-frontline-day") == paused_on
    expect(page.get_by_role("button", name="Play")).to_have_attribute(
        "aria-pressed", "false"
    )


def test_on_a_phone_the_timeline_fits_the_screen(page: Page, app_url):
    page.set_viewport_size({"width": 390, "height": 844})
    open_map(page, app_url, "2017-08-01")

    play = page.get_by_role("button", name="Play").bounding_box()
    slider = page.get_by_role("slider", name="Day").bounding_box()

    assert play["x"] + play["width"] <= 390
    assert slider["width"] > 250


def test_clicking_a_district_shows_its_claims(page: Page, raqqa_map: FrameLocator):
    click_inside(page, "nazlat_shahada")

    popup = raqqa_map.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Nazlat Shahada")
    expect(popup).to_contain_text("Syria Direct")
    expect(popup.locator("a[href^='https://']").first).to_be_visible()
    # SOHR's capture claim is denied by the SDF, not withdrawn: it still counts
    # (the district is disputed), so it is marked, not struck out.
    denied = popup.locator(".denied").first
    expect(denied).to_contain_text("SOHR")
    expect(denied).not_to_have_css("text-decoration-line", "line-through")
    expect(popup).to_contain_text("(denied)")
    expect(
        page.get_by_text(re.compile(r"reports up to 1 Aug 2017, newest first"))
    ).to_be_visible()
    expect(page.get_by_role("combobox", name="District")).to_have_value(
        re.compile(r"^Nazlat Shahada")
    )


def test_a_link_with_two_sources_opens_their_pickers(page: Page, app_url):
    open_map(page, f"{app_url}/?versus=monitor%7Cparty", "2017-08-01")

    expect(page.get_by_role("combobox", name="Source", exact=True)).to_have_value(
        "every monitor source"
    )
    expect(page.get_by_role("combobox", name="Against", exact=True)).to_have_value(
        "every party source"
    )


def test_the_readiness_check_runs_the_whole_app_once(app_url):
    with urllib.request.urlopen(f"{app_url}{READY_PATH}", timeout=60) as answer:
        assert answer.status == 200
        assert answer.read() == b"ok"
