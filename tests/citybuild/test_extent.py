"""A regional file: features spread over 300 km, refused in one message until
the extent is stated.

Every place and coordinate here is made up for the tests.
"""

from geo.citybuild.extent import CITY_EXTENT_KM
from tests.citybuild.testville import (
    boundaries,
    collection,
    messages,
    polygon_feature,
    square_ring,
)

DEGREES_APART = 0.675  # about 75 km at the equator


def regional_file() -> bytes:
    """A 5 by 5 grid of small districts spanning about 300 km by 300 km."""
    return collection(
        *(
            polygon_feature(
                f"m{column}{row}",
                square_ring(37.0 + column * DEGREES_APART, row * DEGREES_APART, 0.05),
            )
            for column in range(5)
            for row in range(5)
        )
    )


def test_a_regional_file_is_one_grouped_problem_that_says_what_to_set():
    checked = boundaries(regional_file())

    problems = checked.problems
    assert len(problems) == 1, messages(checked)
    assert problems[0].location == "24 features"
    assert problems[0].message.startswith(
        f"24 features lie more than {CITY_EXTENT_KM:.0f} km from the middle of the "
        "others (the farthest 212 km; e.g. feature 1 'm00', feature 2 'm01', "
        "feature 3 'm02'): is this a regional file? If so, set the extent to 220 km"
    )


def test_a_stated_extent_keeps_a_regional_file():
    checked = boundaries(regional_file(), extent_km=220)

    assert not checked.problems, messages(checked)
    assert len(checked.districts) == 25


def test_a_few_far_features_are_still_named_one_by_one():
    near = [
        polygon_feature(f"n{number}", square_ring(37.0 + number * 0.01, 0.0))
        for number in range(5)
    ]
    far = polygon_feature("far", square_ring(38.0, 0.0))

    checked = boundaries(collection(*near, far))

    assert messages(checked) == (
        "testville.geojson (feature 6 'far', geometry): lies 109 km from the middle "
        "of the other places (more than 50 km); check its coordinates"
    )


def test_an_extent_out_of_range_is_refused_by_name():
    checked = boundaries(regional_file(), extent_km=-5)

    assert messages(checked) == (
        "city settings (extent_km): -5 km is not an extent from the middle of the "
        "districts; give a number of km above 0, at most 3,000"
    )
