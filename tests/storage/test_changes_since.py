"""An open map reads only the reports changed since the change it last saw."""

import pandas as pd

from geo.incremental import with_changed_reports
from geo.resolution import control_on
from geo.schema import REPORT_COLUMNS
from storage.database import data_version
from storage.reports import (
    add_reports,
    current_reports,
    edit_report,
    reports_changed_since,
    set_retracted,
)
from tests.conftest import report
from tests.storage.conftest import EDITOR
from tests.storage.test_reports import DAY


def the_other_side_takes_r1(engine, city) -> None:
    """An editor's new revision of r1: held by red (the seed says blue)."""
    latest = current_reports(engine, city.name).set_index("report_id")
    edit_report(
        engine,
        EDITOR,
        city,
        "r1",
        {"actor": "red"},
        base_revision=int(latest.loc["r1", "revision"]),
        reason="The other side took it",
    )


def test_only_reports_changed_after_a_change_number_are_read(seeded, city):
    seen = data_version(seeded, city.name)
    add_reports(
        seeded,
        EDITOR,
        city,
        pd.DataFrame(
            [report("r3", "2020-01-08", "west", "held", actor="red")],
            columns=REPORT_COLUMNS,
        ),
        origin="form",
    )
    latest = data_version(seeded, city.name)

    changed = reports_changed_since(seeded, city.name, seen, latest)

    assert changed["report_id"].tolist() == ["r3"]
    assert reports_changed_since(seeded, city.name, latest, latest).empty
    assert reports_changed_since(seeded, city.name, 0, latest)[
        "report_id"
    ].tolist() == [
        "r1",
        "r2",
        "r3",
    ]


def test_a_held_city_caught_up_on_changes_equals_a_fresh_read(seeded, city):
    held = city.with_reports(current_reports(seeded, city.name))
    seen = data_version(seeded, city.name)
    first = current_reports(seeded, city.name).set_index("report_id")
    the_other_side_takes_r1(seeded, city)
    set_retracted(
        seeded,
        EDITOR,
        city,
        "r2",
        True,
        base_revision=int(first.loc["r2", "revision"]),
        reason="Wrong day",
    )
    latest = data_version(seeded, city.name)

    changed = reports_changed_since(seeded, city.name, seen, latest)
    caught_up, touched = with_changed_reports(held, changed)
    fresh = city.with_reports(current_reports(seeded, city.name))

    assert sorted(changed["report_id"]) == ["r1", "r2"]
    assert changed.set_index("report_id").loc["r2", "retracted"]
    assert touched == {"west", "east"}
    assert caught_up.reports["report_id"].tolist() == ["r1"]
    pd.testing.assert_frame_equal(caught_up.reports, fresh.reports)
    assert control_on(caught_up, DAY).equals(control_on(fresh, DAY))
    assert control_on(caught_up, DAY).loc["west", "actor"] == "red"
