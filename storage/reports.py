"""Reports as revisions: seeded from a city's CSV, changed only by new revisions.

Every change (add, import, edit, retract, restore, verify, undo) is a new row, and
a report's current state is its latest revision. Two editors who start from the
same revision cannot both save: the unique (city, report, revision) key lets
exactly one insert win, and the other gets ``EditConflictError`` naming the winner.
"""

import secrets
from collections.abc import Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import NamedTuple

import pandas as pd
from sqlalchemy import Connection, Engine, Select, Table, select, text
from sqlalchemy.exc import IntegrityError

from geo.city import City
from geo.problems import Problem, ProblemsError
from geo.schema import (
    REPORT_COLUMNS,
    denied_ids,
    in_report_order,
    validate_city_reports,
)
from geo.status import Kind, Verification
from storage.access import Identity, require_editor
from storage.database import latest_sequence, now_text, writing
from storage.tables import cities, report_revisions

REPORT_FIELDS = tuple(name for name in REPORT_COLUMNS if name != "report_id")
STATE_FIELDS = (*REPORT_FIELDS, "retracted", "verification", "verified_by")
SEED_AUTHOR = "reports.csv (seed)"
REASON_MAX_LENGTH = 500


class RevisionAction(StrEnum):
    """Why a revision was written."""

    SEED = "seed"
    ADD = "add"
    IMPORT = "import"
    EDIT = "edit"
    RETRACT = "retract"
    RESTORE = "restore"
    VERIFY = "verify"
    UNDO = "undo"


class EditConflictError(Exception):
    """Someone else saved the report after the revision this change started from."""

    def __init__(self, report_id: str, revision: int, author: str, at: str) -> None:
        self.report_id, self.revision, self.author, self.at = (
            report_id,
            revision,
            author,
            at,
        )
        super().__init__(
            f"{report_id} was changed by {author} at {at} (revision {revision}) "
            "after you opened it. Nothing was saved: reload it, check their "
            "change, and edit again."
        )


class ReportsRefusedError(ProblemsError):
    """The reports did not pass validation; nothing was stored."""

    heading = "(nothing was saved)"


class AlreadySavedError(Exception):
    """This form submission was saved before (a second click); nothing was stored."""

    def __init__(self, report_id: str) -> None:
        self.report_id = report_id
        super().__init__(
            f"This form was already saved as {report_id}; nothing more was stored."
        )


def new_report_id() -> str:
    """A fresh report id for a report typed in by hand (never reused)."""
    return f"r-{secrets.token_hex(4)}"


def new_submission() -> str:
    """A token for one filling of a form, stored with what its save adds."""
    return secrets.token_urlsafe(16)


def as_stored_text(row: Mapping[str, object]) -> dict[str, str]:
    """Report fields as the database keeps them: text, days in ISO form."""
    return {
        field: value.isoformat() if isinstance(value, date) else str(value or "")
        for field, value in ((field, row[field]) for field in REPORT_FIELDS)
    }


def _stored_column(values: Sequence[object]) -> list[str]:
    """One report field's cells as the database keeps them (``as_stored_text``)."""
    return [
        value.isoformat() if isinstance(value, date) else str(value or "")
        for value in values
    ]


_REVISION_WRITERS_LOCK = 7270219
"""PostgreSQL advisory lock held by every transaction that stores revisions."""


def _one_writer_at_a_time(connection: Connection) -> None:
    """Make revisions commit in the order of their change numbers.

    PostgreSQL hands out ``sequence`` numbers as inserts ask, not as they commit:
    without this, change 102 could be seen before change 101 commits, and a cache
    named by change number (``data_version``; ``ui.city_store``'s kept reports)
    would then hold data that change 102 does not describe, for good. SQLite
    writes one transaction at a time already (``BEGIN IMMEDIATE``).
    """
    if connection.dialect.name == "postgresql":
        connection.execute(
            text("SELECT pg_advisory_xact_lock(:key)"), {"key": _REVISION_WRITERS_LOCK}
        )


def _insert_rows(
    connection: Connection, table: Table, columns: Mapping[str, Sequence[object]]
) -> None:
    """Insert rows given column by column in one executemany of the driver.

    SQLAlchemy's own executemany builds and checks a parameter set per row (a
    third of a 50 000-report seed); the driver takes the rows as they are. The
    values must already be what the driver stores (text, numbers, booleans).
    """
    statement = table.insert().compile(
        dialect=connection.dialect, column_keys=list(columns)
    )
    if statement.positional:
        rows = list(zip(*(columns[key] for key in statement.positiontup), strict=True))
    else:
        rows = [
            dict(zip(columns, values, strict=True))
            for values in zip(*columns.values(), strict=True)
        ]
    connection.exec_driver_sql(str(statement), rows)


def _first_revisions(
    city_name: str,
    rows: pd.DataFrame,
    *,
    action: RevisionAction,
    author: str,
    origin: str,
    recorded_at: str,
    reason: str = "",
    evidence: Sequence[str] = (),
    submission: str | None = None,
) -> dict[str, list]:
    """``rows`` as their first revisions will be stored, column by column."""
    count = len(rows)
    if not count:
        return {}
    repeated = {
        "city": city_name,
        "revision": 1,
        "action": str(action),
        "author": author,
        "recorded_at": recorded_at,
        "reason": reason,
        "changed": " ".join(REPORT_COLUMNS),
        "retracted": False,
        "verification": str(Verification.UNVERIFIED),
        "verified_by": "",
        "origin": origin,
    }
    return {
        **{field: [value] * count for field, value in repeated.items()},
        "report_id": rows["report_id"].tolist(),
        **{field: _stored_column(rows[field].tolist()) for field in REPORT_FIELDS},
        "evidence": list(evidence) or [""] * count,
        "submission": [submission] + [None] * (count - 1),
    }


def _insert_first_revisions(
    connection: Connection, columns: Mapping[str, Sequence[object]]
) -> None:
    """Store first revisions given as ``_first_revisions`` makes them."""
    if columns:
        _one_writer_at_a_time(connection)
        _insert_rows(connection, report_revisions, columns)


class Seed(NamedTuple):
    """A city's ``reports.csv`` as its seed stores it, known before it is written.

    What lets a new city's first map be drawn while its seed is written
    (``ui.city_cache.city_version``).
    """

    recorded_at: str
    """When the seed's revisions say they were recorded, and the city seeded."""
    reports: pd.DataFrame
    """The reports as ``current_reports`` gives them once ``seed_city`` stored them."""


def seed_of(city: City) -> Seed:
    """The seed of the city's ``reports.csv``, to be stored by ``seed_city``.

    Its reports are made from the checked reports directly, as storing and
    reading them back would give them (the seed's revision 1 of each), not
    from the text that is stored: 0.1 s for 200 000 reports instead of 1.1 s.
    """
    recorded_at = now_text()
    if city.reports.empty:
        return Seed(recorded_at, pd.DataFrame(columns=list(STORED_REPORT_COLUMNS)))
    reports = city.reports[list(REPORT_COLUMNS)].assign(
        revision=1,
        retracted=False,
        verification=str(Verification.UNVERIFIED),
        verified_by="",
        author=SEED_AUTHOR,
        recorded_at=recorded_at,
        origin=_seed_origin(city),
        evidence="",
    )
    return Seed(recorded_at, _in_current_order(reports[list(STORED_REPORT_COLUMNS)]))


def _seed_origin(city: City) -> str:
    return f"{city.folder.name}/reports.csv"


def seed_stamp(recorded_at: str) -> str:
    """``change_stamp`` of a city's stored reports while they are its seed alone.

    Known before the seed is written (``Seed.recorded_at``), so what is made of
    a city's seed before it is stored keeps its name once it is.
    """
    return repr(("seed", recorded_at))


class Seeded(NamedTuple):
    """What ``seed_city`` stored, known without reading it back."""

    change: int
    """The change number the seed reached (``data_version`` right after it)."""
    reports: pd.DataFrame
    """The seeded reports, as ``current_reports`` gives them."""


def seed_city(engine: Engine, city: City, seed: Seed | None = None) -> Seeded | None:
    """Store the city's ``reports.csv`` the first time the city is opened.

    ``seed``: the city's ``seed_of``, when made already. Idempotent: a restart,
    or two processes starting at once, never duplicate the seed. Returns what
    was stored (None when the city was seeded already): the reports as written,
    so the caller need not read 200 000 of them back.
    """
    seed = seed or seed_of(city)
    columns = _first_revisions(
        city.name,
        city.reports,
        action=RevisionAction.SEED,
        author=SEED_AUTHOR,
        origin=_seed_origin(city),
        recorded_at=seed.recorded_at,
    )
    try:
        with writing(engine) as connection:
            already = connection.scalar(
                select(cities.c.name).where(cities.c.name == city.name)
            )
            if already:
                return None
            connection.execute(
                cities.insert().values(
                    name=city.name,
                    seeded_at=seed.recorded_at,
                    seeded_rows=len(city.reports),
                )
            )
            _insert_first_revisions(connection, columns)
            change = latest_sequence(connection, city.name)
    except IntegrityError:
        return None
    return Seeded(change, seed.reports)


def is_seeded(engine: Engine, city_name: str) -> bool:
    """Whether the city's ``reports.csv`` is stored (``seed_city``) in the database."""
    with engine.connect() as connection:
        found = connection.scalar(
            select(cities.c.name).where(cities.c.name == city_name)
        )
    return found is not None


def _latest_revisions(city_name: str, as_of_sequence: int | None = None) -> Select:
    """Each report's latest revision (up to ``as_of_sequence``): none later follows."""
    later = report_revisions.alias("later")
    newer = [
        later.c.city == report_revisions.c.city,
        later.c.report_id == report_revisions.c.report_id,
        later.c.revision > report_revisions.c.revision,
    ]
    kept = [report_revisions.c.city == city_name]
    if as_of_sequence is not None:
        newer.append(later.c.sequence <= as_of_sequence)
        kept.append(report_revisions.c.sequence <= as_of_sequence)
    newer_exists = select(later.c.sequence).where(*newer).exists()
    return select(report_revisions).where(*kept, ~newer_exists)


def current_reports(
    engine: Engine,
    city_name: str,
    *,
    include_retracted: bool = False,
    as_of_sequence: int | None = None,
) -> pd.DataFrame:
    """The latest revision of every report of a city, oldest day first.

    Columns: the report schema (``date`` as ``datetime.date``) then the desk's
    own: revision, retracted, verification, verified_by, author, recorded_at,
    origin, evidence. Retracted reports are left out unless asked for. With
    ``as_of_sequence`` the data is as it stood then: each report's latest
    revision whose ``sequence`` is at most that number (a published snapshot's).
    """
    query = _latest_revisions(city_name, as_of_sequence)
    if not include_retracted:
        query = query.where(report_revisions.c.retracted.is_(False))
    return _report_frame(engine, query)


STORED_REPORT_COLUMNS = (
    *REPORT_COLUMNS,
    "revision",
    *STATE_FIELDS[len(REPORT_FIELDS) :],
    "author",
    "recorded_at",
    "origin",
    "evidence",
)
"""The columns of ``current_reports``: the report schema, then the desk's own."""


def _report_frame(engine: Engine, query: Select) -> pd.DataFrame:
    """The reports ``query`` selects, as ``current_reports`` describes them."""
    with engine.connect() as connection:
        result = connection.execute(query)
        names = list(result.keys())
        # Column by column: a frame built from row objects asks each row what it is.
        cells = list(zip(*result.all(), strict=True)) or [()] * len(names)
    return _as_current_reports(dict(zip(names, cells, strict=True)))


def _as_current_reports(stored: Mapping[str, Sequence[object]]) -> pd.DataFrame:
    """Revisions given column by column as stored, as ``current_reports`` gives them."""
    columns = list(STORED_REPORT_COLUMNS)
    if not stored or not len(stored["report_id"]):
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame({column: stored[column] for column in columns})
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d").dt.date
    frame["retracted"] = frame["retracted"].astype(bool)
    return _in_current_order(frame)


def _in_current_order(reports: pd.DataFrame) -> pd.DataFrame:
    """Reports in ``current_reports``' order: by day, then by id."""
    return in_report_order(reports).reset_index(drop=True)


def _latest(connection: Connection, city_name: str, report_id: str) -> dict | None:
    query = (
        select(report_revisions)
        .where(
            report_revisions.c.city == city_name,
            report_revisions.c.report_id == report_id,
        )
        .order_by(report_revisions.c.revision.desc())
        .limit(1)
    )
    row = connection.execute(query).mappings().first()
    return dict(row) if row else None


def stored_report(engine: Engine, city_name: str, report_id: str) -> dict | None:
    """The latest revision of one report as a dict, or None if there is none."""
    with engine.connect() as connection:
        return _latest(connection, city_name, report_id)


DENIAL_ACTIONS = {Kind.DENIAL: "denied", Kind.RETRACTION: "withdrawn"}
"""How a report's history names a denial (another party) or retraction (its source)."""


def report_history(engine: Engine, city_name: str, report_id: str) -> pd.DataFrame:
    """Every revision of one report, oldest first: who, when, why, what changed.

    Denials and retractions filed against it are listed too, when they were
    filed: the action says "denied" or "withdrawn", the author is who filed it,
    and the reason names the filed report and its source. Their revision is empty.
    """
    own = (
        select(report_revisions)
        .where(
            report_revisions.c.city == city_name,
            report_revisions.c.report_id == report_id,
        )
        .order_by(report_revisions.c.revision)
    )
    naming = select(report_revisions).where(
        report_revisions.c.city == city_name,
        report_revisions.c.revision == 1,
        report_revisions.c.kind.in_(list(DENIAL_ACTIONS)),
        report_revisions.c.denies.contains(report_id, autoescape=True),
    )
    with engine.connect() as connection:
        history = pd.DataFrame(connection.execute(own).mappings().all())
        filed = [
            {
                "sequence": row["sequence"],
                "report_id": row["report_id"],
                "action": DENIAL_ACTIONS[Kind(row["kind"])],
                "author": row["author"],
                "recorded_at": row["recorded_at"],
                "reason": f"{row['report_id']} ({row['source']})",
                "changed": "",
            }
            for row in connection.execute(naming).mappings()
            if report_id in denied_ids(row["denies"])
        ]
    if not filed:
        return history
    combined = pd.concat([history, pd.DataFrame(filed)], ignore_index=True)
    combined["revision"] = combined["revision"].astype("Int64")
    return combined.sort_values("sequence", kind="stable").reset_index(drop=True)


def _report_ids(connection: Connection, city_name: str) -> frozenset[str]:
    query = (
        select(report_revisions.c.report_id)
        .where(report_revisions.c.city == city_name)
        .distinct()
    )
    return frozenset(connection.scalars(query))


def stored_report_ids(engine: Engine, city_name: str) -> frozenset[str]:
    """Every report id a city has ever used (ids are never reused)."""
    with engine.connect() as connection:
        return _report_ids(connection, city_name)


def _validated(
    city: City, rows: pd.DataFrame, *, file: str, existing_report_ids: frozenset[str]
) -> pd.DataFrame:
    clean, problems = validate_city_reports(
        rows, city, file=file, existing_report_ids=existing_report_ids
    )
    if problems:
        raise ReportsRefusedError(problems)
    return clean


def add_reports(
    engine: Engine,
    identity: Identity,
    city: City,
    rows: pd.DataFrame,
    *,
    origin: str,
    action: RevisionAction = RevisionAction.ADD,
    reason: str = "",
    submission: str | None = None,
) -> list[str]:
    """Validate and store new reports in one transaction: all of them or none.

    ``rows`` holds the report columns as text, and may hold an ``evidence``
    column: the sentence each report was taken from (the article extractor's).
    ``submission`` (``new_submission``) names the form filling being saved; it
    is stored with the first revision, so a second save of it (a double click)
    raises ``AlreadySavedError`` naming what the first stored. Raises
    ``ReportsRefusedError`` with every problem by row and field, or
    ``NotAllowedError`` for a non-editor.
    """
    author = require_editor(identity)
    _check_reason(reason, required=False)
    try:
        with writing(engine) as connection:
            _refuse_saved_again(connection, city.name, submission)
            existing = _report_ids(connection, city.name)
            clean = _validated(city, rows, file=origin, existing_report_ids=existing)
            stored = _first_revisions(
                city.name,
                clean,
                action=action,
                author=author,
                origin=origin,
                recorded_at=now_text(),
                reason=reason,
                evidence=rows["evidence"] if "evidence" in rows.columns else (),
                submission=submission,
            )
            _insert_first_revisions(connection, stored)
            return stored.get("report_id", [])
    except IntegrityError:
        with engine.connect() as connection:
            _refuse_saved_again(connection, city.name, submission)
        raise


def _refuse_saved_again(
    connection: Connection, city_name: str, submission: str | None
) -> None:
    """Raise ``AlreadySavedError`` naming the report ``submission`` stored first."""
    if not submission:
        return
    saved = connection.scalar(
        select(report_revisions.c.report_id).where(
            report_revisions.c.city == city_name,
            report_revisions.c.submission == submission,
        )
    )
    if saved is not None:
        raise AlreadySavedError(saved)


def _check_reason(reason: str, *, required: bool) -> None:
    if required and not reason.strip():
        raise ReportsRefusedError(
            [Problem("change", "", "reason", "say why you are making this change")]
        )
    if len(reason) > REASON_MAX_LENGTH:
        raise ReportsRefusedError(
            [
                Problem(
                    "change",
                    "",
                    "reason",
                    f"is {len(reason)} characters; the limit is {REASON_MAX_LENGTH}",
                )
            ]
        )


def _append_revision(
    engine: Engine,
    identity: Identity,
    city: City,
    report_id: str,
    *,
    base_revision: int,
    action: RevisionAction,
    reason: str,
    new_state: Mapping[str, object] | None = None,
    state_at_revision: int | None = None,
) -> int:
    """Write the next revision of a report, or raise ``EditConflictError``.

    The new state is the latest state updated with ``new_state``, or the state
    as it was at ``state_at_revision`` (an undo). Report fields are validated
    again, as a form entry would be.
    """
    author = require_editor(identity)
    _check_reason(reason, required=True)
    try:
        with writing(engine) as connection:
            _one_writer_at_a_time(connection)
            latest = _latest(connection, city.name, report_id)
            if latest is None:
                raise KeyError(f"{city.name} has no report {report_id!r}")
            if latest["revision"] != base_revision:
                raise _conflict(latest)
            state = {field: latest[field] for field in STATE_FIELDS}
            if state_at_revision is not None:
                earlier = (
                    connection.execute(
                        select(report_revisions).where(
                            report_revisions.c.city == city.name,
                            report_revisions.c.report_id == report_id,
                            report_revisions.c.revision == state_at_revision,
                        )
                    )
                    .mappings()
                    .one()
                )
                state = {field: earlier[field] for field in STATE_FIELDS}
            state.update(new_state or {})
            row = pd.DataFrame([{"report_id": report_id, **state}])
            others = _report_ids(connection, city.name) - {report_id}
            clean = _validated(
                city,
                row[list(REPORT_COLUMNS)],
                file=report_id,
                existing_report_ids=others,
            )
            state.update(as_stored_text(clean.iloc[0]))
            changed = [field for field in STATE_FIELDS if state[field] != latest[field]]
            connection.execute(
                report_revisions.insert().values(
                    city=city.name,
                    report_id=report_id,
                    revision=base_revision + 1,
                    action=action,
                    author=author,
                    recorded_at=now_text(),
                    reason=reason.strip(),
                    changed=" ".join(changed),
                    origin=latest["origin"],
                    evidence=latest["evidence"],
                    **state,
                )
            )
    except IntegrityError:
        winner = stored_report(engine, city.name, report_id)
        raise _conflict(winner or {}) from None
    return base_revision + 1


def _conflict(latest: Mapping[str, object]) -> EditConflictError:
    return EditConflictError(
        str(latest.get("report_id", "")),
        int(latest.get("revision") or 0),
        str(latest.get("author", "someone")),
        str(latest.get("recorded_at", "")),
    )


def edit_report(
    engine: Engine,
    identity: Identity,
    city: City,
    report_id: str,
    changes: Mapping[str, str],
    *,
    base_revision: int,
    reason: str,
) -> int:
    """Change report fields as a new revision; return its number."""
    unknown = set(changes) - set(REPORT_FIELDS)
    if unknown:
        raise ValueError(f"not report fields: {', '.join(sorted(unknown))}")
    return _append_revision(
        engine,
        identity,
        city,
        report_id,
        base_revision=base_revision,
        action=RevisionAction.EDIT,
        reason=reason,
        new_state=changes,
    )


def set_retracted(
    engine: Engine,
    identity: Identity,
    city: City,
    report_id: str,
    retracted: bool,
    *,
    base_revision: int,
    reason: str,
) -> int:
    """Take a report off the map (or put it back) without deleting anything."""
    return _append_revision(
        engine,
        identity,
        city,
        report_id,
        base_revision=base_revision,
        action=RevisionAction.RETRACT if retracted else RevisionAction.RESTORE,
        reason=reason,
        new_state={"retracted": retracted},
    )


def set_verification(
    engine: Engine,
    identity: Identity,
    city: City,
    report_id: str,
    verification: Verification,
    *,
    base_revision: int,
    reason: str,
) -> int:
    """Record what the desk established about a report, and who established it."""
    return _append_revision(
        engine,
        identity,
        city,
        report_id,
        base_revision=base_revision,
        action=RevisionAction.VERIFY,
        reason=reason,
        new_state={
            "verification": Verification(verification),
            "verified_by": identity.name,
        },
    )


def undo_last_change(
    engine: Engine,
    identity: Identity,
    city: City,
    report_id: str,
    *,
    base_revision: int,
    reason: str,
) -> int:
    """Restore the state before the latest revision, as a new revision."""
    if base_revision < 2:
        raise ReportsRefusedError(
            [
                Problem(
                    report_id,
                    "",
                    "",
                    "has no earlier revision to go back to; retract it instead",
                )
            ]
        )
    return _append_revision(
        engine,
        identity,
        city,
        report_id,
        base_revision=base_revision,
        action=RevisionAction.UNDO,
        reason=reason,
        state_at_revision=base_revision - 1,
    )


def change_stamp(engine: Engine, city_name: str, sequence: int) -> str | None:
    """Text naming the city's stored reports as of change ``sequence``; None if none.

    Made of when this database first stored the city and the whole of the city's
    latest revision up to ``sequence``, or, while that is the seed's, of the
    seed alone (``seed_stamp``). Revisions are never changed or deleted and
    commit in sequence order (``_one_writer_at_a_time``), so within one database
    the same stamp always means the same reports, and another database (or one
    made again) gives another: what lets ``ui.city_store`` keep the reports read
    back on disk and use them after a restart.
    """
    with engine.connect() as connection:
        seeded = connection.scalar(
            select(cities.c.seeded_at).where(cities.c.name == city_name)
        )
        latest = connection.execute(
            select(report_revisions)
            .where(
                report_revisions.c.city == city_name,
                report_revisions.c.sequence <= sequence,
            )
            .order_by(report_revisions.c.sequence.desc())
            .limit(1)
        ).first()
    if seeded is None or latest is None:
        return None
    if latest.action == RevisionAction.SEED:
        return seed_stamp(seeded)
    return repr((seeded, tuple(latest)))


def reports_changed_since(
    engine: Engine, city_name: str, after_sequence: int, up_to_sequence: int
) -> pd.DataFrame:
    """The latest revision of each report changed after change ``after_sequence``.

    What an open map needs to follow an edit without reading every report again:
    the reports whose latest revision (up to ``up_to_sequence``, the change number
    the caller is catching up to) was stored after ``after_sequence``. Retracted
    ones are included, with ``retracted`` true, so the caller can take them off.
    Same columns as ``current_reports``; empty when nothing changed.
    """
    query = _latest_revisions(city_name, up_to_sequence).where(
        report_revisions.c.sequence > after_sequence
    )
    return _report_frame(engine, query)
