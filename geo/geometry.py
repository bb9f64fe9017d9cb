"""Reading, checking and repairing district geometry (GeoJSON in WGS84 lon/lat).

``read_districts`` reads a city's ``districts.geojson``; ``check_features`` holds
the checks every feature passes, whichever file it came from, so the city builder
(``geo.citybuild``) applies the same rules to GeoPackages, Shapefiles and
points.
"""

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import shape

from geo.geometry_repair import repair as repair
from geo.geometry_repair import repaired_within
from geo.ids import id_problem
from geo.problems import Problem
from geo.status import Boundary, FeatureKind

WGS84 = "EPSG:4326"
DISTRICT_COLUMNS = (
    "id",
    "name_en",
    "name_ar",
    "aliases",
    "kind",
    "precision_m",
    "basis",
    "boundary",
)
_ACCEPTED_CRS = {
    "urn:ogc:def:crs:OGC:1.3:CRS84",
    "urn:ogc:def:crs:OGC::CRS84",
    "urn:ogc:def:crs:EPSG::4326",
    "EPSG:4326",
}
_SHAPES = {
    FeatureKind.DISTRICT: {"Polygon", "MultiPolygon"},
    FeatureKind.LANDMARK: {"Point"},
}
_LARGEST_DEGREE = 180.0
_LARGEST_LATITUDE = 90.0
_SURELY_NOT_DEGREES = 1_000.0
"""Coordinates beyond this are metres or feet of a projected CRS, never degrees."""
MAX_FEATURE_VERTICES = 50_000
"""Vertices one feature may have: a detailed city boundary has a few thousand."""
MAX_FILE_VERTICES = 500_000
"""Vertices all features of a file may have together."""
REPAIR_SECONDS = 10.0
"""Time all repairs of a file may take (``geo.geometry_repair``); real slips take
well under a second, a polygon whose edges cross thousands of times minutes."""


@dataclass(frozen=True)
class RawFeature:
    """One feature as a file holds it, before any check.

    ``location`` says where it is ("feature 3", "row 5"); ``geometry`` is None
    when it could not be read, and ``unreadable`` then says why, as a problem with
    ``geometry_field`` (a points file names its ``lat`` or ``lon`` column).
    """

    location: str
    properties: Mapping[str, object]
    geometry: shapely.Geometry | None
    unreadable: str = ""
    geometry_field: str = "geometry"


@dataclass(frozen=True)
class CheckedFeatures:
    """Districts read from a file, with the problems and repairs found.

    ``locations`` says where each kept feature came from, by id, so later checks
    (such as overlaps) can name it the way the first ones did.
    """

    districts: gpd.GeoDataFrame
    problems: list[Problem]
    repairs: list[str]
    locations: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class GeoJsonContent:
    """A GeoJSON file's features and the CRS its ``crs`` member names, if any."""

    features: list[RawFeature]
    crs_name: str | None
    problems: list[Problem]


def _crs_problem(crs_name: str | None, file: str) -> Problem | None:
    if crs_name is None or crs_name in _ACCEPTED_CRS:
        return None
    message = f"coordinates must be WGS84 lon/lat, not {crs_name}"
    return Problem(file, "crs", "", message)


def coordinate_problem(geometry: shapely.Geometry) -> str | None:
    """Say why a geometry's coordinates cannot be WGS84 lon/lat, or None if they can.

    Tells projected coordinates (metres) and swapped latitude and longitude apart
    from other values out of range, because each has a different fix.
    """
    west, south, east, north = geometry.bounds
    if not all(math.isfinite(value) for value in (west, south, east, north)):
        return (
            "has coordinates that are not finite numbers: they could not be "
            "converted to lon/lat; is the coordinate reference system right?"
        )
    widest_x, widest_y = max(abs(west), abs(east)), max(abs(south), abs(north))
    if widest_x <= _LARGEST_DEGREE and widest_y <= _LARGEST_LATITUDE:
        return None
    if max(widest_x, widest_y) > _SURELY_NOT_DEGREES:
        return (
            f"coordinates such as ({west:.0f}, {south:.0f}) look projected "
            "(metres?), not lon/lat degrees; give the file's coordinate "
            "reference system"
        )
    if widest_x <= _LARGEST_LATITUDE and widest_y <= _LARGEST_DEGREE:
        latitude = north if north > _LARGEST_LATITUDE else south
        return (
            f"latitude {latitude:g} is beyond ±90 while every longitude is within "
            "±90: latitude and longitude look swapped"
        )
    return "coordinates are outside lon/lat range (longitude ±180, latitude ±90)"


def _has_undecodable_text(value: object) -> bool:
    """True for text read with ``surrogateescape`` from bytes that are not UTF-8."""
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _as_read(text: str) -> bytes:
    """The bytes ``text`` was read from (``surrogateescape``), as far as known.

    A lone surrogate written as a JSON escape (of U+D800, say) came from no
    byte: it is given as the bytes Python would write for it, not UTF-8 either.
    """
    try:
        return text.encode("utf-8", errors="surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", errors="surrogatepass")


def _undecodable_bytes(text: str) -> str:
    raw = _as_read(text)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return raw[error.start : error.end].hex(" ")
    return ""


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
"""A JSON escape of a UTF-16 surrogate ("\\udc80"): it reads as text Python cannot
write as UTF-8, as undecodable bytes do."""


def _readable(text: str) -> str:
    """Text read with ``surrogateescape``, its undecodable bytes shown as U+FFFD."""
    return _as_read(text).decode("utf-8", errors="replace")


def _text_coordinate(geometry: object) -> str | None:
    """The first coordinate written as text ("39.01"), walking without recursion."""
    pending = [geometry]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(value for key, value in item.items() if key != "type")
        elif isinstance(item, list):
            for element in item:
                if isinstance(element, str):
                    return element
                pending.append(element)
    return None


def _geojson_geometry(feature: object) -> tuple[shapely.Geometry | None, str]:
    if not isinstance(feature, dict):
        return None, "cannot be read (the feature is not a JSON object)"
    geometry = feature.get("geometry")
    if geometry is None:
        return None, "is missing (null)"
    text = _text_coordinate(geometry)
    if text is not None:
        return None, f"has a coordinate written as text ('{text[:20]}'), not a number"
    try:
        return shapely.force_2d(shape(geometry)), ""
    except (
        KeyError,
        TypeError,
        ValueError,
        AttributeError,
        IndexError,
        shapely.errors.ShapelyError,
    ) as error:
        return None, f"cannot be read ({error or 'missing'})"


def read_geojson(data: bytes, file: str) -> GeoJsonContent:
    """Parse GeoJSON bytes into raw features, naming text that is not UTF-8.

    Never raises on bad input: a file that is not JSON, nests too deeply for
    Python's parser, or is not a FeatureCollection becomes one problem.
    """
    text = data.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    try:
        collection = json.loads(text)
    except json.JSONDecodeError as error:
        return GeoJsonContent([], None, [Problem(file, "", "", _unreadable(error))])
    except RecursionError:
        message = "is not readable GeoJSON: it nests arrays or objects too deeply"
        return GeoJsonContent([], None, [Problem(file, "", "", message)])
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list):
        message = "is not a GeoJSON FeatureCollection (no 'features' list)"
        return GeoJsonContent([], None, [Problem(file, "", "", message)])
    crs = collection.get("crs")
    if isinstance(crs, dict):
        properties = crs.get("properties")
        crs_name = properties.get("name") if isinstance(properties, dict) else str(crs)
    else:
        crs_name = None if crs is None else str(crs)

    problems: list[Problem] = []
    raw_features = []
    # Only text with bytes that are not UTF-8, or a surrogate written as a JSON
    # escape, can hold a value to report or mend: most files need no look at each.
    undecodable = _has_undecodable_text(text)
    plain = not undecodable and not _SURROGATE_ESCAPE.search(text)
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        properties = properties if isinstance(properties, dict) else {}
        if not plain:
            problems += _undecodable_properties(properties, file, f"feature {number}")
            properties = _readable_properties(properties)
        geometry, unreadable = _geojson_geometry(feature)
        raw_features.append(
            RawFeature(f"feature {number}", properties, geometry, unreadable)
        )
    if undecodable and not problems:
        problems.append(
            Problem(
                file, "", "", "is not UTF-8 text; save it as UTF-8 (GeoJSON must be)"
            )
        )
    return GeoJsonContent(raw_features, crs_name, problems)


def _undecodable_properties(
    properties: Mapping[str, object], file: str, where: str
) -> list[Problem]:
    """A problem for each property whose text came from bytes that are not UTF-8."""
    return [
        Problem(
            file,
            where,
            _readable(str(key)),
            f"is not UTF-8 text (bytes {_undecodable_bytes(value)}); "
            "save the file as UTF-8",
        )
        for key, value in properties.items()
        if _has_undecodable_text(value)
    ]


def _readable_properties(properties: Mapping[str, object]) -> dict[str, object]:
    """``properties`` with their names and text shown readable (``_readable``)."""
    return {
        _readable(str(key)): _readable(value) if isinstance(value, str) else value
        for key, value in properties.items()
    }


def _unreadable(error: json.JSONDecodeError) -> str:
    return f"is not readable GeoJSON: {error}"


def _property_text(properties: Mapping[str, object], name: str) -> str:
    value = properties.get(name)
    return "" if value is None else str(value).strip()


def _vertex_count(geometry: shapely.Geometry | None) -> int:
    return 0 if geometry is None else int(shapely.get_num_coordinates(geometry))


def district_frame(records: list[dict]) -> gpd.GeoDataFrame:
    """Checked districts as the city holds them: one row per feature, by id.

    ``records`` map ``DISTRICT_COLUMNS`` and ``geometry`` to a feature's values;
    a table of checked districts kept on disk is made whole again through here.
    """
    frame = pd.DataFrame.from_records(records, columns=[*DISTRICT_COLUMNS, "geometry"])
    districts = gpd.GeoDataFrame(frame, geometry="geometry", crs=WGS84)
    return districts.set_index("id", drop=False).rename_axis(None)


@dataclass(frozen=True)
class _Usable:
    """A feature that passed every check but its geometry's repair, if it needs one."""

    record: dict[str, object]
    where: str
    invalid_reason: str
    """Why its geometry is invalid (``is_valid_reason``), or "" when it is valid."""


def _usable_feature(
    raw: RawFeature, file: str, seen: set[str], problems: list[Problem]
) -> _Usable | None:
    """Check one feature's properties and geometry, reporting into ``problems``."""
    properties = raw.properties
    district_id = _property_text(properties, "id")
    unusable_id = id_problem(district_id) if district_id else None
    named = district_id and unusable_id is None
    where = raw.location + (f" '{district_id}'" if named else "")

    def report(field: str, message: str) -> None:
        problems.append(Problem(file, where, field, message))

    for field_name in ("id", "name_en"):
        if not _property_text(properties, field_name):
            report(field_name, "is empty")
    if unusable_id:
        report("id", unusable_id)
    elif district_id in seen:
        report("id", f"'{district_id}' is used by an earlier feature")
    seen.add(district_id)
    kind = _property_text(properties, "kind") or FeatureKind.DISTRICT
    if kind not in set(FeatureKind):
        report("kind", f"'{kind}' is not one of: {', '.join(FeatureKind)}")
        return None
    geometry = raw.geometry
    if geometry is None:
        report(raw.geometry_field, raw.unreadable or "is missing")
        return None
    if geometry.is_empty:
        report("geometry", "is empty")
        return None
    if geometry.geom_type not in _SHAPES[FeatureKind(kind)]:
        allowed = " or ".join(sorted(_SHAPES[FeatureKind(kind)]))
        report("geometry", f"a {kind} must be a {allowed}, not {geometry.geom_type}")
        return None
    if (vertices := _vertex_count(geometry)) > MAX_FEATURE_VERTICES:
        report(
            "geometry",
            f"has {vertices:,} vertices; at most {MAX_FEATURE_VERTICES:,}: simplify "
            "it (e.g. QGIS's Simplify or mapshaper)",
        )
        return None
    if coordinates := coordinate_problem(geometry):
        report("geometry", coordinates)
        return None
    invalid_reason = "" if geometry.is_valid else shapely.is_valid_reason(geometry)
    if not invalid_reason and kind == FeatureKind.DISTRICT:
        geometry = shapely.orient_polygons(geometry)
    precision = properties.get("precision_m")
    if precision not in (None, "") and not str(precision).isdigit():
        report("precision_m", f"'{precision}' is not a whole number of metres")
        precision = None
    if unusable_id:
        return None
    record = {
        "id": district_id,
        "name_en": _property_text(properties, "name_en"),
        "name_ar": _property_text(properties, "name_ar"),
        "aliases": _property_text(properties, "aliases"),
        "kind": kind,
        "precision_m": int(precision) if precision not in (None, "") else None,
        "basis": _property_text(properties, "basis"),
        "boundary": _property_text(properties, "boundary") or Boundary.SCHEMATIC,
        "geometry": geometry,
    }
    return _Usable(record, where, invalid_reason)


def _repair_refusal(feature: _Usable, repaired: shapely.Geometry | None) -> str:
    """Why the repaired geometry cannot be used, or "" after putting it in place."""
    reason = feature.invalid_reason
    if repaired is None:
        return (
            f"is invalid ({reason}) and could not be repaired within "
            f"{REPAIR_SECONDS:g} s: fix it in a GIS program (e.g. QGIS's "
            "Fix geometries)"
        )
    if repaired.is_empty or repaired.geom_type not in _SHAPES[feature.record["kind"]]:
        return f"is invalid ({reason}) and has no area left once repaired"
    feature.record["geometry"] = repaired
    return ""


def check_features(features: Iterable[RawFeature], file: str) -> CheckedFeatures:
    """Check each feature's properties and geometry; keep the usable ones.

    Invalid polygons are repaired with ``make_valid`` and reported as repairs (or
    refused when nothing with an area is left, or when the file's repairs take
    longer than ``REPAIR_SECONDS``); features that cannot be used are reported as
    problems naming the feature and field. A feature may have at most
    ``MAX_FEATURE_VERTICES`` vertices, a file ``MAX_FILE_VERTICES``.
    """
    features = list(features)
    vertices = sum(_vertex_count(raw.geometry) for raw in features)
    if vertices > MAX_FILE_VERTICES:
        message = (
            f"has {vertices:,} vertices in all; at most {MAX_FILE_VERTICES:,}: "
            "simplify the file (e.g. QGIS's Simplify or mapshaper)"
        )
        problem = Problem(file, "", "", message)
        return CheckedFeatures(district_frame([]), [problem], [])
    problems: list[Problem] = []
    seen: set[str] = set()
    usable = [
        found
        for raw in features
        if (found := _usable_feature(raw, file, seen, problems)) is not None
    ]
    invalid = [feature for feature in usable if feature.invalid_reason]
    repaired = iter(
        repaired_within(
            [feature.record["geometry"] for feature in invalid], REPAIR_SECONDS
        )
    )
    repairs: list[str] = []
    kept = []
    for feature in usable:
        if feature.invalid_reason:
            refusal = _repair_refusal(feature, next(repaired))
            if refusal:
                problems.append(Problem(file, feature.where, "geometry", refusal))
                continue
            repairs.append(
                f"{file} ({feature.where}): repaired invalid geometry "
                f"({feature.invalid_reason})"
            )
        kept.append(feature)
    if not kept and not problems:
        problems.append(Problem(file, "", "features", "has no features"))
    locations: dict[str, str] = {}
    for feature in kept:
        locations.setdefault(str(feature.record["id"]), feature.where)
    return CheckedFeatures(
        district_frame([feature.record for feature in kept]),
        problems,
        repairs,
        locations,
    )


def read_districts(path: Path) -> CheckedFeatures:
    """Read a districts GeoJSON, checking each feature's properties and geometry.

    Invalid polygons are repaired with ``make_valid`` and reported as repairs;
    features that cannot be used are reported as problems naming the feature.
    """
    file = path.name
    content = read_geojson(path.read_bytes(), file)
    if not content.features and content.problems:
        empty = gpd.GeoDataFrame(geometry=[], crs=WGS84)
        return CheckedFeatures(empty, content.problems, [])
    problems = list(content.problems)
    if crs_problem := _crs_problem(content.crs_name, file):
        problems.append(crs_problem)
    checked = check_features(content.features, file)
    return CheckedFeatures(
        checked.districts,
        problems + checked.problems,
        checked.repairs,
        checked.locations,
    )
