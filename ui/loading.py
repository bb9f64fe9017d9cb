"""Cached loading of cities and publishing of map assets as static files.

Validation and resolution live in ``geo``, storage in ``storage``; this module
only decides what is computed once per version of a city's files and stored
reports, and where the browser fetches it from. The stored version is asked for
on every rerun, so one editor's change reaches every session on its next rerun.
"""

import hashlib
import json
import os
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from geo.area import area_by_control
from geo.city import City
from geo.compare import reports_from
from geo.frontline import frontline_on
from geo.io import CITY_FILE, load_city
from geo.map_layers import map_bundle, map_script
from storage.database import data_version, database_url, open_database
from storage.reports import current_reports, seed_city

ROOT = Path(__file__).resolve().parent.parent


class Claimant(NamedTuple):
    """Whose claims draw the map: one source, one source type, or (empty) everyone."""

    source: str = ""
    source_type: str = ""


EVERY_SOURCE = Claimant()
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


@st.cache_resource(show_spinner="Opening the database…")
def _database(url: str) -> Engine:
    return open_database(url)


def database() -> Engine:
    """The engine for ``FRONTLINE_DATABASE_URL`` (or the default SQLite file)."""
    return _database(database_url())


@st.cache_resource(show_spinner="Loading the city…", max_entries=8)
def _load_folder(folder: str, version: str, url: str) -> City:
    city = load_city(Path(folder))
    seed_city(_database(url), city)
    return city


@st.cache_resource(show_spinner="Reading the reports…", max_entries=8)
def _load(folder: str, version: str, url: str, stored_version: int) -> City:
    city = _load_folder(folder, version, url)
    reports = current_reports(_database(url), city.name)
    return city.with_reports(reports)


def _versions(name: str) -> tuple[str, str, str, int]:
    """Everything a city's cached data depends on: files, database, stored changes."""
    folder = cities_dir() / name
    url = database_url()
    version = _version(folder)
    city_name = _load_folder(str(folder), version, url).name
    return str(folder), version, url, data_version(_database(url), city_name)


def city(name: str) -> City:
    """The city called ``name`` with its current stored reports (cached per change)."""
    return _load(*_versions(name))


@st.cache_resource(max_entries=32)
def _claimed(versions: tuple[str, str, str, int], claimant: Claimant) -> City:
    return reports_from(
        _load(*versions),
        source=claimant.source or None,
        source_type=claimant.source_type or None,
    )


def claimed_city(name: str, claimant: Claimant) -> City:
    """The city as one source or source type tells it ("as claimed by")."""
    return _claimed(_versions(name), claimant)


@st.cache_resource(max_entries=32)
def _area(versions: tuple[str, str, str, int], claimant: Claimant) -> pd.DataFrame:
    return area_by_control(_claimed(versions, claimant))


def area_series(name: str, claimant: Claimant) -> pd.DataFrame:
    """Area and share held per control category on every day (cached per change)."""
    return _area(_versions(name), claimant)


@st.cache_resource(max_entries=256)
def _frontline(
    versions: tuple[str, str, str, int], claimant: Claimant, day: date
) -> dict:
    lines = frontline_on(_claimed(versions, claimant), day)
    return json.loads(lines.to_json(drop_id=True))


def frontline_geojson(name: str, claimant: Claimant, day: date) -> dict:
    """The day's front lines as GeoJSON for the map layer (cached per day)."""
    return _frontline(_versions(name), claimant, day)


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


@st.cache_resource(show_spinner="Preparing the map…", max_entries=16)
def _bundle_url(versions: tuple[str, str, str, int], claimant: Claimant) -> str:
    bundle = map_bundle(_claimed(versions, claimant))
    content = json.dumps(bundle, ensure_ascii=False, separators=(",", ":"))
    return _publish(Path(versions[0]).name, ".json", content.encode("utf-8"))


def bundle_url(name: str, claimant: Claimant = EVERY_SOURCE) -> str:
    """URL of the map bundle (geometry and whole timeline), built per change."""
    return _bundle_url(_versions(name), claimant)


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
