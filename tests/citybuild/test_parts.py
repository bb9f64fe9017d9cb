"""A neighbourhood stored in three parts, and files without ids.

Every place, name and coordinate here is made up for the tests.
"""

import pytest

from geo.citybuild import (
    PropertyNames,
    SharedIds,
    SourceFile,
    read_boundaries,
    shared_id_features,
)
from tests.citybuild.testville import (
    boundaries,
    collection,
    messages,
    polygon_feature,
    square_ring,
)

NAMES_ONLY = PropertyNames("", "label", "local")


def three_parts() -> bytes:
    """'93' in three parts (features 1, 3 and 4) beside '94' (feature 2)."""
    return collection(
        polygon_feature("93", square_ring(39.0, 0.0), label="Old Town"),
        polygon_feature("94", square_ring(39.01, 0.0), label="New Town"),
        polygon_feature("93", square_ring(39.0, 0.01), label="Old Town"),
        polygon_feature("93", square_ring(39.02, 0.02), label="Old Town Annex"),
    )


def test_a_neighbourhood_in_parts_is_one_problem_naming_every_part():
    checked = boundaries(three_parts())

    assert messages(checked) == (
        "testville.geojson (features 1, 3 and 4, id): '93' is the id of 3 "
        "features: one neighbourhood in several parts, or different districts? "
        "Choose to merge the parts into one district, or to keep them as separate "
        "districts (93-1, 93-2, …): the form's question, or --shared-ids "
        "merge|separate"
    )


def test_merged_parts_make_one_district_and_the_note_lists_them():
    checked = boundaries(three_parts(), shared_ids=SharedIds.MERGE)

    assert not checked.problems
    assert list(checked.districts.index) == ["93", "94"]
    old_town = checked.districts.loc["93"]
    assert old_town.geometry.geom_type == "MultiPolygon"
    assert old_town.geometry.area == pytest.approx(3 * 0.01**2)
    assert old_town["aliases"] == "Old Town Annex"
    assert (
        "testville.geojson: features 1, 3 and 4 share the id '93' (Old Town): "
        "merged into one district of 3 parts"
    ) in checked.repairs


def test_separate_parts_get_numbered_ids_and_the_note_says_which():
    checked = boundaries(three_parts(), shared_ids=SharedIds.SEPARATE)

    assert not checked.problems
    assert list(checked.districts.index) == ["93-1", "93-2", "93-3", "94"]
    assert (
        "testville.geojson: features 1, 3 and 4 share the id '93': kept as "
        "separate districts 93-1, 93-2 and 93-3"
    ) in checked.repairs


def test_a_form_learns_which_ids_are_shared_before_it_asks():
    files = [SourceFile("testville.geojson", three_parts())]

    shared = shared_id_features(files, PropertyNames("code", "label"))

    assert shared == {"93": ("feature 1", "feature 3", "feature 4")}


def test_ids_are_made_from_the_names_when_the_file_has_none():
    data = collection(
        polygon_feature("", square_ring(39.0, 0.0), label="Al-Hamdaniya"),
        polygon_feature("", square_ring(39.01, 0.0), label="Şeyh Maqsud"),
        polygon_feature("", square_ring(39.02, 0.0), label="", local="الميدان"),
    )

    checked = read_boundaries([SourceFile("names.geojson", data)], NAMES_ONLY)

    assert list(checked.districts.index) == [
        "al_hamdaniya",
        "seyh_maqsud",
        "district_3",
    ]
    assert "names.geojson: no id property was named, so ids were made from names" in (
        checked.repairs
    )
    assert messages(checked) == (
        "names.geojson (feature 3 'district_3', name_en): is empty"
    )


def test_two_districts_sharing_a_name_are_asked_about_then_numbered():
    data = collection(
        polygon_feature("", square_ring(39.0, 0.0), label="Hamdaniya"),
        polygon_feature("", square_ring(39.01, 0.0), label="Hamdaniya"),
    )
    files = [SourceFile("names.geojson", data)]

    names = PropertyNames("", "label")
    asked = read_boundaries(files, names)
    numbered = read_boundaries(files, names, shared_ids=SharedIds.SEPARATE)

    assert "(features 1 and 2, id): 'hamdaniya' is the id of 2 features" in (
        messages(asked)
    )
    assert list(numbered.districts.index) == ["hamdaniya-1", "hamdaniya-2"]
    assert not numbered.problems
