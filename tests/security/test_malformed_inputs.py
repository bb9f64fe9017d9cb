"""Malformed city files and uploads: each is refused with its own clear message.

Every case is written for this test. City folders go through ``geo.io.load_city``
(GeoJSON, TOML, the optional river), uploads through ``geo.report_csv.check_import``;
a refused import leaves the SQLite database byte-for-byte unchanged, and the app
keeps serving the other cities when one city folder is broken.
"""

import codecs
import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.io import load_city
from geo.problems import CityDataError
from geo.report_csv import DateOrder, TextEncoding, check_import
from geo.schema import REPORT_COLUMNS
from storage.access import Identity, Role
from storage.database import open_database
from storage.reports import (
    ReportsRefusedError,
    RevisionAction,
    add_reports,
    current_reports,
    seed_city,
)
from tests.conftest import (
    CITY_TOML,
    ROOT,
    TWO_SQUARES,
    database_fingerprint,
    feature,
    plain,
    report,
    square,
)
from tests.conftest import write_city as write_test_city

MISSING = object()
"""Stands for a file that is not there at all."""
EDITOR = Identity("Import Editor", Role.EDITOR, "password")
GOOD_REPORTS = [
    report("r1", "2020-01-02", "west", "held", actor="red"),
    report("r2", "2020-01-03", "east", "contested"),
]


def collection(*features: object, **members: object) -> dict:
    return {"type": "FeatureCollection", **members, "features": list(features)}


def with_geometry(geometry: object) -> dict:
    return collection(feature("west", geometry), TWO_SQUARES[1])


def ring(*points: tuple[float, float]) -> dict:
    return {"type": "Polygon", "coordinates": [[list(point) for point in points]]}


# Manila (lon 120.98, lat 14.60) written latitude first: the latitude is then 120.98.
SWAPPED_SQUARE = ring(
    (14.60, 120.98), (14.61, 120.98), (14.61, 120.99), (14.60, 120.99), (14.60, 120.98)
)
# UTM zone 37N metres (around Raqqa) in a file that claims WGS84 degrees.
PROJECTED_SQUARE = ring(
    (500000, 3970000),
    (501000, 3970000),
    (501000, 3971000),
    (500000, 3971000),
    (500000, 3970000),
)


def named(name_en: str) -> dict:
    """The first test district, called ``name_en``."""
    first = TWO_SQUARES[0]
    return {**first, "properties": {**first["properties"], "name_en": name_en}}


GEOJSON_CASES = {
    "not json": ("{'type': 'FeatureCollection'", "is not readable GeoJSON"),
    "not utf-8": (b"\xff\xfe{\x00", "is not readable GeoJSON"),
    "deeply nested": (
        "[" * 100_000 + "]" * 100_000,
        "it nests arrays or objects too deeply",
    ),
    "a list, not an object": (
        "[1, 2, 3]",
        "is not a GeoJSON FeatureCollection (no 'features' list)",
    ),
    "features not a list": (
        {"type": "FeatureCollection", "features": "west,east"},
        "is not a GeoJSON FeatureCollection (no 'features' list)",
    ),
    "feature not an object": (
        collection("west", TWO_SQUARES[1]),
        "the feature is not a JSON object",
    ),
    "properties not an object": (
        collection({"type": "Feature", "properties": ["west"], "geometry": None}),
        "(feature 1, id): is empty",
    ),
    "an undecodable byte written as a JSON escape": (
        collection(named("West\udc80"), TWO_SQUARES[1]),
        "(feature 1, name_en): is not UTF-8 text (bytes 80)",
    ),
    "a lone surrogate written as a JSON escape": (
        collection(named("West\ud800"), TWO_SQUARES[1]),
        "(feature 1, name_en): is not UTF-8 text (bytes ed",
    ),
    "string coordinates": (
        with_geometry(ring(("a", "0"), ("1", "0"), ("1", "1"), ("a", "0"))),
        "(feature 1 'west', geometry): has a coordinate written as text",
    ),
    "projected coordinates claiming WGS84": (
        collection(
            feature("west", PROJECTED_SQUARE),
            TWO_SQUARES[1],
            crs={"type": "name", "properties": {"name": "EPSG:4326"}},
        ),
        "look projected (metres?), not lon/lat degrees",
    ),
    "projected crs": (
        collection(
            *TWO_SQUARES,
            crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32637"}},
        ),
        "(crs): coordinates must be WGS84 lon/lat, not urn:ogc:def:crs:EPSG::32637",
    ),
    "crs not an object": (
        collection(*TWO_SQUARES, crs=["EPSG", 3857]),
        "(crs): coordinates must be WGS84 lon/lat, not ['EPSG', 3857]",
    ),
    "swapped latitude and longitude": (
        with_geometry(SWAPPED_SQUARE),
        "latitude and longitude look swapped",
    ),
    "latitude 95": (
        with_geometry(ring((0, 95), (1, 95), (1, 96), (0, 96), (0, 95))),
        "(feature 1 'west', geometry): latitude 96 is beyond ±90",
    ),
    "not a finite number": (
        with_geometry(ring((0, 0), (float("inf"), 0), (1, 1), (0, 0))),
        "has coordinates that are not finite numbers",
    ),
    "empty geometry": (
        with_geometry({"type": "Polygon", "coordinates": []}),
        "(feature 1 'west', geometry): is empty",
    ),
    "null geometry": (
        with_geometry(None),
        "(feature 1 'west', geometry): is missing (null)",
    ),
    "unknown geometry type": (
        with_geometry({"type": "Blob", "coordinates": [0, 0]}),
        "cannot be read (Unknown geometry type: 'blob')",
    ),
    "line for a district": (
        with_geometry({"type": "LineString", "coordinates": [[0, 0], [1, 1]]}),
        "a district must be a MultiPolygon or Polygon, not LineString",
    ),
    "duplicate ids": (
        collection(feature("west", square(0, 0)), feature("west", square(1, 0))),
        "(feature 2 'west', id): 'west' is used by an earlier feature",
    ),
    "missing properties": (
        collection({"type": "Feature", "geometry": square(0, 0)}, *TWO_SQUARES),
        "(feature 1, id): is empty",
    ),
    "unknown kind": (
        collection(feature("west", square(0, 0), kind="park"), TWO_SQUARES[1]),
        "(feature 1 'west', kind): 'park' is not one of: district, landmark",
    ),
    "precision in words": (
        collection(
            feature("west", square(0, 0), precision_m="about 500"), TWO_SQUARES[1]
        ),
        "'about 500' is not a whole number of metres",
    ),
    "no features": (collection(), "districts.geojson (features): has no features"),
    "missing file": (MISSING, "districts.geojson: is missing"),
}

TOML_CASES = {
    "syntax error": ('name = "Testville\n' + CITY_TOML, "city.toml: is not valid TOML"),
    "not utf-8": (CITY_TOML.encode("utf-16"), "city.toml: is not valid TOML"),
    "missing file": (MISSING, "city.toml: is missing"),
    "missing actors": (
        CITY_TOML.split("[[actors]]")[0],
        "city.toml (actors): at least one actor is needed",
    ),
    "actors not tables": (
        'actors = ["blue", "red"]\n' + CITY_TOML.split("[[actors]]")[0],
        "city.toml (actors entry 1): is not a table of id, label and colour",
    ),
    "actors a string": (
        'actors = "blue, red"\n' + CITY_TOML.split("[[actors]]")[0],
        "city.toml (actors): must be [[actors]] tables, one per side",
    ),
    "actor without label": (
        CITY_TOML.replace('label = "Blue army"\n', ""),
        "city.toml (actors entry 1, id/label): is empty",
    ),
    "colour name": (
        CITY_TOML.replace('"#d62728"', '"red"'),
        "(actors entry 2, colour): 'red' is not a #rrggbb colour",
    ),
    "colour too short": (
        CITY_TOML.replace('"#d62728"', '"#d627"'),
        "'#d627' is not a #rrggbb colour",
    ),
    "day in words": (
        CITY_TOML.replace('first_day = "2020-01-01"', 'first_day = "early January"'),
        "city.toml (first_day): 'early January' is not a date",
    ),
    "day first date": (
        CITY_TOML.replace('last_day = "2020-01-31"', 'last_day = "31/01/2020"'),
        "city.toml (last_day): '31/01/2020' is not a date",
    ),
    "first day after last": (
        CITY_TOML.replace('first_day = "2020-01-01"', 'first_day = "2020-03-01"'),
        "city.toml (first_day): 2020-03-01 is after last_day",
    ),
    "centre in words": (
        CITY_TOML.replace("center = [0.5, 1.0]", 'center = "Old City"'),
        "city.toml (map, center): 'Old City' is not [latitude, longitude]",
    ),
    "centre swapped": (
        CITY_TOML.replace("center = [0.5, 1.0]", "center = [120.98, 14.60]"),
        "(map, center): [120.98, 14.6] is not [latitude, longitude] in degrees",
    ),
    "zoom in words": (
        CITY_TOML.replace("zoom = 12", 'zoom = "street"'),
        "city.toml (map, zoom): 'street' is not a whole number",
    ),
    "map not a table": (
        'map = "Raqqa"\n'
        + CITY_TOML.replace("[map]\ncenter = [0.5, 1.0]\nzoom = 12\n", ""),
        "city.toml (map): must be a [map] table",
    ),
    "credits not a table": (
        'credits = "Test data"\n'
        + CITY_TOML.replace('[credits]\ntext = "Test data"\n', ""),
        "city.toml (credits): must be a [credits] table",
    ),
}

OTHER_FILE_CASES = {
    "river not json": ("river.geojson", b"{lines", "river.geojson: is not readable"),
    "river without features": (
        "river.geojson",
        b'{"type": "LineString"}',
        "river.geojson: is not readable GeoJSON lines ('features')",
    ),
    "reports.csv not utf-8": (
        "reports.csv",
        "report_id,note\nr1,نص عربي\n".encode("cp1256"),
        "reports.csv: cannot be read",
    ),
    "reports.csv empty": (
        "reports.csv",
        b"",
        "reports.csv: is empty: it needs its header (report_id, date, date_precision",
    ),
}


def write_folder(folder: Path, geojson: object = None, toml: object = None) -> Path:
    """A two-district test city, with one file replaced (or removed) by a case."""
    write_test_city(folder, TWO_SQUARES, GOOD_REPORTS)
    for name, content in (("districts.geojson", geojson), ("city.toml", toml)):
        path = folder / name
        if content is MISSING:
            path.unlink()
        elif isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        elif content is not None:
            path.write_text(json.dumps(content), encoding="utf-8")
    return folder


def load_problems(folder: Path) -> str:
    with pytest.raises(CityDataError) as refused:
        load_city(folder)
    return str(refused.value)


@pytest.mark.parametrize(
    ("content", "phrase"), GEOJSON_CASES.values(), ids=GEOJSON_CASES
)
def test_a_malformed_districts_file_is_refused_with_its_reason(
    tmp_path, content, phrase
):
    message = load_problems(write_folder(tmp_path / "city", geojson=content))

    assert phrase in message


@pytest.mark.parametrize(("content", "phrase"), TOML_CASES.values(), ids=TOML_CASES)
def test_a_malformed_city_toml_is_refused_with_its_reason(tmp_path, content, phrase):
    message = load_problems(write_folder(tmp_path / "city", toml=content))

    assert phrase in message


@pytest.mark.parametrize(
    ("name", "content", "phrase"), OTHER_FILE_CASES.values(), ids=OTHER_FILE_CASES
)
def test_a_malformed_river_or_reports_file_is_refused(tmp_path, name, content, phrase):
    folder = write_folder(tmp_path / "city")
    (folder / name).write_bytes(content)

    assert phrase in load_problems(folder)


# Uploads ------------------------------------------------------------------------


def csv_text(rows: list[dict], columns: tuple[str, ...] = REPORT_COLUMNS) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def upload(*rows: dict) -> bytes:
    return csv_text(list(rows)).encode("utf-8")


def one(**fields: str) -> bytes:
    """A file with one report, changed by ``fields`` (all else valid)."""
    row = report("u1", "2020-01-04", "west", "held", actor="blue")
    return upload({**row, **fields})


ARABIC_NOTE = "تقدمت القوات نحو الحي (نص تجريبي)"
UTF8 = TextEncoding.UTF_8
ISO, DAY_FIRST = DateOrder.ISO, DateOrder.DAY_FIRST

# name: (bytes, stated encoding, stated date order, phrase, rows are bad by themselves)
CSV_CASES = {
    "wrong header": (
        b"id,day,place,said\n1,2020-01-02,west,held\n",
        UTF8,
        ISO,
        "(header): missing columns: report_id, date",
        True,
    ),
    "duplicate column": (
        ("note," + csv_text([report("u1", "2020-01-04", "west", "contested")]))
        .replace("\r\n", "\n", 1)
        .encode(),
        UTF8,
        ISO,
        "(header, note): appears more than once",
        False,
    ),
    "binary file": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        UTF8,
        ISO,
        "is not a text file (it contains NUL bytes)",
        False,
    ),
    "NUL inside text": (
        one(note="a\x00b"),
        UTF8,
        ISO,
        "is not a text file",
        False,
    ),
    "Windows-1256 read as UTF-8": (
        csv_text(
            [report("u1", "2020-01-04", "west", "contested", note=ARABIC_NOTE)]
        ).encode("cp1256"),
        UTF8,
        ISO,
        "cannot be read as UTF-8: invalid",
        False,
    ),
    "UTF-8 read as Windows-1256": (
        one(note=ARABIC_NOTE),
        TextEncoding.WINDOWS_1256,
        ISO,
        "reads as UTF-8, so as Windows-1256 its Arabic letters would come out garbled",
        False,
    ),
    "UTF-16 without byte order mark": (
        one().decode().encode("utf-16-le"),
        TextEncoding.UTF_16,
        ISO,
        "does not start with a UTF-16 byte order mark",
        False,
    ),
    "UTF-8 byte order mark, then damage": (
        codecs.BOM_UTF8 + one() + b"\xc3",
        TextEncoding.WINDOWS_1256,
        ISO,
        "the file is damaged or cut short",
        False,
    ),
    "day-first date, ISO stated": (
        one(date="03/01/2020"),
        UTF8,
        ISO,
        "(row 2, date): '03/01/2020' is not written year-month-day",
        True,
    ),
    "month only": (
        one(date="2020-01"),
        UTF8,
        ISO,
        "(row 2, date): '2020-01' gives only a month",
        True,
    ),
    "two-digit year": (
        one(date="03/01/20"),
        UTF8,
        DAY_FIRST,
        "'03/01/20' has a two-digit year; write the year in full",
        True,
    ),
    "month-first date, day-first stated": (
        one(date="01/25/2020"),
        UTF8,
        DAY_FIRST,
        "is the file month/day/year?",
        True,
    ),
    "day outside the city's range": (
        one(date="2021-01-04"),
        UTF8,
        ISO,
        "2021-01-04 is outside the city's range 2020-01-01 to 2020-01-31",
        True,
    ),
    "unknown district": (
        one(district_id="Wset"),
        UTF8,
        ISO,
        "(row 2, district_id): unknown district 'Wset'; did you mean west?",
        True,
    ),
    "javascript url": (
        one(url="javascript:alert(1)"),
        UTF8,
        ISO,
        "(row 2, url): 'javascript:alert(1)' is not an http(s) address",
        True,
    ),
    "url without scheme": (
        one(url="www.example.org/story"),
        UTF8,
        ISO,
        "'www.example.org/story' is not an http(s) address",
        True,
    ),
    "overlong note": (
        one(note="x" * 601),
        UTF8,
        ISO,
        "(row 2, note): is 601 characters; the limit is 600",
        True,
    ),
    "overlong source": (
        one(source="y" * 201),
        UTF8,
        ISO,
        "(row 2, source): is longer than 200 characters",
        True,
    ),
    "unknown status": (
        one(status="taken"),
        UTF8,
        ISO,
        "(row 2, status): 'taken' is not one of: held, contested, unknown",
        True,
    ),
    "held by no actor": (
        one(actor=""),
        UTF8,
        ISO,
        "(row 2, actor): '' must be one of the city's actors: blue, red",
        True,
    ),
    "denial of an unknown report": (
        one(kind="denial", status="", actor="", denies="r99"),
        UTF8,
        ISO,
        "(row 2, denies): 'r99' is not a report id in this file",
        True,
    ),
    "duplicate report id": (
        upload(
            report("u1", "2020-01-04", "west", "contested"),
            report("u1", "2020-01-05", "east", "contested"),
        ),
        UTF8,
        ISO,
        "(row 3, report_id): 'u1' is used by an earlier row",
        True,
    ),
    "report id already stored": (
        one(report_id="r1"),
        UTF8,
        ISO,
        "(row 2, report_id): 'r1' is already stored",
        True,
    ),
    "one bad row among good ones": (
        upload(
            report("u1", "2020-01-04", "west", "contested"),
            report("u2", "2020-01-05", "east", "held", actor="purple"),
            report("u3", "2020-01-06", "west", "contested"),
        ),
        UTF8,
        ISO,
        "(row 3, actor): 'purple' must be one of the city's actors",
        True,
    ),
    "unclosed quote": (
        one(note="fine") + b'u2,2020-01-05,day,west,contested,,,claim,,"Src\n',
        UTF8,
        ISO,
        "is not valid CSV (unexpected end of data)",
        False,
    ),
    "extra cells": (
        one()
        + b"u2,2020-01-05,day,west,contested,,,claim,,S,media,https://x.org,,a,b\n",
        UTF8,
        ISO,
        "(row 3): has 15 cells but the header has 14",
        False,
    ),
    "empty file": (b"", UTF8, ISO, "is empty or has no header row", False),
    "header only": (
        csv_text([]).encode(),
        UTF8,
        ISO,
        "has a header but no reports",
        False,
    ),
    "over five megabytes": (
        one() + b"#" * (5 * 1024 * 1024),
        UTF8,
        ISO,
        "the limit is 5 MB: split it into smaller files",
        False,
    ),
}


@pytest.fixture(scope="module")
def upload_city(tmp_path_factory):
    return load_city(
        write_test_city(tmp_path_factory.mktemp("up") / "t", TWO_SQUARES, GOOD_REPORTS)
    )


@pytest.mark.parametrize(
    ("data", "encoding", "order", "phrase", "rows_bad"),
    CSV_CASES.values(),
    ids=CSV_CASES,
)
def test_a_malformed_upload_is_refused_with_its_reason(
    upload_city, data, encoding, order, phrase, rows_bad
):
    preview = check_import(
        data,
        encoding=encoding,
        date_order=order,
        city=upload_city,
        existing_report_ids=frozenset({"r1", "r2"}),
    )

    assert not preview.ready_to_store
    assert any(phrase in str(problem) for problem in preview.problems), preview.problems


def test_the_malformed_corpus_is_large_enough():
    counts = {
        "districts.geojson": len(GEOJSON_CASES),
        "city.toml": len(TOML_CASES),
        "river and reports files": len(OTHER_FILE_CASES),
        "uploaded CSV": len(CSV_CASES),
    }
    total = sum(counts.values())
    print(f"{total} malformed cases: {counts}")
    assert total >= 30


# Storage: a refused import changes nothing -------------------------------------


def raw_rows(data: bytes) -> pd.DataFrame:
    """The file's cells as text, read as leniently as possible (no checks)."""
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        return pd.DataFrame()
    if not records:
        return pd.DataFrame()
    header, *rows = records
    width = len(header)
    return pd.DataFrame(
        [row[:width] + [""] * (width - len(row)) for row in rows], columns=header
    )


def test_refused_imports_leave_the_database_byte_for_byte_unchanged(
    tmp_path, upload_city
):
    path = tmp_path / "frontline.sqlite3"
    engine = open_database(f"sqlite:///{path}")
    seed_city(engine, upload_city)
    before = database_fingerprint(engine, path)

    refused = 0
    for name, (data, *_, rows_bad) in CSV_CASES.items():
        if not rows_bad:
            continue
        with pytest.raises(ReportsRefusedError):
            add_reports(
                engine,
                EDITOR,
                upload_city,
                raw_rows(data),
                origin=f"{name}.csv",
                action=RevisionAction.IMPORT,
            )
        assert database_fingerprint(engine, path) == before, name
        refused += 1

    assert list(current_reports(engine, upload_city.name)["report_id"]) == ["r1", "r2"]
    print(f"{refused} refused imports; database file unchanged after each")
    assert refused >= 15
    engine.dispose()


# The app: one broken city does not take the others down -------------------------

BROKEN_CITIES = {
    "bad TOML": ({"toml": "title = 'unterminated\n"}, "city.toml: is not valid TOML"),
    "actors of the wrong type": (
        {"toml": 'actors = "blue"\n' + CITY_TOML.split("[[actors]]")[0]},
        "must be [[actors]] tables",
    ),
    "districts not JSON": ({"geojson": "<html>"}, "is not readable GeoJSON"),
}


@pytest.mark.parametrize(("files", "phrase"), BROKEN_CITIES.values(), ids=BROKEN_CITIES)
def test_a_broken_city_shows_its_problems_and_the_others_still_open(
    tmp_path, monkeypatch, files, phrase
):
    cities = tmp_path / "cities"
    write_folder(cities / "broken", **files)
    write_test_city(cities / "testville", TWO_SQUARES, GOOD_REPORTS)
    monkeypatch.setenv("FRONTLINE_CITIES_DIR", str(cities))
    monkeypatch.setenv("FRONTLINE_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()

    assert not app.exception
    assert app.title[0].value == "This city's data needs fixing"
    assert "The city could not be loaded" in app.error[0].value
    assert phrase in plain(" ".join(block.value for block in app.markdown))

    app.sidebar.selectbox(key="city_picker").select("testville").run()

    assert not app.exception
    assert app.title[0].value == "Battle of Testville"
    app.switch_page("app_pages/reports.py").run()
    assert not app.exception
    assert app.title[0].value == "Reports · Battle of Testville"
