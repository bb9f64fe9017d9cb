"""Front lines and territory on a day, measured in metres in the city's UTM zone.

A front line is where a district held by one side meets a district held by
another actor, or a contested or disputed one. Districts with no report draw no
line: silence is not a front. The day's control always comes from
``geo.resolution.control_on``; this module only adds geometry.

Districts may share their edges only approximately (a real city's polygons leave
slivers and overlaps, neighbourhood files leave the streets out; schematic Voronoi
cells share exact edges). Two districts meet where their boundaries come within a
tolerance of each other: ``BORDER_TOLERANCE_M`` when the districts touch, wider
when the data shows streets between them (``neighbours``), or the street width
the city states (``street_width_m`` in ``city.toml``'s ``[map]``) plus
``BORDER_TOLERANCE_M``. Where their boundaries
coincide, the shared line is exactly the common part. Across a sliver it is the
part of one district's boundary within the tolerance of the other; across a
street it runs down the middle of the street. Either can run up to about the
tolerance past each of its true ends.
"""

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.city import City
from geo.geometry import WGS84
from geo.projections import metric_crs
from geo.resolution import control_on
from geo.status import Control, FeatureKind

BORDER_TOLERANCE_M = 2.0
"""Boundaries closer than this (metres) count as shared: covers slivers and
rounding (6 decimals of a degree is about 0.1 m) without joining real gaps."""

MAX_STREET_WIDTH_M = 40.0
"""The widest gap between districts ever bridged: a boulevard. Districts further
apart are separate places, whatever the data's other gaps."""

MAX_STATED_STREET_WIDTH_M = 200.0
"""The widest street a city may state: wider than any avenue, so a larger number
is a slip (kilometres for metres, a missing decimal point), not a street."""

STREET_GAP_QUANTILE = 0.95
"""Share of districts whose gap to their nearest neighbour sets the tolerance; the
rest (an outlying village, a park) may stay without a neighbour and are named."""

STREET_MARGIN = 1.5
"""The tolerance is this many times the usual widest gap, so a street a little
wider than any district's nearest gap is bridged too."""

CORNER_FACTOR = 4.0
"""Districts whose shared line is shorter than this many tolerances only touch at
a corner: they are not neighbours and draw no front line."""

_SQUARE_METRES_PER_KM2 = 1_000_000.0
_SIDES_WITHOUT_ACTOR = (Control.CONTESTED, Control.DISPUTED)


def district_polygons(districts: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The area features of a city (landmarks are points and are left out)."""
    if "kind" not in districts.columns:
        return districts
    return districts[districts["kind"] == FeatureKind.DISTRICT]


def side_of(control: str, actor: str) -> str | None:
    """The side a district takes in a front: its actor id if held, else its control.

    Only held, contested and disputed districts take a side; no report gives None.
    """
    if control == Control.HELD:
        return actor
    if control in _SIDES_WITHOUT_ACTOR:
        return str(control)
    return None


def _side_order(city: City) -> dict[str, int]:
    actor_ids = [actor.id for actor in city.actors]
    clashes = sorted(set(actor_ids) & {str(control) for control in Control})
    if clashes:
        raise ValueError(
            f"city.toml actors: id '{clashes[0]}' is also a control word; "
            "rename the actor so front lines can name their sides"
        )
    return {
        side: rank
        for rank, side in enumerate([*actor_ids, *map(str, _SIDES_WITHOUT_ACTOR)])
    }


def _linear_part(geometry: shapely.Geometry) -> shapely.Geometry:
    """Keep only the lines of an intersection (drop stray points)."""
    parts = shapely.get_parts(geometry)
    lines = [part for part in parts if part.geom_type in ("LineString", "LinearRing")]
    return (
        shapely.line_merge(shapely.union_all(lines)) if lines else shapely.LineString()
    )


def _geometry_key(
    districts: gpd.GeoDataFrame,
) -> tuple[tuple[str, ...], tuple[bytes, ...]]:
    polygons = district_polygons(districts)
    return tuple(polygons.index), tuple(shapely.to_wkb(polygons.geometry.to_numpy()))


@lru_cache(maxsize=16)
def _projected(ids: tuple[str, ...], wkb: tuple[bytes, ...]) -> gpd.GeoDataFrame:
    polygons = gpd.GeoDataFrame(
        {"district_id": ids},
        geometry=shapely.from_wkb(list(wkb)),
        crs=WGS84,
        index=list(ids),
    )
    return polygons.to_crs(metric_crs(polygons))


def projected_districts(districts: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The district polygons in the city's UTM zone, indexed by district id.

    Geometry does not change with the day, so the projection is done once per
    distinct set of district shapes and remembered.
    """
    return _projected(*_geometry_key(districts)).copy()


@lru_cache(maxsize=16)
def _derived_tolerance(ids: tuple[str, ...], wkb: tuple[bytes, ...]) -> float:
    shapes = _projected(ids, wkb).geometry.to_numpy()
    if len(shapes) < 2:
        return BORDER_TOLERANCE_M
    _, nearest_gaps = shapely.STRtree(shapes).query_nearest(
        shapes, exclusive=True, return_distance=True, all_matches=False
    )
    usual = float(np.quantile(nearest_gaps, STREET_GAP_QUANTILE, method="lower"))
    if usual <= BORDER_TOLERANCE_M:
        return BORDER_TOLERANCE_M
    return min(float(round(usual * STREET_MARGIN)), MAX_STREET_WIDTH_M)


def street_width_problem(width_m: object) -> str:
    """What is wrong with a stated street width, in the user's words; "" if nothing."""
    if not isinstance(width_m, int | float) or isinstance(width_m, bool):
        return f"{width_m!r} is not a number of metres"
    if not 0 <= width_m <= MAX_STATED_STREET_WIDTH_M:
        return (
            f"{width_m:g} m is not a street width: give 0 to "
            f"{MAX_STATED_STREET_WIDTH_M:g} m (0 when the districts touch)"
        )
    return ""


def stated_tolerance(street_width_m: float) -> float:
    """Metres within which districts are neighbours, for a stated street width.

    The street's width plus ``BORDER_TOLERANCE_M``, the slack every shared
    boundary gets, so a street exactly as wide as stated is bridged.
    """
    return float(street_width_m) + BORDER_TOLERANCE_M


def neighbour_tolerance(districts: gpd.GeoDataFrame) -> float:
    """Metres within which two districts' boundaries count as shared, from the data.

    ``BORDER_TOLERANCE_M`` when most districts touch (or nearly); otherwise the
    gap that separates most districts from their nearest neighbour (a street),
    times ``STREET_MARGIN``, never over ``MAX_STREET_WIDTH_M``.
    """
    return _derived_tolerance(*_geometry_key(districts))


def _middle_line(
    line: shapely.Geometry, other: shapely.Geometry, step_m: float
) -> shapely.Geometry:
    """The line half way between ``line`` and the outline ``other``, point by point.

    ``line`` is first given a point every ``step_m`` so the middle follows bends.
    """
    parts = []
    for part in shapely.get_parts(line):
        points = shapely.points(
            shapely.get_coordinates(shapely.segmentize(part, step_m))
        )
        halfway = shapely.line_interpolate_point(
            shapely.shortest_line(points, other), 0.5, normalized=True
        )
        coordinates = shapely.get_coordinates(halfway)
        if len(coordinates) >= 2:
            parts.append(shapely.LineString(coordinates))
    if not parts:
        return shapely.LineString()
    return shapely.line_merge(shapely.MultiLineString(parts))


@lru_cache(maxsize=16)
def _borders(
    ids: tuple[str, ...], wkb: tuple[bytes, ...], tolerance_m: float
) -> gpd.GeoDataFrame:
    projected = _projected(ids, wkb)
    shapes = projected.geometry.to_numpy()
    tree = shapely.STRtree(shapes)
    left, right = tree.query(shapes, predicate="dwithin", distance=tolerance_m)
    pair = left < right
    left, right = left[pair], right[pair]
    outlines = shapely.boundary(shapes)
    near = shapely.intersection(
        outlines[left], shapely.buffer(shapes[right], tolerance_m)
    )
    near = [_linear_part(line) for line in near]
    common = [
        _linear_part(line)
        for line in shapely.intersection(outlines[left], outlines[right])
    ]
    exact = shapely.covers(shapely.buffer(common, 1.5 * tolerance_m), near)
    if tolerance_m > BORDER_TOLERANCE_M:
        near = [
            _middle_line(line, outlines[other], tolerance_m)
            for line, other in zip(near, right, strict=True)
        ]
    borders = gpd.GeoDataFrame(
        {
            "district_a": [ids[index] for index in left],
            "district_b": [ids[index] for index in right],
            "gap_m": shapely.distance(shapes[left], shapes[right]),
        },
        geometry=[
            line if is_exact else fallback
            for line, fallback, is_exact in zip(common, near, exact, strict=True)
        ],
        crs=projected.crs,
    )
    is_border = borders.length > CORNER_FACTOR * tolerance_m
    return borders[is_border].reset_index(drop=True)


def _chosen_tolerance(
    key: tuple[tuple[str, ...], tuple[bytes, ...]],
    tolerance_m: float | None,
    street_width_m: float | None = None,
) -> float:
    """The tolerance asked for, else the stated street width's, else the derived."""
    if tolerance_m is not None:
        return float(tolerance_m)
    if street_width_m is not None:
        return stated_tolerance(street_width_m)
    return _derived_tolerance(*key)


def shared_borders(
    districts: gpd.GeoDataFrame, tolerance_m: float | None = None
) -> gpd.GeoDataFrame:
    """Every pair of neighbours, the gap between them and their line, in the UTM zone.

    The tolerance is ``neighbour_tolerance`` unless given. Computed once per
    distinct set of district shapes and tolerance, and remembered.
    """
    key = _geometry_key(districts)
    return _borders(*key, _chosen_tolerance(key, tolerance_m)).copy()


@dataclass(frozen=True)
class Neighbours:
    """How districts were found to be neighbours, for the user to check.

    ``tolerance_m``: boundaries closer than this count as shared;
    ``widest_gap_m``: the widest gap bridged between two neighbours (0 when all
    neighbours touch); ``isolated``: ids of districts with no neighbour;
    ``stated``: whether the tolerance comes from a stated street width rather
    than from the data.
    """

    tolerance_m: float
    widest_gap_m: float
    isolated: tuple[str, ...]
    stated: bool = False


def neighbours(
    districts: gpd.GeoDataFrame, street_width_m: float | None = None
) -> Neighbours:
    """The tolerance (stated or derived), what it bridges, who is left alone."""
    key = _geometry_key(districts)
    tolerance = _chosen_tolerance(key, None, street_width_m)
    borders = _borders(*key, tolerance)
    linked = set(borders["district_a"]) | set(borders["district_b"])
    return Neighbours(
        tolerance_m=tolerance,
        widest_gap_m=float(borders["gap_m"].max()) if len(borders) else 0.0,
        isolated=tuple(district for district in key[0] if district not in linked),
        stated=street_width_m is not None,
    )


def _metric_front(city: City, day: date, tolerance_m: float | None) -> gpd.GeoDataFrame:
    order = _side_order(city)
    key = _geometry_key(city.districts)
    borders = _borders(*key, _chosen_tolerance(key, tolerance_m, city.street_width_m))
    control = control_on(city, day)
    sides = {
        district: side_of(row.control, row.actor)
        for district, row in zip(control.index, control.itertuples(), strict=True)
    }
    rows: dict[tuple[str, str], list[shapely.Geometry]] = {}
    for district_a, district_b, line in zip(
        borders["district_a"], borders["district_b"], borders.geometry, strict=True
    ):
        side_a, side_b = sides.get(district_a), sides.get(district_b)
        if side_a is None or side_b is None or side_a == side_b:
            continue
        pair = tuple(sorted((side_a, side_b), key=order.__getitem__))
        if pair[0] in _SIDES_WITHOUT_ACTOR:
            continue
        rows.setdefault(pair, []).append(line)
    pairs = sorted(rows, key=lambda pair: (order[pair[0]], order[pair[1]]))
    lines = [shapely.line_merge(shapely.union_all(rows[pair])) for pair in pairs]
    front = gpd.GeoDataFrame(
        {
            "side_a": [pair[0] for pair in pairs],
            "side_b": [pair[1] for pair in pairs],
        },
        geometry=lines,
        crs=borders.crs,
    )
    front["length_m"] = front.length.astype(float)
    return front[["side_a", "side_b", "length_m", "geometry"]]


def frontline_on(
    city: City, day: date, *, tolerance_m: float | None = None
) -> gpd.GeoDataFrame:
    """The front lines on ``day``: one row per pair of sides that meet.

    ``side_a``/``side_b`` are actor ids, or "contested"/"disputed"; ``side_a`` is
    always held. Geometry is in EPSG:4326 for display; ``length_m`` was measured
    in the city's UTM zone. Districts meet within ``tolerance_m``, by default the
    city's stated street width's (``stated_tolerance``) or, if it states none,
    the ``neighbour_tolerance`` of its districts.
    """
    front = _metric_front(city, day, tolerance_m)
    return front.to_crs(WGS84)


@dataclass(frozen=True)
class FrontlineLength:
    """How long the front is on a day: in total and for each pair of sides."""

    total_m: float
    by_pair: pd.DataFrame


def frontline_length(
    city: City, day: date, *, tolerance_m: float | None = None
) -> FrontlineLength:
    """The front's length in metres on ``day``, total and per pair of sides.

    The total counts each stretch of line once, even where two pairs' lines touch.
    """
    front = _metric_front(city, day, tolerance_m)
    total = shapely.union_all(front.geometry.to_numpy()).length if len(front) else 0.0
    return FrontlineLength(
        total_m=float(total),
        by_pair=pd.DataFrame(front[["side_a", "side_b", "length_m"]]),
    )


def _connected_groups(
    members: set[str], links: list[tuple[str, str]]
) -> list[tuple[str, ...]]:
    """Split ``members`` into groups joined by ``links``, each group sorted."""
    group_of = {member: {member} for member in members}
    for first, second in links:
        if group_of[first] is not group_of[second]:
            merged = group_of[first] | group_of[second]
            for member in merged:
                group_of[member] = merged
    unique = {id(group): group for group in group_of.values()}
    return [tuple(sorted(group)) for group in unique.values()]


@dataclass(frozen=True)
class TerritoryPieces:
    """One actor's territory on a day, split into pieces that do not touch.

    ``pieces``: piece number (1 = largest), its districts, area and outline;
    ``gaps``: for every pair of pieces, the shortest distance in metres and the
    shortest connecting line. Geometry in EPSG:4326.
    """

    pieces: gpd.GeoDataFrame
    gaps: gpd.GeoDataFrame


def gaps_between_pieces(
    city: City,
    day: date,
    actor: str,
    *,
    tolerance_m: float | None = None,
) -> TerritoryPieces:
    """Split ``actor``'s held districts on ``day`` into pieces and measure the gaps.

    Districts held in full or in part both count. Districts sharing a border (the
    neighbours of ``shared_borders``) belong to one piece; districts touching only
    at a corner do not, and their gap is 0 m.
    """
    actor_ids = [known.id for known in city.actors]
    if actor not in actor_ids:
        raise ValueError(
            f"actor: '{actor}' is not one of the city's actors: {', '.join(actor_ids)}"
        )
    projected = projected_districts(city.districts)
    control = control_on(city, day)
    held = set(
        control.index[
            (control["control"] == Control.HELD) & (control["actor"] == actor)
        ]
    ) & set(projected.index)
    key = _geometry_key(city.districts)
    borders = _borders(*key, _chosen_tolerance(key, tolerance_m, city.street_width_m))
    groups = _connected_groups(
        held,
        [
            (first, second)
            for first, second in zip(
                borders["district_a"], borders["district_b"], strict=True
            )
            if first in held and second in held
        ],
    )
    shapes = [
        shapely.union_all(projected.loc[list(group)].geometry.to_numpy())
        for group in groups
    ]
    ranked = sorted(
        range(len(groups)), key=lambda index: (-shapes[index].area, groups[index])
    )
    pieces = gpd.GeoDataFrame(
        {
            "piece": range(1, len(ranked) + 1),
            "district_ids": [groups[index] for index in ranked],
            "area_km2": [
                shapes[index].area / _SQUARE_METRES_PER_KM2 for index in ranked
            ],
        },
        geometry=[shapes[index] for index in ranked],
        crs=projected.crs,
    )
    gap_rows = [
        {
            "piece_a": first + 1,
            "piece_b": second + 1,
            "distance_m": float(
                shapely.distance(
                    pieces.geometry.iloc[first], pieces.geometry.iloc[second]
                )
            ),
            "geometry": shapely.shortest_line(
                pieces.geometry.iloc[first], pieces.geometry.iloc[second]
            ),
        }
        for first in range(len(pieces))
        for second in range(first + 1, len(pieces))
    ]
    gaps = gpd.GeoDataFrame(
        gap_rows or None,
        columns=["piece_a", "piece_b", "distance_m", "geometry"],
        geometry="geometry",
        crs=projected.crs,
    )
    return TerritoryPieces(pieces=pieces.to_crs(WGS84), gaps=gaps.to_crs(WGS84))
