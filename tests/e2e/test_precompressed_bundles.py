"""A map bundle reaches the browser as the gzip copy made once, not per visit.

Streamlit would compress a ``static/`` file again for every reader (15 MB for the
three-year war). The server sends the copy written beside the bundle instead, to
browsers that take gzip, and the file itself to those that do not; both decode
to the same bundle.
"""

import gzip
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import Page

from tests.e2e.test_kept_bundle import open_map
from ui.static_files import GENERATED_DIR


def fetch(url: str, accept_encoding: str) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url)
    request.add_header("Accept-Encoding", accept_encoding)
    with urllib.request.urlopen(request, timeout=60) as answer:
        return {k.lower(): v for k, v in answer.headers.items()}, answer.read()


def test_a_browser_that_takes_gzip_gets_the_copy_made_when_the_bundle_was(
    page: Page, app_url: str
):
    name = open_map(page, app_url)
    url = f"{app_url}/app/static/generated/{name}"
    plain = (GENERATED_DIR / name).read_bytes()

    headers, body = fetch(url, "gzip, deflate, br")
    assert headers["content-encoding"] == "gzip"
    assert headers["content-type"].startswith("application/json")
    assert body == (GENERATED_DIR / f"{name}.gz").read_bytes()
    assert gzip.decompress(body) == plain
    assert len(body) < len(plain) / 3

    headers, body = fetch(url, "identity")
    assert "content-encoding" not in headers
    assert body == plain


@pytest.mark.parametrize(
    "path", ["/app/static/generated/..%2F..%2Fapp.py", "/app/static/nothing.json"]
)
def test_nothing_outside_the_generated_files_is_answered(app_url: str, path: str):
    request = urllib.request.Request(f"{app_url}{path}")
    request.add_header("Accept-Encoding", "gzip")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code in (400, 404)
