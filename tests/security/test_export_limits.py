"""Exports cannot be used to slow the server (issue 17, item 2).

Readers on a real ``streamlit run`` open the Import & export page over the
websocket, as the browser does, and press download buttons: Streamlit then makes
the file in worker threads it shares with every session. Bounds checked here: a
file made once is handed out again for nothing; the server makes one slow file
at a time, refusing others at once; a reader's CSV is never queued behind
pictures; a GIF of more frames than ``MAX_GIF_PIXELS`` allows is refused before
anything is drawn.
"""

import asyncio
import itertools
import os
import time
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from geo.export import ExportOptions, animation_download
from geo.export.pictures import MAX_GIF_PIXELS
from tests.conftest import run_in_own_loop
from tests.e2e.conftest import start_streamlit

GIF = "Animation (GIF"
CSV = "Every current report (CSV"
READERS = 8
CSV_SECONDS = 2.0
"""Before: 24 queued GIFs made a reader's 7 kB CSV take 28.7 s."""
CACHED_CPU_SECONDS = 1.0
"""What the eight readers' second round of GIF requests may cost the server in
all; before, each cost a new GIF (about 5 CPU-seconds for Raqqa)."""
RUN_SECONDS = 120


class Reader:
    """One reader's session on the Import & export page, over the websocket."""

    _requests = itertools.count()

    def __init__(self, url: str) -> None:
        self.url = url
        self.session_id = ""
        self.buttons: dict[str, str] = {}
        self.answers: dict[str, asyncio.Future] = {}
        self.socket: websockets.ClientConnection | None = None
        self.run_done: asyncio.Future | None = None

    async def open(self) -> None:
        address = self.url.replace("http://", "ws://") + "/_stcore/stream"
        self.socket = await websockets.connect(
            address, subprotocols=["streamlit"], max_size=None
        )
        self.run_done = asyncio.get_running_loop().create_future()
        self.listener = asyncio.create_task(self._listen())
        request = BackMsg()
        request.rerun_script.page_name = "import_export"
        request.rerun_script.context_info.url = f"{self.url}/import_export"
        await self.socket.send(request.SerializeToString())
        await self.run_done

    async def _listen(self) -> None:
        async for data in self.socket:
            message = ForwardMsg.FromString(data)
            kind = message.WhichOneof("type")
            if kind == "new_session":
                self.session_id = message.new_session.initialize.session_id
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                if element.WhichOneof("type") == "download_button":
                    button = element.download_button
                    self.buttons[button.label] = button.deferred_file_id
            elif kind == "script_finished" and not self.run_done.done():
                self.run_done.set_result(None)
            elif kind == "backend_operation_response":
                answer = message.backend_operation_response
                self.answers.pop(answer.request_id).set_result(answer)

    def file_id(self, label_start: str) -> str:
        return next(
            file_id
            for label, file_id in self.buttons.items()
            if label.startswith(label_start)
        )

    async def download(self, label_start: str) -> bytes | None:
        """Press the button; the file, or None if the server refused to make it."""
        request = BackMsg()
        operation = request.backend_operation_request
        operation.request_id = f"request-{next(self._requests)}"
        operation.session_id = self.session_id
        operation.deferred_file.file_id = self.file_id(label_start)
        answer = asyncio.get_running_loop().create_future()
        self.answers[operation.request_id] = answer
        await self.socket.send(request.SerializeToString())
        response = await answer
        if response.error_msg:
            return None
        return await asyncio.to_thread(self._fetch, response.deferred_file.url)

    def _fetch(self, url: str) -> bytes:
        with urllib.request.urlopen(f"{self.url}{url}", timeout=30) as answer:
            return answer.read()

    async def close(self) -> None:
        self.listener.cancel()
        await self.socket.close()


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _server_pid(url: str) -> int:
    port = url.rpartition(":")[2].encode()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                arguments = (entry / "cmdline").read_bytes().split(b"\0")
                parent = (entry / "stat").read_text().rpartition(")")[2].split()[1]
            except OSError:
                continue
            if int(parent) == os.getpid() and port in arguments:
                return int(entry.name)
    raise LookupError(f"no streamlit server of ours on port {port}")


async def _readers_ask_for_gifs(url: str, pid: int) -> dict:
    readers = [Reader(url) for _ in range(READERS + 1)]
    await asyncio.gather(*(reader.open() for reader in readers))
    *gif_readers, csv_reader = readers

    first_round = [asyncio.create_task(reader.download(GIF)) for reader in gif_readers]
    await asyncio.sleep(0.5)
    started = time.perf_counter()
    reports = await csv_reader.download(CSV)
    csv_seconds = time.perf_counter() - started
    first = await asyncio.gather(*first_round)

    cpu_before = _cpu_seconds(pid)
    second = await asyncio.gather(*(reader.download(GIF) for reader in gif_readers))
    cached_cpu = _cpu_seconds(pid) - cpu_before
    await asyncio.gather(*(reader.close() for reader in readers))
    return {
        "reports": reports,
        "csv_seconds": csv_seconds,
        "first": first,
        "second": second,
        "cached_cpu": cached_cpu,
    }


@pytest.fixture
def server_url(tmp_path) -> Iterator[str]:
    yield from start_streamlit(tmp_path / "frontline.sqlite3")


def test_many_readers_asking_for_the_gif_cost_one_gif_and_delay_no_csv(server_url):
    seen = run_in_own_loop(
        asyncio.wait_for(
            _readers_ask_for_gifs(server_url, _server_pid(server_url)), RUN_SECONDS
        )
    )

    assert seen["reports"].startswith(b"\xef\xbb\xbfreport_id,")
    assert seen["csv_seconds"] < CSV_SECONDS
    made = [gif for gif in seen["first"] if gif is not None]
    assert len(made) == 1, "one GIF made at a time; the others refused at once"
    assert made[0].startswith(b"GIF89a")
    assert seen["second"] == [made[0]] * READERS
    assert seen["cached_cpu"] < CACHED_CPU_SECONDS


def test_a_gif_with_more_frames_than_its_size_allows_is_refused_before_drawing(
    raqqa,
):
    large = ExportOptions(size="custom", width_px=4000, height_px=4000)
    most = MAX_GIF_PIXELS // (4000 * 4000)
    started = time.process_time()

    with pytest.raises(ValueError, match=f"may show at most {most}"):
        animation_download(raqqa, date(2017, 6, 1), date(2017, 10, 31), large)

    assert time.process_time() - started < 1.0
    assert animation_download(raqqa, date(2017, 6, 1), date(2017, 10, 31))
