"""A three-year war's timeline: every month ticked, only as many named as fit."""

import io
from itertools import pairwise

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.conftest import CITY_TOML, TWO_SQUARES, report, write_city
from tests.e2e.conftest import MAP_FRAME, start_streamlit

THREE_YEARS = CITY_TOML.replace(
    'default_day = "2020-01-02"', 'default_day = "2021-06-01"'
).replace('last_day = "2020-01-31"', 'last_day = "2022-12-31"')
# Each named month tick: its name and where it starts and ends on the page.
NAMED = """marks => marks.filter((mark) => mark.textContent).map((mark) => {
  const box = mark.getBoundingClientRect();
  return [mark.textContent, box.left, box.right];
})"""


@pytest.fixture(scope="module")
def war_url(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("three-years")
    reports = [
        report("r1", "2020-01-05", "west", "held", actor="blue"),
        report("r2", "2022-11-20", "east", "held", actor="red"),
    ]
    write_city(folder / "cities" / "testville", TWO_SQUARES, reports, THREE_YEARS)
    yield from start_streamlit(folder / "db.sqlite3", folder / "cities")


@pytest.mark.parametrize(
    ("width", "height", "names"),
    [
        (1440, 900, ["2020", "Apr", "Jul", "Oct", "2021"]),
        (390, 844, ["2020", "Jul", "2021", "Jul", "2022"]),
    ],
)
def test_a_three_year_wars_month_names_fit_its_track_without_touching(
    page: Page, war_url: str, width: int, height: int, names: list[str]
):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(war_url)
    map_body = page.frame_locator(MAP_FRAME).locator("body")
    expect(map_body).to_have_attribute("data-frontline-day", "2021-06-01")
    timeline = page.get_by_role("group", name="Timeline")
    months = timeline.locator(".marks .month")
    expect(months).to_have_count(36)

    named = months.evaluate_all(NAMED)
    track = timeline.locator(".track").bounding_box()

    assert [name for name, _, _ in named][:5] == names
    assert all(before[2] <= after[1] for before, after in pairwise(named)), named
    assert all(
        track["x"] <= left and right <= track["x"] + track["width"]
        for _, left, right in named
    ), (named, track)


def columns_ruled_through(picture: bytes) -> list[int]:
    """The x of each pixel column inked from top to bottom (one edge row spared).

    A name's letters never fill a column from top to bottom; a tick does. The
    picture may take in one more row than the name's box, at a fractional top.
    """
    image = Image.open(io.BytesIO(picture)).convert("L")
    width, height = image.size
    pixels = image.load()
    return [
        x
        for x in range(width)
        if sum(pixels[x, y] < 235 for y in range(height)) >= height - 1
    ]


def test_a_month_name_is_drawn_over_the_ticks_it_spans(page: Page, war_url: str):
    """On a laptop a month is 17 px and "2020" twice that: February's tick would
    run through the year's name. Only the name's own tick, at its left, shows."""
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(war_url)
    expect(page.frame_locator(MAP_FRAME).locator("body")).to_have_attribute(
        "data-frontline-day", "2021-06-01"
    )
    timeline = page.get_by_role("group", name="Timeline")
    expect(timeline.locator(".marks .month")).to_have_count(36)
    names = timeline.locator(".marks .month:not(:empty)")
    expect(names.first).to_have_text("2020")

    for name in names.all():
        ruled = columns_ruled_through(name.screenshot())
        assert all(x <= 1 for x in ruled), (name.text_content(), ruled)
