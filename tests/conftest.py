"""Shared fixtures: tiny hand-written cities and the bundled Raqqa city."""

import asyncio
import csv
import hashlib
import json
import re
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy import Engine

from geo.io import load_city
from geo.schema import REPORT_COLUMNS

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent
RAQQA = ROOT / "data" / "raqqa"

CITY_TOML = """\
name = "Testville"
title = "Battle of Testville"
default_day = "2020-01-02"
first_day = "2020-01-01"
last_day = "2020-01-31"

[map]
center = [0.5, 1.0]
zoom = 12

[[actors]]
id = "blue"
label = "Blue army"
colour = "#1f77b4"

[[actors]]
id = "red"
label = "Red army"
colour = "#d62728"

[credits]
text = "Test data"
"""


def square(x: float, y: float, size: float = 1.0) -> dict:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def feature(district_id: str, geometry: dict, **properties: object) -> dict:
    return {
        "type": "Feature",
        "properties": {
            "id": district_id,
            "name_en": district_id.title(),
            "name_ar": "",
            "aliases": "",
            "kind": "district",
            "precision_m": 500,
            **properties,
        },
        "geometry": geometry,
    }


TWO_SQUARES = [feature("west", square(0, 0)), feature("east", square(1, 0))]

THREE_SQUARES = [*TWO_SQUARES, feature("north", square(0, 1))]
GROUPS_AND_OPENING = (
    CITY_TOML
    + """
[groups.the_south]
label = "the southern districts"
districts = ["west", "east"]
note = "A test group."

[[before]]
day = "2019-12-31"
place = "city"
status = "held"
actor = "red"
source = "Test encyclopedia"
source_type = "encyclopedia"
url = "https://example.org/before"
note = "Red held the whole town before the first day."
"""
)


def report(report_id: str, day: str, district_id: str, status: str, **fields: str):
    row = dict.fromkeys(REPORT_COLUMNS, "")
    row.update(
        report_id=report_id,
        date=day,
        district_id=district_id,
        status=status,
        kind="claim",
        source="Test source",
        source_type="media",
        url=f"https://example.org/{report_id}",
        note="A test claim.",
    )
    row.update(fields)
    return row


def write_city(
    folder: Path, features: list[dict], reports: list[dict], city_toml: str = CITY_TOML
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "city.toml").write_text(city_toml, encoding="utf-8")
    collection = {"type": "FeatureCollection", "features": features}
    (folder / "districts.geojson").write_text(json.dumps(collection), encoding="utf-8")
    with (folder / "reports.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=REPORT_COLUMNS)
        writer.writeheader()
        writer.writerows(reports)
    return folder


def write_small_city(folder: Path, name: str) -> Path:
    """Two squares called ``name``, with one report: west held by red on 2 Jan 2020."""
    return write_city(
        folder,
        TWO_SQUARES,
        [report("r1", "2020-01-02", "west", "held", actor="red")],
        CITY_TOML.replace('name = "Testville"', f'name = "{name}"'),
    )


@pytest.fixture
def make_city(tmp_path):
    """Write a tiny city to a temporary folder and load it."""

    def make(reports: list[dict], features: list[dict] = TWO_SQUARES, **kwargs):
        return load_city(write_city(tmp_path / "city", features, reports, **kwargs))

    return make


def run_in_own_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to its end in a thread and event loop of its own.

    Once a browser test has run, Playwright's sync API keeps an event loop
    running in the main thread, where ``asyncio.run`` is refused.
    """
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, coroutine).result()


def report_days(folder: Path = RAQQA) -> list[str]:
    """The ISO days on which a city's reports.csv has reports, read from the file."""
    with (folder / "reports.csv").open(encoding="utf-8") as reports:
        return sorted({row["date"] for row in csv.DictReader(reports)})


@pytest.fixture(scope="session")
def raqqa():
    """The bundled Raqqa city, loaded once."""
    return load_city(RAQQA)


def plain(markdown: str) -> str:
    """Text as a reader sees it: the app backslash-escapes Markdown in messages."""
    return re.sub(r"\\(.)", r"\1", markdown)


def database_fingerprint(engine: Engine, path: Path) -> str:
    """A hash of the database file and its write-ahead log, after a checkpoint."""
    connection = engine.raw_connection()
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    digest = hashlib.sha256(path.read_bytes())
    log = path.with_name(path.name + "-wal")
    digest.update(log.read_bytes() if log.exists() else b"")
    return digest.hexdigest()
