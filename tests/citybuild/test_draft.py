"""A new city checked as a whole: days and actors from the reports, report problems.

Every place, report and source here is made up for the tests.
"""

import tomllib
from datetime import date

from geo.citybuild import CitySettings, actor_entry, build_city, schematic_districts
from geo.colours import ACTOR_PALETTE, CONTESTED_COLOUR, DISPUTED_COLOURS
from tests.citybuild.testville import SETTINGS, points, report_row, reports_file


def test_days_and_actors_come_from_the_reports_with_distinct_colours():
    reports = reports_file(
        report_row("t1", "2020-02-03", "North Quarter", "held", "blue"),
        report_row("t2", "2020-02-05", "Eastside", "held", "red"),
        report_row("t3", "2020-02-09", "centre", "held", "green"),
        report_row("t4", "2020-02-07", "west", "contested"),
    )
    features = schematic_districts(points(), buffer_m=600)

    draft = build_city(features, CitySettings("Testville"), reports=reports)

    assert draft.ready, draft.problems
    settings = tomllib.loads(draft.settings_toml)
    assert (settings["first_day"], settings["last_day"], settings["default_day"]) == (
        "2020-02-03",
        "2020-02-09",
        "2020-02-09",
    )
    colours = [actor["colour"] for actor in settings["actors"]]
    assert [actor["id"] for actor in settings["actors"]] == ["blue", "red", "green"]
    assert colours == list(ACTOR_PALETTE[:3])
    assert not {CONTESTED_COLOUR, *DISPUTED_COLOURS} & set(ACTOR_PALETTE)
    assert list(draft.reports["district_id"]) == ["north", "east", "centre", "west"]


def test_report_problems_name_the_row_and_offer_close_names():
    reports = reports_file(
        report_row("t1", "2020-01-05", "Nort Quarter", "held", "blue"),
        report_row("t2", "2020-03-01", "south", "contested"),
    )
    features = schematic_districts(points(), buffer_m=600)

    draft = build_city(features, SETTINGS, reports=reports)

    text = "\n".join(str(problem) for problem in draft.problems)
    assert "reports.csv (row 2, district_id): unknown district 'Nort Quarter'" in text
    assert "did you mean north" in text
    assert "reports.csv (row 3, date): 2020-03-01 is outside the city's range" in text
    assert not draft.ready


def test_sides_keep_their_own_colours_and_aliases_and_the_rest_get_free_ones():
    settings = CitySettings(
        "Testville",
        first_day=date(2020, 1, 1),
        last_day=date(2020, 1, 31),
        actors=(
            actor_entry("sdf = SDF = #1f77b4 = SDF; QSD"),
            actor_entry("is = Islamic State"),
        ),
    )

    draft = build_city(schematic_districts(points(), buffer_m=600), settings)

    assert draft.ready, draft.problems
    assert draft.settings_toml.startswith("# Written by the city builder")
    actors = tomllib.loads(draft.settings_toml)["actors"]
    assert actors == [
        {"id": "sdf", "label": "SDF", "colour": "#1f77b4", "aliases": ["SDF", "QSD"]},
        {"id": "is", "label": "Islamic State", "colour": ACTOR_PALETTE[1]},
    ]


def test_a_side_with_a_bad_colour_is_named():
    settings = CitySettings(
        "Testville",
        first_day=date(2020, 1, 1),
        last_day=date(2020, 1, 31),
        actors=(actor_entry("sdf = SDF = yellow"),),
    )

    draft = build_city(schematic_districts(points(), buffer_m=600), settings)

    assert [str(problem) for problem in draft.problems] == [
        "city settings (side 1 'sdf', colour): 'yellow' is not a #rrggbb colour"
    ]
