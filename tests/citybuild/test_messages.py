"""A message many features share is one line, not one per feature.

Every place here is made up for the tests.
"""

from geo.citybuild import build_city
from tests.citybuild.testville import (
    SETTINGS,
    boundaries,
    collection,
    polygon_feature,
    square_ring,
)


def test_a_field_empty_in_every_feature_is_one_problem():
    features = [
        polygon_feature(f"d{number}", square_ring(39.0 + number * 0.01, 0.0), label="")
        for number in range(6)
    ]

    draft = build_city(boundaries(collection(*features)), SETTINGS)

    assert [str(problem) for problem in draft.problems] == [
        "testville.geojson (6 places: feature 1 'd0', feature 2 'd1', feature 3 "
        "'d2' and 3 more, name_en): is empty"
    ]
