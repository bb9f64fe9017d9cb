"""AppTest of the map page on the bundled Raqqa data (no browser, no mocks)."""

import json
from datetime import date

from geo.days import format_day
from tests.app.conftest import day_shown, open_app, pick_day, timeline_sent
from tests.conftest import ROOT, report_days


def test_map_page_opens_on_the_default_day_without_errors():
    app = open_app()

    assert not app.exception
    assert not app.error
    assert app.title[0].value == "Battle of Raqqa, 2017"
    assert day_shown(app) == "2017-08-01"


def test_moving_the_slider_changes_the_caption_and_the_ledger():
    app = open_app(district="hisham_bin_abdulmalik")
    before = app.dataframe[0].value

    pick_day(app, "2017-08-03")
    after = app.dataframe[0].value

    assert day_shown(app) == "2017-08-03"
    assert len(after) > len(before)
    decisive = after[after["role"] == "decides the colour"]
    assert all(
        says.startswith("held by SDF and partner forces") for says in decisive["says"]
    )
    assert len(decisive) == 2


def test_the_timeline_moves_through_every_report_day_by_its_label():
    sent = timeline_sent(open_app())
    served = ROOT / sent["daysUrl"].removeprefix("/app/")

    listed = json.loads(served.read_text(encoding="utf-8"))

    assert listed["days"] == report_days()
    assert listed["labels"] == [
        format_day(date.fromisoformat(day)) for day in report_days()
    ]
    assert sent["secondsPerDay"] == 1.0


def test_a_day_that_is_no_report_day_is_refused():
    app = pick_day(open_app(), "2017-08-02")

    assert not app.exception
    assert day_shown(app) == "2017-08-01"


def test_ledger_shows_who_denies_the_capture_claim_for_nazlat_shahada():
    app = open_app(district="nazlat_shahada")

    ledger = app.dataframe[0].value
    today = ledger[ledger["day"].astype(str) == "2017-08-01"]

    assert any(role.endswith("denies it") for role in today["role"])
    assert any(role.startswith("decides the colour") for role in today["role"])
    assert all(link.startswith(("https://", "http://")) for link in ledger["link"])


def test_reports_that_name_no_place_on_the_map_are_listed_on_their_day():
    app = open_app(day="2017-10-15")

    unplaced = app.dataframe[-1].value

    assert any("Reports we could not place" in block.value for block in app.markdown)
    assert all(
        place.startswith("not placed on the map:") for place in unplaced["place"]
    )


def test_shared_link_with_a_bad_day_falls_back_to_a_report_day():
    app = open_app(day="not-a-day", district="<script>")

    assert not app.exception
    assert day_shown(app) == "2017-08-01"
    assert app.query_params["day"] in ("2017-08-01", ["2017-08-01"])
    assert app.selectbox(key="district").value is None


def test_the_map_keeps_its_day_and_district_after_visiting_another_page():
    app = open_app(district="hisham_bin_abdulmalik")
    pick_day(app, "2017-08-03")

    app.switch_page("pages/reports.py").run()
    app.switch_page("pages/map.py").run()

    assert not app.exception
    assert day_shown(app) == "2017-08-03"
    assert app.selectbox(key="district").value == "hisham_bin_abdulmalik"


def test_street_tiles_switch_on_beside_the_other_layers_and_travel_with_the_link():
    app = open_app()

    app.toggle(key="street_tiles").set_value(True).run()

    assert not app.exception
    layers = app.query_params["layers"]
    assert "streets" in (layers[0] if isinstance(layers, list) else layers)
    assert open_app(layers="streets").toggle(key="street_tiles").value is True
