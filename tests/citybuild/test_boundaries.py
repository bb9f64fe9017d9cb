"""Boundary files: GeoJSON, GeoPackage and Shapefile in any CRS, read into WGS84.

Every place, name and coordinate here is made up for the tests (Testville sits on
the central meridian of UTM zone 37N so its projected coordinates are exact).
"""

import io
import json
import math
import zipfile

import geopandas as gpd
import pytest
from shapely.geometry import box

from geo.citybuild import (
    MAX_FEATURES,
    MAX_SOURCE_BYTES,
    PropertyNames,
    SourceFile,
    read_boundaries,
)
from tests.citybuild.testville import (
    boundaries,
    collection,
    messages,
    two_squares,
)

EARTH_RADIUS_M = 6_378_137.0  # the sphere of Web Mercator (EPSG:3857)
NAMES = PropertyNames("code", "label", "local")


def frame_of_testville(crs: str) -> gpd.GeoDataFrame:
    """Two 1 km squares east of (500000, 0) in UTM 37N, in ``crs``."""
    utm = gpd.GeoDataFrame(
        {"code": ["a", "b"], "label": ["Alpha", "Beta"], "local": ["ألف", "باء"]},
        geometry=[box(500_000, 0, 501_000, 1000), box(501_000, 0, 502_000, 1000)],
        crs="EPSG:32637",
    )
    return utm.to_crs(crs)


def first_corner(checked, district_id: str) -> tuple[float, float]:
    ring = checked.districts.loc[district_id].geometry.exterior.coords
    return min(ring)


def mercator(lon: float, lat: float) -> tuple[float, float]:
    """Web Mercator metres of a lon/lat, from its defining formula (not pyproj)."""
    x = EARTH_RADIUS_M * math.radians(lon)
    y = EARTH_RADIUS_M * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return x, y


def test_geopackage_in_web_mercator_is_reprojected_to_lon_lat(tmp_path):
    west, south = mercator(39.0, 36.0)
    east, north = mercator(39.01, 36.01)
    frame = gpd.GeoDataFrame(
        {"code": ["a"], "label": ["Alpha"], "local": ["ألف"]},
        geometry=[box(west, south, east, north)],
        crs="EPSG:3857",
    )
    frame.to_file(tmp_path / "testville.gpkg")

    checked = read_boundaries(
        [SourceFile("testville.gpkg", (tmp_path / "testville.gpkg").read_bytes())],
        NAMES,
    )

    assert not checked.problems
    assert first_corner(checked, "a") == pytest.approx((39.0, 36.0), abs=1e-6)
    row = checked.districts.loc["a"]
    assert (row.name_en, row.name_ar, row.boundary) == ("Alpha", "ألف", "supplied")
    assert "testville.gpkg (EPSG:3857)" in row.boundary_method


def shapefile_parts(tmp_path, frame: gpd.GeoDataFrame) -> list[SourceFile]:
    frame.to_file(tmp_path / "testville.shp", encoding="utf-8")
    return [
        SourceFile(path.name, path.read_bytes())
        for path in sorted(tmp_path.glob("testville.*"))
    ]


def zipped(parts: list[SourceFile]) -> SourceFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part in parts:
            archive.writestr(f"testville/{part.name}", part.data)
    return SourceFile("testville.zip", buffer.getvalue())


def test_zipped_shapefile_in_utm_is_reprojected_to_lon_lat(tmp_path):
    parts = shapefile_parts(tmp_path, frame_of_testville("EPSG:32637"))

    checked = read_boundaries([zipped(parts)], NAMES)

    assert not checked.problems
    # Easting 500000 is the zone's central meridian (39 E); northing 0 the equator.
    assert first_corner(checked, "a") == pytest.approx((39.0, 0.0), abs=1e-9)
    assert checked.districts.loc["b"].geometry.bounds[0] == pytest.approx(
        first_corner(checked, "a")[0] + 1000 / 111_319.49, rel=1e-3
    )
    assert checked.districts.loc["a"].name_ar == "ألف"


def test_shapefile_without_a_crs_is_refused_until_one_is_stated(tmp_path):
    parts = [
        part
        for part in shapefile_parts(tmp_path, frame_of_testville("EPSG:32637"))
        if not part.name.endswith(".prj")
    ]

    refused = read_boundaries(parts, NAMES)
    stated = read_boundaries(parts, NAMES, stated_crs="EPSG:32637")

    assert "testville.shp (crs): does not say its coordinate reference system" in (
        messages(refused)
    )
    assert refused.districts.empty
    assert not stated.problems
    assert first_corner(stated, "a") == pytest.approx((39.0, 0.0), abs=1e-9)


def test_shapefile_missing_its_index_file_says_which_file_is_needed(tmp_path):
    parts = shapefile_parts(tmp_path, frame_of_testville("EPSG:32637"))

    checked = read_boundaries(
        [part for part in parts if not part.name.endswith(".shx")], NAMES
    )

    assert "testville.shp: needs testville.shx beside it" in messages(checked)


def test_shapefile_text_that_is_not_utf8_is_named_by_feature_and_field(tmp_path):
    frame = frame_of_testville("EPSG:32637")
    frame.to_file(tmp_path / "testville.shp", encoding="cp1256")
    parts = [
        SourceFile(path.name, path.read_bytes())
        for path in sorted(tmp_path.glob("testville.*"))
        if path.suffix != ".cpg"
    ]

    checked = read_boundaries(parts, NAMES)

    text = messages(checked)
    assert "testville.shp (feature 1, local): is not utf-8 text (bytes" in text
    assert "no .cpg file" in text
    assert "(feature 2, local)" in text


def test_a_property_the_file_lacks_is_named_with_the_ones_it_has():
    checked = read_boundaries(
        [SourceFile("testville.geojson", two_squares())],
        PropertyNames("code", "NAME_EN"),
    )

    assert (
        "testville.geojson (name_en): is to come from property 'NAME_EN', which "
        "the file does not have; it has: code, label"
    ) in messages(checked)


def test_geojson_with_a_projected_crs_member_is_reprojected():
    frame = frame_of_testville("EPSG:32637")
    features = json.loads(frame.to_json())["features"]

    checked = read_boundaries(
        [SourceFile("t.geojson", collection(*features, crs="EPSG:32637"))], NAMES
    )

    assert not checked.problems
    assert first_corner(checked, "a") == pytest.approx((39.0, 0.0), abs=1e-9)


def test_deeply_nested_geojson_is_reported_not_crashed():
    checked = boundaries(b'{"type": "FeatureCollection", "features": ' + b"[" * 100_000)

    assert "testville.geojson: is not readable GeoJSON: it nests" in messages(checked)


def test_geojson_text_that_is_not_utf8_is_named_by_feature_and_property():
    data = two_squares().replace(b'"label": "B"', b'"label": "B\xe9ta"')

    checked = boundaries(data)

    assert (
        "testville.geojson (feature 2, label): is not UTF-8 text (bytes e9)"
    ) in messages(checked)


def test_files_over_the_size_limit_are_refused():
    checked = boundaries(b" " * (MAX_SOURCE_BYTES + 1))

    assert "testville.geojson: is 50.0 MB; the limit is 50 MB" in messages(checked)


def test_more_features_than_the_limit_are_refused():
    point = {"type": "Feature", "properties": {}, "geometry": None}

    checked = boundaries(collection(*[point] * (MAX_FEATURES + 1)))

    assert "has 20,001 features; the limit is 20,000" in messages(checked)
