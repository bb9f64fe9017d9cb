from datetime import date

from geo.compare import EVERY_SOURCE, Claimant
from geo.view_state import (
    Layer,
    ViewState,
    view_choices,
    view_from_query,
    view_to_query,
)
from tests.conftest import report

DAYS = {date(2017, 8, 1), date(2017, 8, 3)}
KNOWN = {
    "days": DAYS,
    "district_ids": {"hisham", "old_city"},
    "sources": {"SOHR", "SDF"},
    "source_types": {"monitor", "party"},
}


def test_a_view_survives_the_round_trip_through_an_address():
    view = ViewState(
        day=date(2017, 8, 3),
        compare=date(2017, 8, 1),
        district="hisham",
        source="SOHR",
        versus=("monitor", "SDF"),
        layers=frozenset({Layer.FRONTLINE, Layer.STREETS}),
        centre=(35.95, 39.01, 15),
    )

    assert view_from_query(view_to_query(view), **KNOWN) == view


def test_anything_not_on_the_citys_lists_is_dropped():
    hostile = {
        "day": "2017-08-02",
        "compare": "<script>",
        "district": "../../etc/passwd",
        "source": "javascript:alert(1)",
        "source_type": "monitor",
        "versus": "SOHR|SOHR",
        "layers": "frontline,<img>",
        "lat": "95",
        "lon": "39",
        "zoom": "15",
    }

    view = view_from_query(hostile, **KNOWN)

    assert view == ViewState(source_type="monitor", layers=frozenset({Layer.FRONTLINE}))


def test_defaults_leave_the_address_short():
    assert view_to_query(ViewState(day=date(2017, 8, 1))) == {"day": "2017-08-01"}


def test_a_citys_choices_list_its_days_districts_and_claimants(make_city):
    city = make_city(
        [
            report("r1", "2020-01-05", "west", "held", actor="blue", source="Zed"),
            report("r2", "2020-01-02", "east", "contested", source_type="monitor"),
            report("r3", "2020-01-05", "east", "contested", source_type="party"),
        ]
    )

    choices = view_choices(city)

    assert choices.day_labels == {
        "2020-01-02": "2 Jan 2020",
        "2020-01-05": "5 Jan 2020",
    }
    assert choices.district_ids == {"west", "east"}
    assert choices.sources == ("Test source", "Zed")
    assert choices.source_types == ("party", "monitor", "media")
    assert choices.claimants == [
        EVERY_SOURCE,
        Claimant(source_type="party"),
        Claimant(source_type="monitor"),
        Claimant(source_type="media"),
        Claimant(source="Test source"),
        Claimant(source="Zed"),
    ]


def test_a_citys_choices_read_an_address_keeping_only_what_they_offer(make_city):
    choices = view_choices(
        make_city([report("r1", "2020-01-02", "west", "held", actor="blue")])
    )

    view = choices.view_from(
        {"day": "2020-02-03", "district": "west", "source_type": "monitor"}
    )

    assert view == ViewState(district="west")
    assert view.claimant == EVERY_SOURCE
    assert ViewState(source_type="media").claimant == Claimant(source_type="media")


def test_any_day_of_the_citys_timeline_may_be_shown_but_only_report_days_compared(
    make_city,
):
    choices = view_choices(
        make_city([report("r1", "2020-01-02", "west", "held", actor="blue")])
    )

    view = choices.view_from({"day": "2020-01-31", "compare": "2020-01-03"})

    assert view.day == date(2020, 1, 31)
    assert view.compare is None
    assert choices.view_from({"day": "2019-12-31"}).day is None
    assert choices.on_timeline(date(2020, 3, 1)) == date(2020, 1, 31)
