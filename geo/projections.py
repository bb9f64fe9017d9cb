"""Projections: the one pictures are drawn in, and the metric one for a city."""

from functools import lru_cache

import geopandas as gpd
import numpy as np
from pyproj import CRS

PICTURE_CRS = "EPSG:3857"
"""Pictures are drawn in Web Mercator, the projection of the browser map."""

_UTM_NORTH, _UTM_SOUTH = 32600, 32700
"""EPSG codes of WGS 84 / UTM zone n are these plus n."""


@lru_cache(maxsize=8)
def _utm_zone(code: int) -> CRS:
    return CRS.from_epsg(code)


def metric_crs(features: gpd.GeoDataFrame | gpd.GeoSeries) -> CRS:
    """The UTM zone holding the middle of ``features``: metres, for lengths and areas.

    The zone geopandas' ``estimate_utm_crs`` picks, worked out from the zones'
    rule (6° bands from 180°W) instead of asked of PROJ's database, which costs
    0.08-0.13 s a time, several times in each load of a city. Features not in
    longitude and latitude, or beyond UTM's reach, are left to geopandas.
    """
    west, south, east, north = features.total_bounds
    longitude, latitude = np.mean([west, east]), np.mean([south, north])
    if not (features.crs and features.crs.is_geographic) or not -80 <= latitude <= 84:
        return features.estimate_utm_crs()
    zone = int((longitude + 180) // 6) % 60 + 1
    return _utm_zone((_UTM_NORTH if latitude >= 0 else _UTM_SOUTH) + zone)
