"""A day's reports, as the side of the map lists them before a district is picked."""

from datetime import date

from tests.conftest import report


def test_a_days_reports_are_those_the_map_draws_in_the_order_of_the_file(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="red"),
            report("r2", "2020-01-03", "unplaced: the old mill", "contested"),
            report("r3", "2020-01-03", "east", "held", actor="blue"),
            report("r4", "2020-01-03", "west; east", "contested"),
        ]
    )

    assert list(city.reported_on(date(2020, 1, 3))["report_id"]) == ["r3", "r4"]
    assert list(city.reported_on(date(2020, 1, 2))["report_id"]) == ["r1"]
    assert city.reported_on(date(2020, 1, 4)).empty


def test_a_place_of_several_districts_is_said_in_a_readers_words(make_city):
    city = make_city([report("r1", "2020-01-02", "west; east", "contested")])

    assert city.place_words("west; east") == "West, East"
    assert city.place_words("west") == "West"


def test_a_file_out_of_day_order_still_gives_each_day_its_own_reports(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="red"),
            report("r2", "2020-01-03", "east", "held", actor="blue"),
            report("r3", "2020-01-02", "east", "contested"),
        ]
    )

    assert list(city.reported_on(date(2020, 1, 2))["report_id"]) == ["r1", "r3"]
    assert list(city.reported_on(date(2020, 1, 3))["report_id"]) == ["r2"]
