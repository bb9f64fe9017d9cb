"""Reading, checking and repairing district geometry (GeoJSON in WGS84 lon/lat)."""

import json
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape

from geo.problems import Problem
from geo.status import FeatureKind

WGS84 = "EPSG:4326"
DISTRICT_COLUMNS = (
    "id",
    "name_en",
    "name_ar",
    "aliases",
    "kind",
    "precision_m",
    "basis",
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


@dataclass(frozen=True)
class CheckedFeatures:
    """Districts read from a GeoJSON file, with the problems and repairs found."""

    districts: gpd.GeoDataFrame
    problems: list[Problem]
    repairs: list[str]


def _crs_problem(collection: dict, file: str) -> Problem | None:
    crs = collection.get("crs")
    if crs is None:
        return None
    properties = crs.get("properties") if isinstance(crs, dict) else None
    name = properties.get("name") if isinstance(properties, dict) else None
    if isinstance(name, str) and name in _ACCEPTED_CRS:
        return None
    return Problem(
        file, "crs", "", f"coordinates must be WGS84 lon/lat, not {name or crs}"
    )


def _shape_problem(collection: object) -> str | None:
    """What keeps parsed JSON from being a FeatureCollection, or None if nothing."""
    if not isinstance(collection, dict):
        return f"is not a GeoJSON object but a JSON {type(collection).__name__}"
    if not isinstance(collection.get("features") or [], list):
        return "has 'features' that is not a list of features"
    return None


def _out_of_range(geometry: shapely.Geometry) -> bool:
    xmin, ymin, xmax, ymax = geometry.bounds
    return xmin < -180 or xmax > 180 or ymin < -90 or ymax > 90


def repair(geometry: shapely.Geometry) -> shapely.Geometry:
    """Make a polygon valid (keeping only its areas) with counter-clockwise shells."""
    fixed = shapely.make_valid(geometry)
    if fixed.geom_type == "GeometryCollection":
        polygons = [part for part in fixed.geoms if part.geom_type.endswith("Polygon")]
        fixed = shapely.union_all(polygons)
    return shapely.orient_polygons(fixed)


def read_districts(path: Path) -> CheckedFeatures:
    """Read a districts GeoJSON, checking each feature's properties and geometry.

    Invalid polygons are repaired with ``make_valid`` and reported as repairs;
    features that cannot be used are reported as problems naming the feature.
    """
    file = path.name
    problems: list[Problem] = []
    repairs: list[str] = []
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        message = f"is not readable GeoJSON: {error}"
    else:
        message = _shape_problem(collection)
    if message:
        empty = gpd.GeoDataFrame(geometry=[], crs=WGS84)
        return CheckedFeatures(empty, [Problem(file, "", "", message)], [])

    if crs_problem := _crs_problem(collection, file):
        problems.append(crs_problem)
    records = []
    seen: set[str] = set()
    for number, feature in enumerate(collection.get("features") or [], start=1):
        if not isinstance(feature, dict):
            problems.append(Problem(file, f"feature {number}", "", "is not an object"))
            continue
        properties = feature.get("properties") or {}
        if not isinstance(properties, dict):
            message = "is not an object of names and values"
            problems.append(Problem(file, f"feature {number}", "properties", message))
            continue
        district_id = str(properties.get("id") or "").strip()
        where = f"feature {number}" + (f" '{district_id}'" if district_id else "")

        def report(field: str, message: str, where: str = where) -> None:
            problems.append(Problem(file, where, field, message))

        for field in ("id", "name_en"):
            if not str(properties.get(field) or "").strip():
                report(field, "is empty")
        if district_id in seen:
            report("id", f"'{district_id}' is used by an earlier feature")
        seen.add(district_id)
        kind = str(properties.get("kind") or FeatureKind.DISTRICT)
        if kind not in set(FeatureKind):
            report("kind", f"'{kind}' is not one of: {', '.join(FeatureKind)}")
            continue
        try:
            geometry = shape(feature["geometry"])
        except (
            KeyError,
            TypeError,
            ValueError,
            AttributeError,
            shapely.errors.ShapelyError,
        ) as error:
            report("geometry", f"cannot be read ({error or 'missing'})")
            continue
        if geometry.is_empty:
            report("geometry", "is empty")
            continue
        if not np.isfinite(shapely.get_coordinates(geometry)).all():
            report("geometry", "has coordinates that are not finite numbers")
            continue
        if geometry.geom_type not in _SHAPES[FeatureKind(kind)]:
            allowed = " or ".join(sorted(_SHAPES[FeatureKind(kind)]))
            report(
                "geometry", f"a {kind} must be a {allowed}, not {geometry.geom_type}"
            )
            continue
        if _out_of_range(geometry):
            report(
                "geometry",
                "coordinates are outside lon/lat range; is the file "
                "projected or are latitude and longitude swapped?",
            )
            continue
        if not geometry.is_valid:
            reason = shapely.is_valid_reason(geometry)
            geometry = repair(geometry)
            repairs.append(f"{file} ({where}): repaired invalid geometry ({reason})")
        elif kind == FeatureKind.DISTRICT:
            geometry = shapely.orient_polygons(geometry)
        precision = properties.get("precision_m")
        if precision not in (None, "") and not str(precision).isdigit():
            report("precision_m", f"'{precision}' is not a whole number of metres")
            precision = None
        records.append(
            {
                "id": district_id,
                "name_en": str(properties.get("name_en") or "").strip(),
                "name_ar": str(properties.get("name_ar") or "").strip(),
                "aliases": str(properties.get("aliases") or "").strip(),
                "kind": kind,
                "precision_m": int(precision) if precision not in (None, "") else None,
                "basis": str(properties.get("basis") or "").strip(),
                "geometry": geometry,
            }
        )
    if not records and not problems:
        problems.append(Problem(file, "", "features", "has no features"))
    frame = pd.DataFrame.from_records(records, columns=[*DISTRICT_COLUMNS, "geometry"])
    districts = gpd.GeoDataFrame(frame, geometry="geometry", crs=WGS84)
    districts = districts.set_index("id", drop=False).rename_axis(None)
    return CheckedFeatures(districts, problems, repairs)
