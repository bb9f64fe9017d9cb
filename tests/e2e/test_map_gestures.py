"""Scrolling past the map scrolls the page, on a laptop and on a phone.

A reader scrolling the dashboard (or a story with the map embedded) over the map
must not zoom it away or drag the city off it; Ctrl + wheel, two fingers, and
full screen still move the map.
"""

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import MAP_FRAME, map_frame

# How far the page's main column is scrolled.
SCROLLED = """() => document.querySelector('[data-testid="stMain"]').scrollTop"""
SCROLLED_PAST = """least => document.querySelector('[data-testid="stMain"]')
  .scrollTop > least"""
RESCALED = """before => document.querySelector(".leaflet-control-scale-line")
  .textContent !== before"""
# Where the map's panes sit, and the scale bar's text: a pan moves the first, a
# zoom changes the second.
MAP_PANE = "e => e.style.transform"


def open_map(page: Page, url: str) -> tuple[dict, dict]:
    """Raqqa's map; a point on it, in the page, and the map's view as it opened."""
    page.goto(f"{url}/?city=raqqa")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("body")).to_have_attribute("data-frontline-painted", "43")
    box = page.locator(MAP_FRAME).bounding_box()
    point = {"x": box["x"] + box["width"] / 2, "y": box["y"] + 200}
    return point, view(page)


def view(page: Page) -> dict:
    frame = page.frame_locator(MAP_FRAME)
    return {
        "pane": frame.locator(".leaflet-map-pane").evaluate(MAP_PANE),
        "scale": frame.locator(".leaflet-control-scale-line").first.text_content(),
    }


def test_the_wheel_over_the_map_scrolls_the_page_and_zooms_only_with_ctrl(
    page: Page, app_url: str
):
    page.set_viewport_size({"width": 1440, "height": 900})
    point, opened = open_map(page, app_url)

    page.mouse.move(point["x"], point["y"])
    page.mouse.wheel(0, 300)

    page.wait_for_function(SCROLLED_PAST, arg=0)
    assert view(page) == opened
    note = page.frame_locator(MAP_FRAME).locator(".frontline-gesture-note")
    expect(note).to_have_text("Use Ctrl + scroll to zoom the map")

    page.evaluate(
        "() => document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0)"
    )
    point, _ = open_map(page, app_url)
    page.mouse.move(point["x"], point["y"])
    page.keyboard.down("Control")
    page.mouse.wheel(0, 300)
    page.keyboard.up("Control")

    map_frame(page).wait_for_function(RESCALED, arg=opened["scale"])


def test_the_wheel_over_the_legend_says_nothing_about_zooming(page: Page, app_url: str):
    page.set_viewport_size({"width": 1440, "height": 900})
    open_map(page, app_url)
    legend = page.frame_locator(MAP_FRAME).locator(".frontline-legend")
    box = legend.bounding_box()

    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, 300)

    page.wait_for_function(SCROLLED_PAST, arg=0)
    note = page.frame_locator(MAP_FRAME).locator(".frontline-gesture-note")
    assert note.get_attribute("data-shown") is None  # the note shows for 1.5 s


@pytest.fixture
def phone(browser: Browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    yield context.new_page()
    context.close()


def touch(page: Page, *fingers: list[tuple[float, float]]) -> None:
    """Put fingers down, move each along its path, lift them (Chromium's input)."""
    session = page.context.new_cdp_session(page)

    def points(step: int) -> list[dict]:
        return [
            {"x": path[step][0], "y": path[step][1], "id": number}
            for number, path in enumerate(fingers)
        ]

    session.send(
        "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": points(0)}
    )
    for step in range(1, len(fingers[0])):
        session.send(
            "Input.dispatchTouchEvent",
            {"type": "touchMove", "touchPoints": points(step)},
        )
        page.wait_for_timeout(16)
    session.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def test_on_a_phone_one_finger_scrolls_the_page_and_two_move_the_map(
    phone: Page, app_url: str
):
    point, opened = open_map(phone, app_url)
    x, y = point["x"], point["y"]

    touch(phone, [(x, y - step * 20) for step in range(16)])

    phone.wait_for_function(SCROLLED_PAST, arg=100)
    assert view(phone) == opened
    note = phone.frame_locator(MAP_FRAME).locator(".frontline-gesture-note")
    expect(note).to_have_text("Use two fingers to move the map")

    point, opened = open_map(phone, app_url)
    x, y = point["x"], point["y"]
    touch(
        phone,
        [(x - 20 - step * 8, y) for step in range(11)],
        [(x + 20 + step * 8, y) for step in range(11)],
    )

    map_frame(phone).wait_for_function(RESCALED, arg=opened["scale"])
    assert phone.evaluate(SCROLLED) == 0
