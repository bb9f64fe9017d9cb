"""Boundary formats: which are read, how each is recognised, which GDAL driver reads it.

GeoJSON is read by ``geo.geometry`` like a city's own districts file; every other
format by GDAL (pyogrio). A file goes to GDAL only when its bytes look like the
format its name says, and is read only by that format's drivers: GDAL recognises
formats by content, and a file named ``.kml`` that is really, say, a virtual
dataset pointing at the server's own files must never be opened as one.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from geo.problems import Problem

_HEADER_BYTES = 4096
_VIRTUAL_DATASET = b"<OGRVRTDataSource"


@dataclass(frozen=True)
class BoundaryFormat:
    """A format GDAL reads: its name for people, drivers, and a check of its bytes."""

    name: str
    drivers: tuple[str, ...]
    looks_right: Callable[[bytes], bool]
    lon_lat: bool = False
    """The format's own rule: coordinates are WGS84 lon/lat unless it says not."""


def _is_xml_with(root: bytes) -> Callable[[bytes], bool]:
    def looks_right(data: bytes) -> bool:
        header = data[:_HEADER_BYTES]
        return root in header and _VIRTUAL_DATASET not in header

    return looks_right


def _starts_with(*magic: bytes) -> Callable[[bytes], bool]:
    def looks_right(data: bytes) -> bool:
        return data.startswith(magic)

    return looks_right


def _is_json(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


ESRI_JSON = BoundaryFormat("Esri JSON", ("ESRIJSON",), _is_json)
TOPOJSON = BoundaryFormat("TopoJSON", ("TopoJSON",), _is_json, lon_lat=True)
_BY_SUFFIX = {
    ".kml": BoundaryFormat("KML", ("LIBKML", "KML"), _is_xml_with(b"<kml")),
    ".kmz": BoundaryFormat(
        "KMZ (zipped KML)", ("LIBKML",), _starts_with(b"PK\x03\x04")
    ),
    ".gpkg": BoundaryFormat(
        "GeoPackage", ("GPKG",), _starts_with(b"SQLite format 3\0")
    ),
    ".fgb": BoundaryFormat("FlatGeobuf", ("FlatGeobuf",), _starts_with(b"fgb")),
    ".shp": BoundaryFormat(
        "Shapefile", ("ESRI Shapefile",), _starts_with(b"\x00\x00\x27\x0a")
    ),
    ".topojson": TOPOJSON,
}
JSON_SUFFIXES = (".geojson", ".json")
BOUNDARY_SUFFIXES = (*JSON_SUFFIXES, *_BY_SUFFIX)
"""Suffixes of the files read as districts."""
READ_FORMATS = (
    "GeoJSON or Esri JSON (.geojson, .json), TopoJSON (.topojson), KML (.kml, "
    ".kmz), GeoPackage (.gpkg), FlatGeobuf (.fgb), or a Shapefile (.shp with its "
    ".shx, .dbf and .prj, or all of them in one .zip)"
)
"""The formats read, in words, for messages."""
NOT_READ = {
    ".gml": "GML",
    ".tab": "MapInfo TAB",
    ".mif": "MapInfo MIF",
    ".dxf": "DXF (CAD)",
    ".gdb": "an Esri File Geodatabase",
    ".osm": "raw OpenStreetMap data",
    ".pbf": "raw OpenStreetMap data",
    ".csv": "CSV",
    ".xlsx": "a spreadsheet",
}
"""Formats people upload that are not read here, by suffix, named in messages."""


def json_format(data: bytes) -> BoundaryFormat | None:
    """The JSON format GDAL should read the file as; None for GeoJSON.

    Anything that is neither Esri JSON nor TopoJSON is left to the GeoJSON reader,
    whose messages say what is wrong with it.
    """
    try:
        content = json.loads(data.decode("utf-8", errors="replace").lstrip("\ufeff"))
    except (json.JSONDecodeError, RecursionError):
        return None
    if not isinstance(content, dict):
        return None
    if content.get("type") == "Topology":
        return TOPOJSON
    features = content.get("features")
    esri_keys = {"geometryType", "spatialReference", "fields"} & set(content)
    esri_features = isinstance(features, list) and any(
        isinstance(feature, dict) and "attributes" in feature for feature in features
    )
    if content.get("type") != "FeatureCollection" and (esri_keys or esri_features):
        return ESRI_JSON
    return None


def truncated_esri_json(data: bytes, file: str) -> list[str]:
    """A note when an ArcGIS server says it stopped before the last feature."""
    if b'"exceededTransferLimit"' not in data:
        return []
    content = json.loads(data.decode("utf-8", errors="replace").lstrip("\ufeff"))
    if content.get("exceededTransferLimit") is not True:
        return []
    return [
        f"{file}: the ArcGIS server that wrote it says it stopped early "
        "(exceededTransferLimit), so districts may be missing; query the layer "
        "again page by page (resultOffset) and join the pages"
    ]


def gdal_format(name: str) -> BoundaryFormat:
    """The format of a file with one of ``BOUNDARY_SUFFIXES`` other than JSON's."""
    return _BY_SUFFIX[PurePosixPath(name).suffix.lower()]


def format_problem(name: str, data: bytes, found: BoundaryFormat) -> Problem | None:
    """Why a file's bytes are not the format its name says, or None when they are."""
    if found.looks_right(data):
        return None
    return Problem(
        name,
        "",
        "",
        f"is named like a {found.name} file, but its content is not {found.name}; "
        "check that it is the file you meant to give",
    )


def not_read_problem(names: list[str]) -> Problem:
    """Why no districts file was found among the uploaded ``names``."""
    kinds = sorted(
        {
            NOT_READ[suffix]
            for suffix in (PurePosixPath(name).suffix.lower() for name in names)
            if suffix in NOT_READ
        }
    )
    cannot = (
        f"{' and '.join(kinds)} cannot be read here (save it as GeoPackage or "
        "GeoJSON, e.g. in QGIS with Export, Save Features As); "
        if kinds
        else ""
    )
    message = f"has no districts file: {cannot}give {READ_FORMATS}"
    return Problem("upload", "", "", message)
