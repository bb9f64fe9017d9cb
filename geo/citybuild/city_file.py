"""The ``city.toml`` of a new city, with the map view that shows all its districts."""

import json
import math
from collections.abc import Sequence
from datetime import date

import geopandas as gpd

from geo.citybuild.checks import COORDINATE_GRID
from geo.citybuild.inputs import CitySettings
from geo.colours import Actor
from geo.frontline import district_polygons

MapView = tuple[tuple[float, float], int]
"""A map's (lat, lon) centre and zoom level."""

_TILE_PX = 256
_MAP_WIDTH_PX = 800
_ZOOM_RANGE = (3, 17)
_CENTRE_DECIMALS = 4
NO_DISTRICTS_VIEW: MapView = ((0.0, 0.0), _ZOOM_RANGE[0])
"""The view of a city with no districts; such a city is never written."""


def map_view(districts: gpd.GeoDataFrame) -> MapView:
    """The map's (lat, lon) centre and the zoom that shows every district at once.

    The zoom is the largest at which the districts' extent fits a map about
    800 px wide in Web Mercator, where a degree of latitude is longer by
    1 / cos(latitude).
    """
    polygons = district_polygons(districts)
    west, south, east, north = (
        polygons if not polygons.empty else districts
    ).total_bounds
    centre_lat, centre_lon = (south + north) / 2, (west + east) / 2
    stretch = 1 / math.cos(math.radians(centre_lat))
    span = max(east - west, (north - south) * stretch, COORDINATE_GRID)
    zoom = math.floor(math.log2(_MAP_WIDTH_PX * 360 / (_TILE_PX * span)))
    low, high = _ZOOM_RANGE
    centre = (round(centre_lat, _CENTRE_DECIMALS), round(centre_lon, _CENTRE_DECIMALS))
    return centre, min(max(zoom, low), high)


def _toml_text(value: str) -> str:
    """A TOML basic string: JSON's string escapes are valid TOML."""
    return json.dumps(value, ensure_ascii=False)


def city_toml(
    settings: CitySettings,
    actors: Sequence[Actor],
    days: tuple[date, date, date],
    view: MapView,
) -> str:
    """The ``city.toml`` of a new city, with a note asking the user to review it."""
    first_day, last_day, default_day = days
    (lat, lon), zoom = view
    lines = [
        "# Written by the city builder (geo/citybuild). Review it: actor labels",
        "# and colours, the days and the map view are suggestions taken from the",
        "# files given, and the credits should name who made the boundaries.",
        f"name = {_toml_text(settings.name.strip())}",
        f"title = {_toml_text(settings.title.strip() or settings.name.strip())}",
        f'first_day = "{first_day.isoformat()}"',
        f'last_day = "{last_day.isoformat()}"',
        f'default_day = "{default_day.isoformat()}"',
        "assessment_outranks_claim = false",
        "",
        "[map]",
        f"center = [{lat}, {lon}]",
        f"zoom = {zoom}",
    ]
    for actor in actors:
        lines += [
            "",
            "[[actors]]",
            f"id = {_toml_text(actor.id)}",
            f"label = {_toml_text(actor.label)}",
            f'colour = "{actor.colour}"',
        ]
    lines += ["", "[credits]", f"text = {_toml_text(settings.credits.strip())}", ""]
    return "\n".join(lines)
