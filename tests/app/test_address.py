"""The page address and the kept view (``ui.address``), run alone on Raqqa's data."""

import pytest
from streamlit.testing.v1 import AppTest

from geo.view_state import view_choices

HISHAM = "hisham_bin_abdulmalik"
SHARED = {
    "day": "2017-08-03",
    "compare": "2017-08-01",
    "district": HISHAM,
    "source_type": "monitor",
    "layers": "frontline",
    "lat": "35.95000",
    "lon": "39.01000",
    "zoom": "15",
}


def page(choices, default_day, position=None):
    import streamlit as st

    from ui import address

    st.session_state.setdefault("city", "raqqa")
    address.open_view(choices, default_day)
    if position is not None:
        address.note_map_position(position)
    address.keep_view(address.current_view(choices), choices)


@pytest.fixture
def open_address(raqqa):
    choices = view_choices(raqqa)

    def run(position=None, **query: str) -> AppTest:
        app = AppTest.from_function(
            page, args=(choices, raqqa.default_day), kwargs={"position": position}
        )
        app.query_params.update(query)
        return app.run()

    return run


def address_of(app: AppTest) -> dict[str, str]:
    return {
        key: value[-1] if isinstance(value, list) else value
        for key, value in app.query_params.items()
    }


def test_a_shared_address_fills_the_view_and_is_written_back_whole(open_address):
    app = open_address(**SHARED)

    assert not app.exception
    assert address_of(app) == {"city": "raqqa", **SHARED}
    assert app.session_state["day"] == "2017-08-03"
    assert app.session_state["kept_district"] == HISHAM
    assert app.session_state["kept_frontline"] is True


def test_an_address_naming_nothing_valid_opens_the_default_day(open_address, raqqa):
    app = open_address(day="not-a-day", district="<script>", versus="a|a")

    assert address_of(app) == {"city": "raqqa", "day": raqqa.default_day.isoformat()}


def test_an_address_that_differs_only_in_its_day_is_the_browsers_and_kept(
    open_address,
):
    app = open_address(**SHARED)

    app.query_params["day"] = "2017-08-01"
    app.run()

    assert address_of(app)["day"] == "2017-08-01"
    assert app.session_state["day"] == "2017-08-03"


def test_an_address_may_name_a_day_between_report_days(open_address):
    app = open_address(**{**SHARED, "day": "2017-08-02"})

    assert app.session_state["day"] == "2017-08-02"
    assert address_of(app)["day"] == "2017-08-02"


def test_an_address_whose_day_lies_outside_the_timeline_is_rewritten(open_address):
    app = open_address(**SHARED)

    app.query_params["day"] = "2017-11-02"
    app.run()

    assert address_of(app)["day"] == "2017-08-03"


def test_the_position_the_map_wrote_travels_with_the_view(open_address):
    moved = {"lat": "35.96100", "lon": "39.02200", "zoom": "16"}

    app = open_address(position=moved, **SHARED)

    assert {key: address_of(app)[key] for key in moved} == moved


def test_a_position_that_is_no_position_is_ignored(open_address):
    app = open_address(position={"lat": "95", "lon": "39.0", "zoom": "16"}, **SHARED)

    assert address_of(app)["lat"] == SHARED["lat"]
    assert address_of(app)["zoom"] == SHARED["zoom"]
