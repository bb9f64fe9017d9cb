"""Places that cover several districts, and the state before the battle: bad input.

Each mistake is refused with a message naming the file, the row or entry, the
field and what is wrong, and no city is loaded.
"""

import pytest

from geo.problems import CityDataError
from tests.conftest import CITY_TOML, TWO_SQUARES, feature, report, square

GROUP = """
[groups.the_front]
label = "the front districts"
districts = ["west", "east"]
"""

BEFORE = """
[[before]]
day = "2019-12-31"
place = "city"
status = "held"
actor = "red"
source_type = "encyclopedia"
url = "https://example.org/before"
note = "Red held the town."
"""


def problems_of(make_city, reports, city_toml=CITY_TOML + GROUP):
    with pytest.raises(CityDataError) as refused:
        make_city(reports, city_toml=city_toml)
    return [str(problem) for problem in refused.value.problems]


@pytest.mark.parametrize(
    ("place", "message"),
    [
        ("the_back", "reports.csv (row 2, district_id): unknown district or group"),
        ("west; nowhere", "unknown district or group (the_front) 'nowhere'"),
        (" ; ", "is empty: name a district, a list, a group or 'city'"),
        ("city except", "has nothing after 'except'"),
        ("city except west; east", "leaves no district: the 'except' covers all"),
        ("the_front except moon", "unknown district or group (the_front) 'moon'"),
        ("unplaced:", "names no place"),
    ],
)
def test_a_place_that_cannot_be_read_is_refused_by_row_and_field(
    make_city, place, message
):
    problems = problems_of(
        make_city, [report("r1", "2020-01-05", place, "held", actor="blue")]
    )

    assert len(problems) == 1
    assert problems[0].startswith("reports.csv (row 2, district_id)")
    assert message in problems[0]


def test_an_except_naming_a_district_outside_the_group_is_refused(make_city):
    features = [*TWO_SQUARES]
    toml = CITY_TOML + '[groups.just_west]\ndistricts = ["west"]\n'

    with pytest.raises(CityDataError) as refused:
        make_city(
            [report("r1", "2020-01-05", "just_west except east", "contested")],
            features=features,
            city_toml=toml,
        )

    assert "'east' after 'except' is not part of 'just_west'" in str(refused.value)


def test_a_group_naming_an_unknown_district_is_refused(make_city):
    toml = CITY_TOML + '[groups.the_front]\ndistricts = ["west", "Eest"]\n'

    problems = problems_of(make_city, [], city_toml=toml)

    assert problems == [
        "city.toml (groups.the_front, districts): unknown district 'Eest'; "
        "did you mean west, east?"
    ]


def test_a_group_may_not_take_a_districts_name(make_city):
    toml = CITY_TOML + '[groups.west]\ndistricts = ["west", "east"]\n'

    problems = problems_of(make_city, [], city_toml=toml)

    assert "also a district's name" in problems[0]


def test_a_state_before_the_battle_needs_a_source(make_city):
    problems = problems_of(make_city, [], city_toml=CITY_TOML + BEFORE)

    assert problems == ["city.toml ([[before]] entry 1, source): is empty"]


def test_a_state_before_the_battle_must_be_dated_before_the_first_day(make_city):
    toml = CITY_TOML + BEFORE.replace("2019-12-31", "2020-01-03").replace(
        'status = "held"', 'source = "Atlas"\nstatus = "held"'
    )

    problems = problems_of(make_city, [], city_toml=toml)

    assert problems == [
        "city.toml ([[before]] entry 1, day): must be before first_day "
        "(2020-01-01): it is the state before it"
    ]


def test_a_name_several_districts_share_is_never_filed_under_one(make_city):
    twins = [
        feature("h_west", square(0, 0), name_en="Hamdaniya"),
        feature("h_east", square(1, 0), name_en="Hamdaniya"),
    ]
    with pytest.raises(CityDataError) as refused:
        make_city(
            [report("r1", "2020-01-05", "Hamdaniya", "contested")],
            features=twins,
        )
    city = make_city([report("r1", "2020-01-05", "h_west", "contested")], twins)

    assert "'Hamdaniya' is the name of 2 districts (h_west, h_east)" in str(
        refused.value
    )
    assert sorted(city.district_labels.values()) == [
        "Hamdaniya (h_east)",
        "Hamdaniya (h_west)",
    ]


def test_a_city_folder_may_name_a_side_by_its_alias_in_any_case(make_city):
    toml = CITY_TOML.replace(
        'label = "Blue army"', 'label = "Blue army"\naliases = ["Bluecoats"]'
    )
    before = BEFORE.replace('actor = "red"', 'actor = "BLUECOATS"').replace(
        'status = "held"', 'source = "Atlas"\nstatus = "held"'
    )

    city = make_city(
        [report("r1", "2020-01-05", "west", "held", actor="bluecoats")],
        city_toml=toml + before,
    )

    assert list(city.reports["actor"]) == ["blue"]
    assert list(city.opening["actor"]) == ["blue"]
