"""Testville's files, shared by the city builder's tests.

Every place, name, report and coordinate here is made up for the tests; Testville
lies near 0.01 N, 39.01 E.
"""

import json
from datetime import date

import shapely
from shapely.geometry import box

from geo.citybuild import (
    CitySettings,
    PropertyNames,
    SourceFile,
    actor_entry,
    read_boundaries,
)
from geo.schema import REPORT_COLUMNS

GEOJSON_NAMES = PropertyNames("code", "label")
SETTINGS = CitySettings(
    "Testville",
    first_day=date(2020, 1, 1),
    last_day=date(2020, 1, 31),
    actors=(actor_entry("blue = Blue army"),),
)
# Five made-up places about 1 km apart near 0.01 N, 39.01 E.
POINTS_CSV = """id,name_en,name_ar,aliases,lat,lon
north,North Quarter,الحي الشمالي,Shamal,0.0190,39.0100
south,South Quarter,,,0.0010,39.0100
east,East Quarter,,Sharq; Eastside,0.0100,39.0190
west,West Quarter,,,0.0100,39.0010
centre,Centre,,,0.0100,39.0100
"""
OUTLINE_BOX = (39.0, 0.0, 39.02, 0.02)


def collection(*features: dict, crs: str | None = None) -> bytes:
    content: dict = {"type": "FeatureCollection", "features": list(features)}
    if crs:
        content["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(content, ensure_ascii=False).encode("utf-8")


def polygon_feature(code: str, ring: list, **properties: object) -> dict:
    return {
        "type": "Feature",
        "properties": {"code": code, "label": code.title(), **properties},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def square_ring(x: float, y: float, size: float = 0.01) -> list:
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]


def two_squares(*extra: dict) -> bytes:
    return collection(
        polygon_feature("a", square_ring(39.0, 0.0)),
        polygon_feature("b", square_ring(39.01, 0.0)),
        *extra,
    )


def boundaries(data: bytes, name: str = "testville.geojson", **options: str):
    return read_boundaries([SourceFile(name, data)], GEOJSON_NAMES, **options)


def messages(checked) -> str:
    return "\n".join(str(problem) for problem in checked.problems)


def points(text: str = POINTS_CSV, name: str = "places.csv") -> SourceFile:
    return SourceFile(name, text.encode("utf-8"))


def outline(*bounds: float) -> SourceFile:
    ring = shapely.geometry.mapping(box(*bounds))["coordinates"][0]
    feature = {"type": "Feature", "properties": {}, "geometry": None}
    feature["geometry"] = {"type": "Polygon", "coordinates": [ring]}
    return SourceFile("outline.geojson", collection(feature))


def report_row(report_id: str, day: str, district: str, status: str, actor: str = ""):
    row = dict.fromkeys(REPORT_COLUMNS, "")
    row.update(
        report_id=report_id,
        date=day,
        district_id=district,
        status=status,
        actor=actor,
        source="Test source (made up for tests)",
        source_type="media",
        url=f"https://example.org/{report_id}",
    )
    return row


def reports_file(*rows: dict) -> SourceFile:
    lines = [",".join(REPORT_COLUMNS)]
    lines += [",".join(row[column] for column in REPORT_COLUMNS) for row in rows]
    return SourceFile("reports.csv", ("\n".join(lines) + "\n").encode("utf-8"))


METRE_DEGREES = 1 / 111_320
BLOCK = 100 * METRE_DEGREES


def blocks(street_m: float, *extra: dict) -> bytes:
    """Four 100 m blocks in a square, ``street_m`` apart, near 0 N, 39 E."""
    step = BLOCK + street_m * METRE_DEGREES
    return collection(
        *(
            polygon_feature(code, square_ring(39.0 + column * step, row * step, BLOCK))
            for code, column, row in (
                ("a", 0, 0),
                ("b", 1, 0),
                ("c", 0, 1),
                ("d", 1, 1),
            )
        ),
        *extra,
    )
