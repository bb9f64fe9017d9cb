"""Files the app serves from ``static/``: content-hashed publishing and the map script.

A published file's name carries a hash of its content, so a browser may keep it
forever and a changed file gets a new address. Every file written to
``static/generated`` gets a gzip copy beside it, which ``PrecompressedFiles``
sends to browsers that take gzip.
"""

import base64
import gzip
import hashlib
import mimetypes
import os
import re
import threading
from pathlib import Path

import streamlit as st
from starlette.responses import FileResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from geo.maplayer.scripts import map_script
from ui.settings import ROOT

STATIC_DIR = ROOT / "static"
GENERATED_DIR = STATIC_DIR / "generated"
LEAFLET_DIR = "vendor/leaflet"


def static_url(relative: str) -> str:
    """The URL at which the app serves a file of ``static/``."""
    base = st.get_option("server.baseUrlPath").strip("/")
    prefix = f"/{base}" if base else ""
    return f"{prefix}/app/static/{relative}"


GZIP_SUFFIX = ".gz"


def write_generated(name: str, content: bytes) -> Path:
    """Write ``content`` and its gzip copy as ``name`` in ``static/generated``.

    Each whole or not at all, the copy first: a file is never served without
    the copy that matches it.
    """
    GENERATED_DIR.mkdir(parents=True, exist_ok=True)
    target = GENERATED_DIR / name
    compressed = gzip.compress(content, compresslevel=6, mtime=0)
    for path, data in (
        (target.with_name(name + GZIP_SUFFIX), compressed),
        (target, content),
    ):
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        temporary.replace(path)
    return target


def remove_generated(path: Path) -> None:
    """Delete a file of ``static/generated`` and its gzip copy."""
    path.unlink(missing_ok=True)
    path.with_name(path.name + GZIP_SUFFIX).unlink(missing_ok=True)


def publish(stem: str, suffix: str, content: bytes) -> str:
    """Write ``content`` under a content-hashed name in ``static/generated``."""
    digest = hashlib.sha256(content).hexdigest()[:16]
    name = f"{stem}-{digest}{suffix}"
    if not (GENERATED_DIR / name).exists():
        write_generated(name, content)
    return static_url(f"generated/{name}")


_GENERATED_PATH = re.compile(
    r"(?:/[^/]+)*/app/static/generated/(?P<name>[A-Za-z0-9_-][A-Za-z0-9_.-]*)"
)


def _takes_gzip(scope: Scope) -> bool:
    """Whether the request's Accept-Encoding names gzip (as Streamlit's own check)."""
    return any(
        name == b"accept-encoding" and b"gzip" in value.lower()
        for name, value in scope.get("headers", ())
    )


_fetches: dict[str, threading.Event] = {}
_fetches_lock = threading.Lock()


def fetched(name: str) -> threading.Event:
    """Set once a browser has asked for ``name`` of ``static/generated``.

    Sent, or answered 404 while it is not written yet: lets a build wait until
    a map asks for its file, so as not to compete with what it draws first.
    One event per name asked about; it is dropped when set.
    """
    with _fetches_lock:
        return _fetches.setdefault(name, threading.Event())


def _sent(name: str) -> None:
    with _fetches_lock:
        event = _fetches.pop(name, None)
    if event is not None:
        event.set()


class PrecompressedFiles:
    """Send a file of ``static/generated`` as its gzip copy to browsers that take gzip.

    Streamlit compresses what it serves from ``static/`` again on every request,
    at level 9: 0.3-0.7 s of server CPU for one reader's first fetch of a 15 MB
    map bundle, paid again by every new reader. The copy is made once, when the
    file is written (``write_generated``). Any other request, or a file with no
    copy, goes on to Streamlit unchanged. ``serve.py`` adds this middleware.
    A file asked for either way sets its ``fetched`` event.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer from the gzip copy, or pass the request on unchanged."""
        found = (
            _GENERATED_PATH.fullmatch(scope["path"])
            if scope["type"] == "http" and scope["method"] in ("GET", "HEAD")
            else None
        )
        copy = found and GENERATED_DIR / (found["name"] + GZIP_SUFFIX)
        if copy and copy.is_file() and _takes_gzip(scope):
            media_type = mimetypes.guess_type(found["name"])[0]
            response = FileResponse(
                copy,
                media_type=media_type or "application/octet-stream",
                headers={
                    "Content-Encoding": "gzip",
                    "Vary": "Accept-Encoding",
                    "Access-Control-Allow-Origin": "*",
                    "X-Content-Type-Options": "nosniff",
                },
            )
            await response(scope, receive, send)
        else:
            await self.app(scope, receive, send)
        if found:
            _sent(found["name"])


def data_url(content: bytes, media_type: str) -> str:
    """``content`` as a ``data:`` URL: it travels inside the page that uses it.

    For a private desk's data, which must reach only logged-in sessions: a file
    in ``static/`` would answer anyone who had its address (and a proxy would
    keep a copy).
    """
    return f"data:{media_type};base64,{base64.b64encode(content).decode('ascii')}"


@st.cache_resource
def map_asset_urls() -> dict[str, str]:
    """URLs of Leaflet and of the map layer script, served by the app itself.

    Both are one file: the map's frame loads its scripts one after another, so a
    second file was one more wait before a first visit's map.
    """
    leaflet = STATIC_DIR / LEAFLET_DIR / "leaflet.js"
    if not leaflet.exists():
        raise FileNotFoundError(
            "Leaflet is missing from static/vendor; run scripts/setup first."
        )
    without_source_map = re.sub(rb"//# sourceMappingURL=\S+", b"", leaflet.read_bytes())
    scripts = without_source_map + b"\n" + map_script().encode("utf-8")
    script_url = publish("frontline_map", ".js", scripts)
    return {
        "leaflet_js_url": script_url,
        "leaflet_css_url": static_url(f"{LEAFLET_DIR}/leaflet.css"),
        "script_url": script_url,
    }
