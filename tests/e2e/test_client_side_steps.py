"""A timeline step repaints the map at once, however slow the server's rerun.

The server here is the real app with each step's rerun slowed by
``FRONTLINE_TEST_STEP_DELAY_SECONDS`` (``app_pages/map.py``): the ledger, which only
the server draws, shows when the server has answered.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import MAP_FRAME, day_on_map, map_frame, start_streamlit

SERVER_DELAY_SECONDS = 3
PAINT_BOUND_MS = 1_000
"""A step's key press to the map's paint, far below the server's delay."""
DISTRICT = "hisham_bin_abdulmalik"

KEY_CLOCK = """() => {
  window.keyAt = null;
  document.addEventListener("keydown", () => {
    window.keyAt = performance.timeOrigin + performance.now();
  }, true);
}"""
# In the map's frame: every day the map paints, in order, and when it painted it.
PAINT_CLOCK = """() => {
  window.paintedDays = [document.body.dataset.frontlineDay];
  window.paintedAt = {};
  window.sameFrame = true;
  new MutationObserver(() => {
    const day = document.body.dataset.frontlineDay;
    if (window.paintedDays.at(-1) !== day) {
      window.paintedDays.push(day);
      window.paintedAt[day] = performance.timeOrigin + performance.now();
    }
  }).observe(document.body, {attributes: true});
}"""


@pytest.fixture(scope="module")
def slow_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database = tmp_path_factory.mktemp("slow_steps") / "frontline.sqlite3"
    yield from start_streamlit(
        database, FRONTLINE_TEST_STEP_DELAY_SECONDS=str(SERVER_DELAY_SECONDS)
    )


def open_on(page: Page, url: str, day: str) -> None:
    page.goto(f"{url}/?day={day}&district={DISTRICT}")
    expect(page.frame_locator(MAP_FRAME).locator("body")).to_have_attribute(
        "data-frontline-day", day, timeout=60_000
    )
    map_frame(page).evaluate(PAINT_CLOCK)
    page.evaluate(KEY_CLOCK)
    page.get_by_role("slider", name="Day").focus()


def ledger_up_to(page: Page, label: str):
    return page.get_by_text(f"up to {label}, newest first")


def test_a_step_repaints_the_map_before_the_slow_server_answers(
    page: Page, slow_url: str
):
    open_on(page, slow_url, "2017-08-02")
    frame = map_frame(page)
    body = page.frame_locator(MAP_FRAME).locator("body")
    expect(ledger_up_to(page, "2 Aug 2017")).to_be_visible()

    page.keyboard.press("ArrowRight")
    expect(day_on_map(page)).to_have_text("3 Aug 2017", timeout=PAINT_BOUND_MS)
    step_ms = frame.evaluate("() => window.paintedAt['2017-08-03']") - page.evaluate(
        "() => window.keyAt"
    )
    assert step_ms < PAINT_BOUND_MS
    # The server has not answered yet: its ledger still shows the day before.
    expect(ledger_up_to(page, "2 Aug 2017")).to_be_visible()
    paints = body.get_attribute("data-frontline-paints")

    expect(ledger_up_to(page, "3 Aug 2017")).to_be_visible(timeout=30_000)
    expect(body).to_have_attribute("data-frontline-answered", "2017-08-03")
    page.wait_for_function("() => location.search.includes('day=2017-08-03')")
    # The server's view of the same day painted nothing again, in the same frame.
    assert body.get_attribute("data-frontline-paints") == paints
    assert frame.evaluate("() => window.paintedDays") == ["2017-08-02", "2017-08-03"]
    assert frame.evaluate("() => window.sameFrame") is True


def test_quick_steps_never_move_the_map_back_to_a_day_the_server_answers_late(
    page: Page, slow_url: str
):
    open_on(page, slow_url, "2017-08-10")
    body = page.frame_locator(MAP_FRAME).locator("body")

    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(day_on_map(page)).to_have_text("13 Aug 2017", timeout=PAINT_BOUND_MS)

    expect(ledger_up_to(page, "13 Aug 2017")).to_be_visible(timeout=60_000)
    expect(body).to_have_attribute("data-frontline-answered", "2017-08-13")
    assert map_frame(page).evaluate("() => window.paintedDays") == [
        "2017-08-10",
        "2017-08-11",
        "2017-08-12",
        "2017-08-13",
    ]
    timeline = page.get_by_role("group", name="Timeline")
    expect(timeline.locator("output")).to_have_text("13 Aug 2017")
