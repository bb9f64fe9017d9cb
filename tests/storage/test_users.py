import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from storage.access import Role
from storage.database import open_database
from storage.tables import users
from storage.users import (
    FIRST_LOCK,
    FREE_ATTEMPTS,
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
    identity = authenticate(with_alice, "alice", PASSWORD, now=NOW)

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


def test_repeated_failures_lock_the_account_for_longer_each_time(with_alice):
    for _ in range(FREE_ATTEMPTS):
        with pytest.raises(LoginRefusedError):
            authenticate(with_alice, "alice", "guess", now=NOW)

    with pytest.raises(LoginRefusedError, match="try again in 30 seconds"):
        authenticate(with_alice, "alice", PASSWORD, now=NOW)

    after_lock = NOW + FIRST_LOCK + timedelta(seconds=1)
    with pytest.raises(LoginRefusedError, match="Unknown username"):
        authenticate(with_alice, "alice", "guess again", now=after_lock)
    with pytest.raises(LoginRefusedError, match="try again in 60 seconds"):
        authenticate(with_alice, "alice", PASSWORD, now=after_lock)

    later = after_lock + 2 * FIRST_LOCK + timedelta(seconds=1)
    assert authenticate(with_alice, "alice", PASSWORD, now=later).name == "Alice"
    assert authenticate(with_alice, "alice", PASSWORD, now=later).name == "Alice"


def test_short_passwords_and_taken_names_are_refused(with_alice):
    with pytest.raises(ValueError, match="at least 12"):
        create_user(with_alice, "bob", "short")
    with pytest.raises(ValueError, match="already taken"):
        create_user(with_alice, "alice", PASSWORD)


def test_the_command_line_adds_an_account_that_can_log_in(database_url):
    added = subprocess.run(
        [sys.executable, "-m", "storage.users", "add", "carol", "--password-stdin"],
        input=PASSWORD + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "FRONTLINE_DATABASE_URL": database_url},
        check=False,
    )
    refused = subprocess.run(
        [sys.executable, "-m", "storage.users", "add", "dave", "--password-stdin"],
        input="short\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "FRONTLINE_DATABASE_URL": database_url},
        check=False,
    )

    assert added.returncode == 0, added.stderr
    assert "Added editor carol." in added.stdout
    assert refused.returncode == 2
    assert "at least 12 characters" in refused.stderr
    engine = open_database(database_url)
    assert authenticate(engine, "carol", PASSWORD, now=NOW).can_edit
