"""A map bundle a browser asks for says so: a whole bundle's build waits for that.

``ui.city_cache`` starts building a big city's whole bundle only once a map has
drawn its first bundle and asks for the whole one (``static_files.fetched``), so
the build does not slow the first map. Sent as the gzip copy, or answered 404
while it is not written yet, the event is set; asking for another file sets
nothing.
"""

import gzip

import pytest

from tests.app.conftest import ask_for_generated
from ui import static_files

NAME = "bigville-0123456789abcdef0123-2020-01-10.json"


@pytest.fixture
def generated(tmp_path, monkeypatch):
    monkeypatch.setattr(static_files, "GENERATED_DIR", tmp_path)
    (tmp_path / NAME).write_text("{}")
    (tmp_path / f"{NAME}.gz").write_bytes(gzip.compress(b"{}"))
    return tmp_path


@pytest.mark.parametrize("encoding", ["gzip", "identity"])
def test_a_bundle_asked_for_sets_its_event_sent_or_not_yet_written(generated, encoding):
    sent = static_files.fetched(NAME)
    assert not sent.is_set()

    ask_for_generated("/app/static/nothing.json", encoding)
    ask_for_generated(f"/app/static/generated/other-{NAME}", encoding)
    assert not sent.is_set()

    answer = ask_for_generated(f"/app/static/generated/{NAME}", encoding)

    assert answer[0]["status"] == (200 if encoding == "gzip" else 404)
    assert sent.is_set()
    assert not static_files.fetched(NAME).is_set()  # a new event for a new wait
