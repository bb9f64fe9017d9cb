"""Every format GDAL reads, and a message naming the format when it cannot.

Every place, name and coordinate here is made up for the tests.
"""

import json

import geopandas as gpd
import pyogrio
import pytest
from shapely.geometry import box

from geo.citybuild import PropertyNames, SourceFile, read_boundaries
from tests.citybuild.testville import messages

ESRI_NAMES = PropertyNames("OBJECTID", "NAME")
WEB_MERCATOR_X = 4_341_000  # about 39.0 E


def esri_json(**extra: object) -> bytes:
    """Three districts in Web Mercator, as an ArcGIS server's query writes them."""

    def ring(x: float, y: float) -> list:
        return [[x, y], [x, y + 1000], [x + 1000, y + 1000], [x + 1000, y], [x, y]]

    features = [
        {
            "attributes": {"OBJECTID": number, "NAME": name},
            "geometry": {"rings": [ring(WEB_MERCATOR_X + x, y)]},
        }
        for number, (name, x, y) in enumerate(
            (("Alpha", 0, 0), ("Beta", 1000, 0), ("Gamma", 0, 1000)), start=1
        )
    ]
    content = {
        "displayFieldName": "NAME",
        "geometryType": "esriGeometryPolygon",
        "spatialReference": {"wkid": 102100, "latestWkid": 3857},
        "fields": [
            {"name": "OBJECTID", "type": "esriFieldTypeOID"},
            {"name": "NAME", "type": "esriFieldTypeString", "length": 50},
        ],
        "features": features,
        **extra,
    }
    return json.dumps(content).encode()


def written(frame: gpd.GeoDataFrame, tmp_path, name: str, driver: str) -> bytes:
    path = tmp_path / name
    pyogrio.write_dataframe(frame, path, driver=driver)
    return path.read_bytes()


def two_districts() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"code": ["a", "b"], "Name": ["Alpha", "Beta"]},
        geometry=[box(39.0, 0.0, 39.01, 0.01), box(39.01, 0.0, 39.02, 0.01)],
        crs="EPSG:4326",
    )


def test_esri_json_of_three_features_is_read_in_its_own_crs():
    checked = read_boundaries([SourceFile("parcels.json", esri_json())], ESRI_NAMES)

    assert not checked.problems, messages(checked)
    assert list(checked.districts["name_en"]) == ["Alpha", "Beta", "Gamma"]
    assert list(checked.districts.index) == ["1", "2", "3"]
    west, south, _, _ = checked.districts.total_bounds
    assert (west, south) == pytest.approx((38.996, 0.0), abs=1e-3)
    assert "read in" not in " ".join(checked.repairs)


def test_an_esri_json_the_server_cut_short_says_so():
    data = esri_json(exceededTransferLimit=True)

    checked = read_boundaries([SourceFile("parcels.json", data)], ESRI_NAMES)

    assert any("exceededTransferLimit" in note for note in checked.repairs)


@pytest.mark.parametrize(
    ("name", "driver", "names"),
    [
        ("districts.kml", "KML", PropertyNames("", "Name")),
        ("districts.fgb", "FlatGeobuf", PropertyNames("code", "Name")),
        ("districts.gpkg", "GPKG", PropertyNames("code", "Name")),
    ],
)
def test_kml_flatgeobuf_and_geopackage_are_read(tmp_path, name, driver, names):
    data = written(two_districts(), tmp_path, name, driver)

    checked = read_boundaries([SourceFile(name, data)], names)

    assert not checked.problems, messages(checked)
    assert sorted(checked.districts["name_en"]) == ["Alpha", "Beta"]
    assert not checked.districts.geometry.has_z.any()


def test_a_virtual_dataset_named_kml_is_never_opened():
    virtual = (
        b'<OGRVRTDataSource><OGRVRTLayer name="x"><SrcDataSource>/etc/passwd'
        b"</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>"
    )

    checked = read_boundaries(
        [SourceFile("districts.kml", virtual)], PropertyNames("", "Name")
    )

    assert messages(checked) == (
        "districts.kml: is named like a KML file, but its content is not KML; "
        "check that it is the file you meant to give"
    )


def test_a_broken_flatgeobuf_is_named_as_such(tmp_path):
    data = written(two_districts(), tmp_path, "districts.fgb", "FlatGeobuf")

    checked = read_boundaries(
        [SourceFile("districts.fgb", data[:200])], PropertyNames("code", "Name")
    )

    assert messages(checked).startswith("districts.fgb: cannot be read as FlatGeobuf: ")


def test_a_format_not_read_here_is_named_with_what_to_do():
    checked = read_boundaries(
        [SourceFile("districts.gml", b"<gml/>")], PropertyNames("", "Name")
    )

    assert messages(checked).startswith(
        "upload: has no districts file: GML cannot be read here (save it as "
        "GeoPackage or GeoJSON"
    )
