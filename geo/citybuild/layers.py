"""The one boundary file among the uploads, read into raw features and its CRS.

GeoJSON is read by ``geo.geometry`` like a city's own districts file; every other
format (``geo.citybuild.formats``) by GDAL (pyogrio), in a temporary folder that
is gone afterwards.
"""

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pyogrio
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from geo.citybuild.archives import main_boundary_file, unpacked_uploads
from geo.citybuild.formats import (
    ESRI_JSON,
    JSON_SUFFIXES,
    BoundaryFormat,
    format_problem,
    gdal_format,
    json_format,
    truncated_esri_json,
)
from geo.citybuild.inputs import MAX_FEATURES, SourceFile, too_many_features_problem
from geo.citybuild.shapefiles import prepared_shapefile, undecodable_text_problems
from geo.geometry import WGS84, RawFeature, read_geojson
from geo.problems import Problem


@dataclass(frozen=True)
class Layer:
    """Features read from a boundary file, in the CRS the file declares (if any).

    ``notes`` are what the user should know about the file (e.g. that its server
    says it stopped early).
    """

    features: list[RawFeature]
    fields: tuple[str, ...]
    crs: CRS | None
    problems: list[Problem]
    notes: tuple[str, ...] = ()


def _unread(problems: list[Problem]) -> Layer:
    return Layer([], (), None, problems)


def _geojson_layer(data: bytes, file: str) -> Layer:
    content = read_geojson(data, file)
    problems = list(content.problems)
    if len(content.features) > MAX_FEATURES:
        return _unread([too_many_features_problem(len(content.features), file)])
    crs: CRS | None = CRS.from_user_input(WGS84)
    if content.crs_name:
        try:
            crs = CRS.from_user_input(content.crs_name)
        except CRSError:
            crs = None
            problems.append(
                Problem(
                    file,
                    "crs",
                    "",
                    f"names '{content.crs_name}', which is not a coordinate "
                    "reference system pyproj knows",
                )
            )
    fields = dict.fromkeys(
        str(key) for feature in content.features for key in feature.properties
    )
    return Layer(content.features, tuple(fields), crs, problems)


def _chosen_layer(path: Path, layer: str, found: BoundaryFormat) -> str | Problem:
    layers = [str(name) for name, _ in pyogrio.list_layers(path)]
    if not layers:
        message = f"cannot be read as {found.name}: GDAL finds no layer in it"
        return Problem(path.name, "", "", message)
    if layer and layer not in layers:
        message = f"has no layer '{layer}'; it has: {', '.join(layers)}"
        return Problem(path.name, "", "layer", message)
    if not layer and len(layers) > 1:
        message = f"has several layers ({', '.join(layers)}); name the one to use"
        return Problem(path.name, "", "layer", message)
    return layer or layers[0]


def _wrong_driver(path: Path, layer: str, found: BoundaryFormat) -> Problem | None:
    """Why GDAL would read the file with a driver not of its format, if it would."""
    driver = pyogrio.read_info(path, layer=layer)["driver"]
    if driver in found.drivers:
        return None
    message = f"is not read as {found.name}: its content looks like {driver} data"
    return Problem(path.name, "", "", message)


def _ogr_layer(folder: Path, main: str, layer: str, found: BoundaryFormat) -> Layer:
    """Read a file with GDAL's drivers for its format, text checked for its encoding."""
    path = folder / main
    declared = None
    if path.suffix.lower() == ".shp":
        declared = prepared_shapefile(folder, path)
        if isinstance(declared, Problem):
            return _unread([declared])
    chosen: str | Problem = layer
    try:
        chosen = _chosen_layer(path, layer, found)
        if isinstance(chosen, Problem):
            return _unread([chosen])
        if wrong := _wrong_driver(path, chosen, found):
            return _unread([wrong])
        count = pyogrio.read_info(path, layer=chosen)["features"]
        if count > MAX_FEATURES:
            return _unread([too_many_features_problem(count, main)])
        frame = pyogrio.read_dataframe(path, layer=chosen)
    except UnicodeDecodeError:
        return _unread(undecodable_text_problems(path, str(chosen), declared))
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as error:
        message = f"cannot be read as {found.name}: {error}"
        return _unread([Problem(main, "", "", message)])
    fields = tuple(str(column) for column in frame.columns if column != "geometry")
    features = [
        RawFeature(
            f"feature {number}",
            dict(zip(fields, row[:-1], strict=True)),
            None if row[-1] is None else shapely.force_2d(row[-1]),
            "is missing or cannot be read",
        )
        for number, row in enumerate(
            frame[[*fields, "geometry"]].itertuples(index=False), start=1
        )
    ]
    crs = frame.crs
    if crs is None and found.lon_lat:
        crs = CRS.from_user_input(WGS84)
    return Layer(features, fields, crs, [])


def read_layer(files: Sequence[SourceFile], layer: str) -> tuple[Layer, str]:
    """The features of the one boundary file among the uploads, and its name.

    ``layer`` names the GeoPackage layer to read; "" reads the only one. The name
    is "upload" when no one boundary file could be found.
    """
    contents, problems = unpacked_uploads(files)
    if problems:
        return _unread(problems), "upload"
    main = main_boundary_file(contents)
    if isinstance(main, Problem):
        return _unread([main]), "upload"
    data = contents[main]
    is_json = main.lower().endswith(JSON_SUFFIXES)
    found = json_format(data) if is_json else gdal_format(main)
    if found is None:
        return _geojson_layer(data, main), main
    if wrong := format_problem(main, data, found):
        return _unread([wrong]), main
    with tempfile.TemporaryDirectory(prefix="frontline-upload-") as folder:
        for name, content in contents.items():
            (Path(folder) / name).write_bytes(content)
        read = _ogr_layer(Path(folder), main, layer, found)
    if found is ESRI_JSON:
        read = replace(read, notes=(*read.notes, *truncated_esri_json(data, main)))
    return read, main
