"""Password accounts for small desks without an identity provider.

Passwords are kept only as argon2id hashes, and checked outside every database
transaction, so a login never holds up an editor's save. Guessing is slowed per
client, never per account, so nobody can lock an editor out: after
``FREE_FAILURES`` recent misses a client waits ``client_delay`` before its next
try, and clients that missed recently share ``GLOBAL_FAILURES_PER_MINUTE``. Every
refusal reads the same whatever the name, and a wrong password takes as long for
an unknown name as for a real one, so the answers tell no one which names exist.

A login is kept across reloads by a signed, expiring pass (``session_from_ticket``,
``login_from_session``); Log out (``end_sessions``) raises the account's session
epoch, which ends every pass and open session it had. Run
``python -m storage.users --help`` to add accounts.
"""

import argparse
import base64
import binascii
import getpass
import hashlib
import hmac
import json
import math
import sys
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, func, select, text

from storage.access import CLIENT_MAX_LENGTH, Identity, Role
from storage.database import database_url, now_text, open_database, writing
from storage.tables import login_failures, users

MINIMUM_PASSWORD_LENGTH = 12
FAILURE_WINDOW = timedelta(minutes=15)
FREE_FAILURES = 3
FIRST_DELAY = timedelta(seconds=2)
LONGEST_DELAY = timedelta(minutes=5)
GLOBAL_FAILURES_PER_MINUTE = 30
SESSION_LIFETIME = timedelta(hours=12)
TICKET_LIFETIME = timedelta(minutes=1)
WRONG = "Unknown username or wrong password."
_THROTTLE_LOCK = 7270218
"""PostgreSQL advisory lock that makes a throttle check and its record one step."""
_PASS_MAX_LENGTH = 2000
CONCURRENT_CHECKS = 2
_CHECKS = threading.BoundedSemaphore(CONCURRENT_CHECKS)
"""At most this many password checks run at once in a process: a burst of logins
(each argon2 check takes 64 MiB and four threads) then cannot starve the app's
other sessions of the CPU; the rest wait their turn."""
_HASHER = PasswordHasher()
_DECOY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4"
    "$jXe3prE6OKJpuQkz8Bx5Ew$xfs9oy+0FfSPWoz6vP07f/TXFJ5kh5s/Lbc+YMHGPxY"
)
"""What an unknown name's password is checked against, so it takes as long as a
real one: made once with ``_HASHER``'s settings and written here, since making it
at import cost every server start 0.1 s before it could answer
(``tests/storage/test_users.py`` checks it still has the hasher's settings)."""


class LoginRefusedError(Exception):
    """The login failed; the message says why without saying which part was wrong."""


@dataclass(frozen=True)
class Login:
    """A successful password login: who, the session epoch it belongs to, and news.

    ``failures_since_last_login`` is how many wrong passwords were tried on the
    account since its owner last logged in (0 for a login restored from a pass).
    """

    identity: Identity
    epoch: int
    failures_since_last_login: int = 0


def create_user(
    engine: Engine,
    username: str,
    password: str,
    *,
    role: Role = Role.EDITOR,
    display_name: str,
) -> None:
    """Add an account; refuse a short password, a name taken, or no display name.

    The display name is what the desk shows as the author of every change; the
    login name, half of what a guesser needs, is never shown, so the display
    name may not simply repeat it.
    """
    username = username.strip()
    display_name = display_name.strip()
    if not username or len(username) > 100 or any(ch.isspace() for ch in username):
        raise ValueError("A username is 1 to 100 characters without spaces.")
    if len(password) < MINIMUM_PASSWORD_LENGTH:
        raise ValueError(
            f"A password needs at least {MINIMUM_PASSWORD_LENGTH} characters."
        )
    if not display_name or display_name == username:
        raise ValueError(
            "Give a display name (e.g. 'Alice Martin'): it is shown as the author "
            "of every change, so it may not be the login name, which stays private."
        )
    with writing(engine) as connection:
        if connection.scalar(
            select(users.c.username).where(users.c.username == username)
        ):
            raise ValueError(f"The username {username!r} is already taken.")
        connection.execute(
            users.insert().values(
                username=username,
                display_name=display_name,
                role=Role(role),
                password_hash=_HASHER.hash(password),
                created_at=now_text(),
            )
        )


def client_delay(failures: int) -> timedelta:
    """How long a client waits after its latest miss, given its recent misses."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    return min(FIRST_DELAY * 2 ** (failures - FREE_FAILURES), LONGEST_DELAY)


def _wait_seconds(connection: Connection, client: str, at: float) -> float:
    """How long ``client`` must wait before a password is checked for it; 0: now."""
    window = FAILURE_WINDOW.total_seconds()
    count, latest = connection.execute(
        select(func.count(), func.max(login_failures.c.at_seconds)).where(
            login_failures.c.client == client,
            login_failures.c.at_seconds > at - window,
        )
    ).one()
    if not count:
        return 0.0
    wait = latest + client_delay(count).total_seconds() - at
    recent = (
        select(login_failures.c.at_seconds)
        .where(login_failures.c.at_seconds > at - 60)
        .order_by(login_failures.c.at_seconds)
    )
    everyone = connection.scalars(recent).all()
    if len(everyone) >= GLOBAL_FAILURES_PER_MINUTE:
        frees = everyone[len(everyone) - GLOBAL_FAILURES_PER_MINUTE] + 60
        wait = max(wait, frees - at)
    return max(wait, 0.0)


def _refuse_waiting(seconds: float) -> LoginRefusedError:
    whole = math.ceil(seconds)
    return LoginRefusedError(
        "Too many failed logins from this connection: try again in "
        f"{whole} second{'s' if whole != 1 else ''}."
    )


def _admit(engine: Engine, client: str, at: float) -> int:
    """Record an attempt as a failure until it succeeds, or refuse a client that waits.

    A client with no recent failures is always admitted, so the owner of an
    account is never kept out by someone else's guessing.
    """
    with engine.connect() as connection:
        wait = _wait_seconds(connection, client, at)
    if wait > 0:
        raise _refuse_waiting(wait)
    with writing(engine) as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": _THROTTLE_LOCK}
            )
        wait = _wait_seconds(connection, client, at)
        if wait > 0:
            raise _refuse_waiting(wait)
        connection.execute(
            login_failures.delete().where(
                login_failures.c.at_seconds <= at - FAILURE_WINDOW.total_seconds()
            )
        )
        return connection.execute(
            login_failures.insert().values(client=client, at_seconds=at)
        ).inserted_primary_key[0]


def authenticate(
    engine: Engine,
    username: str,
    password: str,
    *,
    client: str = "",
    now: datetime | None = None,
) -> Login:
    """Check a username and password from ``client``; return the login or refuse.

    ``client`` names where the attempt came from (``storage.access
    .client_address``). The password is checked even for an unknown name, against
    a decoy hash, so both take as long; each wrong one is counted on the account
    in one statement, so parallel guesses are all counted.
    """
    at = (now or datetime.now(UTC)).timestamp()
    attempt = _admit(engine, client[:CLIENT_MAX_LENGTH] or "unknown", at)
    username = username.strip()
    with engine.connect() as connection:
        account = (
            connection.execute(select(users).where(users.c.username == username))
            .mappings()
            .first()
        )
    stored_hash = account["password_hash"] if account else _DECOY_HASH
    if not _password_matches(stored_hash, password) or account is None:
        with writing(engine) as connection:
            connection.execute(
                users.update()
                .where(users.c.username == username)
                .values(failed_logins=users.c.failed_logins + 1)
            )
        raise LoginRefusedError(WRONG)
    with writing(engine) as connection:
        connection.execute(
            login_failures.delete().where(login_failures.c.id == attempt)
        )
        failures = connection.scalar(
            select(users.c.failed_logins)
            .where(users.c.username == username)
            .with_for_update()
        )
        connection.execute(
            users.update().where(users.c.username == username).values(failed_logins=0)
        )
    return Login(_identity(account), account["session_epoch"], failures or 0)


def _identity(account: dict) -> Identity:
    return Identity(
        account["display_name"],
        Role(account["role"]),
        "password",
        account=account["username"],
    )


def _password_matches(stored_hash: str, password: str) -> bool:
    with _CHECKS:
        try:
            return _HASHER.verify(stored_hash, password)
        except (VerificationError, InvalidHashError):
            return False


def has_accounts(engine: Engine) -> bool:
    """Whether any password account exists (the login form says how to add one)."""
    with engine.connect() as connection:
        return connection.scalar(select(users.c.username).limit(1)) is not None


# Passes: a login kept across reloads ------------------------------------------


def _signature(secret: str, payload: str) -> str:
    key = hashlib.sha256(b"frontline login pass\0" + secret.encode()).digest()
    return hmac.new(key, payload.encode(), hashlib.sha256).hexdigest()


def _signed(secret: str, purpose: str, login: Login, expires: datetime) -> str:
    content = [purpose, login.identity.account, login.epoch, int(expires.timestamp())]
    payload = base64.urlsafe_b64encode(json.dumps(content).encode()).decode()
    return f"{payload}.{_signature(secret, payload)}"


def _read(secret: str, token: str, purpose: str, now: datetime) -> tuple[str, int]:
    """The account and epoch a ``purpose`` pass names; ValueError if it is not one."""
    payload, _, signature = token.partition(".")
    if len(token) > _PASS_MAX_LENGTH or not hmac.compare_digest(
        signature.encode(), _signature(secret, payload).encode()
    ):
        raise ValueError("not signed with this server's secret")
    try:
        kind, account, epoch, expires = json.loads(base64.urlsafe_b64decode(payload))
    except (binascii.Error, TypeError, ValueError):
        raise ValueError("not a pass") from None
    if kind != purpose or expires <= now.timestamp():
        raise ValueError(f"not a {purpose} pass, or expired")
    return str(account), int(epoch)


def login_ticket(secret: str, login: Login, now: datetime | None = None) -> str:
    """A pass good for ``TICKET_LIFETIME``: the browser trades it for its cookie."""
    expires = (now or datetime.now(UTC)) + TICKET_LIFETIME
    return _signed(secret, "ticket", login, expires)


def session_from_ticket(
    secret: str, ticket: str, now: datetime | None = None
) -> str | None:
    """The session pass (``SESSION_LIFETIME``) a valid ticket is traded for, or None."""
    now = now or datetime.now(UTC)
    try:
        account, epoch = _read(secret, ticket, "ticket", now)
    except ValueError:
        return None
    login = Login(Identity("", login="password", account=account), epoch)
    return _signed(secret, "session", login, now + SESSION_LIFETIME)


def login_from_session(
    engine: Engine, secret: str, token: str, now: datetime | None = None
) -> Login | None:
    """The login a session pass keeps, or None if it is changed, expired or revoked."""
    try:
        account, epoch = _read(secret, token, "session", now or datetime.now(UTC))
    except ValueError:
        return None
    with engine.connect() as connection:
        found = (
            connection.execute(select(users).where(users.c.username == account))
            .mappings()
            .first()
        )
    if found is None or found["session_epoch"] != epoch:
        return None
    return Login(_identity(found), epoch)


def still_logged_in(engine: Engine, login: Login) -> bool:
    """Whether ``login``'s account has not logged out since (one cheap query)."""
    with engine.connect() as connection:
        epoch = connection.scalar(
            select(users.c.session_epoch).where(
                users.c.username == login.identity.account
            )
        )
    return epoch == login.epoch


def end_sessions(engine: Engine, username: str) -> None:
    """Log an account out everywhere: every pass and open session it had ends."""
    with writing(engine) as connection:
        connection.execute(
            users.update()
            .where(users.c.username == username)
            .values(session_epoch=users.c.session_epoch + 1)
        )


def main(arguments: list[str] | None = None) -> None:
    """Command line: ``python -m storage.users add NAME --display-name "Full Name"``."""
    parser = argparse.ArgumentParser(
        prog="python -m storage.users",
        description="Add a password account to the Frontline database "
        "(FRONTLINE_DATABASE_URL, or var/frontline.sqlite3).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="add an account")
    add.add_argument("username", help="the login name (kept private)")
    add.add_argument("--role", choices=list(Role), default=Role.EDITOR)
    add.add_argument(
        "--display-name",
        required=True,
        help="the name shown as the author of every change, e.g. 'Alice Martin'",
    )
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
    print(f"Added {options.role} {options.username} ({options.display_name}).")


if __name__ == "__main__":
    main()
