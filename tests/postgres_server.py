"""A throwaway PostgreSQL server, so the storage tests run on real PostgreSQL too.

``running_postgres()`` starts a private cluster in a temporary directory (or uses the
server named by ``FRONTLINE_TEST_POSTGRES_URL``) and yields a SQLAlchemy URL to an
empty database; ``fresh_database()`` adds another empty database on that server, so
each test can have its own. The server binaries come from ``scripts/install_postgres``.
"""

import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

URL_VARIABLE = "FRONTLINE_TEST_POSTGRES_URL"
SUPERUSER = "postgres"
# Created by Debian's package; runs the server when we are root (it refuses root).
SYSTEM_USER = "postgres"
TEST_DATABASE = "frontline_test"
START_TIMEOUT_SECONDS = 60
START_ATTEMPTS = 3
DATABASE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
# Durability is worthless for data deleted at exit; a test database needs little
# memory, and little write-ahead log keeps the folder small when it lives in memory.
SPEED_SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "shared_buffers": "16MB",
    "max_connections": "50",
    "wal_level": "minimal",
    "max_wal_senders": "0",
    "max_wal_size": "64MB",
}
# Measured on an ext4 disk, even with fsync off: initdb plus start 2.2 s and CREATE
# DATABASE 0.35 s; in memory (tmpfs) 0.8 s and 0.02 s. Memory is used only when it has
# room (Docker gives containers 64 MB).
MEMORY_FOLDER = Path("/dev/shm")
MEMORY_FOLDER_MINIMUM_FREE_BYTES = 1 << 30


class PostgresUnavailableError(RuntimeError):
    """PostgreSQL could not be found or started; the message says why."""


def server_binaries() -> Path:
    """Return the folder holding initdb and pg_ctl: newest Debian version, else PATH."""
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda pg_ctl: int(pg_ctl.parent.parent.name),
    )
    if debian:
        return debian[-1].parent
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).parent
    raise PostgresUnavailableError(
        "No PostgreSQL server binaries: no /usr/lib/postgresql/*/bin/pg_ctl and no "
        "pg_ctl on PATH. Run scripts/install_postgres (or set "
        f"{URL_VARIABLE} to an existing server)."
    )


def scratch_parent() -> Path | None:
    """Return the in-memory folder if it has room for the cluster, else None."""
    try:
        usage = os.statvfs(MEMORY_FOLDER)
    except OSError:
        return None
    free_bytes = usage.f_bavail * usage.f_frsize
    if free_bytes < MEMORY_FOLDER_MINIMUM_FREE_BYTES or not os.access(
        MEMORY_FOLDER, os.W_OK
    ):
        return None
    return MEMORY_FOLDER


def system_user() -> pwd.struct_passwd | None:
    """Return the user to run the server as when we are root, else None."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        raise PostgresUnavailableError(
            f"Running as root, which PostgreSQL refuses, and there is no "
            f"'{SYSTEM_USER}' user to run it as. Run scripts/install_postgres."
        ) from None


def run_server_tool(
    command: list[str], user: pwd.struct_passwd | None, cwd: Path
) -> None:
    """Run a PostgreSQL tool as ``user`` if given; raise with its output if it fails."""
    prefix = ["runuser", "-u", user.pw_name, "--"] if user else []
    result = subprocess.run(
        prefix + command, cwd=cwd, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise PostgresUnavailableError(
            f"{' '.join(command)} failed with exit code {result.returncode}:\n"
            f"{result.stdout}{result.stderr}"
        )


def free_local_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def quoted_setting(value: str) -> str:
    """Quote a string for postgresql.conf."""
    return "'" + value.replace("'", "''") + "'"


def write_settings(data: Path, socket_folder: Path) -> None:
    """Append the listening address, socket folder and speed settings to the config."""
    settings = {
        "listen_addresses": quoted_setting("127.0.0.1"),
        "unix_socket_directories": quoted_setting(str(socket_folder)),
        **SPEED_SETTINGS,
    }
    lines = [f"{name} = {value}\n" for name, value in settings.items()]
    with (data / "postgresql.conf").open("a", encoding="utf-8") as config:
        config.write("\n# Throwaway test cluster (tests/postgres_server.py)\n")
        config.writelines(lines)


def start_server(
    binaries: Path, data: Path, scratch: Path, user: pwd.struct_passwd | None
) -> int:
    """Start the cluster on a free port; return the port once it accepts connections.

    Another process may take the port between choosing and binding it, so a few
    ports are tried before giving up.
    """
    log = scratch / "server.log"
    attempts_left = START_ATTEMPTS
    while True:
        attempts_left -= 1
        port = free_local_port()
        command = [str(binaries / "pg_ctl"), "start", "--pgdata", str(data)]
        command += ["--log", str(log), "--options", f"-p {port}"]
        command += ["--wait", "--timeout", str(START_TIMEOUT_SECONDS)]
        try:
            run_server_tool(command, user, scratch)
        except PostgresUnavailableError as error:
            server_log = log.read_text(encoding="utf-8", errors="replace")
            if attempts_left and "Address already in use" in server_log:
                continue
            raise PostgresUnavailableError(
                f"{error}\nServer log:\n{server_log}"
            ) from None
        return port


@contextmanager
def throwaway_cluster() -> Iterator[str]:
    """Run a new PostgreSQL cluster in a temporary folder; yield its superuser URL.

    It listens on 127.0.0.1 only, trusts every local connection, and is stopped and
    deleted at exit, even when the body raises.
    """
    binaries = server_binaries()
    user = system_user()
    with tempfile.TemporaryDirectory(
        prefix="frontline-postgres-", dir=scratch_parent()
    ) as scratch_name:
        scratch = Path(scratch_name)
        if user:
            os.chown(scratch, user.pw_uid, user.pw_gid)
        data = scratch / "data"
        initdb = [str(binaries / "initdb"), "--pgdata", str(data)]
        # C collation sorts text bytewise, as SQLite does, so both backends agree.
        initdb += ["--username", SUPERUSER, "--auth", "trust", "--encoding", "UTF8"]
        initdb += ["--locale", "C", "--no-sync"]
        run_server_tool(initdb, user, scratch)
        write_settings(data, scratch)
        try:
            port = start_server(binaries, data, scratch, user)
            yield f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{port}/postgres"
        finally:
            if (data / "postmaster.pid").exists():
                # Immediate mode skips the shutdown checkpoint: the data goes next.
                stop = [str(binaries / "pg_ctl"), "stop", "--pgdata", str(data)]
                stop += ["--mode", "immediate", "--wait"]
                run_server_tool(stop, user, scratch)


def fresh_database(server_url: str, name: str) -> str:
    """Create an empty database ``name`` on the server (replacing one left behind).

    Returns its URL. Connects through ``server_url``, which must name another database.
    """
    if not DATABASE_NAME.fullmatch(name):
        raise ValueError(
            f"Database name {name!r} must be 1-63 lowercase letters, digits or "
            "underscores, starting with a letter or underscore."
        )
    server = make_url(server_url)
    if server.database == name:
        raise ValueError(
            f"Cannot recreate database {name!r} through a connection to itself."
        )
    engine = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            # template0 is never connected to, so copying it never waits for a lock.
            connection.execute(text(f"CREATE DATABASE {name} TEMPLATE template0"))
    finally:
        engine.dispose()
    return server.set(database=name).render_as_string(hide_password=False)


@contextmanager
def running_postgres() -> Iterator[str]:
    """Yield a URL to an empty database on a throwaway server.

    When ``FRONTLINE_TEST_POSTGRES_URL`` is set, that URL is yielded as it is and
    no server is started.
    """
    external = os.environ.get(URL_VARIABLE)
    if external:
        yield external
        return
    with throwaway_cluster() as server_url:
        yield fresh_database(server_url, TEST_DATABASE)
