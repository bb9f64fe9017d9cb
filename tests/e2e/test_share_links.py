"""A copied link reopens the same view in a fresh browser; the front line draws."""

import csv
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Browser, Page, expect

from tests.conftest import RAQQA
from tests.e2e.conftest import MAP_FRAME, day_on_map, map_frame

VIEW = (
    "day=2017-08-03&district=hisham_bin_abdulmalik&source_type=monitor"
    "&compare=2017-08-01&layers=frontline"
)


def open_view(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.frame_locator(MAP_FRAME).locator("body")).to_have_attribute(
        "data-frontline-day", "2017-08-03", timeout=30_000
    )


def test_a_shared_link_reopens_day_district_filter_and_layers(page: Page, app_url):
    open_view(page, f"{app_url}/?{VIEW}")

    frame = page.frame_locator(MAP_FRAME)
    expect(day_on_map(page)).to_have_text("3 Aug 2017")
    claimant = page.get_by_role("combobox", name="As claimed by")
    if not claimant.is_visible():
        page.get_by_text("Map options").click()
    expect(claimant).to_have_value("Every monitor source")
    expect(page.get_by_role("combobox", name="Compare with")).to_have_value(
        "1 Aug 2017"
    )
    expect(page.get_by_role("combobox", name="District")).to_have_value(
        "Hisham bin Abdulmalik · هشام بن عبد الملك"
    )
    lines = frame.locator("body")
    expect(lines).not_to_have_attribute("data-frontline-lines", "0")
    expect(
        frame.locator('path[data-district="hisham_bin_abdulmalik"]')
    ).to_have_attribute("stroke", "#000000")


def test_the_map_position_travels_with_the_link(page: Page, app_url, browser: Browser):
    open_view(page, f"{app_url}/?day=2017-08-03")
    page.wait_for_function("() => location.search.includes('zoom=')")
    # Pan once the page has settled, as a reader would: a rerun still running
    # may draw the map afresh.
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)
    map_frame(page).evaluate("() => window.map.setView([35.951, 39.012], 16)")
    page.wait_for_function("() => location.search.includes('zoom=16')")
    shared = page.url

    second = browser.new_page(viewport={"width": 1280, "height": 1000})
    open_view(second, shared)

    zoom = map_frame(second).evaluate("() => window.map.getZoom()")
    centre = map_frame(second).evaluate("() => window.map.getCenter()")
    assert zoom == 16
    assert abs(centre["lat"] - 35.951) < 0.001
    assert abs(centre["lng"] - 39.012) < 0.001
    second.close()


def test_the_share_panels_link_keeps_the_map_position(page: Page, app_url):
    open_view(page, f"{app_url}/?day=2017-08-03")
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)
    frame = map_frame(page)
    frame.evaluate("() => window.map.setView([35.951, 39.012], 16)")
    page.wait_for_function("() => location.search.includes('zoom=16')")

    page.get_by_test_id("stButtonGroup").get_by_text("Share").click()
    link = page.get_by_test_id("stCode").first
    expect(link).to_contain_text("zoom=16")
    frame.evaluate("() => window.map.setView([35.955, 39.015], 15)")
    expect(link).to_contain_text("zoom=15")

    shared = parse_qs(urlsplit(link.inner_text().strip()).query)
    assert shared["lat"] == ["35.95500"]
    assert shared["lon"] == ["39.01500"]
    assert shared["day"] == ["2017-08-03"]


def test_a_slider_step_puts_its_day_in_the_link(page: Page, app_url, browser: Browser):
    open_view(page, f"{app_url}/?day=2017-08-03&district=hisham_bin_abdulmalik")
    page.get_by_role("slider").focus()
    page.keyboard.press("ArrowRight")
    expect(day_on_map(page)).not_to_have_text("3 Aug 2017")
    shown = map_frame(page).evaluate("() => document.body.dataset.frontlineDay")
    page.wait_for_function("day => location.search.includes(`day=${day}`)", arg=shown)
    assert "district=hisham_bin_abdulmalik" in page.url

    second = browser.new_page(viewport={"width": 1280, "height": 1000})
    second.goto(page.url)
    expect(second.frame_locator(MAP_FRAME).locator("body")).to_have_attribute(
        "data-frontline-day", shown, timeout=30_000
    )
    second.close()


def events_up_to(day: str) -> int:
    with (RAQQA / "events.csv").open(encoding="utf-8") as handle:
        return sum(row["date"] <= day for row in csv.DictReader(handle))


def test_the_events_layer_shows_only_events_up_to_the_day(page: Page, app_url):
    open_view(page, f"{app_url}/?day=2017-08-03&layers=events")
    body = page.frame_locator(MAP_FRAME).locator("body")
    expect(body).to_have_attribute(
        "data-frontline-events", str(events_up_to("2017-08-03"))
    )

    page.get_by_role("button", name="Next report day").click()

    expect(body).to_have_attribute("data-frontline-day", "2017-08-07")
    expect(body).to_have_attribute(
        "data-frontline-events", str(events_up_to("2017-08-07"))
    )
    assert events_up_to("2017-08-07") > events_up_to("2017-08-03")
