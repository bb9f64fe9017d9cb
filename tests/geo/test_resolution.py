from datetime import date
from itertools import pairwise

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.resolution import (
    ReportRow,
    _timeline,
    claims_behind,
    control_changes,
    control_on,
    resolve,
)
from geo.schema import in_report_order
from geo.status import Control, Extent, Kind, ReportStatus
from tests.conftest import CITY_TOML, GROUPS_AND_OPENING, THREE_SQUARES, report

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


def test_retracted_claim_stops_counting_from_the_retraction(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "contested"),
            report("r2", "2020-01-05", "west", "held", actor="blue"),
            report("r3", "2020-01-06", "west", "", kind="retraction", denies="r2"),
        ]
    )

    before_retraction = control_on(city, date(2020, 1, 5)).loc["west"]
    after_retraction = control_on(city, DAY).loc["west"]

    assert before_retraction["actor"] == "blue"
    assert after_retraction["control"] == Control.CONTESTED
    assert after_retraction["withdrawn"] == ("r2",)


def test_another_partys_denial_disputes_the_claim_instead_of_voiding_it(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "contested"),
            report("r2", "2020-01-05", "west", "held", actor="blue"),
            report("r3", "2020-01-06", "west", "", kind="denial", denies="r2"),
        ]
    )

    before_denial = control_on(city, date(2020, 1, 5)).loc["west"]
    after_denial = control_on(city, DAY).loc["west"]

    assert before_denial["control"] == Control.HELD
    assert after_denial["control"] == Control.DISPUTED
    assert after_denial["deciding"] == ("r2",)
    assert after_denial["withdrawn"] == ()


def test_denial_with_its_own_status_on_the_same_day_is_a_dispute(make_city):
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

    assert west["control"] == Control.DISPUTED
    assert set(west["deciding"]) == {"r1", "r2"}


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


_REPORT = st.tuples(
    st.integers(1, 6),
    st.sampled_from(["", *ReportStatus]),
    st.sampled_from(["red", "blue"]),
    st.sampled_from(list(Extent)),
    st.sampled_from(list(Kind)),
    st.lists(st.integers(0, 11), max_size=2),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_REPORT, max_size=12), st.booleans())
def test_a_districts_timeline_is_the_rule_applied_on_every_day(rows, outranks):
    """The timeline is made in one pass over a district's reports: on every day it
    must say what the rule says from scratch, with retractions and denials of
    earlier, same-day and later reports among them."""
    reports = sorted(
        (
            ReportRow(
                f"r{number:02d}",
                date(2020, 1, day),
                status,
                actor if status == ReportStatus.HELD else "",
                extent,
                kind,
                tuple(f"r{target:02d}" for target in targets),
            )
            for number, (day, status, actor, extent, kind, targets) in enumerate(rows)
        ),
        key=lambda report: (report.date, report.report_id),
    )
    timeline = _timeline(reports, outranks)
    days = [when for when, _ in timeline]
    assert days == sorted(set(days))

    for day in range(1, 8):
        on_day = date(2020, 1, day)
        changes = [resolution for when, resolution in timeline if when <= on_day]
        from_scratch = resolve(reports, on_day, assessment_outranks_claim=outranks)
        if not [report for report in reports if report.date <= on_day]:
            assert not changes
        else:
            assert changes[-1] == from_scratch, on_day
    assert all(earlier != later for (_, earlier), (_, later) in pairwise(timeline))


def test_claims_behind_says_who_denies_and_who_withdraws(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="red"),
            report("r2", "2020-01-05", "west", "held", actor="blue"),
            report(
                "r3",
                "2020-01-05",
                "west",
                "contested",
                kind="denial",
                denies="r2",
                source="Blue army media office",
            ),
            report("r4", "2020-01-06", "west", "held", actor="blue", source="Wire"),
            report(
                "r5",
                "2020-01-07",
                "west",
                "",
                kind="retraction",
                denies="r4",
                source="Wire",
            ),
            report("r6", "2020-01-20", "west", "held", actor="red"),
        ]
    )

    ledger = claims_behind(city, "west", DAY).set_index("report_id")

    assert list(ledger.index) == ["r5", "r4", "r3", "r2", "r1"]
    assert ledger.loc["r2", "role"] == (
        "one side of the dispute; Blue army media office denies it"
    )
    assert ledger.loc["r3", "role"] == "one side of the dispute"
    assert ledger.loc["r4", "role"] == "withdrawn by its own source"
    assert ledger.loc["r5", "role"] == "Wire withdraws its own report"
    assert ledger.loc["r1", "role"] == "earlier report"
    assert ledger.loc["r2", "says"] == "held by Blue army"
    assert control_on(city, DAY).loc["west", "control"] == Control.DISPUTED


def test_city_wide_claim_counts_for_every_district(make_city):
    city = make_city(
        [report("r1", "2020-01-05", "city", "held", actor="blue")],
        features=THREE_SQUARES,
    )

    control = control_on(city, DAY)

    assert set(control["actor"]) == {"blue"}
    assert set(control["deciding"]) == {("r1",)}
    assert list(city.reports["report_id"]) == ["r1"]


def test_list_group_and_except_cover_the_districts_they_name(make_city):
    city = make_city(
        [
            report("r1", "2020-01-03", "west; North", "held", actor="blue"),
            report("r2", "2020-01-04", "the_south except west", "contested"),
            report("r3", "2020-01-05", "city except north; east", "held", actor="red"),
        ],
        features=THREE_SQUARES,
        city_toml=GROUPS_AND_OPENING,
    )

    on_4th = control_on(city, date(2020, 1, 4))
    on_5th = control_on(city, date(2020, 1, 5))

    assert on_4th.loc["west", "actor"] == "blue"
    assert on_4th.loc["north", "actor"] == "blue"
    assert on_4th.loc["east", "control"] == Control.CONTESTED
    assert on_5th.loc["west", "actor"] == "red"
    assert on_5th.loc["north", "actor"] == "blue"
    assert list(city.reports["district_id"]) == [
        "west; north",
        "the_south except west",
        "city except north; east",
    ]


def test_sweeping_and_specific_claims_of_one_day_that_disagree_are_disputed(make_city):
    city = make_city(
        [
            report("r1", "2020-01-05", "city", "held", actor="blue"),
            report("r2", "2020-01-05", "west", "contested", source="Monitor"),
        ],
        features=THREE_SQUARES,
    )

    control = control_on(city, DAY)
    ledger = claims_behind(city, "west", DAY).set_index("report_id")

    assert control.loc["west", "control"] == Control.DISPUTED
    assert control.loc["east", "actor"] == "blue"
    assert ledger.loc["r1", "about"] == "the whole city"
    assert ledger.loc["r2", "about"] == ""


def test_state_before_the_battle_is_drawn_until_a_report_replaces_it(make_city):
    city = make_city(
        [report("r1", "2020-01-05", "west", "held", actor="blue")],
        features=THREE_SQUARES,
        city_toml=GROUPS_AND_OPENING,
    )

    first_day = control_on(city, date(2020, 1, 1))
    later = control_on(city, DAY)
    ledger = claims_behind(city, "east", DAY)

    assert set(first_day["actor"]) == {"red"}
    assert first_day.loc["east", "days_since_report"] == 1
    assert later.loc["west", "actor"] == "blue"
    assert later.loc["east", "actor"] == "red"
    assert later.loc["east", "days_since_report"] == 10
    assert list(ledger["source"]) == ["Test encyclopedia"]
    assert list(ledger["role"]) == ["decides the colour"]
    assert list(city.days) == [date(2020, 1, 5)]


def test_unplaced_claims_are_kept_and_never_drawn(make_city):
    city = make_city(
        [
            report("r1", "2020-01-05", "unplaced: five northern quarters", "contested"),
            report("r2", "2020-01-05", "west", "held", actor="blue"),
        ]
    )

    control = control_on(city, DAY)

    assert list(city.unplaced["report_id"]) == ["r1"]
    assert control.loc["east", "control"] == Control.UNKNOWN
    assert list(city.reports["report_id"]) == ["r1", "r2"]


@given(
    st.lists(
        st.tuples(
            st.dates(min_value=date(2017, 6, 1), max_value=date(2017, 6, 5)),
            st.sampled_from(["r1", "r10", "r2", "R2", "rq-01", "é1"]),
        ),
        max_size=40,
    )
)
def test_reports_are_read_by_day_then_id_ties_in_their_order(rows):
    """The rule's and the database's order, as pandas' stable sort gives it."""
    reports = pd.DataFrame(rows, columns=["date", "report_id"], dtype=object)
    reports.index = reports.index * 3  # an index of its own, kept

    ordered = in_report_order(reports)

    expected = reports.sort_values(["date", "report_id"], kind="stable")
    assert ordered.index.tolist() == expected.index.tolist()
