"""What kind of outlines a city's districts have, and what readers are told about it.

The one home for the rule: the map's credits, the sidebar, the area and front-line
caveats and every export ask here, so a city drawn from a surveyed boundary file
is never called schematic and a schematic one always is. The kind is read from
each district's ``boundary`` property (``geo.status.Boundary``); landmarks, being
points, do not count.
"""

from enum import StrEnum

import geopandas as gpd

from geo.status import Boundary, FeatureKind


class BoundaryKind(StrEnum):
    """Whether the districts are schematic cells or boundaries from a survey."""

    SCHEMATIC = "schematic"
    SURVEYED = "surveyed"


SCHEMATIC_NOTE = "Schematic boundaries"
SURVEYED_NOTE = "Surveyed boundaries"
MIXED_NOTE = "Boundaries partly schematic"

_HOW_DRAWN = {
    BoundaryKind.SCHEMATIC: (
        f"{SCHEMATIC_NOTE}: each district is drawn around a reference point, not "
        "surveyed"
    ),
    BoundaryKind.SURVEYED: (
        f"{SURVEYED_NOTE}: each district's outline comes from the city's own "
        "boundary file"
    ),
    None: (
        f"{MIXED_NOTE}: districts marked schematic are drawn around a reference "
        "point, not surveyed; the others come from the city's own boundary file"
    ),
}


def district_polygons(districts: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The districts proper, without the landmarks' points."""
    if "kind" not in districts:
        return districts
    return districts[districts["kind"] == FeatureKind.DISTRICT]


def boundary_kind(districts: gpd.GeoDataFrame) -> BoundaryKind | None:
    """The districts' boundary kind from their ``boundary`` column; None if mixed."""
    polygons = district_polygons(districts)
    kinds = set(polygons["boundary"]) if "boundary" in polygons else set()
    if kinds == {str(Boundary.SCHEMATIC)}:
        return BoundaryKind.SCHEMATIC
    if kinds and str(Boundary.SCHEMATIC) not in kinds:
        return BoundaryKind.SURVEYED
    return None


def boundary_note(districts: gpd.GeoDataFrame) -> str:
    """A few words on how the outlines were made, for credits and captions."""
    kind = boundary_kind(districts)
    if kind == BoundaryKind.SCHEMATIC:
        return SCHEMATIC_NOTE
    if kind == BoundaryKind.SURVEYED:
        return SURVEYED_NOTE
    return MIXED_NOTE


def how_drawn(districts: gpd.GeoDataFrame) -> str:
    """One sentence, without its full stop, on how the outlines were made.

    Starts with ``boundary_note``'s words, so every export says the same.
    """
    return _HOW_DRAWN[boundary_kind(districts)]
