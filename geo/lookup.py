"""Finding the district or landmark under a point the user clicked."""

import geopandas as gpd
import shapely

from geo.status import FeatureKind

LANDMARK_REACH_METRES = 80.0
_METRES_PER_DEGREE = 111_320.0


def feature_at(districts: gpd.GeoDataFrame, lat: float, lon: float) -> str | None:
    """Return the landmark within reach of the point, else the district under it.

    Landmarks are drawn as small circles on top of districts, so a click close to
    one means the landmark.
    """
    point = shapely.Point(lon, lat)
    landmarks = districts[districts["kind"] == FeatureKind.LANDMARK]
    if len(landmarks):
        distances = landmarks.distance(point) * _METRES_PER_DEGREE
        if distances.min() <= LANDMARK_REACH_METRES:
            return str(distances.idxmin())
    areas = districts[districts["kind"] == FeatureKind.DISTRICT]
    hits = areas.index[areas.contains(point)]
    return str(hits[0]) if len(hits) else None
