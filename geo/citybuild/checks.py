"""Checks only a new city needs, whichever way its districts were made.

On top of ``geo.geometry.check_features``: coordinates snapped to the grid they are
written on, districts that share ground, and how districts were found to be
neighbours (streets bridged, districts left alone). Places far from the others are
``geo.citybuild.extent``'s.
"""

from collections.abc import Mapping, Sequence
from dataclasses import replace

import geopandas as gpd
import numpy as np
import shapely

from geo.frontline import BORDER_TOLERANCE_M, district_polygons, neighbours
from geo.geometry import WGS84, CheckedFeatures
from geo.problems import Problem
from geo.projections import metric_crs
from geo.status import Boundary, FeatureKind

COORDINATE_GRID = 1e-6
"""Written coordinates are snapped to 6 decimals of a degree (about 0.1 m)."""
OVERLAP_WIDTH_TOLERANCE_M = 5.0
"""Overlaps thinner than this on average are digitising slivers and are accepted;
thicker ones mean two districts claim the same ground."""
MIN_OVERLAP_M2 = 1.0
OVERLAP_TRIM_SHARE = 0.02
"""Overlaps smaller than this share of the smaller district come from simplifying
or digitising: they are cut out of it, with a note; larger ones are refused."""
NAMES_LISTED = 10
"""Most districts a note names one by one; the rest are counted."""


def no_districts(problems: list[Problem]) -> CheckedFeatures:
    """No districts at all, and the problems that say why."""
    return CheckedFeatures(gpd.GeoDataFrame(geometry=[], crs=WGS84), problems, [])


def with_boundaries(
    checked: CheckedFeatures, boundaries: Mapping[str, tuple[Boundary, str]]
) -> CheckedFeatures:
    """The districts with ``boundary`` and ``boundary_method``, looked up by id."""
    districts = checked.districts.assign(
        boundary=[str(boundaries[key][0]) for key in checked.districts.index],
        boundary_method=[boundaries[key][1] for key in checked.districts.index],
    )
    return replace(checked, districts=districts)


def snapped_and_checked(checked: CheckedFeatures, file: str) -> CheckedFeatures:
    """Snap to the written grid, then refuse what vanished and what overlaps."""
    districts = checked.districts
    if districts.empty:
        return checked
    snapped = shapely.set_precision(districts.geometry.values, COORDINATE_GRID)
    districts = districts.set_geometry(
        gpd.GeoSeries(snapped, index=districts.index, crs=WGS84)
    )
    districts = districts.set_geometry(
        [
            shapely.orient_polygons(geometry)
            if kind == FeatureKind.DISTRICT
            else geometry
            for geometry, kind in zip(
                districts.geometry, districts["kind"], strict=True
            )
        ],
        crs=WGS84,
    )
    problems = [
        Problem(
            file,
            checked.locations.get(key, key),
            "geometry",
            "is smaller than the written grid of 6 decimals (about 0.1 m)",
        )
        for key, geometry in districts.geometry.items()
        if geometry.is_empty
    ]
    districts = districts[~districts.geometry.is_empty]
    overlaps, trims = overlap_problems(districts, checked.locations, file)
    districts, repairs = _trimmed(districts, trims, checked.locations, file)
    return replace(
        checked,
        districts=districts,
        problems=checked.problems + problems + overlaps,
        repairs=checked.repairs + repairs,
    )


def _trimmed(
    districts: gpd.GeoDataFrame,
    trims: Mapping[str, str],
    locations: Mapping[str, str],
    file: str,
) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Districts with each small overlap cut out of the smaller one, and the notes."""
    if not trims:
        return districts, []
    geometry = districts.geometry.copy()
    repairs = []
    for smaller, larger in trims.items():
        cut = shapely.difference(geometry[smaller], districts.geometry[larger])
        geometry[smaller] = shapely.orient_polygons(
            shapely.set_precision(cut, COORDINATE_GRID)
        )
        repairs.append(
            f"{file} ({locations.get(smaller, smaller)}): the ground it shared with "
            f"{locations.get(larger, larger)} was left to that district (under "
            f"{OVERLAP_TRIM_SHARE:.0%} of its own area: a digitising overlap)"
        )
    return districts.set_geometry(geometry), repairs


def overlap_problems(
    districts: gpd.GeoDataFrame, locations: Mapping[str, str], file: str
) -> tuple[list[Problem], dict[str, str]]:
    """Problems with districts sharing ground, and small overlaps to cut.

    One problem per pair, measured in metres; a cut is the smaller district's id
    and the other's. Overlaps thinner than ``OVERLAP_WIDTH_TOLERANCE_M`` on
    average (area over half the perimeter) are slivers from digitising and pass;
    those under ``OVERLAP_TRIM_SHARE`` of the smaller district (a simplified
    file's) are left to the larger one.
    """
    polygons = district_polygons(districts)
    if len(polygons) < 2:
        return [], {}
    metric = polygons.to_crs(metric_crs(polygons))
    geometries = np.asarray(metric.geometry.values)
    left, right = shapely.STRtree(geometries).query(geometries, predicate="intersects")
    pairs = left < right
    left, right = left[pairs], right[pairs]
    shared = shapely.intersection(geometries[left], geometries[right])
    areas = shapely.area(shared)
    widths = np.divide(
        2 * areas,
        shapely.length(shared),
        out=np.zeros_like(areas),
        where=areas > 0,
    )
    problems = []
    trims: dict[str, str] = {}
    keys = list(metric.index)
    for first, second, area, width in zip(left, right, areas, widths, strict=True):
        if area <= MIN_OVERLAP_M2 or width <= OVERLAP_WIDTH_TOLERANCE_M:
            continue
        small, large = sorted((first, second), key=lambda key: geometries[key].area)
        smaller = geometries[small].area
        if area <= OVERLAP_TRIM_SHARE * smaller and keys[small] not in trims:
            trims[keys[small]] = keys[large]
            continue
        problems.append(
            Problem(
                file,
                locations.get(keys[first], keys[first]),
                "geometry",
                f"overlaps {locations.get(keys[second], keys[second])} by "
                f"{area:,.0f} m² ({area / smaller:.0%} of the smaller); each "
                "place must belong to one district",
            )
        )
    return problems, trims


def listed_names(districts: gpd.GeoDataFrame, ids: Sequence[str]) -> str:
    """Districts as "Name (id)", at most ``NAMES_LISTED`` of them, then a count."""
    shown = [
        f"{districts.loc[key, 'name_en']} ({key})"
        if districts.loc[key, "name_en"] != key
        else str(key)
        for key in ids[:NAMES_LISTED]
    ]
    if len(ids) > NAMES_LISTED:
        shown.append(f"and {len(ids) - NAMES_LISTED:,} more")
    return ", ".join(shown)


def neighbour_notes(
    districts: gpd.GeoDataFrame, street_width_m: float | None = None
) -> list[str]:
    """What the user should know about which districts count as neighbours.

    Front lines run only between neighbours: say which street width was used and
    whether the user stated it or it was worked out from the data, and name
    every district left without a neighbour.
    """
    polygons = district_polygons(districts)
    if len(polygons) < 2:
        return []
    found = neighbours(polygons, street_width_m)
    notes = []
    if found.stated:
        bridged = (
            f"streets up to {found.widest_gap_m:.0f} m wide were bridged"
            if found.widest_gap_m > BORDER_TOLERANCE_M
            else "no street needed bridging"
        )
        notes.append(
            f"Street width as stated: {street_width_m:g} m, so districts within "
            f"{found.tolerance_m:g} m of each other count as neighbours; "
            f"{bridged}."
        )
    elif found.tolerance_m > BORDER_TOLERANCE_M:
        notes.append(
            f"The districts do not touch: streets up to {found.widest_gap_m:.0f} m "
            "wide lie between neighbours and were bridged (districts within "
            f"{found.tolerance_m:.0f} m of each other count as neighbours, a width "
            "worked out from the gaps in the data; state the street width to "
            "change it); front lines run down the middle of the street."
        )
    if found.isolated:
        count = len(found.isolated)
        notes.append(
            f"{count:,} district{'s have' if count != 1 else ' has'} no neighbour "
            f"within {found.tolerance_m:.0f} m, so no front line can reach "
            f"{'them' if count != 1 else 'it'}: "
            f"{listed_names(polygons, found.isolated)}. Check that they belong to "
            "this city and that their outlines are right."
        )
    return notes
