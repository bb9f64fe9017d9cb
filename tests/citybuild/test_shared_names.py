"""Two districts sharing a name: never filed under one of them without asking.

Every place, name and report here is made up for the tests.
"""

from geo.citybuild import CitySettings, build_city, place_names
from geo.localities import district_localities, picker_labels
from geo.names import name_index, resolve_district, suggest_districts
from tests.citybuild.testville import (
    SETTINGS,
    boundaries,
    collection,
    polygon_feature,
    report_row,
    reports_file,
    square_ring,
)


def hamdaniya_twice() -> bytes:
    """Two districts called Hamdaniya, west and east of Centre."""
    return collection(
        polygon_feature("h_west", square_ring(39.0, 0.0), label="Hamdaniya"),
        polygon_feature("centre", square_ring(39.01, 0.0), label="Centre"),
        polygon_feature("h_east", square_ring(39.02, 0.0), label="Hamdaniya"),
    )


def test_a_report_naming_a_shared_name_is_asked_which_district_it_means():
    reports = reports_file(
        report_row("t1", "2020-01-05", "Hamdaniya", "held", "blue"),
        report_row("t2", "2020-01-05", "h_east", "held", "blue"),
        report_row("t3", "2020-01-06", "Centre; hamdaniya", "contested"),
    )

    draft = build_city(boundaries(hamdaniya_twice()), SETTINGS, reports=reports)

    problems = [str(problem) for problem in draft.problems]
    expected = (
        "names 2 districts: h_west (Hamdaniya, west, beside Centre); h_east "
        "(Hamdaniya, east, beside Centre). Write the id of the one the source means"
    )
    assert problems == [
        f"reports.csv (row 2, district_id): 'Hamdaniya' {expected}",
        f"reports.csv (row 4, district_id): 'hamdaniya' {expected}",
    ]


def test_the_new_city_says_which_names_several_districts_share():
    draft = build_city(boundaries(hamdaniya_twice()), CitySettings("Testville"))

    assert any(
        note.startswith(
            "1 name shared by several districts: 'Hamdaniya' (h_west, h_east)"
        )
        for note in draft.notes
    ), draft.notes


def test_a_shared_name_resolves_to_no_district_and_suggests_them_all():
    districts = boundaries(hamdaniya_twice()).districts
    index = name_index(districts)

    assert resolve_district("Hamdaniya", index) is None
    assert resolve_district("h_west", index) == "h_west"
    assert resolve_district("centre", index) == "centre"
    assert suggest_districts("Hamdaniya", index, limit=1) == ["h_west", "h_east"]
    assert list(dict.fromkeys(index.values())) == ["h_west", "centre", "h_east"]


def test_pickers_tell_districts_with_one_name_apart_by_where_they_lie():
    districts = boundaries(hamdaniya_twice()).districts

    assert (
        district_localities(districts)["centre"]
        == "centre, beside Hamdaniya and Hamdaniya"
    )
    assert picker_labels(districts) == {
        "h_west": "Hamdaniya (west, beside Centre; h_west)",
        "centre": "Centre",
        "h_east": "Hamdaniya (east, beside Centre; h_east)",
    }


def test_the_preview_shows_the_names_a_report_is_filed_under():
    districts = boundaries(hamdaniya_twice()).districts

    assert place_names("h_west; centre", districts) == (
        "Hamdaniya (h_west); Centre (centre)"
    )
    assert place_names("city except h_east", districts) == (
        "city except Hamdaniya (h_east)"
    )
