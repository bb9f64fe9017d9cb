"""Password accounts for small desks without an identity provider.

Passwords are kept only as argon2id hashes. Failed logins slow an account down:
after ``FREE_ATTEMPTS`` misses it is locked for a period that doubles with each
further miss, up to ``LONGEST_LOCK``. Run ``python -m storage.users --help`` to
add accounts from a shell.
"""

import argparse
import getpass
import math
import sys
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, select

from storage.access import Identity, Role
from storage.database import database_url, now_text, open_database, writing
from storage.tables import users

MINIMUM_PASSWORD_LENGTH = 12
FREE_ATTEMPTS = 5
FIRST_LOCK = timedelta(seconds=30)
LONGEST_LOCK = timedelta(minutes=30)
_HASHER = PasswordHasher()
_DECOY_HASH = _HASHER.hash("a password nobody has, checked to keep timing even")


class LoginRefusedError(Exception):
    """The login failed; the message says why without saying which part was wrong."""


def _parse_time(text: str) -> datetime | None:
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def create_user(
    engine: Engine,
    username: str,
    password: str,
    *,
    role: Role = Role.EDITOR,
    display_name: str = "",
) -> None:
    """Add an account; refuse a short password or a name already taken."""
    username = username.strip()
    if not username or len(username) > 100 or any(ch.isspace() for ch in username):
        raise ValueError("A username is 1 to 100 characters without spaces.")
    if len(password) < MINIMUM_PASSWORD_LENGTH:
        raise ValueError(
            f"A password needs at least {MINIMUM_PASSWORD_LENGTH} characters."
        )
    with writing(engine) as connection:
        if connection.scalar(
            select(users.c.username).where(users.c.username == username)
        ):
            raise ValueError(f"The username {username!r} is already taken.")
        connection.execute(
            users.insert().values(
                username=username,
                display_name=display_name.strip() or username,
                role=Role(role),
                password_hash=_HASHER.hash(password),
                created_at=now_text(),
            )
        )


def authenticate(
    engine: Engine, username: str, password: str, *, now: datetime | None = None
) -> Identity:
    """Check a username and password; return the account's identity or refuse.

    A locked account is refused without looking at the password, so guessing
    during a lock gains nothing.
    """
    now = now or datetime.now(UTC)
    refused = LoginRefusedError("Unknown username or wrong password.")
    with writing(engine) as connection:
        account = (
            connection.execute(
                select(users).where(users.c.username == username.strip())
            )
            .mappings()
            .first()
        )
        if account is None:
            _password_matches(_DECOY_HASH, password)
            raise refused
        locked_until = _parse_time(account["locked_until"])
        if locked_until and locked_until > now:
            seconds = math.ceil((locked_until - now).total_seconds())
            raise LoginRefusedError(
                f"Too many failed attempts: try again in {seconds} seconds."
            )
        if not _password_matches(account["password_hash"], password):
            failures = account["failed_logins"] + 1
            lock = ""
            if failures >= FREE_ATTEMPTS:
                length = min(FIRST_LOCK * 2 ** (failures - FREE_ATTEMPTS), LONGEST_LOCK)
                lock = (now + length).isoformat()
            connection.execute(
                users.update()
                .where(users.c.username == account["username"])
                .values(failed_logins=failures, locked_until=lock)
            )
        else:
            connection.execute(
                users.update()
                .where(users.c.username == account["username"])
                .values(failed_logins=0, locked_until="")
            )
            return Identity(account["display_name"], Role(account["role"]), "password")
    raise refused


def _password_matches(stored_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def has_accounts(engine: Engine) -> bool:
    """Whether any password account exists (the login form says how to add one)."""
    with engine.connect() as connection:
        return connection.scalar(select(users.c.username).limit(1)) is not None


def main(arguments: list[str] | None = None) -> None:
    """Command line: ``python -m storage.users add NAME [--role editor|viewer]``."""
    parser = argparse.ArgumentParser(
        prog="python -m storage.users",
        description="Add a password account to the Frontline database "
        "(FRONTLINE_DATABASE_URL, or var/frontline.sqlite3).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="add an account")
    add.add_argument("username")
    add.add_argument("--role", choices=list(Role), default=Role.EDITOR)
    add.add_argument("--display-name", default="")
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input instead of prompting",
    )
    options = parser.parse_args(arguments)
    password = (
        sys.stdin.readline().rstrip("\n")
        if options.password_stdin
        else getpass.getpass(f"Password for {options.username}: ")
    )
    try:
        create_user(
            open_database(database_url()),
            options.username,
            password,
            role=Role(options.role),
            display_name=options.display_name,
        )
    except ValueError as error:
        parser.exit(2, f"{error}\n")
    print(f"Added {options.role} {options.username}.")


if __name__ == "__main__":
    main()
