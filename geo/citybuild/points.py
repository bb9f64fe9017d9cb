"""A CSV of named points: each row's place, or the field and reason that refuse it."""

import math
import re
from collections.abc import Mapping

import pandas as pd
import shapely

from geo.citybuild.extent import CITY_EXTENT_KM, LATITUDE_LIMIT, far_places
from geo.citybuild.inputs import (
    MAX_FEATURES,
    SourceFile,
    oversize_problem,
    too_many_features_problem,
)
from geo.problems import Problem, missing_columns_problem
from geo.report_csv import TextEncoding, read_text_table
from geo.schema import row_location
from geo.status import FeatureKind

POINT_COLUMNS = (
    "id",
    "name_en",
    "name_ar",
    "aliases",
    "lat",
    "lon",
    "kind",
    "precision_m",
    "basis",
)
REQUIRED_POINT_COLUMNS = ("id", "name_en", "lat", "lon")
SAME_POINT_M = 1.0
"""Two points closer than this are one place: they cannot each get a cell."""
_LONGITUDE_LIMIT = 180.0


def points_table(
    points: SourceFile, encoding: TextEncoding
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The points file as text cells, every one of ``POINT_COLUMNS`` present.

    None (with the problems) when the file cannot be read, lacks a required
    column, holds no points or more than ``MAX_FEATURES``.
    """
    if big := oversize_problem(len(points.data), points.name):
        return None, [big]
    table, _, problems = read_text_table(
        points.data, encoding=encoding, file=points.name, columns=POINT_COLUMNS
    )
    if table is None:
        return None, problems
    missing = [column for column in REQUIRED_POINT_COLUMNS if column not in table]
    if missing:
        return None, [*problems, missing_columns_problem(points.name, missing)]
    if len(table) > MAX_FEATURES:
        return None, [too_many_features_problem(len(table), points.name)]
    if table.empty:
        return None, [Problem(points.name, "", "", "has a header but no points")]
    for column in POINT_COLUMNS:
        if column not in table:
            table[column] = ""
    return table, problems


def _degrees(text: str, limit: float) -> float | str:
    """A coordinate cell as decimal degrees, or what is wrong with it."""
    if not text:
        return "is empty"
    try:
        value = float(text)
    except ValueError:
        if re.fullmatch(r"-?\d+,\d+", text):
            return f"'{text}' uses a decimal comma; write {text.replace(',', '.')}"
        return f"'{text}' is not a number of decimal degrees"
    if not math.isfinite(value):
        return f"'{text}' is not a number of decimal degrees"
    if abs(value) > limit:
        return f"{value:g} is outside -{limit:g}..{limit:g}"
    return value


def _point_of(lat_text: str, lon_text: str) -> tuple[float, float] | tuple[str, str]:
    """(lon, lat) of a points row, or (field, message) saying what is wrong."""
    lat = _degrees(lat_text, _LONGITUDE_LIMIT)
    lon = _degrees(lon_text, _LONGITUDE_LIMIT)
    if isinstance(lat, str) or isinstance(lon, str):
        if isinstance(lat, str) and isinstance(lon, str):
            return "lat/lon", f"lat {lat}; lon {lon}"
        return ("lat", lat) if isinstance(lat, str) else ("lon", lon)
    if abs(lat) > LATITUDE_LIMIT:
        hint = (
            "; latitude and longitude look swapped"
            if abs(lon) <= LATITUDE_LIMIT
            else ""
        )
        return "lat", f"{lat:g} is outside -90..90{hint}"
    return lon, lat


def placed_points(
    table: pd.DataFrame,
) -> tuple[dict[int, tuple[float, float]], dict[int, tuple[str, str]]]:
    """Each row's (lon, lat), or the (field, message) that refuses it."""
    placed: dict[int, tuple[float, float]] = {}
    refused: dict[int, tuple[str, str]] = {}
    for index, lat, lon in zip(table.index, table["lat"], table["lon"], strict=True):
        point = _point_of(lat, lon)
        if isinstance(point[0], str):
            refused[index] = point
        else:
            placed[index] = point
    indexes = list(placed)
    for place in far_places(list(placed.values()), CITY_EXTENT_KM):
        index = indexes[place.position]
        refused[index] = ("lat/lon", place.message(CITY_EXTENT_KM))
        del placed[index]
    return placed, refused


def distinct_seeds(
    metric: Mapping[int, shapely.Point],
    kinds: Mapping[int, str],
    ids: Mapping[int, str],
) -> tuple[dict[int, shapely.Point], dict[int, tuple[str, str]]]:
    """The district rows' points; a second row at the same place is refused."""
    seeds: dict[int, shapely.Point] = {}
    refused: dict[int, tuple[str, str]] = {}
    first_at: dict[tuple[int, int], int] = {}
    for index, point in metric.items():
        if kinds[index] != FeatureKind.DISTRICT:
            continue
        spot = (round(point.x / SAME_POINT_M), round(point.y / SAME_POINT_M))
        if spot in first_at:
            earlier = first_at[spot]
            refused[index] = (
                "lat/lon",
                f"is the same place as {row_location(earlier)} ('{ids[earlier]}'); "
                "each district needs its own point",
            )
            continue
        first_at[spot] = index
        seeds[index] = point
    return seeds, refused
