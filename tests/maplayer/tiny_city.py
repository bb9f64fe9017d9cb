"""A tiny literal city whose map bundle is the contract's shared test fixture.

``tiny_city_bundle.json`` is its bundle, ``tiny_city_first_day.json`` its first
bundle of ``FIRST_DAY``: the Python tests check that they are what ``map_bundle``
and ``first_day_bundle`` make and that they match the JSON Schema, and the
JavaScript unit tests (tests/js) read them. After changing the contract, rewrite
them with ``.venv/bin/python -m tests.maplayer.tiny_city``.
"""

import json
import sys
import tempfile
from datetime import date
from pathlib import Path

from geo.city import City
from geo.io import load_city
from geo.maplayer.bundle import first_day_bundle, map_bundle
from tests.conftest import feature, report, square, write_city

FIXTURE = Path(__file__).with_name("tiny_city_bundle.json")
FIRST_DAY_FIXTURE = Path(__file__).with_name("tiny_city_first_day.json")
FIRST_DAY = date(2020, 1, 5)
"""West disputed by a denial, east contested, the mill not reported yet."""
FEATURES = [
    feature("west", square(0, 0)),
    feature("east", square(1, 0), name_ar="شرق"),
    feature(
        "mill",
        {"type": "Point", "coordinates": [0.5, 1.5]},
        kind="landmark",
        boundary="supplied",
    ),
]
REPORTS = [
    report("r1", "2020-01-02", "west", "held", actor="blue"),
    report("r2", "2020-01-03", "east", "contested"),
    report("r3", "2020-01-05", "west", "held", actor="red", source="Red media"),
    report("r4", "2020-01-05", "west", "", kind="denial", denies="r3"),
    report("r5", "2020-01-06", "mill", "held", actor="blue", extent="partial"),
    report("r6", "2020-01-08", "mill", "", kind="retraction", denies="r5"),
]
EVENTS = """\
event_id,date,date_precision,kind,place,lat,lon,location_precision,district_id,summary,source,source_type,url,note
e1,2020-01-04,day,strike,A square,0.5,0.5,exact,,A strike <b>here</b>,Test source,media,https://example.org/e1,
"""


def tiny_city(folder: Path) -> City:
    """Write the tiny city into ``folder`` and load it."""
    write_city(folder, FEATURES, REPORTS)
    (folder / "events.csv").write_text(EVENTS, encoding="utf-8")
    return load_city(folder)


def fixture_text(city: City) -> str:
    """The bundle of ``city`` as the fixture file holds it."""
    return json.dumps(map_bundle(city), indent=1, ensure_ascii=False) + "\n"


def first_day_fixture_text(city: City) -> str:
    """The first bundle of ``city`` on ``FIRST_DAY``, its whole one the fixture's."""
    bundle = first_day_bundle(city, FIRST_DAY, whole_url=FIXTURE.name)
    return json.dumps(bundle, indent=1, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        city = tiny_city(Path(folder))
        FIXTURE.write_text(fixture_text(city), encoding="utf-8")
        FIRST_DAY_FIXTURE.write_text(first_day_fixture_text(city), encoding="utf-8")
    sys.stdout.write(f"wrote {FIXTURE} and {FIRST_DAY_FIXTURE}\n")
