"""Cached loading of cities and publishing of map assets as static files.

Validation and resolution live in ``geo``; this module only decides what is
computed once per city version and where the browser fetches it from.
"""

import hashlib
import json
import os
from pathlib import Path

import streamlit as st

from geo.city import City
from geo.io import CITY_FILE, load_city
from geo.map_layers import map_bundle, map_script

ROOT = Path(__file__).resolve().parent.parent
STATIC_DIR = ROOT / "static"
GENERATED_DIR = STATIC_DIR / "generated"
LEAFLET_DIR = "vendor/leaflet"
DEFAULT_CITY = "raqqa"


def cities_dir() -> Path:
    """The folder whose sub-folders are cities: ``FRONTLINE_CITIES_DIR`` or ``data``."""
    return Path(os.environ.get("FRONTLINE_CITIES_DIR") or ROOT / "data")


def available_cities() -> list[str]:
    """Names of the city folders that hold a ``city.toml``, Raqqa first."""
    names = sorted(path.parent.name for path in cities_dir().glob(f"*/{CITY_FILE}"))
    return sorted(names, key=lambda name: name != DEFAULT_CITY)


def _version(folder: Path) -> str:
    """Changes whenever a file of the city changes, so caches follow edits."""
    stats = [
        (path.name, path.stat().st_mtime_ns, path.stat().st_size)
        for path in sorted(folder.iterdir())
        if path.is_file()
    ]
    return hashlib.sha256(repr(stats).encode()).hexdigest()[:16]


@st.cache_resource(show_spinner="Loading the city…", max_entries=8)
def _load(folder: str, version: str) -> City:
    return load_city(Path(folder))


def city(name: str) -> City:
    """Load (once per version of its files) the city called ``name``."""
    folder = cities_dir() / name
    return _load(str(folder), _version(folder))


def static_url(relative: str) -> str:
    """The URL at which the app serves a file of ``static/``."""
    base = st.get_option("server.baseUrlPath").strip("/")
    prefix = f"/{base}" if base else ""
    return f"{prefix}/app/static/{relative}"


def _publish(stem: str, suffix: str, content: bytes) -> str:
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


@st.cache_resource(show_spinner="Preparing the map…", max_entries=8)
def _bundle_url(folder: str, version: str) -> str:
    bundle = map_bundle(_load(folder, version))
    content = json.dumps(bundle, ensure_ascii=False, separators=(",", ":"))
    return _publish(Path(folder).name, ".json", content.encode("utf-8"))


def bundle_url(name: str) -> str:
    """URL of the city's map bundle (geometry and whole timeline), built once."""
    folder = cities_dir() / name
    return _bundle_url(str(folder), _version(folder))


@st.cache_resource
def map_asset_urls() -> dict[str, str]:
    """URLs of Leaflet and of the map layer script, served by the app itself."""
    missing = not (STATIC_DIR / LEAFLET_DIR / "leaflet.js").exists()
    if missing:
        raise FileNotFoundError(
            "Leaflet is missing from static/vendor; run scripts/setup first."
        )
    return {
        "leaflet_js_url": static_url(f"{LEAFLET_DIR}/leaflet.js"),
        "leaflet_css_url": static_url(f"{LEAFLET_DIR}/leaflet.css"),
        "script_url": _publish("frontline_map", ".js", map_script().encode("utf-8")),
    }
