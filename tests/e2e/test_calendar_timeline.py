"""The calendar timeline in Chromium: every day on the slider, report days marked."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import FrameLocator, Page, expect

from tests.conftest import report_days
from tests.e2e.conftest import MAP_FRAME, day_on_map

REPORT_DAYS = report_days()
# Every day a district's fill shows, by district: what a reader sees of the map.
FILLS = """() => Object.fromEntries(
  [...document.querySelectorAll("path[data-district]")].map(
    (path) => [path.dataset.district, path.getAttribute("fill")]
  )
)"""
# Keeps, in the map's frame, every day the map paints, in order.
PAINTED_DAYS = """() => {
  window.paintedDays = [document.body.dataset.frontlineDay];
  new MutationObserver(() => {
    const day = document.body.dataset.frontlineDay;
    if (window.paintedDays.at(-1) !== day) {
      window.paintedDays.push(day);
    }
  }).observe(document.body, {attributes: true});
}"""


def open_day(page: Page, url: str, day: str) -> FrameLocator:
    page.goto(f"{url}/?day={day}")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("body")).to_have_attribute(
        "data-frontline-day", day, timeout=30_000
    )
    return frame


@pytest.fixture
def body(page: Page, app_url: str):
    return open_day(page, app_url, "2017-08-02").locator("body")


def test_the_slider_spans_every_calendar_day_with_month_ticks(page: Page, body, raqqa):
    first, last = raqqa.first_day, raqqa.last_day
    slider = page.get_by_role("slider", name="Day")

    expect(slider).to_have_attribute("max", str((last - first).days))
    expect(slider).to_have_value(str((date(2017, 8, 2) - first).days))
    timeline = page.get_by_role("group", name="Timeline")
    months = timeline.locator(".marks .month")
    expect(months).to_have_text(["Jul", "Aug", "Sep", "Oct"])
    expect(timeline.locator(".marks .report")).to_have_count(len(REPORT_DAYS))
    expect(timeline.locator("output")).to_have_text("2 Aug 2017")
    expect(timeline).to_contain_text("latest report 1 Aug 2017")


def test_previous_and_next_land_on_report_days_from_any_day(page: Page, body):
    previous = page.get_by_role("button", name="Previous report day")
    following = page.get_by_role("button", name="Next report day")

    following.click()
    expect(body).to_have_attribute("data-frontline-day", "2017-08-03")
    following.click()
    expect(body).to_have_attribute("data-frontline-day", "2017-08-07")
    page.get_by_role("slider", name="Day").focus()
    page.keyboard.press("ArrowRight")
    expect(body).to_have_attribute("data-frontline-day", "2017-08-08")
    previous.click()
    expect(body).to_have_attribute("data-frontline-day", "2017-08-07")
    previous.click()

    expect(body).to_have_attribute("data-frontline-day", "2017-08-03")
    assert {"2017-08-03", "2017-08-07"} <= set(REPORT_DAYS)
    assert "2017-08-08" not in REPORT_DAYS


def test_a_day_without_reports_shows_the_previous_report_days_colours(
    page: Page, app_url: str
):
    frame = open_day(page, app_url, "2017-08-01")
    body = frame.locator("body")
    on_report_day = body.evaluate(FILLS)

    page.get_by_role("slider", name="Day").focus()
    page.keyboard.press("ArrowRight")
    expect(body).to_have_attribute("data-frontline-day", "2017-08-02")
    between = body.evaluate(FILLS)
    page.get_by_role("button", name="Next report day").click()
    expect(body).to_have_attribute("data-frontline-day", "2017-08-03")
    next_report_day = body.evaluate(FILLS)

    assert "2017-08-02" not in REPORT_DAYS
    assert between == on_report_day
    assert next_report_day != on_report_day


def test_the_map_names_a_day_between_reports_in_words(page: Page, app_url: str):
    open_day(page, app_url, "2017-09-05")

    assert "2017-09-05" not in REPORT_DAYS
    expect(day_on_map(page)).to_have_text("5 Sep 2017")


def test_play_moves_day_by_day_and_stops_on_every_report_day(page: Page, body):
    map_body = page.frame_locator(MAP_FRAME).locator("body")
    map_body.evaluate(PAINTED_DAYS)
    page.get_by_role("combobox", name="Play speed").select_option("1 month/s")

    page.get_by_role("button", name="Play").click()
    expect(body).to_have_attribute("data-frontline-day", "2017-08-29", timeout=30_000)
    page.get_by_role("button", name="Pause").click()

    painted = map_body.evaluate("() => window.paintedDays")
    passed = [
        (date(2017, 8, 2) + timedelta(days=n)).isoformat()
        for n in range((date(2017, 8, 29) - date(2017, 8, 2)).days + 1)
    ]
    assert [day for day in passed if day in REPORT_DAYS] == [
        day for day in painted if day in REPORT_DAYS and day <= "2017-08-29"
    ]
    assert any(day not in REPORT_DAYS for day in painted[1:])
    expect(page.get_by_role("button", name="Play")).to_have_attribute(
        "aria-pressed", "false"
    )
