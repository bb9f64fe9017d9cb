"""Projections: the one pictures are drawn in, and the metric one for a city."""

from functools import lru_cache

import geopandas as gpd
from pyproj import CRS

from geo.geometry import WGS84

PICTURE_CRS = "EPSG:3857"
"""Pictures are drawn in Web Mercator, the projection of the browser map."""

UTM_ZONE_DEGREES = 6
_UTM_NORTH_EPSG, _UTM_SOUTH_EPSG = 32600, 32700
"""EPSG codes of WGS 84 / UTM zone n, north and south: these plus n."""


@lru_cache(maxsize=8)
def _utm_zone(code: int) -> CRS:
    return CRS.from_epsg(code)


def metric_crs(features: gpd.GeoDataFrame | gpd.GeoSeries) -> CRS:
    """The WGS84 UTM zone (north or south) at the centre of the features' extent.

    Inside a zone UTM keeps lengths within about 0.1% (areas 0.2%), plenty for a
    city; e.g. Raqqa (39.0 E, 35.9 N) gets EPSG:32637, UTM zone 37N. It is the
    zone geopandas' ``estimate_utm_crs`` picks, worked out from the zones' rule
    instead of asked of PROJ's database (0.08-0.13 s a time, several times in
    each load of a city).
    """
    if features.empty:
        raise ValueError("no features to place in a UTM zone")
    west, south, east, north = features.to_crs(WGS84).total_bounds
    longitude, latitude = (west + east) / 2, (south + north) / 2
    zone = int((longitude + 180) // UTM_ZONE_DEGREES) % 60 + 1
    base = _UTM_NORTH_EPSG if latitude >= 0 else _UTM_SOUTH_EPSG
    return _utm_zone(base + zone)
