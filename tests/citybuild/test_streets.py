"""A neighbourhood file that leaves the streets out: blocks 8 m apart.

Every place and coordinate here is made up for the tests.
"""

import csv
import tomllib
from dataclasses import replace
from datetime import date

import pytest

from geo.city import City
from geo.citybuild import build_city, write_city_folder
from geo.frontline import frontline_length
from geo.io import load_city
from geo.problems import CityDataError
from geo.schema import REPORT_COLUMNS
from tests.citybuild.testville import (
    BLOCK,
    SETTINGS,
    blocks,
    boundaries,
    polygon_feature,
    square_ring,
)
from tests.conftest import report


def test_streets_between_the_districts_are_bridged_and_said_so():
    draft = build_city(boundaries(blocks(street_m=8)), SETTINGS)

    assert draft.ready, draft.problems
    assert any(
        "streets up to 8 m wide lie between neighbours and were bridged" in note
        and "within 12 m" in note
        for note in draft.notes
    ), draft.notes
    assert not any("no neighbour" in note for note in draft.notes)


def test_a_district_with_no_neighbour_is_named():
    village = polygon_feature("v", square_ring(39.01, 0.0, BLOCK), label="Far Village")

    draft = build_city(boundaries(blocks(8, village)), SETTINGS)

    assert any(
        note.startswith("1 district has no neighbour within 12 m")
        and "Far Village (v)" in note
        for note in draft.notes
    ), draft.notes


def test_districts_that_touch_get_no_note_about_streets():
    draft = build_city(boundaries(blocks(street_m=0)), SETTINGS)

    assert draft.ready, draft.problems
    assert not any("neighbour" in note for note in draft.notes), draft.notes


def reported_testville(tmp_path, street_width_m: float | None) -> City:
    """The 8 m-street blocks written as a city: a and c held, b and d contested."""
    settings = replace(SETTINGS, street_width_m=street_width_m)
    folder = write_city_folder(
        build_city(boundaries(blocks(street_m=8)), settings), tmp_path / "testville"
    )
    with (folder / "reports.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=REPORT_COLUMNS)
        writer.writeheader()
        writer.writerows(
            report(f"r-{district}", "2020-01-05", district, status, actor=actor)
            for district, status, actor in (
                ("a", "held", "blue"),
                ("c", "held", "blue"),
                ("b", "contested", ""),
                ("d", "contested", ""),
            )
        )
    return load_city(folder)


def test_a_stated_street_width_is_used_said_and_kept_in_city_toml(tmp_path):
    draft = build_city(
        boundaries(blocks(street_m=8)), replace(SETTINGS, street_width_m=8)
    )

    assert draft.ready, draft.problems
    assert any(
        note.startswith("Street width as stated: 8 m")
        and "within 10 m of each other count as neighbours" in note
        and "streets up to 8 m wide were bridged" in note
        for note in draft.notes
    ), draft.notes
    assert not any("worked out from the gaps" in note for note in draft.notes)
    assert tomllib.loads(draft.settings_toml)["map"]["street_width_m"] == 8
    assert load_city(write_city_folder(draft, tmp_path / "t")).street_width_m == 8


def test_a_derived_street_width_says_it_was_worked_out_from_the_data():
    draft = build_city(boundaries(blocks(street_m=8)), SETTINGS)

    assert any("worked out from the gaps in the data" in note for note in draft.notes)
    assert "street_width_m" not in tomllib.loads(draft.settings_toml)["map"]


def test_a_stated_width_narrower_than_the_streets_leaves_no_front_line(tmp_path):
    narrow = build_city(
        boundaries(blocks(street_m=8)), replace(SETTINGS, street_width_m=4)
    )
    assert any(
        note.startswith("4 districts have no neighbour within 6 m")
        for note in narrow.notes
    ), narrow.notes

    derived = reported_testville(tmp_path / "derived", None)
    stated_wide = reported_testville(tmp_path / "wide", 8)
    stated_narrow = reported_testville(tmp_path / "narrow", 4)

    day = date(2020, 1, 5)
    assert frontline_length(stated_narrow, day).total_m == 0
    assert frontline_length(stated_wide, day).total_m == pytest.approx(200, abs=12)
    assert frontline_length(derived, day).total_m == pytest.approx(200, abs=12)


@pytest.mark.parametrize(
    ("width", "message"),
    [
        (-1, "-1 m is not a street width: give 0 to 200 m"),
        (250, "250 m is not a street width: give 0 to 200 m"),
    ],
)
def test_a_street_width_out_of_range_is_refused_by_name(width, message):
    draft = build_city(
        boundaries(blocks(street_m=8)), replace(SETTINGS, street_width_m=width)
    )

    assert not draft.ready
    assert [str(problem) for problem in draft.problems] == [
        f"city settings (street_width_m): {message} (0 when the districts touch)"
    ]


def test_a_city_file_stating_a_nonsense_street_width_does_not_load(tmp_path):
    folder = write_city_folder(
        build_city(boundaries(blocks(street_m=8)), SETTINGS), tmp_path / "t"
    )
    text = (folder / "city.toml").read_text(encoding="utf-8")
    (folder / "city.toml").write_text(
        text.replace("[map]\n", '[map]\nstreet_width_m = "wide"\n'), encoding="utf-8"
    )

    with pytest.raises(CityDataError, match=r"street_width_m.*'wide' is not a number"):
        load_city(folder)
