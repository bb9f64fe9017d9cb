"""The exported page works from disk in a real browser: no server, no network.

Opened with file:// in Debian's Chromium; the slider, the buttons and the arrow
keys move the map through Raqqa's report days, and hostile report text stays text.
"""

import contextlib
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from geo.colours import CONTESTED_COLOUR
from geo.export import standalone_html
from geo.io import load_city
from tests.conftest import TWO_SQUARES, report, write_city

SDF_COLOUR = "#e0a800"
"""Raqqa's city.toml colour for the SDF."""
PAYLOAD = "</script><script>window.pwned=1</script>"


def open_export(
    page: Page, html: str, folder: Path, day: str
) -> tuple[list[str], list[str]]:
    """Write the page to disk, open it and wait for ``day``.

    Returns the URLs the page requests and its script errors, both kept up to date.
    """
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    exported = folder / "map.html"
    exported.write_text(html, encoding="utf-8")
    page.goto(exported.as_uri())
    expect(page.locator("body")).to_have_attribute("data-frontline-day", day)
    return requests, errors


def test_raqqa_export_moves_through_the_days_from_disk(page: Page, raqqa, tmp_path):
    requests, errors = open_export(page, standalone_html(raqqa), tmp_path, "2017-08-01")
    body = page.locator("body")
    hisham = page.locator('path[data-district="hisham_bin_abdulmalik"]')
    label = page.locator("#frontline-day-label")
    slider = page.get_by_role("slider", name="Report day")

    # 1 Aug: rq-066 (Syria Direct) has the district contested.
    expect(hisham).to_have_attribute("fill", CONTESTED_COLOUR)
    expect(label).to_have_text("1 Aug 2017")

    # 3 Aug, the next report day: rq-070 and rq-071 have the SDF holding it.
    page.get_by_role("button", name="Next report day").click()
    expect(body).to_have_attribute("data-frontline-day", "2017-08-03")
    expect(hisham).to_have_attribute("fill", SDF_COLOUR)
    expect(label).to_have_text("3 Aug 2017")
    assert raqqa.actor("sdf").colour == SDF_COLOUR

    page.get_by_role("button", name="Previous report day").click()
    expect(body).to_have_attribute("data-frontline-day", "2017-08-01")
    expect(hisham).to_have_attribute("fill", CONTESTED_COLOUR)

    slider.fill(str(raqqa.days.index(date(2017, 6, 6))))
    expect(body).to_have_attribute("data-frontline-day", "2017-06-06")
    expect(page.get_by_role("button", name="Previous report day")).to_be_disabled()
    # The track is filled up to the day: none of it on the first.
    filled = "(slider) => slider.style.getPropertyValue('--progress')"
    assert slider.evaluate(filled) == "0"
    slider.press("ArrowRight")
    expect(body).to_have_attribute("data-frontline-day", "2017-06-07")
    expect(label).to_have_text("7 Jun 2017")
    assert float(slider.evaluate(filled)) == 1 / (len(raqqa.days) - 1)

    assert requests
    assert all(url.startswith(("file:", "data:")) for url in requests)
    assert errors == []


def test_hostile_note_in_an_export_is_shown_as_text(page: Page, tmp_path):
    city = load_city(
        write_city(
            tmp_path / "testville",
            TWO_SQUARES,
            [report("r1", "2020-01-02", "west", "held", actor="red", note=PAYLOAD)],
        )
    )

    _, errors = open_export(page, standalone_html(city), tmp_path, "2020-01-02")
    page.locator('path[data-district="west"]').click()

    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text(PAYLOAD)
    assert page.evaluate("() => window.pwned") is None
    assert errors == []


def test_an_export_opened_on_its_own_zooms_with_the_wheel(page: Page, raqqa, tmp_path):
    """A page that is only the map has nothing else to scroll: the wheel zooms it."""
    open_export(page, standalone_html(raqqa), tmp_path, "2017-08-01")
    scale = page.locator(".leaflet-control-scale-line").first
    before = scale.text_content()

    box = page.locator("#frontline-map").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, 300)

    expect(scale).not_to_have_text(before)


DISTRICTS_UNDER_LEGEND = """() => {
  const legend = document.querySelector(".frontline-legend").getBoundingClientRect();
  return [...document.querySelectorAll("path[data-district]")]
    .filter((path) => {
      const box = path.getBoundingClientRect();
      return box.left < legend.right && legend.left < box.right
        && box.top < legend.bottom && legend.top < box.bottom;
    })
    .map((path) => path.dataset.district);
}"""


def test_an_export_on_a_laptop_opens_with_no_district_under_the_legend(
    page: Page, raqqa, tmp_path
):
    """The districts fill an exported page's width, so it frames them a little
    smaller, clear of the open legend, instead of hiding a corner under it."""
    page.set_viewport_size({"width": 1440, "height": 900})
    open_export(page, standalone_html(raqqa), tmp_path, "2017-08-01")
    expect(page.locator(".frontline-legend-body")).to_be_visible()

    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(
            f"() => ({DISTRICTS_UNDER_LEGEND})().length === 0", timeout=5_000
        )
    assert page.evaluate(DISTRICTS_UNDER_LEGEND) == []
    assert page.locator("path[data-district]").count() == len(raqqa.districts)
