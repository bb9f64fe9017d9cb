"""Opening the database, write transactions, and creating or upgrading the schema.

The default is a SQLite file that needs no set-up; any SQLAlchemy URL in
``FRONTLINE_DATABASE_URL`` (PostgreSQL in a newsroom's deployment) replaces it.
"""

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    Connection,
    Engine,
    create_engine,
    event,
    func,
    inspect,
    select,
    text,
)

from storage.tables import (
    login_failures,
    metadata,
    one_save_per_submission,
    report_revisions,
    schema_version,
    snapshots,
)

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_PATH = ROOT / "var" / "frontline.sqlite3"
BUSY_TIMEOUT_MS = 10_000
_WRITES = "frontline_writes"


def database_url() -> str:
    """``FRONTLINE_DATABASE_URL``, or the SQLite file ``var/frontline.sqlite3``."""
    return (
        os.environ.get("FRONTLINE_DATABASE_URL") or f"sqlite:///{DEFAULT_DATABASE_PATH}"
    )


def _prepare_sqlite(engine: Engine) -> None:
    """WAL, a busy timeout and foreign keys on every connection; we issue BEGIN."""

    @event.listens_for(engine, "connect")
    def configure(connection: object, _record: object) -> None:
        connection.isolation_level = None  # type: ignore[attr-defined]
        cursor = connection.cursor()  # type: ignore[attr-defined]
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def begin(connection: Connection) -> None:
        # A write takes the lock at BEGIN: a deferred transaction that reads and
        # then writes can fail with "database is locked" despite the busy timeout.
        writes = connection.get_execution_options().get(_WRITES, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def open_database(url: str) -> Engine:
    """Connect to ``url`` (making a SQLite file's folder) and update its schema."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        _prepare_sqlite(engine)
    upgrade_schema(engine)
    return engine


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A transaction for changes: committed whole at the end, rolled back on error."""
    with engine.connect() as connection:
        connection.execution_options(**{_WRITES: True})
        with connection.begin():
            yield connection


def now_text() -> str:
    """The current time in UTC as ISO 8601 text, as every table stores times."""
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _refuse_revision_changes(connection: Connection) -> None:
    """Make ``report_revisions`` append-only in the database itself."""
    if connection.dialect.name == "sqlite":
        for event_name in ("UPDATE", "DELETE"):
            connection.execute(
                text(
                    f"CREATE TRIGGER report_revisions_no_{event_name.lower()} "
                    f"BEFORE {event_name} ON report_revisions BEGIN "
                    "SELECT RAISE(ABORT, 'report revisions are never changed "
                    "or deleted'); END"
                )
            )
        return
    connection.execute(
        text(
            "CREATE FUNCTION frontline_refuse_revision_change() RETURNS trigger "
            "LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION "
            "'report revisions are never changed or deleted'; END $$"
        )
    )
    connection.execute(
        text(
            "CREATE TRIGGER report_revisions_append_only "
            "BEFORE UPDATE OR DELETE ON report_revisions FOR EACH ROW "
            "EXECUTE FUNCTION frontline_refuse_revision_change()"
        )
    )
    connection.execute(
        text(
            "CREATE TRIGGER report_revisions_no_truncate "
            "BEFORE TRUNCATE ON report_revisions FOR EACH STATEMENT "
            "EXECUTE FUNCTION frontline_refuse_revision_change()"
        )
    )
    connection.execute(
        text("REVOKE UPDATE, DELETE, TRUNCATE ON report_revisions FROM PUBLIC")
    )


def _create_version_1(connection: Connection) -> None:
    metadata.create_all(connection)
    _refuse_revision_changes(connection)


def _add_snapshots(connection: Connection) -> None:
    """Version 2: published maps (``snapshots``); version 1 may have made it already."""
    snapshots.create(connection, checkfirst=True)


def _harden_logins_and_submissions(connection: Connection) -> None:
    """Version 3: login throttle and kept logins, one save per form submission.

    Adds ``users.session_epoch``, drops ``users.locked_until`` (accounts are no
    longer locked), adds ``report_revisions.submission`` with its unique index,
    and creates ``login_failures``. A database made whole by version 1 has them.
    """
    inspector = inspect(connection)
    user_columns = {column["name"] for column in inspector.get_columns("users")}
    if "session_epoch" not in user_columns:
        connection.execute(
            text(
                "ALTER TABLE users ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0"
            )
        )
    if "locked_until" in user_columns:
        connection.execute(text("ALTER TABLE users DROP COLUMN locked_until"))
    revision_columns = {
        column["name"] for column in inspector.get_columns("report_revisions")
    }
    if "submission" not in revision_columns:
        connection.execute(
            text("ALTER TABLE report_revisions ADD COLUMN submission VARCHAR(64)")
        )
        one_save_per_submission.create(connection)
    login_failures.create(connection, checkfirst=True)


SNAPSHOT_COLUMNS_OF_VERSION_4 = (
    "first_day",
    "last_day",
    "settings_digest",
    "districts_digest",
)


def _pin_snapshot_files_and_days(connection: Connection) -> None:
    """Version 4: a snapshot's span of days and its city files' fingerprints.

    Adds ``snapshots.first_day``, ``last_day``, ``settings_digest`` and
    ``districts_digest``, empty for the maps published before; a database made
    whole by version 1 has them.
    """
    present = {
        column["name"] for column in inspect(connection).get_columns("snapshots")
    }
    for name in SNAPSHOT_COLUMNS_OF_VERSION_4:
        if name not in present:
            kind = snapshots.c[name].type.compile(dialect=connection.dialect)
            connection.execute(
                text(
                    f"ALTER TABLE snapshots ADD COLUMN {name} {kind} "
                    "NOT NULL DEFAULT ''"
                )
            )


MIGRATIONS: tuple[Callable[[Connection], None], ...] = (
    _create_version_1,
    _add_snapshots,
    _harden_logins_and_submissions,
    _pin_snapshot_files_and_days,
)


def upgrade_schema(engine: Engine) -> int:
    """Apply the migrations this database has not had yet; return its version.

    Safe when several app processes start at once: on SQLite the write lock, on
    PostgreSQL an advisory lock, lets one of them upgrade while the others wait.
    """
    with writing(engine) as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(7270217)"))
        schema_version.create(connection, checkfirst=True)
        version = connection.scalar(select(func.max(schema_version.c.version))) or 0
        for number, migrate in enumerate(MIGRATIONS, start=1):
            if number > version:
                migrate(connection)
        if version < len(MIGRATIONS):
            connection.execute(schema_version.delete())
            connection.execute(schema_version.insert().values(version=len(MIGRATIONS)))
    return len(MIGRATIONS)


def latest_sequence(connection: Connection, city: str) -> int:
    """The sequence of ``city``'s latest stored revision; 0 when it has none.

    As ``connection`` sees it: in a transaction, that transaction's writes too.
    """
    latest = select(func.max(report_revisions.c.sequence)).where(
        report_revisions.c.city == city
    )
    return connection.scalar(latest) or 0


def data_version(engine: Engine, city: str) -> int:
    """A number that grows with every stored change to ``city``'s reports.

    Cheap enough to ask on every rerun, so caches keyed on it never outlive a write.
    """
    with engine.connect() as connection:
        return latest_sequence(connection, city)
