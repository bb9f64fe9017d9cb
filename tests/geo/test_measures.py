"""Numbers measured on district outlines are rounded and carry their caveat."""

from geo.measures import (
    SCHEMATIC_CAVEAT,
    measurement_caveat,
    rounded_km,
    rounded_km2,
    rounded_percent,
)
from tests.conftest import TWO_SQUARES, feature, report, square


def test_numbers_are_rounded_to_what_the_outlines_support():
    assert rounded_km2(12.3456) == 12.3
    assert rounded_percent(0.4263) == 43
    assert rounded_km(18_985.1) == 19.0


def test_the_caveat_is_shown_for_schematic_boundaries_only(make_city, raqqa):
    surveyed = [
        feature("west", square(0, 0), boundary="supplied"),
        feature("east", square(1, 0), boundary="supplied"),
    ]
    row = [report("r1", "2020-01-05", "west", "contested")]

    assert measurement_caveat(raqqa) == SCHEMATIC_CAVEAT
    assert measurement_caveat(make_city(row, TWO_SQUARES)) == SCHEMATIC_CAVEAT
    assert measurement_caveat(make_city(row, surveyed)) == ""
