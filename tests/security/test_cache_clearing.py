"""No visitor can make the server drop its caches (issue 17, item 1).

Streamlit obeys a ``clear_cache`` message from any browser; ``ui/streamlit_adapter.py``
refuses it, and the database engine lives outside every Streamlit cache. A real
``streamlit run`` on SQLite and on a live PostgreSQL is sent the messages over its
websocket, as a browser would send them; its open files and CPU are read from
``/proc``, and PostgreSQL's own count of the app's connections is read after.
"""

import asyncio
import inspect
import os
import re
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pytest
import streamlit as st
import websockets
from sqlalchemy import text
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.app_session import AppSession

from storage.database import open_database
from tests.conftest import ROOT, run_in_own_loop
from tests.e2e.conftest import start_streamlit
from tests.storage.conftest import (  # noqa: F401 (fixtures: SQLite and PostgreSQL)
    database_url,
    postgres_server,
)
from ui import streamlit_adapter
from ui.database import database_at

CLEAR_CACHE_MESSAGES = 30
OPEN_FILES_SLACK = 4
"""Files a server may open beyond those of its first run (a log, a lazy import)."""
CPU_SECONDS_PER_MESSAGE = 0.2
"""Before the fix a clear-cache message and the rerun after it cost Raqqa's server
about 0.45 CPU-seconds (every city and bundle rebuilt); refused, about 0.04."""
RUN_SECONDS = 60
CONNECTIONS_AT_MOST = 2
"""One reader's runs need one pooled connection (one more for slack). Before the
fix every discarded engine kept its own: 45 messages exhausted PostgreSQL's 40."""


def pinned_version(package: str) -> str:
    pins = (ROOT / "requirements.txt").read_text()
    return re.search(rf"^{re.escape(package)}==(\S+)", pins, re.MULTILINE).group(1)


def test_streamlit_is_the_version_the_adapter_was_written_for():
    package = streamlit_adapter.PINNED_PACKAGE

    assert version(package) == pinned_version(package), (
        f"{package} {version(package)} is installed, but ui/streamlit_adapter.py is "
        f"written for {pinned_version(package)} (requirements.txt): check that a "
        "client's clear_cache message still reaches the handler it replaces."
    )


def test_the_replaced_handler_is_the_one_streamlit_calls_for_clear_cache():
    handling = inspect.getsource(AppSession.handle_backmsg)

    assert f"self.{streamlit_adapter.PRIVATE_HANDLER}()" in handling, (
        "AppSession.handle_backmsg no longer calls "
        f"{streamlit_adapter.PRIVATE_HANDLER}: ui/streamlit_adapter.py refuses "
        "nothing any more; find where clear_cache is handled now."
    )


def test_only_the_adapter_uses_streamlit_internals():
    internal = re.compile(r"streamlit\.(runtime|web)\b|\bAppSession\b")
    sources = [*ROOT.glob("ui/**/*.py"), *ROOT.glob("app_pages/*.py"), ROOT / "app.py"]

    users = [
        path.relative_to(ROOT).as_posix()
        for path in sources
        if internal.search(path.read_text())
    ]

    assert users == ["ui/streamlit_adapter.py"]


def test_the_database_engine_outlives_a_cleared_streamlit_cache(tmp_path):
    url = f"sqlite:///{tmp_path / 'frontline.sqlite3'}"
    engine = database_at(url)

    st.cache_resource.clear()

    assert database_at(url) is engine


def _open_files(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _server_pid(url: str) -> int:
    """The ``streamlit run`` this test process started for ``url``."""
    port = url.rpartition(":")[2]
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
            parent = (entry / "stat").read_text().rpartition(")")[2].split()[1]
        except OSError:
            continue
        if int(parent) == os.getpid() and port.encode() in arguments:
            return int(entry.name)
    raise LookupError(f"no streamlit server of ours on port {port}")


async def _run_page(socket: websockets.ClientConnection, url: str) -> None:
    """Ask for a run of the page, as the browser does, and read it to its end."""
    request = BackMsg()
    request.rerun_script.context_info.url = f"{url}/"
    await socket.send(request.SerializeToString())
    while True:
        message = ForwardMsg.FromString(await socket.recv())
        if message.WhichOneof("type") == "script_finished":
            return


async def _clear_caches_repeatedly(url: str, pid: int) -> tuple[int, int, float]:
    """Open files after the first run and after the messages; CPU the messages cost."""
    address = url.replace("http://", "ws://") + "/_stcore/stream"
    async with websockets.connect(
        address, subprotocols=["streamlit"], max_size=None
    ) as socket:
        await _run_page(socket, url)
        files_after_first_run = _open_files(pid)
        cpu_before = _cpu_seconds(pid)
        for _ in range(CLEAR_CACHE_MESSAGES):
            clear = BackMsg()
            clear.clear_cache = True
            await socket.send(clear.SerializeToString())
            await _run_page(socket, url)
        return (
            files_after_first_run,
            _open_files(pid),
            _cpu_seconds(pid) - cpu_before,
        )


def _app_connections(url: str) -> int | None:
    """Connections PostgreSQL holds open to the app's database (None on SQLite)."""
    if not url.startswith("postgresql"):
        return None
    engine = open_database(url)
    try:
        with engine.connect() as connection:
            return connection.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).scalar_one()
    finally:
        engine.dispose()


@pytest.fixture
def server_url(tmp_path, database_url) -> Iterator[str]:  # noqa: F811
    yield from start_streamlit(
        tmp_path / "frontline.sqlite3", FRONTLINE_DATABASE_URL=database_url
    )


def test_clear_cache_messages_from_a_reader_leave_the_server_bounded(
    server_url,
    database_url,  # noqa: F811 (the fixture imported above)
):
    pid = _server_pid(server_url)

    first, after, cpu = run_in_own_loop(
        asyncio.wait_for(_clear_caches_repeatedly(server_url, pid), RUN_SECONDS)
    )

    connections = _app_connections(database_url)
    if connections is not None:
        assert connections <= CONNECTIONS_AT_MOST, (
            f"{CLEAR_CACHE_MESSAGES} clear-cache messages left the app holding "
            f"{connections} PostgreSQL connections"
        )

    assert after <= first + OPEN_FILES_SLACK, (
        f"{CLEAR_CACHE_MESSAGES} clear-cache messages left {after - first} more "
        "open files"
    )
    assert cpu < CLEAR_CACHE_MESSAGES * CPU_SECONDS_PER_MESSAGE, (
        f"{CLEAR_CACHE_MESSAGES} clear-cache messages cost {cpu:.1f} CPU-seconds"
    )
