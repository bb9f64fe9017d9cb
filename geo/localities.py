"""Where a district lies, in words, to tell apart districts that share a name.

A district's locality is its part of the city (centre, north, south-west, ...)
and the neighbours it shares the longest borders with: "north-west, beside
Ansari and Salah al-Din". Pickers and messages add it where a name alone would
leave the reader guessing between several districts.
"""

import math
from collections import Counter
from collections.abc import Mapping, Sequence

import geopandas as gpd

from geo.frontline import district_polygons, projected_districts, shared_borders

COMPASS = (
    "east",
    "north-east",
    "north",
    "north-west",
    "west",
    "south-west",
    "south",
    "south-east",
)
"""Compass parts counter-clockwise from east, as angles are measured."""
CENTRE_SHARE = 0.2
"""A district this close to the middle, as a share of the farthest one's distance,
lies in the centre."""
NEIGHBOURS_NAMED = 2
LANDMARK = "a landmark"
"""A landmark's locality: it is a point, with no part of the city of its own."""


def _label(districts: gpd.GeoDataFrame, district_id: str) -> str:
    """A district's English name, and its local name when it has one."""
    english, local = districts.loc[district_id, ["name_en", "name_ar"]]
    return f"{english} · {local}" if local and local != english else str(english)


def _parts_of_city(projected: gpd.GeoDataFrame) -> dict[str, str]:
    west, south, east, north = projected.total_bounds
    middle_x, middle_y = (west + east) / 2, (south + north) / 2
    points = projected.geometry.representative_point()
    offsets = {
        key: (point.x - middle_x, point.y - middle_y) for key, point in points.items()
    }
    farthest = max((math.hypot(*offset) for offset in offsets.values()), default=0.0)
    parts = {}
    for key, (dx, dy) in offsets.items():
        if math.hypot(dx, dy) <= CENTRE_SHARE * farthest:
            parts[key] = "centre"
            continue
        sector = round(math.degrees(math.atan2(dy, dx)) / 45) % len(COMPASS)
        parts[key] = COMPASS[sector]
    return parts


def district_localities(districts: gpd.GeoDataFrame) -> dict[str, str]:
    """Each district polygon's part of the city and its main neighbours, by id."""
    polygons = district_polygons(districts)
    if polygons.empty:
        return {}
    parts = _parts_of_city(projected_districts(polygons))
    borders = shared_borders(polygons)
    borders = borders.assign(length=borders.length).sort_values(
        "length", ascending=False
    )
    beside: dict[str, list[str]] = {key: [] for key in parts}
    for first, second in zip(borders["district_a"], borders["district_b"], strict=True):
        beside[first].append(second)
        beside[second].append(first)
    localities = {}
    for key, part in parts.items():
        names = [
            str(polygons.loc[other, "name_en"])
            for other in beside[key][:NEIGHBOURS_NAMED]
        ]
        localities[key] = f"{part}, beside {' and '.join(names)}" if names else part
    return localities


def picker_labels(districts: gpd.GeoDataFrame) -> dict[str, str]:
    """Each district's name for a picker, told apart where several read the same.

    Those get where each lies and its id: "Hamdaniya (south-west, beside
    Ramousah; 93)".
    """
    labels = {key: _label(districts, key) for key in districts.index}
    counts = Counter(labels.values())
    localities = (
        district_localities(districts) if max(counts.values(), default=0) > 1 else {}
    )
    return {
        key: f"{label} ({localities.get(key, LANDMARK)}; {key})"
        if counts[label] > 1
        else label
        for key, label in labels.items()
    }


def shared_name_message(
    name: str,
    ids: Sequence[str],
    districts: gpd.GeoDataFrame,
    localities: Mapping[str, str],
) -> str:
    """Why ``name`` cannot be filed: which districts share it and where each lies.

    ``localities`` are the ``district_localities`` of ``districts``.
    """
    choices = "; ".join(
        f"{key} ({_label(districts, key)}, {localities.get(key, LANDMARK)})"
        for key in ids
    )
    return (
        f"'{name}' names {len(ids)} districts: {choices}. Write the id of the one "
        "the source means"
    )
