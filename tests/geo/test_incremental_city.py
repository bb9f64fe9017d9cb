"""An edit applied to a city already held gives what reading every report gives."""

import random
from datetime import date, timedelta

import pandas as pd
import pytest

from geo.incremental import with_changed_reports
from geo.resolution import control_changes, control_on
from tests.conftest import GROUPS_AND_OPENING, THREE_SQUARES, report

PLACES = ["west", "east", "north", "the_south", "city", "unplaced: the old mill"]
SIDES = [("held", "blue"), ("held", "red"), ("contested", ""), ("unknown", "")]


def random_revision(chance: random.Random, report_id: str) -> dict:
    status, actor = chance.choice(SIDES)
    row = report(
        report_id,
        f"2020-01-{chance.randint(1, 12):02d}",
        chance.choice(PLACES),
        status,
        actor=actor,
    )
    row["date"] = date.fromisoformat(row["date"])
    row["retracted"] = chance.random() < 0.2
    return row


def full_reload(city, current: dict[str, dict]):
    """The city as storage would read it anew: every live report, day then id."""
    rows = [row for row in current.values() if not row["retracted"]]
    frame = pd.DataFrame(rows, columns=list(city.reports.columns))
    frame = frame.sort_values(["date", "report_id"], kind="stable")
    return city.with_reports(frame.reset_index(drop=True))


@pytest.mark.parametrize("seed", range(6))
def test_random_edits_give_the_map_a_full_reload_gives(make_city, seed):
    chance = random.Random(seed)
    city = make_city(
        [report("r0", "2020-01-03", "west", "held", actor="blue")],
        THREE_SQUARES,
        city_toml=GROUPS_AND_OPENING,
    )
    current = {
        row["report_id"]: {**row, "retracted": False}
        for row in city.reports.to_dict("records")
    }
    held = city
    for edit in range(8):
        known = sorted(current)
        changed_ids = chance.sample(known, k=min(len(known), chance.randint(0, 2)))
        changed_ids += [f"new-{edit}-{n}" for n in range(chance.randint(0, 2))]
        changed = [random_revision(chance, report_id) for report_id in changed_ids]
        current.update({row["report_id"]: row for row in changed})
        before = held
        held, touched = with_changed_reports(
            held, pd.DataFrame(changed, columns=[*city.reports.columns, "retracted"])
        )
        expected = full_reload(city, current)

        assert held.reports.equals(expected.reports)
        pd.testing.assert_frame_equal(held.claims, expected.claims)
        day = date(2020, 1, 1)
        while day <= date(2020, 1, 13):
            assert control_on(held, day).equals(control_on(expected, day)), day
            day += timedelta(days=1)
        # Every district the edit left untouched keeps its timeline as it was.
        untouched = set(city.districts.index) - touched
        assert control_changes(before, untouched) == control_changes(held, untouched)


def test_an_edit_touches_the_old_and_the_new_place_of_a_moved_report(make_city):
    city = make_city(
        [report("r1", "2020-01-03", "west", "held", actor="blue")], THREE_SQUARES
    )
    moved = report("r1", "2020-01-03", "north", "held", actor="red")
    moved["date"] = date(2020, 1, 3)
    moved["retracted"] = False

    after, touched = with_changed_reports(city, pd.DataFrame([moved]))

    assert touched == {"west", "north"}
    control = control_on(after, date(2020, 1, 5))
    assert control.loc["west", "control"] == "unknown"
    assert control.loc["north", "actor"] == "red"


def test_nothing_changed_touches_nothing(make_city):
    city = make_city([report("r1", "2020-01-03", "west", "held", actor="blue")])

    same, touched = with_changed_reports(city, city.reports.iloc[0:0])

    assert same is city
    assert touched == frozenset()
