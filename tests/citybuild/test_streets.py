"""A neighbourhood file that leaves the streets out: blocks 8 m apart.

Every place and coordinate here is made up for the tests.
"""

from geo.citybuild import build_city
from tests.citybuild.testville import (
    SETTINGS,
    boundaries,
    collection,
    polygon_feature,
    square_ring,
)

METRE_DEGREES = 1 / 111_320
BLOCK = 100 * METRE_DEGREES


def blocks(street_m: float, *extra: dict) -> bytes:
    """Four 100 m blocks in a square, ``street_m`` apart, near 0 N, 39 E."""
    step = BLOCK + street_m * METRE_DEGREES
    return collection(
        *(
            polygon_feature(code, square_ring(39.0 + column * step, row * step, BLOCK))
            for code, column, row in (
                ("a", 0, 0),
                ("b", 1, 0),
                ("c", 0, 1),
                ("d", 1, 1),
            )
        ),
        *extra,
    )


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
