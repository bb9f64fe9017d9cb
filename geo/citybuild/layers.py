"""The one boundary file among the uploads, read into raw features and its CRS.

GeoJSON is read by ``geo.geometry`` like a city's own districts file; GeoPackages
and Shapefiles by GDAL (pyogrio), in a temporary folder that is gone afterwards.
"""

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyogrio
from pyproj import CRS
from pyproj.exceptions import CRSError

from geo.citybuild.archives import main_boundary_file, unpacked_uploads
from geo.citybuild.inputs import MAX_FEATURES, SourceFile, too_many_features_problem
from geo.citybuild.shapefiles import prepared_shapefile, undecodable_text_problems
from geo.geometry import WGS84, RawFeature, read_geojson
from geo.problems import Problem


@dataclass(frozen=True)
class Layer:
    """Features read from a boundary file, in the CRS the file declares (if any)."""

    features: list[RawFeature]
    fields: tuple[str, ...]
    crs: CRS | None
    problems: list[Problem]


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


def _chosen_layer(path: Path, layer: str) -> str | Problem:
    layers = [str(name) for name, _ in pyogrio.list_layers(path)]
    if layer and layer not in layers:
        message = f"has no layer '{layer}'; it has: {', '.join(layers)}"
        return Problem(path.name, "", "layer", message)
    if not layer and len(layers) > 1:
        message = f"has several layers ({', '.join(layers)}); name the one to use"
        return Problem(path.name, "", "layer", message)
    return layer or layers[0]


def _ogr_layer(folder: Path, main: str, layer: str) -> Layer:
    """Read a GeoPackage or Shapefile with GDAL, text checked for its encoding."""
    path = folder / main
    declared = None
    if path.suffix.lower() == ".shp":
        declared = prepared_shapefile(folder, path)
        if isinstance(declared, Problem):
            return _unread([declared])
    chosen: str | Problem = layer
    try:
        chosen = _chosen_layer(path, layer)
        if isinstance(chosen, Problem):
            return _unread([chosen])
        count = pyogrio.read_info(path, layer=chosen)["features"]
        if count > MAX_FEATURES:
            return _unread([too_many_features_problem(count, main)])
        frame = pyogrio.read_dataframe(path, layer=chosen)
    except UnicodeDecodeError:
        return _unread(undecodable_text_problems(path, str(chosen), declared))
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as error:
        return _unread([Problem(main, "", "", f"cannot be read: {error}")])
    fields = tuple(str(column) for column in frame.columns if column != "geometry")
    features = [
        RawFeature(
            f"feature {number}",
            dict(zip(fields, row[:-1], strict=True)),
            row[-1],
            "is missing or cannot be read",
        )
        for number, row in enumerate(
            frame[[*fields, "geometry"]].itertuples(index=False), start=1
        )
    ]
    return Layer(features, fields, frame.crs, [])


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
    if main.lower().endswith((".geojson", ".json")):
        return _geojson_layer(contents[main], main), main
    with tempfile.TemporaryDirectory(prefix="frontline-upload-") as folder:
        for name, data in contents.items():
            (Path(folder) / name).write_bytes(data)
        return _ogr_layer(Path(folder), main, layer), main
