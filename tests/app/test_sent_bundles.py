"""A map bundle sent to a browser says so: a whole bundle's build waits for that.

``ui.city_cache`` starts building a big city's whole bundle only once its first
bundle has gone out (``static_files.fetched``), so the build does not hold the
server back while the map's frame loads. Sent as the gzip copy or as the file
itself, the event is set; asking for another file sets nothing.
"""

import asyncio
import gzip

import pytest

from tests.conftest import run_in_own_loop
from ui import static_files

NAME = "bigville-0123456789abcdef0123-2020-01-10.json"


def ask(path: str, encoding: str) -> list[dict]:
    """GET ``path`` through the middleware; what it sent (Streamlit: a 404)."""
    sent: list[dict] = []

    async def streamlit(scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    asked: list[bool] = []

    async def receive() -> dict:
        if asked:  # the browser stays connected until the answer is sent
            await asyncio.Event().wait()
        asked.append(True)
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "headers": [(b"accept-encoding", encoding.encode())],
        "query_string": b"",
        "http_version": "1.1",
    }
    run_in_own_loop(static_files.PrecompressedFiles(streamlit)(scope, receive, send))
    return sent


@pytest.fixture
def generated(tmp_path, monkeypatch):
    monkeypatch.setattr(static_files, "GENERATED_DIR", tmp_path)
    (tmp_path / NAME).write_text("{}")
    (tmp_path / f"{NAME}.gz").write_bytes(gzip.compress(b"{}"))
    return tmp_path


@pytest.mark.parametrize("encoding", ["gzip", "identity"])
def test_a_bundle_sent_either_way_sets_its_event(generated, encoding):
    sent = static_files.fetched(NAME)
    assert not sent.is_set()

    ask("/app/static/nothing.json", encoding)
    ask(f"/app/static/generated/other-{NAME}", encoding)
    assert not sent.is_set()

    answer = ask(f"/app/static/generated/{NAME}", encoding)

    assert answer[0]["status"] == (200 if encoding == "gzip" else 404)
    assert sent.is_set()
    assert not static_files.fetched(NAME).is_set()  # a new event for a new wait
