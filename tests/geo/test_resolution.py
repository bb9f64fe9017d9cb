from datetime import date

from geo.resolution import claims_behind, control_changes, control_on
from geo.status import Control, Extent
from tests.conftest import report

DAY = date(2020, 1, 10)


def test_no_reports_yet_means_unknown(make_city):
    city = make_city([report("r1", "2020-01-05", "west", "held", actor="blue")])

    control = control_on(city, date(2020, 1, 4))

    assert control.loc["west", "control"] == Control.UNKNOWN
    assert control.loc["east", "control"] == Control.UNKNOWN
    assert control.loc["west", "days_since_report"] is None


def test_single_claim_colours_district_with_its_age(make_city):
    city = make_city([report("r1", "2020-01-05", "west", "held", actor="blue")])

    west = control_on(city, DAY).loc["west"]

    assert (west["control"], west["actor"]) == (Control.HELD, "blue")
    assert west["days_since_report"] == 5
    assert west["deciding"] == ("r1",)


def test_later_claim_supersedes_earlier_one(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="red"),
            report("r2", "2020-01-06", "west", "held", actor="blue"),
        ]
    )

    assert control_on(city, date(2020, 1, 3)).loc["west", "actor"] == "red"
    assert control_on(city, DAY).loc["west", "actor"] == "blue"


def test_denied_claim_stops_counting_from_the_denial(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "contested"),
            report("r2", "2020-01-05", "west", "held", actor="blue"),
            report("r3", "2020-01-06", "west", "", kind="denial", denies="r2"),
        ]
    )

    before_denial = control_on(city, date(2020, 1, 5)).loc["west"]
    after_denial = control_on(city, DAY).loc["west"]

    assert before_denial["actor"] == "blue"
    assert after_denial["control"] == Control.CONTESTED
    assert after_denial["denied"] == ("r2",)


def test_denial_with_its_own_status_decides_the_day(make_city):
    city = make_city(
        [
            report("r1", "2020-01-05", "west", "held", actor="blue"),
            report(
                "r2",
                "2020-01-05",
                "west",
                "contested",
                kind="denial",
                denies="r1",
                extent="partial",
            ),
        ]
    )

    west = control_on(city, date(2020, 1, 5)).loc["west"]

    assert west["control"] == Control.CONTESTED
    assert west["extent"] == Extent.PARTIAL
    assert west["deciding"] == ("r2",)


def test_disagreement_on_the_deciding_day_is_disputed(make_city):
    city = make_city(
        [
            report("r1", "2020-01-05", "west", "held", actor="blue"),
            report("r2", "2020-01-05", "west", "held", actor="red"),
        ]
    )

    west = control_on(city, DAY).loc["west"]

    assert west["control"] == Control.DISPUTED
    assert set(west["deciding"]) == {"r1", "r2"}


def test_monitor_outranks_party_only_when_the_city_says_so(make_city):
    reports = [
        report("r1", "2020-01-05", "west", "held", actor="blue"),
        report(
            "r2",
            "2020-01-05",
            "west",
            "contested",
            kind="assessment",
            source_type="monitor",
        ),
    ]
    from tests.conftest import CITY_TOML

    default_city = make_city(reports)
    ranked_city = make_city(
        reports, city_toml="assessment_outranks_claim = true\n" + CITY_TOML
    )

    assert control_on(default_city, DAY).loc["west", "control"] == Control.DISPUTED
    assert control_on(ranked_city, DAY).loc["west", "control"] == Control.CONTESTED


def test_partial_extent_is_kept(make_city):
    city = make_city(
        [
            report("r1", "2020-01-05", "west", "held", actor="blue", extent="partial"),
        ]
    )

    assert control_on(city, DAY).loc["west", "extent"] == Extent.PARTIAL


def test_changes_match_control_on_every_day(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="red"),
            report("r2", "2020-01-05", "west", "contested"),
            report("r3", "2020-01-05", "east", "held", actor="blue"),
            report("r4", "2020-01-08", "west", "", kind="denial", denies="r2"),
        ]
    )
    changes = control_changes(city)

    for offset in range(1, 12):
        day = date(2020, 1, offset)
        control = control_on(city, day)
        for district_id, timeline in changes.items():
            current = [resolution for when, resolution in timeline if when <= day]
            expected = current[-1].control if current else Control.UNKNOWN
            assert control.loc[district_id, "control"] == expected, (district_id, day)


def test_claims_behind_marks_deciding_and_denied_reports(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="red"),
            report("r2", "2020-01-05", "west", "held", actor="blue"),
            report("r3", "2020-01-05", "west", "contested", kind="denial", denies="r2"),
            report("r4", "2020-01-20", "west", "held", actor="red"),
        ]
    )

    ledger = claims_behind(city, "west", DAY).set_index("report_id")

    assert list(ledger.index) == ["r3", "r2", "r1"]
    assert ledger.loc["r3", "role"] == "decides the colour"
    assert ledger.loc["r2", "role"] == "denied"
    assert ledger.loc["r1", "role"] == "earlier report"
    assert ledger.loc["r2", "says"] == "held by Blue army"
