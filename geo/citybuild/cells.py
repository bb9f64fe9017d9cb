"""Schematic districts: the Voronoi cell around each named point, clipped.

The cells are computed in metres in the points' UTM zone and fill an outline
polygon, or a buffer around the points, exactly and without overlapping.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from geo.citybuild.checks import no_districts, snapped_and_checked, with_boundaries
from geo.citybuild.inputs import SETTINGS, SourceFile
from geo.citybuild.points import distinct_seeds, placed_points, points_table
from geo.geometry import (
    DISTRICT_COLUMNS,
    WGS84,
    CheckedFeatures,
    RawFeature,
    check_features,
    coordinate_problem,
    read_geojson,
    repair,
)
from geo.problems import Problem
from geo.projections import metric_crs
from geo.report_csv import TextEncoding
from geo.schema import row_location
from geo.status import Boundary, FeatureKind

MAX_BUFFER_M = 20_000.0
"""Largest buffer around the points: a city, not a province."""


@dataclass(frozen=True)
class _Clip:
    """What the cells fill, in the metric CRS: an outline, or discs around the points.

    ``outline`` is None for a buffer. Each cell is then cut by its own point's
    disc alone: ground in the cell is nearer to that point than to any other, so
    if it lies within any point's disc it lies within its own.
    """

    outline: shapely.Geometry | None
    buffer_m: float
    description: str
    problems: list[Problem]


def _refused_clip(problems: list[Problem]) -> _Clip:
    return _Clip(None, 0.0, "", problems)


def _outline_clip(outline: SourceFile, crs: CRS) -> _Clip:
    content = read_geojson(outline.data, outline.name)
    problems = list(content.problems)
    try:
        declared = CRS.from_user_input(content.crs_name or WGS84)
    except CRSError:
        message = f"names '{content.crs_name}', not a CRS pyproj knows"
        return _refused_clip([Problem(outline.name, "crs", "", message)])
    parts = []
    for feature in content.features:
        geometry = feature.geometry
        if geometry is None or geometry.geom_type not in ("Polygon", "MultiPolygon"):
            kind = "nothing" if geometry is None else geometry.geom_type
            problems.append(
                Problem(
                    outline.name,
                    feature.location,
                    "geometry",
                    f"an outline must be a Polygon or MultiPolygon, not {kind}",
                )
            )
            continue
        moved = gpd.GeoSeries([geometry], crs=declared).to_crs(WGS84).iloc[0]
        if reason := coordinate_problem(moved):
            problems.append(Problem(outline.name, feature.location, "geometry", reason))
            continue
        parts.append(moved if moved.is_valid else repair(moved))
    if not parts and not problems:
        problems.append(Problem(outline.name, "", "features", "has no polygon"))
    if problems:
        return _refused_clip(problems)
    area = gpd.GeoSeries([shapely.union_all(parts)], crs=WGS84).to_crs(crs).iloc[0]
    shapely.prepare(area)
    return _Clip(area, 0.0, f"clipped to the outline in {outline.name}", [])


def _clip(outline: SourceFile | None, buffer_m: float | None, crs: CRS) -> _Clip:
    if (outline is None) == (buffer_m is None):
        message = "give either an outline or a buffer in metres, not both or neither"
        return _refused_clip([Problem(SETTINGS, "", "outline/buffer", message)])
    if outline is not None:
        return _outline_clip(outline, crs)
    if buffer_m is None or not 0 < buffer_m <= MAX_BUFFER_M:
        message = f"{buffer_m} m is not between 0 and {MAX_BUFFER_M:,.0f} m"
        return _refused_clip([Problem(SETTINGS, "", "buffer", message)])
    return _Clip(None, buffer_m, f"clipped to {buffer_m:,.0f} m around the points", [])


def _cells(seeds: list[shapely.Point], clip: _Clip) -> list[shapely.Geometry]:
    """The Voronoi cell of each seed (same order), clipped to the outline or disc."""
    reach = (
        clip.outline
        if clip.outline is not None
        else shapely.MultiPoint(seeds).envelope.buffer(
            clip.buffer_m, join_style="mitre"
        )
    )
    cells = np.array(
        [reach]
        if len(seeds) == 1
        else list(
            shapely.voronoi_polygons(
                shapely.MultiPoint(seeds), extend_to=reach, ordered=True
            ).geoms
        )
    )
    if clip.outline is None:
        discs = shapely.buffer(np.array(seeds), clip.buffer_m)
        return list(shapely.intersection(cells, discs))
    inside = shapely.contains_properly(clip.outline, cells)
    return [
        cell if within else shapely.intersection(cell, clip.outline)
        for cell, within in zip(cells, inside, strict=True)
    ]


def schematic_districts(
    points: SourceFile,
    *,
    encoding: TextEncoding = TextEncoding.UTF_8,
    outline: SourceFile | None = None,
    buffer_m: float | None = None,
) -> CheckedFeatures:
    """Schematic districts: the Voronoi cell of each named point, clipped.

    Cells fill ``outline`` (a GeoJSON polygon) or a ``buffer_m`` buffer around the
    points exactly, without overlapping, computed in metres in the points' UTM
    zone. Rows of kind ``landmark`` stay points. Each feature records how it was
    made (``boundary``, ``boundary_method``).
    """
    file = points.name
    table, problems = points_table(points, encoding)
    if table is None:
        return no_districts(problems)
    rows = dict(zip(table.index, table.to_dict("records"), strict=True))
    kinds = {index: row["kind"] or FeatureKind.DISTRICT for index, row in rows.items()}
    placed, refused = placed_points(table)
    if not placed:
        checked = snapped_and_checked(
            _checked_rows(rows, {}, refused, file, "", kinds), file
        )
        return replace(checked, problems=problems + checked.problems)
    lonlat = gpd.GeoSeries([shapely.Point(p) for p in placed.values()], crs=WGS84)
    crs = metric_crs(gpd.GeoDataFrame(geometry=lonlat))
    seeds, doubles = distinct_seeds(
        dict(zip(placed, lonlat.to_crs(crs), strict=True)),
        kinds,
        {index: row["id"] for index, row in rows.items()},
    )
    refused |= doubles
    clip = _clip(outline, buffer_m, crs)
    if clip.problems:
        return no_districts(problems + clip.problems)
    if clip.outline is not None:
        for index, point in list(seeds.items()):
            if not clip.outline.covers(point):
                refused[index] = ("lat/lon", "lies outside the outline")
                del seeds[index]
    geometries: dict[int, shapely.Geometry] = {
        index: shapely.Point(point)
        for index, point in placed.items()
        if kinds[index] != FeatureKind.DISTRICT
    }
    if seeds:
        cells = gpd.GeoSeries(_cells(list(seeds.values()), clip), crs=crs)
        geometries |= dict(zip(seeds, cells.to_crs(WGS84), strict=True))
    checked = snapped_and_checked(
        _checked_rows(rows, geometries, refused, file, clip.description, kinds), file
    )
    return replace(checked, problems=problems + checked.problems)


def _checked_rows(
    rows: Mapping[int, Mapping[str, str]],
    geometries: Mapping[int, shapely.Geometry],
    refused: Mapping[int, tuple[str, str]],
    file: str,
    clip_description: str,
    kinds: Mapping[int, str],
) -> CheckedFeatures:
    """The points file's rows as checked features, each saying how it was made."""
    features = []
    boundaries: dict[str, tuple[Boundary, str]] = {}
    for index, row in rows.items():
        where = row_location(index)
        if kinds[index] == FeatureKind.DISTRICT:
            method = f"Voronoi cell around the point of {file} {where}, "
            boundaries[row["id"]] = (Boundary.SCHEMATIC, method + clip_description)
        else:
            boundaries[row["id"]] = (Boundary.SUPPLIED, f"point of {file} {where}")
        field, message = refused.get(index, ("geometry", "is missing"))
        properties = {column: row.get(column, "") for column in DISTRICT_COLUMNS}
        features.append(
            RawFeature(where, properties, geometries.get(index), message, field)
        )
    return with_boundaries(check_features(features, file), boundaries)
