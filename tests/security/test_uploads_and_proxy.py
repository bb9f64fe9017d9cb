"""Anonymous uploads and the operator's endpoints are bounded (issue 17, items 3, 7).

Streamlit keeps every upload in memory until its session ends, and anyone can
upload: any client may open a session and make its own XSRF cookie and header
pair. ``server.maxUploadSize`` is what the desk needs, checked on a real
``streamlit run``; ``deploy/nginx.conf`` is run in a real nginx (when installed)
in front of it (``tests/nginx_server.py``), with only the addresses, ports,
certificate and files changed: uploads a few a minute per address,
``/_stcore/metrics`` not public, no large bodies elsewhere, and a bounded number
of open sessions (websockets) per address.
"""

import asyncio
import http.client
import re
import ssl
import tomllib
import urllib.request
from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.conftest import ROOT, run_in_own_loop
from tests.e2e.conftest import start_streamlit
from tests.nginx_server import NGINX, running_nginx

MIB = 1024 * 1024
UPLOAD_LIMIT_BYTES = (
    tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"][
        "maxUploadSize"
    ]
    * MIB
)
SELF_MADE_XSRF = "ab" * 16
"""A version-1 XSRF token: any client may set it as both cookie and header."""
UPLOADS_AT_ONCE = 10
SESSIONS_PER_ADDRESS = int(
    re.search(
        r"limit_conn frontline_sessions (\d+);",
        (ROOT / "deploy" / "nginx.conf").read_text(),
    ).group(1)
)
Answer = TypeVar("Answer")


def _in_open_session(url: str, uploads: Callable[[str], Answer]) -> Answer:
    """Open a session over the websocket, as a browser does, and run ``uploads``
    with its id while it stays open (an upload needs a live session)."""

    async def opened() -> Answer:
        address = url.replace("http://", "ws://") + "/_stcore/stream"
        async with websockets.connect(address, subprotocols=["streamlit"]) as stream:
            request = BackMsg()
            request.rerun_script.context_info.url = f"{url}/"
            await stream.send(request.SerializeToString())
            session_id = ""
            while True:
                message = ForwardMsg.FromString(await stream.recv())
                kind = message.WhichOneof("type")
                if kind == "new_session":
                    session_id = message.new_session.initialize.session_id
                elif kind == "script_finished":
                    return await asyncio.to_thread(uploads, session_id)

    return run_in_own_loop(asyncio.wait_for(opened(), 120))


def _upload(connection: http.client.HTTPConnection, session_id: str, size: int) -> int:
    """PUT a file of ``size`` bytes as the file uploader does; the answer's status."""
    boundary = "frontline-test-boundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        'filename="reports.csv"\r\nContent-Type: text/csv\r\n\r\n'
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    connection.putrequest("PUT", f"/_stcore/upload_file/{session_id}/file-{size}")
    connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    connection.putheader("Content-Length", str(len(head) + size + len(tail)))
    connection.putheader("X-Xsrftoken", SELF_MADE_XSRF)
    connection.putheader("Cookie", f"_streamlit_xsrf={SELF_MADE_XSRF}")
    connection.endheaders()
    try:
        connection.send(head)
        for start in range(0, size, MIB):
            connection.send(b"x" * min(MIB, size - start))
        connection.send(tail)
    except (BrokenPipeError, ConnectionResetError):
        pass  # refused before the whole body was sent; the status says why
    answer = connection.getresponse()
    answer.read()
    return answer.status


@pytest.fixture(scope="module")
def app_url(tmp_path_factory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("uploads")
    yield from start_streamlit(folder / "frontline.sqlite3")


def test_an_upload_beyond_what_the_desk_needs_is_refused(app_url):
    host, port = app_url.removeprefix("http://").split(":")

    def upload(size: int) -> Callable[[str], int]:
        def sent(session_id: str) -> int:
            connection = http.client.HTTPConnection(host, int(port), timeout=60)
            return _upload(connection, session_id, size)

        return sent

    small = _in_open_session(app_url, upload(1000))
    large = _in_open_session(app_url, upload(UPLOAD_LIMIT_BYTES + 1))

    assert (small, large) == (204, 413)


@pytest.fixture(scope="module")
def proxy(app_url, tmp_path_factory) -> Iterator[tuple[str, int]]:
    if NGINX is None:
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    app_port = int(app_url.rpartition(":")[2])
    with running_nginx([app_port], tmp_path_factory.mktemp("nginx")) as url:
        host, _, port = url.removeprefix("https://").rpartition(":")
        yield host, int(port)


def _through_proxy(proxy: tuple[str, int]) -> http.client.HTTPSConnection:
    host, port = proxy
    return http.client.HTTPSConnection(
        host, port, timeout=30, context=ssl._create_unverified_context()
    )


def _status(connection: http.client.HTTPConnection, method: str, path: str) -> int:
    connection.request(method, path)
    answer = connection.getresponse()
    answer.read()
    return answer.status


def test_metrics_reach_the_operator_on_the_app_but_not_the_public(app_url, proxy):
    with urllib.request.urlopen(f"{app_url}/_stcore/metrics", timeout=10) as direct:
        assert direct.status == 200

    assert _status(_through_proxy(proxy), "GET", "/_stcore/metrics") == 404
    assert _status(_through_proxy(proxy), "GET", "/_stcore/health") == 200


def test_one_address_may_start_only_a_few_uploads_at_a_time(app_url, proxy):
    answers = _in_open_session(
        app_url,
        lambda session_id: [
            _upload(_through_proxy(proxy), session_id, 1000)
            for _ in range(UPLOADS_AT_ONCE)
        ],
    )

    accepted = [status for status in answers if status == 204]
    assert 1 <= len(accepted) <= 4, answers
    assert answers[-1] == 429


def test_the_proxy_refuses_large_bodies_before_they_reach_the_app(proxy):
    connection = _through_proxy(proxy)
    connection.putrequest("POST", "/")
    connection.putheader("Content-Length", str(2 * MIB))
    connection.endheaders()
    answer = connection.getresponse()

    assert answer.status == 413


def test_one_address_may_hold_only_a_bounded_number_of_open_sessions(proxy):
    host, port = proxy
    address = f"wss://{host}:{port}/_stcore/stream"
    unverified = ssl._create_unverified_context()

    async def open_sessions() -> tuple[int, int | None]:
        opened, refused = [], None
        try:
            for _ in range(SESSIONS_PER_ADDRESS + 1):
                try:
                    opened.append(
                        await websockets.connect(
                            address, subprotocols=["streamlit"], ssl=unverified
                        )
                    )
                except websockets.InvalidStatus as refusal:
                    refused = refusal.response.status_code
                    break
            return len(opened), refused
        finally:
            for stream in opened:
                await stream.close()

    opened, refused = run_in_own_loop(open_sessions())

    assert opened == SESSIONS_PER_ADDRESS
    assert refused == 429
