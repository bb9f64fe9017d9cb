"""The database tables: one home for their names and columns.

``report_revisions`` is append-only: a report's current state is its latest
revision, and every add, edit, retraction, verification or undo is a new row.
"""

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from geo.schema import REPORT_COLUMNS

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, nullable=False),
)

cities = Table(
    "cities",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("seeded_at", String(32), nullable=False),
    Column("seeded_rows", Integer, nullable=False),
)

REPORT_FIELD_COLUMNS = tuple(
    Column(name, Text, nullable=False, server_default="")
    for name in REPORT_COLUMNS
    if name != "report_id"
)

report_revisions = Table(
    "report_revisions",
    metadata,
    Column("sequence", Integer, primary_key=True, autoincrement=True),
    Column("city", String(200), nullable=False),
    Column("report_id", String(200), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("action", String(20), nullable=False),
    Column("author", Text, nullable=False),
    Column("recorded_at", String(32), nullable=False),
    Column("reason", Text, nullable=False, server_default=""),
    Column("changed", Text, nullable=False, server_default=""),
    *REPORT_FIELD_COLUMNS,
    Column("retracted", Boolean, nullable=False, server_default="0"),
    Column("verification", String(20), nullable=False, server_default="unverified"),
    Column("verified_by", Text, nullable=False, server_default=""),
    Column("origin", Text, nullable=False, server_default=""),
    Column("evidence", Text, nullable=False, server_default=""),
    Column("submission", String(64), nullable=True),
    UniqueConstraint("city", "report_id", "revision", name="one_revision_number"),
    Index("revisions_by_city", "city", "sequence"),
)
one_save_per_submission = Index(
    "one_save_per_submission",
    report_revisions.c.city,
    report_revisions.c.submission,
    unique=True,
)
"""A form's submission token is stored with the first revision its save wrote, so
a second click on the same form cannot store the report again."""

users = Table(
    "users",
    metadata,
    Column("username", String(100), primary_key=True),
    Column("display_name", Text, nullable=False),
    Column("role", String(20), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("failed_logins", Integer, nullable=False, server_default="0"),
    Column("created_at", String(32), nullable=False),
    Column("session_epoch", Integer, nullable=False, server_default="0"),
)
"""``failed_logins`` counts wrong passwords since the last login (the owner is told);
``session_epoch`` grows at each Log out, which ends every kept login of the account."""

login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client", String(100), nullable=False),
    Column("at_seconds", Float, nullable=False),
    Index("login_failures_by_client", "client", "at_seconds"),
    Index("login_failures_by_time", "at_seconds"),
)
"""Recent failed password logins per client (an attempt counts until it succeeds),
kept for ``storage.users``' throttle and pruned after its window."""

snapshots = Table(
    "snapshots",
    metadata,
    Column("id", String(20), primary_key=True),
    Column("city", String(200), nullable=False),
    Column("data_sequence", Integer, nullable=False),
    Column("day", String(10), nullable=False),
    Column("district", String(200), nullable=False, server_default=""),
    Column("source", Text, nullable=False, server_default=""),
    Column("source_type", Text, nullable=False, server_default=""),
    Column("layers", Text, nullable=False, server_default=""),
    Column("centre", Text, nullable=False, server_default=""),
    Column("title", Text, nullable=False),
    Column("subtitle", Text, nullable=False, server_default=""),
    Column("byline", Text, nullable=False, server_default=""),
    Column("notes", Text, nullable=False, server_default=""),
    Column("published_by", Text, nullable=False),
    Column("published_at", String(32), nullable=False),
    Column("first_id", String(20), nullable=False),
    Column("version", Integer, nullable=False),
    Column("replaced_by", String(20), nullable=True),
    Column("first_day", String(10), nullable=False, server_default=""),
    Column("last_day", String(10), nullable=False, server_default=""),
    Column("settings_digest", String(64), nullable=False, server_default=""),
    Column("districts_digest", String(64), nullable=False, server_default=""),
    UniqueConstraint("first_id", "version", name="one_snapshot_version"),
    Index("snapshots_by_city", "city", "published_at"),
)
"""Published maps: a view pinned to ``data_sequence`` of ``report_revisions``.

``first_id`` names the snapshot a chain of republications started from; each
republication is the next ``version`` and sets the previous one's ``replaced_by``.
``first_day``/``last_day`` are a published span of days ("" for ``day`` only);
``settings_digest``/``districts_digest`` are the SHA-256 of ``city.toml`` and
``districts.geojson`` at publication ("" for maps published before schema 4).
"""
