from datetime import date

import pandas as pd
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from geo.resolution import control_on
from geo.schema import REPORT_COLUMNS
from geo.status import Control, Verification
from storage.access import ANONYMOUS, NotAllowedError
from storage.database import data_version, open_database, upgrade_schema
from storage.reports import (
    EditConflictError,
    ReportsRefusedError,
    add_reports,
    current_reports,
    edit_report,
    report_history,
    seed_city,
    seed_of,
    set_retracted,
    set_verification,
    undo_last_change,
)
from storage.tables import report_revisions
from tests.conftest import RAQQA, report
from tests.storage.conftest import EDITOR, SECOND_EDITOR, VIEWER
from ui.city_store import checked_city

DAY = date(2020, 1, 10)


def rows(*reports: dict) -> pd.DataFrame:
    return pd.DataFrame(list(reports), columns=REPORT_COLUMNS)


def revision_count(engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(report_revisions))


def stored_city(engine, city):
    return city.with_reports(current_reports(engine, city.name))


def test_what_a_seed_says_it_stored_is_what_reading_it_back_gives(engine, raqqa):
    """Raqqa's seed (denials, retractions, notes in two scripts, empty fields)
    is handed on as written instead of read back: it must be the same table."""
    seeded = seed_city(engine, raqqa)

    assert seeded.change == data_version(engine, raqqa.name)
    pd.testing.assert_frame_equal(seeded.reports, current_reports(engine, raqqa.name))


def test_a_seed_of_the_kept_checked_reports_is_what_reading_it_back_gives(
    engine, database_url, tmp_path, monkeypatch
):
    """A new database beside files checked before: the seed is made from the
    checked reports kept on disk, and the first map drawn from it."""
    monkeypatch.setenv("FRONTLINE_CACHE_DIR", str(tmp_path / "cache"))
    checked_city(RAQQA, database_url)
    kept = checked_city(RAQQA, database_url)
    seed = seed_of(kept)

    seed_city(engine, kept, seed)

    pd.testing.assert_frame_equal(seed.reports, current_reports(engine, kept.name))


def test_seed_is_stored_once_however_often_the_app_starts(engine, city, database_url):
    assert len(seed_city(engine, city).reports) == 2
    assert seed_city(engine, city) is None
    assert seed_city(open_database(database_url), city) is None

    stored = current_reports(engine, city.name)
    assert sorted(stored["report_id"]) == ["r1", "r2"]
    assert revision_count(engine) == 2
    assert stored.loc[0, "author"] == "reports.csv (seed)"


def test_stored_reports_colour_the_map_like_the_csv(seeded, city):
    from_database = control_on(stored_city(seeded, city), DAY)
    from_csv = control_on(city, DAY)

    assert from_database[["control", "actor"]].equals(from_csv[["control", "actor"]])


def test_schema_upgrade_is_idempotent(engine):
    assert upgrade_schema(engine) == upgrade_schema(engine) == 4


def test_an_editor_adds_a_report_and_the_map_changes(seeded, city):
    before = data_version(seeded, city.name)

    added = add_reports(
        seeded,
        EDITOR,
        city,
        rows(report("r3", "2020-01-08", "west", "held", actor="red")),
        origin="form",
    )

    assert added == ["r3"]
    assert data_version(seeded, city.name) > before
    control = control_on(stored_city(seeded, city), DAY)
    assert (control.loc["west", "control"], control.loc["west", "actor"]) == (
        Control.HELD,
        "red",
    )
    history = report_history(seeded, city.name, "r3")
    assert list(history["author"]) == ["Alice Editor"]
    assert list(history["action"]) == ["add"]


@pytest.mark.parametrize("identity", [ANONYMOUS, VIEWER])
def test_only_editors_may_write(seeded, city, identity):
    new = rows(report("r3", "2020-01-08", "west", "held", actor="red"))

    with pytest.raises(NotAllowedError, match="editor login"):
        add_reports(seeded, identity, city, new, origin="form")
    with pytest.raises(NotAllowedError):
        edit_report(
            seeded, identity, city, "r1", {"note": "x"}, base_revision=1, reason="x"
        )

    assert revision_count(seeded) == 2


def test_a_batch_with_one_bad_row_stores_nothing(seeded, city):
    batch = rows(
        report("r3", "2020-01-08", "west", "held", actor="red"),
        report("r4", "2020-01-09", "Westt", "held", actor="red"),
        report("r1", "2020-01-09", "east", "contested"),
    )

    with pytest.raises(ReportsRefusedError) as refused:
        add_reports(seeded, EDITOR, city, batch, origin="upload.csv")

    messages = [str(problem) for problem in refused.value.problems]
    assert any("row 3" in text and "did you mean west" in text for text in messages)
    assert any("row 4" in text and "report_id" in text for text in messages)
    assert revision_count(seeded) == 2


def test_another_partys_denial_of_a_stored_report_makes_it_disputed(seeded, city):
    denial = report(
        "r3", "2020-01-07", "east", "", kind="denial", denies="r2", source="Blue HQ"
    )

    add_reports(seeded, EDITOR, city, rows(denial), origin="form")

    east = control_on(stored_city(seeded, city), DAY).loc["east"]
    assert east["control"] == Control.DISPUTED
    assert east["deciding"] == ("r2",)
    assert east["disputed_by"] == ("r3",)


def test_a_retraction_by_the_reports_own_source_takes_it_off_the_map(seeded, city):
    retraction = report("r3", "2020-01-07", "east", "", kind="retraction", denies="r2")

    add_reports(seeded, EDITOR, city, rows(retraction), origin="form")

    east = control_on(stored_city(seeded, city), DAY).loc["east"]
    assert east["control"] == Control.UNKNOWN
    assert east["withdrawn"] == ("r2",)


def test_a_city_wide_claim_is_stored_once_and_colours_every_district(seeded, city):
    add_reports(
        seeded,
        EDITOR,
        city,
        rows(report("r3", "2020-01-08", "City", "held", actor="blue")),
        origin="form",
    )

    stored = current_reports(seeded, city.name)
    control = control_on(stored_city(seeded, city), DAY)
    assert stored.set_index("report_id").loc["r3", "district_id"] == "city"
    assert revision_count(seeded) == 3
    assert set(control["actor"]) == {"blue"}
    assert set(control["deciding"]) == {("r3",)}


@pytest.mark.parametrize(
    ("place", "message"),
    [
        ("west; nowhere", "unknown district 'nowhere'"),
        ("city except west; east", "leaves no district"),
        (";", "is empty"),
    ],
)
def test_a_claim_about_a_place_that_cannot_be_read_stores_nothing(
    seeded, city, place, message
):
    with pytest.raises(ReportsRefusedError) as refused:
        add_reports(
            seeded,
            EDITOR,
            city,
            rows(report("r3", "2020-01-08", place, "contested")),
            origin="form",
        )

    assert message in str(refused.value)
    assert "district_id" in str(refused.value)
    assert revision_count(seeded) == 2


def test_an_edit_is_a_new_revision_with_author_reason_and_changed_fields(seeded, city):
    revision = edit_report(
        seeded,
        SECOND_EDITOR,
        city,
        "r1",
        {"status": "contested", "actor": ""},
        base_revision=1,
        reason="Monitor says fighting continues",
    )

    assert revision == 2
    history = report_history(seeded, city.name, "r1")
    assert list(history["revision"]) == [1, 2]
    assert list(history["status"]) == ["held", "contested"]
    latest = history.iloc[-1]
    assert latest["author"] == "Bob Editor"
    assert latest["reason"] == "Monitor says fighting continues"
    assert latest["changed"].split() == ["status", "actor"]
    west = control_on(stored_city(seeded, city), DAY).loc["west"]
    assert west["control"] == Control.CONTESTED


def test_an_edit_must_give_a_reason_and_stay_valid(seeded, city):
    with pytest.raises(ReportsRefusedError, match="say why"):
        edit_report(
            seeded, EDITOR, city, "r1", {"note": "x"}, base_revision=1, reason=""
        )
    with pytest.raises(ReportsRefusedError, match="outside the city's range"):
        edit_report(
            seeded,
            EDITOR,
            city,
            "r1",
            {"date": "2021-05-01"},
            base_revision=1,
            reason="typo",
        )
    assert revision_count(seeded) == 2


def test_two_editors_saving_from_the_same_revision_one_wins(seeded, city):
    edit_report(
        seeded, EDITOR, city, "r1", {"note": "First"}, base_revision=1, reason="a"
    )

    with pytest.raises(EditConflictError) as conflict:
        edit_report(
            seeded,
            SECOND_EDITOR,
            city,
            "r1",
            {"note": "Second"},
            base_revision=1,
            reason="b",
        )

    assert conflict.value.author == "Alice Editor"
    assert conflict.value.revision == 2
    assert "Alice Editor" in str(conflict.value)
    assert list(report_history(seeded, city.name, "r1")["note"]) == [
        "A test claim.",
        "First",
    ]


def test_retract_restore_verify_and_undo_keep_every_revision(seeded, city):
    set_retracted(seeded, EDITOR, city, "r1", True, base_revision=1, reason="wrong")
    assert "r1" not in set(current_reports(seeded, city.name)["report_id"])
    assert control_on(stored_city(seeded, city), DAY).loc["west", "control"] == (
        Control.UNKNOWN
    )

    set_retracted(seeded, EDITOR, city, "r1", False, base_revision=2, reason="ok")
    set_verification(
        seeded,
        SECOND_EDITOR,
        city,
        "r1",
        Verification.CORROBORATED,
        base_revision=3,
        reason="Matches the monitor",
    )
    current = current_reports(seeded, city.name).set_index("report_id").loc["r1"]
    assert current["verification"] == "corroborated"
    assert current["verified_by"] == "Bob Editor"

    undo_last_change(seeded, EDITOR, city, "r1", base_revision=4, reason="too soon")
    current = current_reports(seeded, city.name).set_index("report_id").loc["r1"]
    assert (current["verification"], current["revision"]) == ("unverified", 5)
    history = report_history(seeded, city.name, "r1")
    assert list(history["action"]) == [
        "seed",
        "retract",
        "restore",
        "verify",
        "undo",
    ]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE report_revisions SET note = 'rewritten'",
        "DELETE FROM report_revisions",
    ],
)
def test_the_database_itself_refuses_to_rewrite_history(seeded, statement):
    with pytest.raises(DBAPIError, match="never changed"), seeded.begin() as connection:
        connection.execute(text(statement))

    assert revision_count(seeded) == 2
