"""The bundled battle told as the sources tell it, from the first day to the last.

Checked on data/raqqa with the rule itself: IS held the city before 6 Jun 2017
(``[[before]]`` in city.toml), the SDF's full control was announced on 17 Oct and
declared on 20 Oct, and the 1 Aug dispute over Nazlat Shahada stays visible.
"""

import re
from datetime import date

import pytest

from geo.area import area_by_control
from geo.resolution import claims_behind, control_on
from geo.status import Control

AUGUST_1 = date(2017, 8, 1)
FULL_CONTROL_ANNOUNCED = date(2017, 10, 17)
CENTRE = ("thakana_nbhd", "amin", "mansour", "rashid", "morour", "badu_nbhd", "firdous")


def shares_on(raqqa, day: date) -> dict[tuple[str, str], float]:
    table = area_by_control(raqqa)
    rows = table[table["day"] == day]
    return dict(
        zip(
            zip(rows["control"], rows["actor"], strict=True), rows["share"], strict=True
        )
    )


def test_every_report_day_before_the_announced_capture_has_is_held_ground(raqqa):
    """Until 14 Oct IS holds district area (the central pocket AFP described on
    1 Oct); from 15 Oct the sources name only the quarters still fought over and
    the National Hospital and the stadium (landmarks, drawn as points)."""
    for day in raqqa.days:
        if day >= FULL_CONTROL_ANNOUNCED:
            continue
        control = control_on(raqqa, day)
        held_by_is = control[
            (control["control"] == Control.HELD) & (control["actor"] == "is")
        ]
        assert len(held_by_is) > 0, day
        if day < date(2017, 10, 15):
            assert shares_on(raqqa, day)[(Control.HELD, "is")] > 0, day


def test_on_1_august_the_centre_is_held_by_is_and_little_has_no_report(raqqa):
    control = control_on(raqqa, AUGUST_1)
    shares = shares_on(raqqa, AUGUST_1)

    assert shares[(Control.UNKNOWN, "")] <= 0.10
    assert set(control.loc[list(CENTRE), "actor"]) == {"is"}
    assert shares[(Control.HELD, "is")] > 0.2
    assert shares[(Control.HELD, "sdf")] > 0.2


def test_on_1_august_nazlat_shahada_is_disputed_with_the_sdfs_denial_listed(raqqa):
    nazlat = control_on(raqqa, AUGUST_1).loc["nazlat_shahada"]
    ledger = claims_behind(raqqa, "nazlat_shahada", AUGUST_1).set_index("report_id")

    assert nazlat["control"] == Control.DISPUTED
    assert "rq-065" in nazlat["disputed_by"]
    assert "Mustafa Bali" in ledger.loc["rq-065", "source"]
    assert "denies it" in ledger.loc["rq-064", "role"]


@pytest.mark.parametrize(
    "later_report",
    [
        pytest.param("rq-108", id="quarters the SDF still fought for on 15 Oct"),
        pytest.param("rq-115", id="the Naim roundabout, taken on 16 Oct"),
        pytest.param("rq-116", id="the Dallah roundabout, taken on 16 Oct"),
    ],
)
def test_places_the_sdf_fought_for_later_were_not_won_on_1_october(raqqa, later_report):
    """The SDF side's own later reports still fight for (or only then take) these
    places. Had the commander's "two positions left" of 1 Oct been read as covering
    them, the map would show them won on 1 Oct and fought for again later: a
    reversal no source reports. Until then they keep what earlier reports said."""
    claims = raqqa.claims
    later = claims[claims["report_id"] == later_report]
    places = list(later["district_id"])
    commander_spoke = date(2017, 10, 1)

    assert places
    for day in raqqa.days:
        if commander_spoke <= day < later["date"].iloc[0]:
            control = control_on(raqqa, day).loc[places]
            won_since = control[
                (control["control"] == Control.HELD)
                & (control["actor"] == "sdf")
                & (control["as_of"] >= commander_spoke)
            ]
            assert won_since.empty, (day, list(won_since.index))


def test_on_the_last_day_the_sdf_holds_the_city(raqqa):
    assert raqqa.last_day == date(2017, 10, 20)

    shares = shares_on(raqqa, raqqa.days[-1])

    assert shares[(Control.HELD, "sdf")] >= 0.95
    assert shares[(Control.HELD, "sdf")] == pytest.approx(1.0)


def test_statements_about_many_districts_are_stored_once(raqqa):
    reports = raqqa.reports.set_index("report_id")
    claims = raqqa.claims

    covered = claims[claims["report_id"] == "rq-058b"]["district_id"]

    assert reports.loc["rq-058b", "district_id"].count(";") == len(covered) - 1
    assert len(covered) > 1
    assert reports.loc["rq-120", "district_id"] == "city"
    assert len(claims[claims["report_id"] == "rq-120"]) == len(raqqa.districts)
    assert not raqqa.unplaced.empty


def test_no_note_a_reader_sees_names_a_report_by_its_id(raqqa):
    """Notes are read in the ledger, popups and tables, where a report id means
    nothing: another report is named by its source and day, or in words."""
    ids = set(raqqa.all_reports["report_id"])
    notes = [
        *raqqa.all_reports["note"],
        *raqqa.figures["note"],
        *raqqa.events["note"],
        *(group.note for group in raqqa.groups),
    ]

    named = re.compile(
        r"(?<![\w-])(" + "|".join(map(re.escape, sorted(ids))) + r")(?![\w-])"
    )

    quoting = {note: named.findall(note) for note in map(str, notes)}
    assert {note: found for note, found in quoting.items() if found} == {}
