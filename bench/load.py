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
and they read every message the server sends back. So the server does
the same work as for a reader. Their latency is the server's part: from sending the
request until the map component arrives carrying the new day ("map"), and until
the fragment's run has finished ("full step").

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
import json
import math
import os
import random
import re
import statistics
import tempfile
import time
import urllib.request
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from playwright.async_api import Browser, Frame, Page, WebSocket, async_playwright
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.slider import PAINT_CLOCK
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, MAP_FRAME, start_streamlit

LIGHT_CHROMIUM_ARGS = [
    *CHROMIUM_ARGS,
    "--mute-audio",
    "--disable-extensions",
    "--disable-default-apps",
    "--blink-settings=imagesEnabled=false",
]
"""The test suite's flags, plus what a reader page here never needs."""
VIEWPORT = {"width": 1280, "height": 1000}
MAP_COMPONENT = "streamlit_folium.st_folium"
TIMELINE_COMPONENT = "frontline_timeline"
SHOWN_DAY = re.compile(r'frontline\.show\(\{"day":"(\d{4}-\d{2}-\d{2})"')
STEP_TIMEOUT_SECONDS = 300
OPENING_CONCURRENCY = 4
SETTLE_SECONDS = 5
FIRST_RUN_DONE = {
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}
TARGETS = {
    "p95": "25 sessions: p95 step ≤ 1 s",
    "clean": "50 sessions: 0 errors, 0 disconnects",
    "memory": "≤ 5 MB per idle session",
}
BROWSER_CONNECTIONS = 6
_INPUT_CLOCK = """() => {
  window.__inputAt = null;
  const stamp = () => {
    window.__inputAt = performance.timeOrigin + performance.now();
  };
  document.addEventListener("keydown", stamp, true);
  document.addEventListener("click", stamp, true);
}"""


@dataclass
class Tally:
    """What a group of sessions saw: latencies in seconds, errors and disconnects."""

    first_load: list[float] = field(default_factory=list)
    browser_step: list[float] = field(default_factory=list)
    map_step: list[float] = field(default_factory=list)
    full_step: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    disconnects: int = 0


class ServerClosedError(Exception):
    """The server closed a session's websocket while the session was in use."""


def _read_days(url: str) -> list[str]:
    """The report days the timeline moves through (its static days file)."""
    with urllib.request.urlopen(url, timeout=60) as response:
        return json.load(response)["days"]


def percentile(values: list[float], share: float) -> float | None:
    """The value below which ``share`` of ``values`` lie (nearest rank), or None."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


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


def server_pid() -> int:
    """The process id of the ``streamlit run`` server this process started."""
    for pid, parent in _parents().items():
        with contextlib.suppress(OSError):
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            if parent == os.getpid() and b"streamlit" in command:
                return pid
    raise RuntimeError("no streamlit server among this process's children")


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
        yield Server(url, server_pid(), database.parent / "streamlit.log")
    finally:
        server.close()


class ProtocolReader:
    """One reader's session, spoken in Streamlit's websocket protocol.

    It sends the same ``rerun_script`` requests the browser sends and reads every
    message the server answers with, remembering the widgets it needs to step.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.socket: websockets.ClientConnection | None = None
        self.page_hash = ""
        self.query = ""
        self.timeline_id = ""
        self.days_url = ""
        self.days: list[str] = []
        self.day = ""
        self.fragment = ""
        self.direction = 1

    async def open(self) -> float:
        """Connect and run the page once, like a first visit; seconds until done."""
        started = time.perf_counter()
        address = self.url.replace("http://", "ws://") + "/_stcore/stream"
        self.socket = await websockets.connect(
            address, subprotocols=["streamlit"], max_size=None, open_timeout=120
        )
        request = BackMsg()
        request.rerun_script.context_info.timezone = "UTC"
        request.rerun_script.context_info.locale = "en-US"
        request.rerun_script.context_info.url = f"{self.url}/"
        await self.socket.send(request.SerializeToString())
        await self._read_run(started, wanted_day=None)
        if not self.timeline_id or not self.day:
            raise RuntimeError("the first run showed no timeline or no map")
        return time.perf_counter() - started

    async def _next_day(self) -> str:
        """The report day to move to (one step on, bouncing at the ends)."""
        if not self.days:
            self.days = await asyncio.to_thread(_read_days, self.url + self.days_url)
        position = self.days.index(self.day)
        if not 0 <= position + self.direction < len(self.days):
            self.direction = -self.direction
        return self.days[position + self.direction]

    async def step(self) -> tuple[float, float]:
        """Move one report day, as the timeline does; seconds until the map, done."""
        target = await self._next_day()
        request = BackMsg()
        rerun = request.rerun_script
        rerun.query_string = self.query
        rerun.page_script_hash = self.page_hash
        rerun.fragment_id = self.fragment
        rerun.context_info.timezone = "UTC"
        rerun.context_info.url = f"{self.url}/"
        timeline = rerun.widget_states.widgets.add()
        timeline.id = self.timeline_id
        timeline.json_value = json.dumps({"day": target})
        started = time.perf_counter()
        await self.socket.send(request.SerializeToString())
        return await self._read_run(started, wanted_day=target)

    async def _read_run(
        self, started: float, wanted_day: str | None
    ) -> tuple[float, float]:
        """Read one script run to its end; seconds until the wanted day's map, done."""
        map_at = None
        while True:
            try:
                message = ForwardMsg.FromString(await self.socket.recv())
            except websockets.ConnectionClosed as closed:
                raise ServerClosedError(str(closed)) from closed
            kind = message.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = message.new_session.page_script_hash
            elif kind == "page_info_changed":
                self.query = message.page_info_changed.query_string
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                shown = self._remember(message)
                if map_at is None and shown is not None and shown == wanted_day:
                    map_at = time.perf_counter() - started
            elif kind == "script_finished":
                if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise RuntimeError("the app failed to compile")
                if message.script_finished in FIRST_RUN_DONE:
                    done = time.perf_counter() - started
                    if wanted_day is not None and map_at is None:
                        raise RuntimeError(f"the map never showed {wanted_day}")
                    return map_at or done, done

    def _remember(self, message: ForwardMsg) -> str | None:
        """Note the widgets a step needs; the day the map shows, if this is the map."""
        element = message.delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            raise RuntimeError(f"the app raised: {element.exception.message}")
        if kind == "bidi_component" and element.bidi_component.component_name == (
            TIMELINE_COMPONENT
        ):
            self.timeline_id = element.bidi_component.id
            self.days_url = json.loads(element.bidi_component.json)["daysUrl"]
            self.fragment = message.delta.fragment_id
            self.page_hash = message.metadata.active_script_hash or self.page_hash
        elif kind == "component_instance":
            instance = element.component_instance
            if instance.component_name == MAP_COMPONENT:
                arguments = json.loads(instance.json_args)
                found = SHOWN_DAY.search(arguments.get("feature_group") or "")
                if found:
                    self.day = found.group(1)
                    return self.day
        return None

    async def close(self) -> None:
        """Leave politely (a closed websocket is how a reader leaves)."""
        if self.socket is not None:
            await self.socket.close()


class BrowserReader:
    """One reader in a real Chromium page (its own browser context)."""

    def __init__(self, url: str, tally: Tally) -> None:
        self.url = url
        self.tally = tally
        self.page: Page | None = None
        self.closing = False
        self.direction = 1
        self.downloads: list[str] = []

    def _watch(self, socket: WebSocket) -> None:
        socket.on("close", lambda _: self._closed())

    def _closed(self) -> None:
        if not self.closing:
            self.tally.disconnects += 1

    async def open(self, browser: Browser) -> float:
        """Open the map as a reader would; seconds until the map is painted."""
        context = await browser.new_context(viewport=VIEWPORT)
        self.page = await context.new_page()
        self.page.on("websocket", self._watch)
        self.page.on("request", lambda request: self.downloads.append(request.url))
        started = time.perf_counter()
        await self.page.goto(self.url)
        await (
            self.page.frame_locator(MAP_FRAME)
            .locator("body[data-frontline-painted]")
            .wait_for(state="attached", timeout=STEP_TIMEOUT_SECONDS * 1000)
        )
        opened = time.perf_counter() - started
        await self.page.evaluate(_INPUT_CLOCK)
        await self._map().evaluate(PAINT_CLOCK)
        return opened

    def _map(self) -> Frame:
        return next(frame for frame in self.page.frames if MAP_COMPONENT in frame.url)

    async def step(self, use_button: bool) -> float:
        """Press the arrow key or click ◀/▶; seconds from the input to the new map."""
        frame = self._map()
        days = await frame.evaluate("() => window.frontline.days()")
        day = await frame.evaluate("() => document.body.dataset.frontlineDay")
        position = days.index(day)
        if not 0 <= position + self.direction < len(days):
            self.direction = -self.direction
        target = days[position + self.direction]
        await frame.evaluate("() => { window.__paintedAt = {}; }")
        if use_button:
            name = "Next report day" if self.direction > 0 else "Previous report day"
            await self.page.get_by_role("button", name=name).click()
        else:
            await self.page.get_by_role("slider").focus()
            key = "ArrowRight" if self.direction > 0 else "ArrowLeft"
            await self.page.keyboard.press(key)
        await frame.wait_for_function(
            "day => day in window.__paintedAt",
            arg=target,
            timeout=STEP_TIMEOUT_SECONDS * 1000,
        )
        pressed = await self.page.evaluate("() => window.__inputAt")
        painted = await frame.evaluate("day => window.__paintedAt[day]", target)
        return (painted - pressed) / 1000

    async def close(self) -> None:
        """Close the page and its context."""
        self.closing = True
        if self.page is not None:
            await self.page.context.close()


async def _counted(tally: Tally, action: Callable[[], Awaitable[None]]) -> bool:
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


async def _open_protocol(
    url: str, tally: Tally, gate: asyncio.Semaphore
) -> ProtocolReader | None:
    reader = ProtocolReader(url)

    async def first_visit() -> None:
        async with gate:
            tally.first_load.append(await reader.open())

    return reader if await _counted(tally, first_visit) else None


async def _keep_stepping(
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

        if not await _counted(tally, one_step):
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

                if not await _counted(tally, open_page):
                    readers.remove(reader)
            gate = asyncio.Semaphore(OPENING_CONCURRENCY)
            opened = await asyncio.gather(
                *(
                    _open_protocol(server.url, tally, gate)
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
                *(_keep_stepping(reader, tally, deadline, think) for reader in readers)
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
                *(_counted(tally, first_visit) for _ in range(visitors)),
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


def seconds_text(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def print_levels(levels: list[dict], think: float, seconds: float) -> None:
    print(
        f"\nSteady load: each session steps, then pauses {think:g} s ±50 %, "
        f"for {seconds:g} s. Latency in seconds."
    )
    columns = [
        "K",
        "real pages",
        "steps",
        "steps/s",
        "page p50",
        "page p95",
        "server map p50",
        "server map p95",
        "full step p95",
        "errors",
        "disconnects",
        "RSS start/warm/idle/stepping MB",
        "MB/idle session",
        "MB/stepping session",
        "server CPU s/step",
        "server/generator cores",
        "load avg",
    ]
    print(" | ".join(columns))
    print(" | ".join("---" for _ in columns))
    for level in levels:
        tally: Tally = level["tally"]
        k = level["sessions"]
        memory = [level[key] for key in ("started_mb", "warm_mb", "idle_mb")]
        memory.append(level["stepping_mb"])
        row = [
            str(k),
            str(level["browsers"]),
            str(level["steps"]),
            f"{level['steps/s']:.2f}",
            seconds_text(percentile(tally.browser_step, 0.5)),
            seconds_text(percentile(tally.browser_step, 0.95)),
            seconds_text(percentile(tally.map_step, 0.5)),
            seconds_text(percentile(tally.map_step, 0.95)),
            seconds_text(percentile(tally.full_step, 0.95)),
            str(len(tally.errors)),
            str(tally.disconnects),
            "/".join(f"{value:.0f}" for value in memory),
            f"{(level['idle_mb'] - level['warm_mb']) / k:.2f}",
            f"{(level['stepping_mb'] - level['warm_mb']) / k:.2f}",
            seconds_text(level["cpu/step"]),
            f"{level['server cores']:.2f}/{level['generator cores']:.2f}",
            level["load"],
        ]
        print(" | ".join(row))
    for level in levels:
        for error in sorted(set(level["tally"].errors))[:5]:
            print(f"  K={level['sessions']} error: {error}")
        print_complaints(f"K={level['sessions']}", level["complaints"])


def print_targets(levels: list[dict]) -> None:
    by_k = {level["sessions"]: level for level in levels}
    print("\nTargets:")
    if 25 in by_k:
        tally = by_k[25]["tally"]
        page = percentile(tally.browser_step, 0.95)
        server = percentile(tally.map_step, 0.95)
        verdict = "met" if page is not None and page <= 1 else "NOT met"
        print(
            f"  {TARGETS['p95']}: real pages p95 {seconds_text(page)} s "
            f"(server part p95 {seconds_text(server)} s): {verdict}"
        )
    if 50 in by_k:
        tally = by_k[50]["tally"]
        clean = not tally.errors and not tally.disconnects
        print(
            f"  {TARGETS['clean']}: {len(tally.errors)} errors, "
            f"{tally.disconnects} disconnects: {'met' if clean else 'NOT met'}"
        )
    for level in levels:
        per_session = (level["idle_mb"] - level["warm_mb"]) / level["sessions"]
        verdict = "met" if per_session <= 5 else "NOT met"
        print(
            f"  {TARGETS['memory']}: K={level['sessions']} "
            f"{per_session:.2f} MB: {verdict}"
        )


def print_complaints(label: str, complaints: list[str]) -> None:
    print(f"  {label}: the server logged {len(complaints)} warning/error lines")
    for line in sorted(set(complaints))[:3]:
        print(f"    {line[:160]}")


def print_storm(storm: dict) -> None:
    tally: Tally = storm["tally"]
    late = storm["late_browser"]
    late_text = f"{late:.1f} s" if isinstance(late, float) else late
    after = storm["after_storm"]
    after_text = f"{after:.2f} s" if isinstance(after, float) else after
    loads = tally.first_load
    print(f"\n{storm['visitors']} simultaneous first loads (warm server):")
    print(
        f"  finished {len(loads)}/{storm['visitors']} in "
        f"{storm['storm_seconds']:.0f} s; first load p50 "
        f"{seconds_text(percentile(loads, 0.5))} s, p95 "
        f"{seconds_text(percentile(loads, 0.95))} s, max "
        f"{seconds_text(max(loads, default=None))} s"
    )
    print(
        f"  of which downloading the files p50 "
        f"{seconds_text(percentile(storm['static_seconds'], 0.5))} s, then the "
        f"page's first run p50 {seconds_text(percentile(storm['run_seconds'], 0.5))}"
        f" s, p95 {seconds_text(percentile(storm['run_seconds'], 0.95))} s; "
        f"server busy {storm['server_cores']:.2f} cores"
    )
    print(
        f"  errors {len(tally.errors)}, websocket disconnects {tally.disconnects}; "
        f"{storm['files']} files, {storm['mb_per_visit']:.1f} MB per visit"
    )
    print(
        f"  /_stcore/health: {storm['health_failed']} failed probes, slowest answer "
        f"{seconds_text(storm['health_max'])} s"
    )
    print(f"  a real Chromium page opened 2 s into the storm: map after {late_text}")
    print(
        f"  after the storm: a new session's first load took "
        f"{after_text}; RSS {storm['before_mb']:.0f} → "
        f"{storm['after_mb']:.0f} MB with {len(loads)} sessions open; "
        f"load avg {storm['load']}"
    )
    for error in sorted(set(tally.errors))[:5]:
        print(f"  error: {error}")
    print_complaints("storm", storm["complaints"])


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
