"""The ``city.toml`` of a new city, with the map view that shows all its districts."""

import math
from collections.abc import Sequence
from datetime import date

import geopandas as gpd
import tomlkit

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
REVIEW_NOTE = (
    "Written by the city builder (geo/citybuild). Review it, here or on the City",
    "settings page: the days and the map view are suggestions taken from the files",
    "given, and the credits should name who made the boundaries.",
)
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


def city_toml(
    settings: CitySettings,
    actors: Sequence[Actor],
    days: tuple[date, date, date],
    view: MapView,
) -> str:
    """The ``city.toml`` of a new city, written with tomlkit, asking for a review.

    The City settings page edits it later with its comments kept.
    """
    first_day, last_day, default_day = days
    (lat, lon), zoom = view
    document = tomlkit.document()
    for line in REVIEW_NOTE:
        document.add(tomlkit.comment(line))
    document.add("name", settings.name.strip())
    document.add("title", settings.title.strip() or settings.name.strip())
    document.add("first_day", first_day.isoformat())
    document.add("last_day", last_day.isoformat())
    document.add("default_day", default_day.isoformat())
    document.add("assessment_outranks_claim", False)
    document.add(tomlkit.nl())
    view_table = tomlkit.table()
    view_table.add("center", [lat, lon])
    view_table.add("zoom", zoom)
    if settings.street_width_m is not None:
        view_table.add("street_width_m", settings.street_width_m)
    document.add("map", view_table)
    sides = tomlkit.aot()
    for actor in actors:
        side = tomlkit.table()
        side.add("id", actor.id)
        side.add("label", actor.label)
        side.add("colour", actor.colour)
        if actor.aliases:
            side.add("aliases", list(actor.aliases))
        sides.append(side)
    document.add("actors", sides)
    credits = tomlkit.table()
    credits.add("text", settings.credits.strip())
    document.add("credits", credits)
    return tomlkit.dumps(document)
