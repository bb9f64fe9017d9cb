"""The load test's readers: Streamlit protocol clients and real Chromium pages.

Split from ``bench/load.py``, whose docstring says who the readers are and why
most of them speak Streamlit's websocket protocol instead of being browser pages.
"""

import asyncio
import http.client
import json
import re
import ssl
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import quote, urlsplit

import websockets
from playwright.async_api import Browser, Frame, Page, WebSocket
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.slider import PAINT_CLOCK
from tests.e2e.conftest import MAP_FRAME

VIEWPORT = {"width": 1280, "height": 1000}
MAP_COMPONENT = "streamlit_folium.st_folium"
TIMELINE_COMPONENT = "frontline_timeline"
EDIT_WATCH_COMPONENT = "frontline_edit_watch"
SHOWN_DAY = re.compile(r'frontline\.show\(\{"day":"(\d{4}-\d{2}-\d{2})"')
STEP_TIMEOUT_SECONDS = 300
FIRST_RUN_DONE = {
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
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
    edit_checks: int = 0


class ServerClosedError(Exception):
    """The server closed a session's websocket while the session was in use."""


THROWAWAY_CERTIFICATE = ssl._create_unverified_context()
"""A benchmark's proxy serves a self-signed certificate made for the run."""


def http_get(url: str, source_address: str | None, cookie: str) -> tuple[bytes, str]:
    """GET ``url`` from ``source_address`` sending ``cookie``; body and new cookie.

    The new cookie is the ``name=value`` of the answer's Set-Cookie ('' if none): a
    proxy in front of replicas sets one to keep a reader on one replica.
    """
    parts = urlsplit(url)
    source = (source_address, 0) if source_address else None
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(
            parts.netloc,
            timeout=60,
            source_address=source,
            context=THROWAWAY_CERTIFICATE,
        )
    else:
        connection = http.client.HTTPConnection(
            parts.netloc, timeout=60, source_address=source
        )
    try:
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", target, headers={"Cookie": cookie})
        answer = connection.getresponse()
        body = answer.read()
        if answer.status != 200:
            raise RuntimeError(f"{url}: HTTP {answer.status}")
        set_cookie = answer.getheader("Set-Cookie") or ""
        return body, set_cookie.split(";", 1)[0]
    finally:
        connection.close()


class ProtocolReader:
    """One reader's session, spoken in Streamlit's websocket protocol.

    It sends the same ``rerun_script`` requests the browser sends and reads every
    message the server answers with, remembering the widgets it needs to step.
    ``source_address`` (a loopback address such as 127.0.0.7) makes it one more
    reader's address to a proxy; through a proxy it first loads the page, as a
    browser does, and then sends the cookie it was given with every request.
    """

    def __init__(self, url: str, source_address: str | None = None) -> None:
        self.url = url
        self.source_address = source_address
        self.cookie = ""
        self.socket: websockets.ClientConnection | None = None
        self.page_hash = ""
        self.query = ""
        self.timeline_id = ""
        self.days_url = ""
        self.days: list[str] = []
        self.day = ""
        self.fragment = ""
        self.direction = 1
        self.watch: dict = {}

    async def open(self) -> float:
        """Connect and run the page once, like a first visit; seconds until done."""
        started = time.perf_counter()
        tls = self.url.startswith("https://")
        if tls:
            _, self.cookie = await asyncio.to_thread(
                http_get, f"{self.url}/", self.source_address, self.cookie
            )
        address = re.sub(r"^http", "ws", self.url) + "/_stcore/stream"
        self.socket = await websockets.connect(
            address,
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=120,
            additional_headers={"Cookie": self.cookie} if self.cookie else None,
            ssl=THROWAWAY_CERTIFICATE if tls else None,
            local_addr=(self.source_address, 0) if self.source_address else None,
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
            body, _ = await asyncio.to_thread(
                http_get, self.url + self.days_url, self.source_address, self.cookie
            )
            self.days = json.loads(body)["days"]
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
        elif kind == "bidi_component" and element.bidi_component.component_name == (
            EDIT_WATCH_COMPONENT
        ):
            self.watch = json.loads(element.bidi_component.json)
        elif kind == "component_instance":
            instance = element.component_instance
            if instance.component_name == MAP_COMPONENT:
                arguments = json.loads(instance.json_args)
                found = SHOWN_DAY.search(arguments.get("feature_group") or "")
                if found:
                    self.day = found.group(1)
                    return self.day
        return None

    async def watch_edits(self, deadline: float, tally: Tally) -> None:
        """Ask the edit watch's route each second until ``deadline``, as an open map.

        Over one kept-alive connection, as a browser's fetch; an answer other than
        200 is counted as an error. Nothing is asked when the page had no watch.
        """
        if not self.watch:
            return
        parts = urlsplit(self.url)
        route = f"{parts.path.rstrip('/')}/{self.watch['route']}?city="
        request = (
            f"GET {route}{quote(self.watch['city'])} HTTP/1.1\r\n"
            f"Host: {parts.netloc}\r\nCookie: {self.cookie}\r\n\r\n"
        ).encode()
        connection = None
        try:
            while time.monotonic() + self.watch["seconds"] < deadline:
                await asyncio.sleep(self.watch["seconds"])
                for attempt in (1, 2):
                    try:
                        if connection is None:
                            connection = await asyncio.open_connection(
                                parts.hostname,
                                parts.port,
                                ssl=THROWAWAY_CERTIFICATE
                                if parts.scheme == "https"
                                else None,
                                local_addr=(self.source_address, 0)
                                if self.source_address
                                else None,
                            )
                        connection[1].write(request)
                        status = await _http_status(connection[0])
                        break
                    except (ConnectionError, asyncio.IncompleteReadError):
                        connection = None  # the server closed a kept-alive one
                        if attempt == 2:
                            raise
                tally.edit_checks += 1
                if status != 200:
                    raise RuntimeError(f"edit check: HTTP {status}")
        except Exception as error:
            tally.errors.append(f"{type(error).__name__}: {error}"[:200])
        finally:
            if connection is not None:
                connection[1].close()

    async def close(self) -> None:
        """Leave politely (a closed websocket is how a reader leaves)."""
        if self.socket is not None:
            await self.socket.close()


async def _http_status(stream: asyncio.StreamReader) -> int:
    """Read one HTTP/1.1 answer with a Content-Length off ``stream``; its status."""
    head = (await stream.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    length = next(
        (
            int(line.split(":", 1)[1])
            for line in head[1:]
            if line.lower().startswith("content-length:")
        ),
        0,
    )
    await stream.readexactly(length)
    return int(head[0].split()[1])


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
        earlier = [report for report in days if report < day]
        later = [report for report in days if report > day]
        if not (later if self.direction > 0 else earlier):
            self.direction = -self.direction
        # ◀ ▶ go to the next report day; an arrow key to the next calendar day.
        if use_button:
            target = later[0] if self.direction > 0 else earlier[-1]
        else:
            moved = date.fromisoformat(day) + timedelta(days=self.direction)
            target = moved.isoformat()
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
