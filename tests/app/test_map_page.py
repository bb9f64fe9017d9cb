"""AppTest of the map page on the bundled Raqqa data (no browser, no mocks)."""

import json
from datetime import date
from itertools import pairwise

from geo.compare import Claimant
from geo.days import format_day
from tests.app.conftest import (
    day_shown,
    open_app,
    open_map_options,
    pick_day,
    timeline_sent,
)
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


def served_calendar(app):
    sent = timeline_sent(app)
    served = ROOT / sent["daysUrl"].removeprefix("/app/")
    return json.loads(served.read_text(encoding="utf-8"))


def test_the_timeline_spans_every_calendar_day_and_marks_the_report_days(raqqa):
    calendar = served_calendar(open_app())

    days = [date.fromisoformat(day) for day in calendar["days"]]
    assert days[0] == raqqa.first_day
    assert days[-1] == raqqa.last_day
    assert all((later - earlier).days == 1 for earlier, later in pairwise(days))
    assert calendar["labels"] == [format_day(day) for day in days]
    assert [calendar["days"][index] for index in calendar["reports"]] == report_days()
    ticked = [days[index] for index, _ in calendar["months"]]
    assert ticked == [day for day in days if day.day == 1]
    assert [name for _, name in calendar["months"]] == [f"{day:%b}" for day in ticked]


def test_a_day_between_report_days_shows_the_latest_report_days_claims():
    on_report_day = open_app(district="hisham_bin_abdulmalik", day="2017-08-01")
    between = pick_day(
        open_app(district="hisham_bin_abdulmalik", day="2017-08-01"), "2017-08-02"
    )

    assert not between.exception
    assert day_shown(between) == "2017-08-02"
    assert between.dataframe[0].value.equals(on_report_day.dataframe[0].value)


def test_a_link_to_a_day_between_report_days_opens_on_that_day():
    app = open_app(day="2017-08-02")

    assert day_shown(app) == "2017-08-02"
    assert app.query_params["day"] in ("2017-08-02", ["2017-08-02"])


def test_who_holds_how_much_on_a_day_between_reports_is_the_latest_report_days():
    def shares_on(day):
        app = open_app(day=day)
        app.segmented_control(key="panel").set_value("Who holds how much").run()
        return next(table.value for table in app.dataframe if "share" in table.value)

    between = shares_on("2017-08-02")

    assert not between.empty
    assert between.equals(shares_on("2017-08-01"))


def test_picking_a_day_to_compare_with_shows_what_changed_at_once():
    app = open_map_options(open_app(day="2017-08-03"))

    app.selectbox(key="compare").set_value("2017-08-01").run()

    assert app.segmented_control(key="panel").value == "What changed"
    assert any(
        "changed between 1 Aug 2017 and 3 Aug 2017" in caption.value
        for caption in app.caption
    )
    assert len(app.dataframe[-1].value) > 0


def test_ledger_shows_who_denies_the_capture_claim_for_nazlat_shahada():
    app = open_app(district="nazlat_shahada")

    ledger = app.dataframe[0].value
    today = ledger[ledger["day"].astype(str) == "2017-08-01"]

    assert any(role.endswith("denies it") for role in today["role"])
    # Sources disagree that day: no report decides the colour on its own.
    assert any(role.startswith("one side of the dispute") for role in today["role"])
    assert not any(role.startswith("decides the colour") for role in today["role"])
    assert all(link.startswith(("https://", "http://")) for link in ledger["link"])


def test_reports_that_name_no_place_on_the_map_are_listed_on_their_day():
    app = open_app(day="2017-10-15")

    html = [block.proto.body for block in app.get("html")]

    assert any("Reports we could not place" in block.value for block in app.markdown)
    assert any(
        "al-Akrad, the Airport, al-Sukhany, al-Matanah</b>: contested" in body
        for body in html
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

    app.switch_page("app_pages/reports.py").run()
    app.switch_page("app_pages/map.py").run()

    assert not app.exception
    assert day_shown(app) == "2017-08-03"
    assert app.selectbox(key="district").value == "hisham_bin_abdulmalik"


def test_street_tiles_switch_on_beside_the_other_layers_and_travel_with_the_link():
    app = open_map_options(open_app())

    app.toggle(key="street_tiles").set_value(True).run()

    assert not app.exception
    layers = app.query_params["layers"]
    assert "streets" in (layers[0] if isinstance(layers, list) else layers)
    assert open_app(layers="streets").toggle(key="street_tiles").value is True


def test_a_source_picked_in_map_options_stays_picked_once_they_are_folded():
    """Folded, the options are not drawn; the map keeps following the choice."""
    app = open_map_options(open_app(day="2017-08-01"))
    monitors = Claimant(source_type="monitor")
    app.selectbox(key="claimant").set_value(monitors).run()

    app.session_state["map_options"] = False
    folded = pick_day(app.run(), "2017-08-03")

    assert not folded.exception
    assert [box.key for box in folded.selectbox if box.key == "claimant"] == []
    assert folded.session_state["claimant"] == monitors
    assert folded.query_params["source_type"] == "monitor"
    assert folded.expander[0].label.startswith("Map options: as claimed by")
