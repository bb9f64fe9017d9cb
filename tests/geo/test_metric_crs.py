"""A city's metric projection is the UTM zone geopandas would pick, found faster."""

import random

import geopandas as gpd
import pytest
from shapely.geometry import box

from geo.geometry import WGS84
from geo.projections import metric_crs


def square_at(longitude: float, latitude: float) -> gpd.GeoSeries:
    """A city-sized square (about 5 km) around a point."""
    half = 0.025
    return gpd.GeoSeries(
        [box(longitude - half, latitude - half, longitude + half, latitude + half)],
        crs=WGS84,
    )


def places() -> list[tuple[float, float]]:
    """Raqqa, cities either side of the equator and the antimeridian, and more.

    None on a zone's edge, where either zone is right.
    """
    chosen = random.Random(20).sample(range(-1790, 1790), 60)
    spread = [
        (tenth / 10, ((tenth * 37) % 1600 - 790) / 10)
        for tenth in chosen
        if (tenth + 1800) % 60
    ]
    return [(39.01, 35.95), (-58.38, -34.6), (174.76, -36.85), (-179.9, 0.5), *spread]


@pytest.mark.parametrize(("longitude", "latitude"), places())
def test_the_zone_is_the_one_geopandas_picks(longitude, latitude):
    features = square_at(longitude, latitude)
    assert metric_crs(features) == features.estimate_utm_crs()


def test_features_in_metres_are_left_to_geopandas():
    features = square_at(39.01, 35.95).to_crs("EPSG:3857")

    assert metric_crs(features) == features.estimate_utm_crs()
