from datetime import date

from geo.view_state import Layer, ViewState, view_from_query, view_to_query

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
