"""The checks every district of a boundary file passes, each named by feature.

Repairs, areas, duplicate ids, coordinates, overlaps and places far from the rest.
Every place here is made up for the tests.
"""

import pytest

from tests.citybuild.testville import (
    boundaries,
    collection,
    messages,
    polygon_feature,
    square_ring,
    two_squares,
)


def test_self_intersecting_polygon_is_repaired_with_a_note():
    bowtie = [[39.0, 0.0], [39.01, 0.01], [39.01, 0.0], [39.0, 0.01], [39.0, 0.0]]

    checked = boundaries(
        collection(
            polygon_feature("a", bowtie), polygon_feature("b", square_ring(39.01, 0))
        )
    )

    assert not checked.problems
    assert checked.districts.loc["a"].geometry.is_valid
    assert (
        "(feature 1 'a'): repaired invalid geometry (Self-intersection"
        in (checked.repairs[0])
    )


def test_polygon_with_no_area_is_refused_not_repaired():
    flat = [[39.0, 0.0], [39.01, 0.0], [39.02, 0.0], [39.0, 0.0]]

    checked = boundaries(two_squares(polygon_feature("c", flat)))

    assert "(feature 3 'c', geometry): is invalid (" in messages(checked)
    assert "has no area left once repaired" in messages(checked)


def test_overlapping_districts_are_named_both():
    overlapping = polygon_feature("c", square_ring(39.005, 0.0))

    checked = boundaries(two_squares(overlapping))

    text = messages(checked)
    assert "(feature 1 'a', geometry): overlaps feature 3 'c' by" in text
    assert "(feature 2 'b', geometry): overlaps feature 3 'c' by" in text
    assert "50% of the smaller" in text


def test_a_sliver_along_a_shared_edge_is_not_an_overlap():
    sliver = 1e-5  # about 1 m of longitude
    neighbour = square_ring(39.01 - sliver, 0.0)

    checked = boundaries(
        collection(
            polygon_feature("a", square_ring(39.0, 0.0)),
            polygon_feature("b", neighbour),
        )
    )

    assert not checked.problems


def test_duplicate_ids_and_empty_geometries_are_named():
    empty = {
        "type": "Feature",
        "properties": {"code": "c", "label": "C"},
        "geometry": {"type": "Polygon", "coordinates": []},
    }

    checked = boundaries(two_squares(polygon_feature("a", square_ring(39, 1)), empty))

    text = messages(checked)
    assert "(features 1 and 3, id): 'a' is the id of 2 features" in text
    assert "(feature 4 'c', geometry): is empty" in text


def test_latitude_beyond_90_says_latitude_and_longitude_look_swapped():
    swapped = polygon_feature("c", [[y, x] for x, y in square_ring(95.0, 39.0)])

    checked = boundaries(two_squares(swapped))

    assert "(feature 3 'c', geometry): latitude 95.01 is beyond ±90" in (
        messages(checked)
    )
    assert "look swapped" in messages(checked)


def test_one_district_with_swapped_axes_is_found_far_from_the_others():
    swapped = polygon_feature("c", [[y, x] for x, y in square_ring(39.02, 0.0)])

    checked = boundaries(two_squares(swapped))

    assert "(feature 3 'c', geometry): lies 5,868 km from the middle" in (
        messages(checked)
    )
    assert "latitude and longitude look swapped" in messages(checked)


def test_projected_coordinates_in_a_file_claiming_wgs84_are_refused():
    metres = polygon_feature("c", square_ring(500_000, 3_980_000, 500))

    checked = boundaries(two_squares(metres))

    assert "(feature 3 'c', geometry): coordinates such as (500000, 3980000) look " in (
        messages(checked)
    )
    assert "projected" in messages(checked)


def test_coordinates_written_as_text_are_refused():
    text_ring = [[str(x), str(y)] for x, y in square_ring(39.02, 0.0)]

    checked = boundaries(two_squares(polygon_feature("c", text_ring)))

    assert (
        "(feature 3 'c', geometry): has a coordinate written as text ('39.02'), "
        "not a number"
    ) in messages(checked)


def test_a_small_overlap_from_simplifying_is_left_to_the_larger_district():
    nudged = polygon_feature("c", square_ring(39.0199, 0.0, 0.009))

    checked = boundaries(two_squares(nudged))

    assert not checked.problems, messages(checked)
    assert any(
        "(feature 3 'c'): the ground it shared with feature 2 'b' was left to that "
        "district" in repair
        for repair in checked.repairs
    ), checked.repairs
    districts = checked.districts.geometry
    assert districts["c"].intersection(districts["b"]).area == pytest.approx(0)
