"""Load test: K readers on ONE ``streamlit run app.py`` server, moving their sliders.

For K = 10, 25 and 50 it starts a fresh server on Raqqa with its own temporary SQLite
database, opens K sessions, lets them sit idle, then has every session step through
the days for a while (one step, then about a second's pause, like a reader holding
the arrow key or pressing Play). It prints step latency, errors, websocket
disconnects and the server's memory per session; then it opens 100 sessions at the
same moment on a fresh server ("100 simultaneous first loads") and reports whether
the server keeps serving. Targets are printed beside the results; the script never
fails on a number.

Who the readers are. A real Chromium page costs this machine more than a Streamlit
session costs the server. Each page is two renderer processes (the Streamlit React
app and the Leaflet map iframe), about 165 MB PSS, and it takes CPU to load and to
re-render on every step: the same CPU the server needs on these two cores. Tried
here with 25 pages in one browser, one context each (``--sessions 25 --browsers
25``): Chromium took about 1 core and the server 0.37; the server managed 1.0 steps/s
in total and the pages' p95 was 23 s. With 3 real pages and 22 protocol clients,
the server got 0.9 cores, 2.3 steps/s, and the pages' p95 was 10 s. With all K
sessions as pages, the benchmark would mostly measure Chromium competing with the
server for the CPU. 50 pages would also need about 8 GB.

So by default only ``--browsers`` sessions (3) are real Chromium pages, and only they
give the reader's latency: from the key press or ▶ click in the page until the map
iframe's body has ``data-frontline-day`` equal to the new day (as in
``bench.slider``). The other sessions are lightweight clients that speak Streamlit's
own protocol over the ``/_stcore/stream`` websocket (``BackMsg``/``ForwardMsg``
protobufs from ``streamlit.proto``, sent with ``websockets``). They ask for the same
reruns as the browser (the timeline component's new day, in the timeline fragment),
and they read every message the server sends back; and, as an open map's edit
watch does, they ask the route ``frontline/change`` once a second over a kept-alive
connection ("edit checks/s"). So the server does the same work as for a reader.
Their latency is the server's part: from sending the request until the map
component arrives carrying the new day ("map"), and until the fragment's run has
finished ("full step").

The first-load storm: each of the 100 clients first downloads every file that a
real Chromium page downloaded on its first visit (recorded on the same server, six
at a time like a browser), then opens the websocket and waits for the page's first
run to finish. Meanwhile ``/_stcore/health`` is polled every second and one real
Chromium page is opened, to see whether a reader arriving during the storm gets a
map.

    python -m bench.load [--sessions 10 25 50] [--browsers 3] [--seconds 60]
                         [--think 1.0] [--storm 100]
"""

import argparse
import asyncio
import contextlib
import os
import random
import re
import statistics
import tempfile
import time
import urllib.request
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from playwright.async_api import Browser, async_playwright

from bench.load_report import print_levels, print_storm, print_targets
from bench.load_sessions import (
    BROWSER_CONNECTIONS,
    STEP_TIMEOUT_SECONDS,
    BrowserReader,
    ProtocolReader,
    ServerClosedError,
    Tally,
)
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, start_streamlit

LIGHT_CHROMIUM_ARGS = [
    *CHROMIUM_ARGS,
    "--mute-audio",
    "--disable-extensions",
    "--disable-default-apps",
    "--blink-settings=imagesEnabled=false",
]
"""The test suite's flags, plus what a reader page here never needs."""
OPENING_CONCURRENCY = 4
SETTLE_SECONDS = 5


def _parents() -> dict[int, int]:
    """Every running process id with its parent's id, from /proc."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return parents


def descendants(root: int) -> list[int]:
    """``root`` and every process started under it, however deep."""
    children: dict[int, list[int]] = {}
    for pid, parent in _parents().items():
        children.setdefault(parent, []).append(pid)
    found, waiting = [], [root]
    while waiting:
        pid = waiting.pop()
        found.append(pid)
        waiting.extend(children.get(pid, []))
    return found


def server_pid(url: str) -> int:
    """The process id of the ``streamlit run`` this process started to serve ``url``."""
    port = url.rpartition(":")[2].encode()
    for pid, parent in _parents().items():
        with contextlib.suppress(OSError):
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            if parent == os.getpid() and b"streamlit" in command and port in command:
                return pid
    raise RuntimeError(f"no streamlit server for {url} among this process's children")


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used, in seconds (0 once gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def generator_cpu_seconds(server: int) -> float:
    """CPU time of this process and all it started (Chromium too), but the server."""
    return sum(cpu_seconds(pid) for pid in descendants(os.getpid()) if pid != server)


def load_average() -> str:
    """The machine's 1-minute load average (2 cores, shared with other work)."""
    return f"{os.getloadavg()[0]:.1f}"


@dataclass
class Server:
    """A running ``streamlit run app.py``: its address, process and log file."""

    url: str
    pid: int
    log: Path

    def complaints(self) -> list[str]:
        """The warnings and errors the server has logged so far."""
        lines = self.log.read_text(errors="replace").splitlines()
        return [line for line in lines if re.search(r"WARNING|ERROR|Traceback", line)]


@contextlib.contextmanager
def fresh_server() -> Iterator[Server]:
    """A new ``streamlit run app.py`` on Raqqa with its own SQLite database."""
    database = Path(tempfile.mkdtemp(prefix="frontline-load-")) / "db.sqlite3"
    server = start_streamlit(database)
    url = next(server)
    try:
        yield Server(url, server_pid(url), database.parent / "streamlit.log")
    finally:
        server.close()


async def counted(tally: Tally, action: Callable[[], Awaitable[None]]) -> bool:
    """Run ``action``; count a lost websocket or any failure instead of raising."""
    try:
        await asyncio.wait_for(action(), STEP_TIMEOUT_SECONDS)
    except ServerClosedError:
        tally.disconnects += 1
        return False
    except Exception as error:
        tally.errors.append(f"{type(error).__name__}: {error}"[:200])
        return False
    return True


async def open_protocol(
    reader: ProtocolReader, tally: Tally, gate: asyncio.Semaphore
) -> ProtocolReader | None:
    """Open ``reader`` (a few at a time, through ``gate``); None if it failed."""

    async def first_visit() -> None:
        async with gate:
            tally.first_load.append(await reader.open())

    return reader if await counted(tally, first_visit) else None


async def keep_stepping(
    reader: ProtocolReader | BrowserReader,
    tally: Tally,
    deadline: float,
    think: float,
) -> None:
    """Step until the deadline, pausing ``think`` seconds (±50 %) between steps."""
    await asyncio.sleep(random.uniform(0, think))
    count = 0
    while time.monotonic() < deadline:
        count += 1
        use_button = count % 2 == 0

        async def one_step(use_button: bool = use_button) -> None:
            if isinstance(reader, BrowserReader):
                tally.browser_step.append(await reader.step(use_button))
            else:
                map_seconds, full_seconds = await reader.step()
                tally.map_step.append(map_seconds)
                tally.full_step.append(full_seconds)

        if not await counted(tally, one_step):
            return
        await asyncio.sleep(random.uniform(0.5 * think, 1.5 * think))


async def _sample_memory(pid: int, samples: list[float], every: float) -> None:
    while True:
        samples.append(rss_mb(pid))
        await asyncio.sleep(every)


async def _idle_memory(pid: int) -> float:
    """Median RSS over a few seconds, once the server has gone quiet."""
    await asyncio.sleep(SETTLE_SECONDS)
    samples = []
    for _ in range(5):
        samples.append(rss_mb(pid))
        await asyncio.sleep(0.5)
    return statistics.median(samples)


async def run_level(
    sessions: int, browsers: int, seconds: float, think: float, browser: Browser
) -> dict:
    """K sessions on one fresh server: open, idle, step; latency and memory."""
    tally = Tally()
    real = min(browsers, sessions)
    load_before = load_average()
    readers: list[ProtocolReader | BrowserReader] = []
    with fresh_server() as server:
        try:
            started_mb = rss_mb(server.pid)
            warm_up = ProtocolReader(server.url)
            await warm_up.open()
            await warm_up.close()
            warm_mb = await _idle_memory(server.pid)
            for _ in range(real):
                reader = BrowserReader(server.url, tally)
                readers.append(reader)

                async def open_page(reader: BrowserReader = reader) -> None:
                    tally.first_load.append(await reader.open(browser))

                if not await counted(tally, open_page):
                    readers.remove(reader)
            gate = asyncio.Semaphore(OPENING_CONCURRENCY)
            opened = await asyncio.gather(
                *(
                    open_protocol(ProtocolReader(server.url), tally, gate)
                    for _ in range(sessions - real)
                )
            )
            readers.extend(reader for reader in opened if reader is not None)
            idle_mb = await _idle_memory(server.pid)
            samples: list[float] = []
            sampler = asyncio.create_task(_sample_memory(server.pid, samples, 0.5))
            cpu_before = cpu_seconds(server.pid)
            generator_before = generator_cpu_seconds(server.pid)
            stepping_started = time.monotonic()
            deadline = stepping_started + seconds
            await asyncio.gather(
                *(keep_stepping(reader, tally, deadline, think) for reader in readers),
                *(
                    reader.watch_edits(deadline, tally)
                    for reader in readers
                    if isinstance(reader, ProtocolReader)
                ),
            )
            stepping_seconds = time.monotonic() - stepping_started
            cpu_used = cpu_seconds(server.pid) - cpu_before
            generator_used = generator_cpu_seconds(server.pid) - generator_before
            sampler.cancel()
        finally:
            for reader in readers:
                with contextlib.suppress(Exception):
                    await reader.close()
        complaints = server.complaints()
    steps = len(tally.browser_step) + len(tally.full_step)
    return {
        "sessions": sessions,
        "browsers": real,
        "connected": len(readers),
        "tally": tally,
        "steps": steps,
        "steps/s": steps / stepping_seconds,
        "edit checks/s": tally.edit_checks / stepping_seconds,
        "cpu/step": cpu_used / steps if steps else None,
        "server cores": cpu_used / stepping_seconds,
        "generator cores": generator_used / stepping_seconds,
        "started_mb": started_mb,
        "warm_mb": warm_mb,
        "idle_mb": idle_mb,
        "stepping_mb": max(samples, default=idle_mb),
        "complaints": complaints,
        "load": f"{load_before}→{load_average()}",
    }


def _download(url: str) -> int:
    with urllib.request.urlopen(url, timeout=STEP_TIMEOUT_SECONDS) as answer:
        if answer.status != 200:
            raise RuntimeError(f"{url}: HTTP {answer.status}")
        return len(answer.read())


async def _poll_health(url: str, answers: list[float | None]) -> None:
    """Every second, how long /_stcore/health takes to answer (None: it failed)."""
    loop = asyncio.get_running_loop()
    while True:
        started = time.perf_counter()
        try:
            await loop.run_in_executor(None, _download, f"{url}/_stcore/health")
            answers.append(time.perf_counter() - started)
        except Exception:
            answers.append(None)
        await asyncio.sleep(1)


async def _seconds_or_failure(action: Awaitable[float]) -> float | str:
    """How long ``action`` says it took, or what went wrong."""
    try:
        return await asyncio.wait_for(action, STEP_TIMEOUT_SECONDS)
    except Exception as error:
        return f"failed: {type(error).__name__} {error}"[:200]


async def run_storm(visitors: int, browser: Browser) -> dict:
    """``visitors`` first visits at the same moment; does the server keep serving?"""
    tally = Tally()
    load_before = load_average()
    readers: list[ProtocolReader | BrowserReader] = []
    pool = ThreadPoolExecutor(max_workers=64)
    with fresh_server() as server:
        try:
            recorder = BrowserReader(server.url, Tally())
            await recorder.open(browser)
            await recorder.close()
            files = sorted(
                {
                    address
                    for address in recorder.downloads
                    if address.startswith(server.url) and "/_stcore/" not in address
                }
            )
            before_mb = await _idle_memory(server.pid)
            loop = asyncio.get_running_loop()
            received: list[int] = []
            static_seconds: list[float] = []
            run_seconds: list[float] = []

            async def first_visit() -> None:
                connections = asyncio.Semaphore(BROWSER_CONNECTIONS)
                started = time.perf_counter()

                async def fetch(address: str) -> None:
                    async with connections:
                        received.append(
                            await loop.run_in_executor(pool, _download, address)
                        )

                await asyncio.gather(*(fetch(address) for address in files))
                static_seconds.append(time.perf_counter() - started)
                reader = ProtocolReader(server.url)
                readers.append(reader)
                run_seconds.append(await reader.open())
                tally.first_load.append(time.perf_counter() - started)

            health: list[float | None] = []
            prober = asyncio.create_task(_poll_health(server.url, health))
            late = BrowserReader(server.url, tally)
            readers.append(late)

            async def late_reader() -> float:
                await asyncio.sleep(2)
                return await late.open(browser)

            storm_started = time.perf_counter()
            cpu_before = cpu_seconds(server.pid)
            late_result, *_ = await asyncio.gather(
                _seconds_or_failure(late_reader()),
                *(counted(tally, first_visit) for _ in range(visitors)),
            )
            storm_seconds = time.perf_counter() - storm_started
            server_cores = (cpu_seconds(server.pid) - cpu_before) / storm_seconds
            prober.cancel()
            after_mb = rss_mb(server.pid)
            newcomer = ProtocolReader(server.url)
            readers.append(newcomer)
            after_storm = await _seconds_or_failure(newcomer.open())
        finally:
            for reader in readers:
                with contextlib.suppress(Exception):
                    await reader.close()
            pool.shutdown()
        complaints = server.complaints()
    answered = [seconds for seconds in health if seconds is not None]
    return {
        "visitors": visitors,
        "tally": tally,
        "files": len(files),
        "mb_per_visit": sum(received) / 1e6 / max(1, len(tally.first_load)),
        "storm_seconds": storm_seconds,
        "static_seconds": static_seconds,
        "run_seconds": run_seconds,
        "server_cores": server_cores,
        "late_browser": late_result,
        "health_failed": sum(seconds is None for seconds in health),
        "health_max": max(answered, default=None),
        "after_storm": after_storm,
        "before_mb": before_mb,
        "after_mb": after_mb,
        "complaints": complaints,
        "load": f"{load_before}→{load_average()}",
    }


async def main_async(arguments: argparse.Namespace) -> None:
    print(f"cores: {os.cpu_count()}, load average at start: {load_average()}")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=LIGHT_CHROMIUM_ARGS
        )
        levels = []
        for sessions in arguments.sessions:
            levels.append(
                await run_level(
                    sessions,
                    arguments.browsers,
                    arguments.seconds,
                    arguments.think,
                    browser,
                )
            )
            print_levels(levels[-1:], arguments.think, arguments.seconds)
        storm = await run_storm(arguments.storm, browser) if arguments.storm else None
        if storm is not None:
            print_storm(storm)
        await browser.close()
    print_levels(levels, arguments.think, arguments.seconds)
    print_targets(levels)
    if storm is not None:
        print_storm(storm)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="*", default=[10, 25, 50])
    parser.add_argument("--browsers", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=1.0)
    parser.add_argument("--storm", type=int, default=100)
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
