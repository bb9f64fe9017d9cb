import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from argon2 import extract_parameters
from sqlalchemy import inspect, select, text

from storage.access import Role
from storage.database import open_database
from storage.tables import users
from storage.users import (
    _DECOY_HASH,
    LoginRefusedError,
    authenticate,
    create_user,
    has_accounts,
)
from tests.conftest import ROOT

PASSWORD = "correct horse battery"
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.fixture
def with_alice(engine):
    create_user(engine, "alice", PASSWORD, role=Role.EDITOR, display_name="Alice")
    return engine


def test_a_password_is_stored_only_as_an_argon2_hash(with_alice):
    with with_alice.connect() as connection:
        stored = connection.scalar(select(users.c.password_hash))

    assert PASSWORD not in stored
    assert stored.startswith("$argon2id$")
    assert has_accounts(with_alice)


def test_the_right_password_gives_the_accounts_identity(with_alice):
    identity = authenticate(with_alice, "alice", PASSWORD, now=NOW).identity

    assert (identity.name, identity.role, identity.can_edit) == (
        "Alice",
        "editor",
        True,
    )


@pytest.mark.parametrize(
    ("username", "password"), [("alice", "wrong"), ("mallory", PASSWORD)]
)
def test_wrong_password_and_unknown_user_get_the_same_answer(
    with_alice, username, password
):
    with pytest.raises(LoginRefusedError, match="Unknown username or wrong password"):
        authenticate(with_alice, username, password, now=NOW)


def test_an_unknown_name_is_checked_as_slowly_as_a_real_account(with_alice):
    """The decoy an unknown name is checked against is written in the source: it
    must cost what a real account's hash costs, also after an argon2 upgrade."""
    with with_alice.connect() as connection:
        stored = connection.scalar(select(users.c.password_hash))

    assert extract_parameters(_DECOY_HASH) == extract_parameters(stored)


def test_short_passwords_and_taken_names_are_refused(with_alice):
    with pytest.raises(ValueError, match="at least 12"):
        create_user(with_alice, "bob", "short", display_name="Bob")
    with pytest.raises(ValueError, match="already taken"):
        create_user(with_alice, "alice", PASSWORD, display_name="Alice Again")


@pytest.mark.parametrize("display_name", ["", "  ", "bob", " bob "])
def test_the_author_shown_is_never_the_login_name(engine, display_name):
    with pytest.raises(ValueError, match="display name"):
        create_user(engine, "bob", PASSWORD, display_name=display_name)

    create_user(engine, "bob", PASSWORD, display_name="Bob Reporter")
    assert authenticate(engine, "bob", PASSWORD, now=NOW).identity.name == (
        "Bob Reporter"
    )


def test_the_command_line_adds_an_account_that_can_log_in(database_url):
    added = subprocess.run(
        [
            sys.executable,
            *("-m", "storage.users", "add", "carol", "--password-stdin"),
            *("--display-name", "Carol Desk"),
        ],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "FRONTLINE_DATABASE_URL": database_url},
        check=False,
    )
    refused = subprocess.run(
        [
            sys.executable,
            *("-m", "storage.users", "add", "dave", "--password-stdin"),
            *("--display-name", "Dave Desk"),
        ],
        input="short\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "FRONTLINE_DATABASE_URL": database_url},
        check=False,
    )

    assert added.returncode == 0, added.stderr
    assert "Added editor carol (Carol Desk)." in added.stdout
    assert refused.returncode == 2
    assert "at least 12 characters" in refused.stderr
    engine = open_database(database_url)
    assert authenticate(engine, "carol", PASSWORD, now=NOW).identity.name == (
        "Carol Desk"
    )


def test_an_account_made_before_the_login_upgrade_still_logs_in(database_url):
    """A version 2 database: accounts could be locked, revisions had no submission."""
    engine = open_database(database_url)
    create_user(engine, "alice", PASSWORD, display_name="Alice")
    with engine.begin() as connection:
        for statement in (
            "DROP INDEX one_save_per_submission",
            "ALTER TABLE report_revisions DROP COLUMN submission",
            "ALTER TABLE users DROP COLUMN session_epoch",
            "ALTER TABLE users ADD COLUMN locked_until VARCHAR(32) NOT NULL DEFAULT ''",
            "DROP TABLE login_failures",
            "UPDATE schema_version SET version = 2",
        ):
            connection.execute(text(statement))
    engine.dispose()

    upgraded = open_database(database_url)

    login = authenticate(upgraded, "alice", PASSWORD, now=NOW)
    assert login.identity.name == "Alice"
    columns = {column["name"] for column in inspect(upgraded).get_columns("users")}
    assert "locked_until" not in columns
    assert "session_epoch" in columns
    upgraded.dispose()
