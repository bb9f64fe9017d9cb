"""Load test through nginx: one or two ``streamlit run serve.py`` on one PostgreSQL.

For each K (default 50 and 100) and for one, then two replicas, it starts a
throwaway PostgreSQL database, the replicas on it (``FRONTLINE_DATABASE_URL``, started
one after the other), and nginx with ``deploy/nginx.conf``, changed only where this
machine differs: its upstream names the local replicas (the sticky ``hash`` stays),
it listens on local ports with a throwaway certificate, keeps its files in a
temporary folder, and logs which replica each request reached. Then K protocol
readers (``bench.load_sessions.ProtocolReader``, as in ``bench.load``) connect to
nginx, each from its own loopback address (127.0.0.2, 127.0.0.3, …: K readers,
not one address holding K sessions), load the page, keep the cookie nginx gives
them, open the websocket with it, and step through the days for ``--seconds``,
asking the edit watch's route once a second as an open map does.

It prints, per replica and in total: readers, steps per second, the server's part
of a step's latency (p95), errors, websocket disconnects, the replica's CPU, and
the load average; and whether every cookie stayed on one replica. One replica
behind the same nginx is the one-server figure on PostgreSQL. Never fails on a number.

    python -m bench.replicas [--sessions 50 100] [--seconds 40] [--think 1.0]
"""

import argparse
import asyncio
import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench.load import (
    OPENING_CONCURRENCY,
    Server,
    cpu_seconds,
    keep_stepping,
    load_average,
    open_protocol,
    server_pid,
)
from bench.load_report import percentile, print_complaints, seconds_text
from bench.load_sessions import ProtocolReader, Tally
from bench.table import print_table
from tests.e2e.conftest import start_streamlit
from tests.nginx_server import ROUTING_LOG, routes, running_nginx
from tests.postgres_server import fresh_database, throwaway_cluster

FIRST_READER_ADDRESS = 2


@contextlib.contextmanager
def replicas(count: int, database_url: str, folder: Path) -> Iterator[list[Server]]:
    """``count`` servers on one database, started one after the other."""
    with contextlib.ExitStack() as stack:
        servers = []
        for number in range(1, count + 1):
            logs = folder / f"replica-{number}"
            logs.mkdir()
            # The SQLite path only places the log: the database URL overrides it.
            server = start_streamlit(
                logs / "unused.sqlite3", FRONTLINE_DATABASE_URL=database_url
            )
            url = next(server)
            stack.callback(server.close)
            servers.append(Server(url, server_pid(url), logs / "streamlit.log"))
        yield servers


def combined(tallies: list[Tally]) -> Tally:
    """One tally holding everything ``tallies`` saw."""
    total = Tally()
    for tally in tallies:
        total.first_load += tally.first_load
        total.map_step += tally.map_step
        total.full_step += tally.full_step
        total.errors += tally.errors
        total.disconnects += tally.disconnects
        total.edit_checks += tally.edit_checks
    return total


async def run_level(
    servers: list[Server],
    proxy_url: str,
    folder: Path,
    sessions: int,
    seconds: float,
    think: float,
) -> list[dict[str, object]]:
    """K readers through nginx: one row per replica and one for all of them."""
    load_before = load_average()
    for server in servers:  # the first visit fills each replica's caches
        warm_up = ProtocolReader(server.url)
        await warm_up.open()
        await warm_up.close()
    readers = [
        ProtocolReader(proxy_url, f"127.0.0.{FIRST_READER_ADDRESS + index}")
        for index in range(sessions)
    ]
    tallies = {reader: Tally() for reader in readers}
    gate = asyncio.Semaphore(OPENING_CONCURRENCY)
    opened = await asyncio.gather(
        *(open_protocol(reader, tallies[reader], gate) for reader in readers)
    )
    cpu_before = {server.url: cpu_seconds(server.pid) for server in servers}
    started = time.monotonic()
    deadline = started + seconds
    try:
        live = [reader for reader in opened if reader is not None]
        await asyncio.gather(
            *(
                keep_stepping(reader, tallies[reader], deadline, think)
                for reader in live
            ),
            *(reader.watch_edits(deadline, tallies[reader]) for reader in live),
        )
        stepping_seconds = time.monotonic() - started
        cpu_used = {
            server.url: cpu_seconds(server.pid) - cpu_before[server.url]
            for server in servers
        }
    finally:
        for reader in readers:
            with contextlib.suppress(Exception):
                await reader.close()
    load = f"{load_before}→{load_average()}"
    await asyncio.sleep(1)  # nginx logs a websocket once it has closed
    reached = routes((folder / ROUTING_LOG).read_text())
    cookie_of = {reader: reader.cookie.partition("=")[2] for reader in readers}
    replica_of = {
        reader: next(iter(reached[cookie_of[reader]]))
        for reader in readers
        if len(reached.get(cookie_of[reader], ())) == 1
    }

    def row(name: str, group: list[ProtocolReader], cores: float) -> dict:
        tally = combined([tallies[reader] for reader in group])
        steps = len(tally.full_step)
        return {
            "replicas": len(servers),
            "K": sessions,
            "replica": name,
            "readers": len(group),
            "steps": steps,
            "steps/s": f"{steps / stepping_seconds:.2f}",
            "edit checks/s": f"{tally.edit_checks / stepping_seconds:.1f}",
            "server map p95 s": seconds_text(percentile(tally.map_step, 0.95)),
            "full step p95 s": seconds_text(percentile(tally.full_step, 0.95)),
            "first load p95 s": seconds_text(percentile(tally.first_load, 0.95)),
            "errors": len(tally.errors),
            "disconnects": tally.disconnects,
            "server cores": f"{cores:.2f}",
            "cookies on >1 replica": "",
            "load avg": load,
            "errors seen": "; ".join(sorted(set(tally.errors))[:2]),
        }

    rows = []
    for server in servers:
        address = server.url.removeprefix("http://")
        group = [reader for reader in readers if replica_of.get(reader) == address]
        rows.append(row(address, group, cpu_used[server.url] / stepping_seconds))
    total = row("all", readers, sum(cpu_used.values()) / stepping_seconds)
    total["cookies on >1 replica"] = sum(len(hit) > 1 for hit in reached.values())
    rows.append(total)
    return rows


async def measure(count: int, sessions: int, seconds: float, think: float) -> list:
    """Fresh database, ``count`` replicas and nginx; K readers through nginx."""
    folder = Path(tempfile.mkdtemp(prefix="frontline-replicas-"))
    folder.chmod(0o755)  # nginx's workers (not root) write its cache here
    with throwaway_cluster() as cluster_url:
        database_url = fresh_database(cluster_url, "frontline_replicas")
        with (
            replicas(count, database_url, folder) as servers,
            running_nginx(
                [int(server.url.rpartition(":")[2]) for server in servers], folder
            ) as proxy_url,
        ):
            rows = await run_level(servers, proxy_url, folder, sessions, seconds, think)
            for server in servers:
                print_complaints(server.url, server.complaints())
    shutil.rmtree(folder, ignore_errors=True)
    return rows


async def main_async(arguments: argparse.Namespace) -> None:
    print(f"cores: {os.cpu_count()}, load average at start: {load_average()}")
    rows = []
    for sessions in arguments.sessions:
        for count in (1, 2):
            rows += await measure(count, sessions, arguments.seconds, arguments.think)
            print_table(rows[-count - 1 :])
    print(
        f"\nThrough nginx, on PostgreSQL; each reader steps, then pauses "
        f"{arguments.think:g} s ±50 %, for {arguments.seconds:g} s."
    )
    print_table(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="*", default=[50, 100])
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--think", type=float, default=1.0)
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
