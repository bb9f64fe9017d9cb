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
of a step's latency (p95), errors, websocket disconnects, the replica's CPU and its
CPU per step, and the load average; whether every cookie stayed on one replica;
how many of the machine's cores were busy and how many of them this load generator
used; and, per K, two replicas' steps per second over one's. One replica behind the
same nginx is the one-server figure on PostgreSQL. Never fails on a number.

``--replica-cores 0.5`` runs each replica on at most half a core
(``bench.cpu_share``), so one and two replicas are compared at the same CPU per
replica, with cores to spare for the readers, nginx and PostgreSQL.

    python -m bench.replicas [--sessions 50 100] [--seconds 40] [--think 1.0]
                             [--replica-cores 0.5]
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

from bench.cpu_share import busy_core_seconds, cpu_quota
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
def replicas(
    count: int, database_url: str, folder: Path, cores: float | None
) -> Iterator[list[Server]]:
    """``count`` servers on one database, started one after the other.

    With ``cores``, each runs on at most that share of the CPU once it has started.
    """
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
            pid = server_pid(url)
            if cores is not None:
                group = f"frontline-replica-{number}"
                stack.enter_context(cpu_quota(pid, cores, group))
            servers.append(Server(url, pid, logs / "streamlit.log"))
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
    generator_before, busy_before = cpu_seconds(os.getpid()), busy_core_seconds()
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
        generator_cores = (cpu_seconds(os.getpid()) - generator_before) / (
            stepping_seconds
        )
        busy_cores = (busy_core_seconds() - busy_before) / stepping_seconds
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

    def row(name: str, group: list[ProtocolReader], cpu: float) -> dict:
        tally = combined([tallies[reader] for reader in group])
        steps = len(tally.full_step)
        per_step = f"{1000 * cpu / steps:.1f}" if steps else ""
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
            "server cores": f"{cpu / stepping_seconds:.2f}",
            "server CPU ms/step": per_step,
            "machine busy cores": "",
            "generator cores": "",
            "cookies on >1 replica": "",
            "load avg": load,
            "errors seen": "; ".join(sorted(set(tally.errors))[:2]),
        }

    rows = []
    for server in servers:
        address = server.url.removeprefix("http://")
        group = [reader for reader in readers if replica_of.get(reader) == address]
        rows.append(row(address, group, cpu_used[server.url]))
    total = row("all", readers, sum(cpu_used.values()))
    total["cookies on >1 replica"] = sum(len(hit) > 1 for hit in reached.values())
    total["machine busy cores"] = f"{busy_cores:.2f} of {os.cpu_count()}"
    total["generator cores"] = f"{generator_cores:.2f}"
    rows.append(total)
    return rows


async def measure(
    count: int, sessions: int, arguments: argparse.Namespace
) -> list[dict[str, object]]:
    """Fresh database, ``count`` replicas and nginx; K readers through nginx."""
    folder = Path(tempfile.mkdtemp(prefix="frontline-replicas-"))
    folder.chmod(0o755)  # nginx's workers (not root) write its cache here
    with throwaway_cluster() as cluster_url:
        database_url = fresh_database(cluster_url, "frontline_replicas")
        with (
            replicas(count, database_url, folder, arguments.replica_cores) as servers,
            running_nginx(
                [int(server.url.rpartition(":")[2]) for server in servers], folder
            ) as proxy_url,
        ):
            rows = await run_level(
                servers,
                proxy_url,
                folder,
                sessions,
                arguments.seconds,
                arguments.think,
            )
            for server in servers:
                print_complaints(server.url, server.complaints())
    shutil.rmtree(folder, ignore_errors=True)
    return rows


async def main_async(arguments: argparse.Namespace) -> None:
    print(f"cores: {os.cpu_count()}, load average at start: {load_average()}")
    rows, scaling = [], []
    for sessions in arguments.sessions:
        totals = []
        for count in (1, 2):
            rows += await measure(count, sessions, arguments)
            print_table(rows[-count - 1 :])
            totals.append(float(rows[-1]["steps/s"]))
        scaling.append(f"K = {sessions}: {totals[1] / totals[0]:.2f} times")
    share = (
        "as many cores as they take"
        if arguments.replica_cores is None
        else f"at most {arguments.replica_cores:g} core each"
    )
    print(
        f"\nThrough nginx, on PostgreSQL; each reader steps, then pauses "
        f"{arguments.think:g} s ±50 %, for {arguments.seconds:g} s; replicas on "
        f"{share}."
    )
    print_table(rows)
    print(f"Two replicas' steps per second over one's: {'; '.join(scaling)}.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="*", default=[50, 100])
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--think", type=float, default=1.0)
    parser.add_argument(
        "--replica-cores",
        type=float,
        help="run each replica on at most this share of the CPU (e.g. 0.5)",
    )
    arguments = parser.parse_args()
    cores = arguments.replica_cores
    if cores is not None and not 0.01 <= cores <= (os.cpu_count() or 1):
        parser.error(f"--replica-cores must be between 0.01 and {os.cpu_count()}")
    asyncio.run(main_async(arguments))


if __name__ == "__main__":
    main()
