"""Files the app serves from ``static/``: content-hashed publishing and the map script.

A published file's name carries a hash of its content, so a browser may keep it
forever and a changed file gets a new address.
"""

import base64
import hashlib
import os
import re

import streamlit as st

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


def publish(stem: str, suffix: str, content: bytes) -> str:
    """Write ``content`` under a content-hashed name in ``static/generated``."""
    digest = hashlib.sha256(content).hexdigest()[:16]
    name = f"{stem}-{digest}{suffix}"
    target = GENERATED_DIR / name
    if not target.exists():
        GENERATED_DIR.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(content)
        temporary.replace(target)
    return static_url(f"generated/{name}")


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
