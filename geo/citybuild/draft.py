"""Bring your own city: a city folder from a districts file or from named points.

Two ways in. A boundary file (GeoJSON, GeoPackage or Shapefile, in any coordinate
reference system) whose properties the user maps to ours; or a CSV of named
points, from which schematic districts are drawn as Voronoi cells clipped to an
outline or to a buffer around the points. Every feature passes the checks of
``geo.geometry`` plus the ones only a new city needs (overlaps, places far from
the rest); an optional reports CSV is checked like an import. Nothing is written
unless no problem is left, and then the whole folder appears at once, already
loaded once by ``geo.io.load_city``.
"""

import codecs
import csv
import io
import json
import math
import os
import re
import shutil
import tempfile
import tomllib
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path, PurePosixPath

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS, Geod
from pyproj.exceptions import CRSError

from geo.city import City
from geo.colours import ACTOR_PALETTE, Actor
from geo.days import parse_day
from geo.frontline import district_polygons, metric_crs
from geo.geometry import (
    DISTRICT_COLUMNS,
    WGS84,
    CheckedFeatures,
    RawFeature,
    check_features,
    coordinate_problem,
    read_geojson,
    repair,
)
from geo.io import CITY_FILE, DISTRICTS_FILE, REPORTS_FILE, load_city
from geo.problems import CityDataError, Problem
from geo.report_csv import (
    DateOrder,
    TextEncoding,
    check_import,
    read_report_table,
    read_text_table,
)
from geo.schema import REPORT_COLUMNS, row_location
from geo.status import Boundary, FeatureKind, ReportStatus

MAX_SOURCE_BYTES = 50 * 1024 * 1024
"""Largest districts or points upload (unpacked, for a zip): a city's blocks fit."""
MAX_FEATURES = 20_000
"""Most districts one city may have: the map stays usable up to about this many."""
MAX_BUFFER_M = 20_000.0
"""Largest buffer around the points: a city, not a province."""
MAX_POINT_SPREAD_KM = 50.0
"""A point further than this from the middle of the others is refused: a city's
places are closer, so it is most likely a typo or swapped latitude and longitude."""
MAX_DISTRICT_SPREAD_KM = 300.0
"""The same for a boundary file, which may cover a whole province."""
OVERLAP_WIDTH_TOLERANCE_M = 5.0
"""Overlaps thinner than this on average are digitising slivers and are accepted;
thicker ones mean two districts claim the same ground."""
MIN_OVERLAP_M2 = 1.0
SAME_POINT_M = 1.0
"""Two points closer than this are one place: they cannot each get a cell."""
COORDINATE_GRID = 1e-6
"""Written coordinates are snapped to 6 decimals of a degree (about 0.1 m)."""
SETTINGS = "city settings"
"""The ``Problem.file`` of problems with the settings rather than an uploaded file."""
STAGING_DIR = ".new-cities"
"""Where a folder is written before it is renamed into place: one level deeper than
a city, so the sidebar never lists a half-written folder."""

POINT_COLUMNS = (
    "id",
    "name_en",
    "name_ar",
    "aliases",
    "lat",
    "lon",
    "kind",
    "precision_m",
    "basis",
)
REQUIRED_POINT_COLUMNS = ("id", "name_en", "lat", "lon")
BOUNDARY_SUFFIXES = (".geojson", ".json", ".gpkg", ".shp")
_SHAPEFILE_PARTS = (".shx", ".dbf")
_TILE_PX = 256
_MAP_WIDTH_PX = 800
_ZOOM_RANGE = (3, 17)
_CENTRE_DECIMALS = 4
_GEOD = Geod(ellps="WGS84")
_LATITUDE_LIMIT = 90.0
_LONGITUDE_LIMIT = 180.0
_DBF_LANGUAGE_BYTE = 29
_FOLDER_MODE = 0o755
"""A written city folder is readable by all, like one copied into data/ by hand
(``mkdtemp`` makes its folders private)."""


@dataclass(frozen=True)
class SourceFile:
    """An uploaded file: its name (for messages and its type) and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class PropertyNames:
    """Which property of a boundary file holds each district field; "" for none.

    ``name_ar`` is the local name (Arabic for Raqqa; Ukrainian for Bakhmut).
    """

    id: str
    name_en: str
    name_ar: str = ""
    aliases: str = ""


@dataclass(frozen=True)
class CitySettings:
    """What the user says about the new city; days and actors may come from reports.

    ``actors`` are (id, label) pairs; their colours come from ``ACTOR_PALETTE``.
    """

    name: str
    title: str = ""
    first_day: date | None = None
    last_day: date | None = None
    default_day: date | None = None
    actors: tuple[tuple[str, str], ...] = ()
    credits: str = ""


@dataclass(frozen=True)
class CityDraft:
    """A city ready to write, or the problems that stop it.

    ``districts`` holds the checked features (WGS84) with ``boundary`` and
    ``boundary_method`` saying how each outline was made; ``reports`` holds the
    checked reports; ``notes`` lists repairs and other things the user should know.
    """

    name: str
    districts: gpd.GeoDataFrame
    reports: pd.DataFrame
    settings_toml: str
    problems: tuple[Problem, ...]
    notes: tuple[str, ...]

    @property
    def ready(self) -> bool:
        """True when nothing stops the folder from being written."""
        return not self.problems


def folder_name(name: str) -> str:
    """A city's folder name: its name in lower-case Latin letters, digits and _."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def _text(value: object) -> str:
    """A property value as text: whole floats without ".0", missing as ""."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return "; ".join(_text(part) for part in value)
    return str(value).strip()


def _too_big(size: int, file: str, what: str = "is") -> Problem | None:
    if size <= MAX_SOURCE_BYTES:
        return None
    limit = MAX_SOURCE_BYTES / 1024 / 1024
    return Problem(
        file,
        "",
        "",
        f"{what} {size / 1024 / 1024:.1f} MB; the limit is {limit:.0f} MB "
        f"(MAX_SOURCE_BYTES)",
    )


def _unpacked(files: Sequence[SourceFile]) -> tuple[dict[str, bytes], list[Problem]]:
    """Uploaded files by base name, zip archives unpacked (base names only)."""
    contents: dict[str, bytes] = {}
    problems: list[Problem] = []
    for upload in files:
        if big := _too_big(len(upload.data), upload.name):
            problems.append(big)
            continue
        if not upload.name.lower().endswith(".zip"):
            contents[PurePosixPath(upload.name).name] = upload.data
            continue
        try:
            archive = zipfile.ZipFile(io.BytesIO(upload.data))
        except zipfile.BadZipFile as error:
            problems.append(Problem(upload.name, "", "", f"is not a zip file: {error}"))
            continue
        members = [
            member
            for member in archive.infolist()
            if not member.is_dir()
            and not member.filename.startswith("__MACOSX/")
            and not PurePosixPath(member.filename).name.startswith(".")
        ]
        size = sum(member.file_size for member in members)
        if big := _too_big(size, upload.name, "unpacks to"):
            problems.append(big)
            continue
        try:
            for member in members:
                contents[PurePosixPath(member.filename).name] = archive.read(member)
        except (zipfile.BadZipFile, NotImplementedError) as error:
            problems.append(
                Problem(upload.name, "", "", f"cannot be unpacked: {error}")
            )
    total = sum(len(data) for data in contents.values())
    if (big := _too_big(total, "upload", "the files are")) and not problems:
        problems.append(big)
    return contents, problems


def _main_file(contents: Mapping[str, bytes]) -> str | Problem:
    candidates = [name for name in contents if name.lower().endswith(BOUNDARY_SUFFIXES)]
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        return Problem(
            "upload",
            "",
            "",
            "has no districts file: give a .geojson, a .gpkg, or a Shapefile "
            "(.shp with its .shx, .dbf and .prj, or all of them in one .zip)",
        )
    return Problem(
        "upload",
        "",
        "",
        f"holds several districts files ({', '.join(sorted(candidates))}); give one",
    )


@dataclass(frozen=True)
class _Layer:
    """Features read from a boundary file, in the CRS the file declares (if any)."""

    features: list[RawFeature]
    fields: tuple[str, ...]
    crs: CRS | None
    problems: list[Problem]


def _geojson_layer(data: bytes, file: str) -> _Layer:
    content = read_geojson(data, file)
    problems = list(content.problems)
    if len(content.features) > MAX_FEATURES:
        return _Layer([], (), None, [_too_many(len(content.features), file)])
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
    return _Layer(content.features, tuple(fields), crs, problems)


def _too_many(count: int, file: str) -> Problem:
    return Problem(
        file,
        "",
        "",
        f"has {count:,} features; the limit is {MAX_FEATURES:,} (MAX_FEATURES)",
    )


def _encoding_problems(
    frame: pd.DataFrame, declared: str | None, file: str
) -> list[Problem]:
    """Cells (read as Latin-1, byte for byte) that are not text in their encoding."""
    codec = declared or "utf-8"
    try:
        codecs.lookup(codec)
    except LookupError:
        message = f"its .cpg file names '{declared}', an encoding not known here"
        return [Problem(file, "", "", message)]
    hint = (
        f"its .cpg file says {declared}"
        if declared
        else "the Shapefile has no .cpg file saying its encoding, so UTF-8 is "
        "expected; add a .cpg file holding its encoding (e.g. 1256 for Arabic "
        "Windows)"
    )
    problems = []
    columns = list(frame.columns)
    for number, row in enumerate(frame.itertuples(index=False), start=1):
        for column, value in zip(columns, row, strict=True):
            if not isinstance(value, str):
                continue
            raw = value.encode("latin-1", errors="replace")
            try:
                raw.decode(codec)
            except UnicodeDecodeError as error:
                problems.append(
                    Problem(
                        file,
                        f"feature {number}",
                        str(column),
                        f"is not {codec} text (bytes "
                        f"{raw[error.start : error.end].hex(' ')}); {hint}",
                    )
                )
    return problems


def _declared_encoding(folder: Path, stem: str) -> str | None:
    """The encoding a Shapefile's .cpg names, or None when it names none."""
    cpg = next(folder.glob(f"{stem}.[cC][pP][gG]"), None)
    if cpg is None:
        return None
    text = cpg.read_text(encoding="ascii", errors="replace").strip()
    code_page = re.fullmatch(r"(?:ANSI\s*)?(\d+)", text, flags=re.IGNORECASE)
    return f"cp{code_page.group(1)}" if code_page else text


def _prepared_shapefile(folder: Path, path: Path) -> str | Problem | None:
    """Check a Shapefile's parts; return the encoding its .cpg names, if any.

    Without a .cpg (or a code page in the .dbf) its text must be UTF-8: a .cpg
    saying so is added, so GDAL never silently reads Arabic as Latin-1.
    """
    stem = path.stem
    present = {sibling.name.lower() for sibling in folder.iterdir()}
    missing = [
        f"{stem}{part}"
        for part in _SHAPEFILE_PARTS
        if f"{stem}{part}".lower() not in present
    ]
    if missing:
        message = (
            f"needs {', '.join(missing)} beside it: give all the Shapefile's "
            "files (or one .zip of them)"
        )
        return Problem(path.name, "", "", message)
    declared = _declared_encoding(folder, stem)
    dbf = next(
        sibling
        for sibling in folder.iterdir()
        if sibling.name.lower() == f"{stem}.dbf".lower()
    )
    language = dbf.read_bytes()[_DBF_LANGUAGE_BYTE : _DBF_LANGUAGE_BYTE + 1]
    if declared is None and language in (b"", b"\x00"):
        (folder / f"{stem}.cpg").write_text("UTF-8", encoding="ascii")
    return declared


def _chosen_layer(path: Path, layer: str) -> str | Problem:
    layers = [str(name) for name, _ in pyogrio.list_layers(path)]
    if layer and layer not in layers:
        message = f"has no layer '{layer}'; it has: {', '.join(layers)}"
        return Problem(path.name, "", "layer", message)
    if not layer and len(layers) > 1:
        message = f"has several layers ({', '.join(layers)}); name the one to use"
        return Problem(path.name, "", "layer", message)
    return layer or layers[0]


def _undecodable_layer(path: Path, layer: str, declared: str | None) -> list[Problem]:
    """Name the cells whose bytes are not text, reading every byte as Latin-1."""
    if path.suffix.lower() != ".shp":
        message = "holds text that is not UTF-8, as a GeoPackage must"
        return [Problem(path.name, "", "", message)]
    (path.parent / f"{path.stem}.cpg").write_text("ISO-8859-1", encoding="ascii")
    frame = pyogrio.read_dataframe(path, layer=layer)
    problems = _encoding_problems(frame.drop(columns="geometry"), declared, path.name)
    return problems or [Problem(path.name, "", "", "holds text that cannot be read")]


def _ogr_layer(folder: Path, main: str, layer: str) -> _Layer:
    """Read a GeoPackage or Shapefile with GDAL, text checked for its encoding."""
    path = folder / main
    declared = None
    if path.suffix.lower() == ".shp":
        declared = _prepared_shapefile(folder, path)
        if isinstance(declared, Problem):
            return _Layer([], (), None, [declared])
    chosen: str | Problem = layer
    try:
        chosen = _chosen_layer(path, layer)
        if isinstance(chosen, Problem):
            return _Layer([], (), None, [chosen])
        count = pyogrio.read_info(path, layer=chosen)["features"]
        if count > MAX_FEATURES:
            return _Layer([], (), None, [_too_many(count, main)])
        frame = pyogrio.read_dataframe(path, layer=chosen)
    except UnicodeDecodeError:
        problems = _undecodable_layer(path, str(chosen), declared)
        return _Layer([], (), None, problems)
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as error:
        return _Layer([], (), None, [Problem(main, "", "", f"cannot be read: {error}")])
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
    return _Layer(features, fields, frame.crs, [])


def _read_layer(files: Sequence[SourceFile], layer: str) -> tuple[_Layer, str]:
    """The features of the one boundary file among the uploads, and its name."""
    contents, problems = _unpacked(files)
    if problems:
        return _Layer([], (), None, problems), "upload"
    main = _main_file(contents)
    if isinstance(main, Problem):
        return _Layer([], (), None, [main]), "upload"
    if main.lower().endswith((".geojson", ".json")):
        return _geojson_layer(contents[main], main), main
    with tempfile.TemporaryDirectory(prefix="frontline-upload-") as folder:
        for name, data in contents.items():
            (Path(folder) / name).write_bytes(data)
        return _ogr_layer(Path(folder), main, layer), main


def boundary_fields(files: Sequence[SourceFile], layer: str = "") -> tuple[str, ...]:
    """The property names of an uploaded boundary file, for the user to map."""
    found, _ = _read_layer(files, layer)
    return found.fields


def _chosen_crs(
    declared: CRS | None, stated: str, file: str
) -> tuple[CRS | None, list[Problem], list[str]]:
    """The CRS to read coordinates in: the user's when stated, else the file's."""
    if stated:
        try:
            chosen = CRS.from_user_input(stated)
        except CRSError:
            message = (
                f"'{stated}' is not a coordinate reference system pyproj knows "
                "(give e.g. EPSG:32638)"
            )
            return None, [Problem(SETTINGS, "", "crs", message)], []
        notes = (
            [f"{file}: read in the stated {stated} instead of {declared.to_string()}"]
            if declared is not None and declared != chosen
            else []
        )
        return chosen, [], notes
    if declared is None:
        message = (
            "does not say its coordinate reference system; state it (e.g. "
            "EPSG:32638 for UTM zone 38N), it is never guessed"
        )
        return None, [Problem(file, "", "crs", message)], []
    return declared, [], []


def _to_wgs84(features: list[RawFeature], crs: CRS) -> list[RawFeature]:
    if crs.equals(CRS.from_user_input(WGS84)):
        return features
    series = gpd.GeoSeries([feature.geometry for feature in features], crs=crs)
    moved = series.to_crs(WGS84)
    return [
        replace(feature, geometry=geometry)
        for feature, geometry in zip(features, moved, strict=True)
    ]


def _mapped(feature: RawFeature, names: PropertyNames) -> RawFeature:
    """A boundary file's feature with its properties renamed to ours."""
    properties = feature.properties
    return replace(
        feature,
        properties={
            "id": _text(properties.get(names.id)),
            "name_en": _text(properties.get(names.name_en)),
            "name_ar": _text(properties.get(names.name_ar)) if names.name_ar else "",
            "aliases": _text(properties.get(names.aliases)) if names.aliases else "",
            "kind": FeatureKind.DISTRICT,
        },
    )


def _missing_fields(
    names: PropertyNames, fields: tuple[str, ...], file: str
) -> list[Problem]:
    wanted = {
        "id": names.id,
        "name_en": names.name_en,
        "name_ar": names.name_ar,
        "aliases": names.aliases,
    }
    problems = []
    for ours, theirs in wanted.items():
        if ours in ("id", "name_en") and not theirs:
            problems.append(Problem(SETTINGS, "", ours, "name the property it is in"))
        elif theirs and theirs not in fields:
            problems.append(
                Problem(
                    file,
                    "",
                    ours,
                    f"is to come from property '{theirs}', which the file does not "
                    f"have; it has: {', '.join(fields) or 'no properties'}",
                )
            )
    return problems


def _with_boundaries(
    checked: CheckedFeatures, boundaries: Mapping[str, tuple[Boundary, str]]
) -> CheckedFeatures:
    districts = checked.districts.assign(
        boundary=[str(boundaries[key][0]) for key in checked.districts.index],
        boundary_method=[boundaries[key][1] for key in checked.districts.index],
    )
    return replace(checked, districts=districts)


def read_boundaries(
    files: Sequence[SourceFile],
    names: PropertyNames,
    *,
    stated_crs: str = "",
    layer: str = "",
) -> CheckedFeatures:
    """Districts from a GeoJSON, GeoPackage or Shapefile in any CRS, in WGS84.

    A file that does not say its CRS is refused unless ``stated_crs`` gives it;
    GeoJSON without a ``crs`` member is WGS84, as its standard says. Each feature
    is checked like a city's own ``districts.geojson``, then for overlaps and for
    lying far from the others.
    """
    found, file = _read_layer(files, layer)
    if not found.features:
        empty = gpd.GeoDataFrame(geometry=[], crs=WGS84)
        problems = found.problems or [Problem(file, "", "features", "has no features")]
        return CheckedFeatures(empty, problems, [])
    missing = _missing_fields(names, found.fields, file)
    crs, crs_problems, notes = _chosen_crs(found.crs, stated_crs, file)
    if missing or crs is None:
        problems = found.problems + missing + crs_problems
        return CheckedFeatures(gpd.GeoDataFrame(geometry=[], crs=WGS84), problems, [])
    features = [_mapped(feature, names) for feature in _to_wgs84(found.features, crs)]
    source = "WGS84" if crs.equals(CRS.from_user_input(WGS84)) else crs.to_string()
    method = f"from {file} ({source})"
    boundaries = {
        str(feature.properties["id"]): (Boundary.SUPPLIED, method)
        for feature in features
    }
    checked = _finished(check_features(features, file), file)
    centres = checked.districts.geometry.representative_point()
    far = _far_places([(point.x, point.y) for point in centres], MAX_DISTRICT_SPREAD_KM)
    keys = list(checked.districts.index)
    checked = replace(
        checked,
        problems=found.problems
        + checked.problems
        + [
            Problem(file, checked.locations.get(keys[position], ""), "geometry", text)
            for position, text in far.items()
        ],
        repairs=notes + checked.repairs,
    )
    return _with_boundaries(checked, boundaries)


def _finished(checked: CheckedFeatures, file: str) -> CheckedFeatures:
    """Snap to the written grid, then refuse what vanished and what overlaps."""
    districts = checked.districts
    if districts.empty:
        return checked
    snapped = shapely.set_precision(districts.geometry.values, COORDINATE_GRID)
    districts = districts.set_geometry(
        gpd.GeoSeries(snapped, index=districts.index, crs=WGS84)
    )
    districts = districts.set_geometry(
        [
            shapely.orient_polygons(geometry)
            if kind == FeatureKind.DISTRICT
            else geometry
            for geometry, kind in zip(
                districts.geometry, districts["kind"], strict=True
            )
        ],
        crs=WGS84,
    )
    problems = [
        Problem(
            file,
            checked.locations.get(key, key),
            "geometry",
            "is smaller than the written grid of 6 decimals (about 0.1 m)",
        )
        for key, geometry in districts.geometry.items()
        if geometry.is_empty
    ]
    districts = districts[~districts.geometry.is_empty]
    problems += overlap_problems(districts, checked.locations, file)
    return replace(checked, districts=districts, problems=checked.problems + problems)


def overlap_problems(
    districts: gpd.GeoDataFrame, locations: Mapping[str, str], file: str
) -> list[Problem]:
    """One problem per pair of districts that share ground, measured in metres.

    Overlaps thinner than ``OVERLAP_WIDTH_TOLERANCE_M`` on average (area over
    half the perimeter) are slivers from digitising and pass.
    """
    polygons = district_polygons(districts)
    if len(polygons) < 2:
        return []
    metric = polygons.to_crs(metric_crs(polygons))
    geometries = np.asarray(metric.geometry.values)
    left, right = shapely.STRtree(geometries).query(geometries, predicate="intersects")
    pairs = left < right
    left, right = left[pairs], right[pairs]
    shared = shapely.intersection(geometries[left], geometries[right])
    areas = shapely.area(shared)
    widths = np.divide(
        2 * areas,
        shapely.length(shared),
        out=np.zeros_like(areas),
        where=areas > 0,
    )
    problems = []
    keys = list(metric.index)
    for first, second, area, width in zip(left, right, areas, widths, strict=True):
        if area <= MIN_OVERLAP_M2 or width <= OVERLAP_WIDTH_TOLERANCE_M:
            continue
        smaller = min(geometries[first].area, geometries[second].area)
        problems.append(
            Problem(
                file,
                locations.get(keys[first], keys[first]),
                "geometry",
                f"overlaps {locations.get(keys[second], keys[second])} by "
                f"{area:,.0f} m² ({area / smaller:.0%} of the smaller); each "
                "place must belong to one district",
            )
        )
    return problems


def _far_places(
    places: Sequence[tuple[float, float]], limit_km: float
) -> dict[int, str]:
    """Which (lon, lat) places lie over ``limit_km`` from the middle of all, and why.

    The middle is the median, so a few wrong places cannot move it; the message
    says when swapping latitude and longitude would bring the place back.
    """
    if len(places) < 2:
        return {}
    longitudes = np.array([lon for lon, _ in places])
    latitudes = np.array([lat for _, lat in places])
    middle_lon = np.full(len(places), np.median(longitudes))
    middle_lat = np.full(len(places), np.median(latitudes))
    metres = _GEOD.inv(middle_lon, middle_lat, longitudes, latitudes)[2]
    swapped_latitudes = np.clip(longitudes, -_LATITUDE_LIMIT, _LATITUDE_LIMIT)
    swapped = _GEOD.inv(middle_lon, middle_lat, latitudes, swapped_latitudes)[2]
    limit_m = limit_km * 1000
    far = {}
    for position in np.flatnonzero(metres > limit_m):
        swapped_fits = (
            abs(longitudes[position]) <= _LATITUDE_LIMIT
            and swapped[position] <= limit_m
        )
        hint = (
            "latitude and longitude look swapped"
            if swapped_fits
            else "check its coordinates"
        )
        far[int(position)] = (
            f"lies {metres[position] / 1000:,.0f} km from the middle of the other "
            f"places (more than {limit_km:,.0f} km); {hint}"
        )
    return far


def _degrees(text: str, limit: float) -> float | str:
    """A coordinate cell as decimal degrees, or what is wrong with it."""
    if not text:
        return "is empty"
    try:
        value = float(text)
    except ValueError:
        if re.fullmatch(r"-?\d+,\d+", text):
            return f"'{text}' uses a decimal comma; write {text.replace(',', '.')}"
        return f"'{text}' is not a number of decimal degrees"
    if not math.isfinite(value):
        return f"'{text}' is not a number of decimal degrees"
    if abs(value) > limit:
        return f"{value:g} is outside -{limit:g}..{limit:g}"
    return value


def _point_of(lat_text: str, lon_text: str) -> tuple[float, float] | tuple[str, str]:
    """(lon, lat) of a points row, or (field, message) saying what is wrong."""
    lat = _degrees(lat_text, _LONGITUDE_LIMIT)
    lon = _degrees(lon_text, _LONGITUDE_LIMIT)
    if isinstance(lat, str) or isinstance(lon, str):
        if isinstance(lat, str) and isinstance(lon, str):
            return "lat/lon", f"lat {lat}; lon {lon}"
        return ("lat", lat) if isinstance(lat, str) else ("lon", lon)
    if abs(lat) > _LATITUDE_LIMIT:
        hint = (
            "; latitude and longitude look swapped"
            if abs(lon) <= _LATITUDE_LIMIT
            else ""
        )
        return "lat", f"{lat:g} is outside -90..90{hint}"
    return lon, lat


@dataclass(frozen=True)
class _Clip:
    """What the cells fill, in the metric CRS: an outline, or discs around the points.

    ``outline`` is None for a buffer. Each cell is then cut by its own point's
    disc alone: ground in the cell is nearer to that point than to any other, so
    if it lies within any point's disc it lies within its own.
    """

    outline: shapely.Geometry | None
    buffer_m: float
    description: str
    problems: list[Problem]


def _refused_clip(problems: list[Problem]) -> _Clip:
    return _Clip(None, 0.0, "", problems)


def _outline_clip(outline: SourceFile, crs: CRS) -> _Clip:
    content = read_geojson(outline.data, outline.name)
    problems = list(content.problems)
    try:
        declared = CRS.from_user_input(content.crs_name or WGS84)
    except CRSError:
        message = f"names '{content.crs_name}', not a CRS pyproj knows"
        return _refused_clip([Problem(outline.name, "crs", "", message)])
    parts = []
    for feature in content.features:
        geometry = feature.geometry
        if geometry is None or geometry.geom_type not in ("Polygon", "MultiPolygon"):
            kind = "nothing" if geometry is None else geometry.geom_type
            problems.append(
                Problem(
                    outline.name,
                    feature.location,
                    "geometry",
                    f"an outline must be a Polygon or MultiPolygon, not {kind}",
                )
            )
            continue
        moved = gpd.GeoSeries([geometry], crs=declared).to_crs(WGS84).iloc[0]
        if reason := coordinate_problem(moved):
            problems.append(Problem(outline.name, feature.location, "geometry", reason))
            continue
        parts.append(moved if moved.is_valid else repair(moved))
    if not parts and not problems:
        problems.append(Problem(outline.name, "", "features", "has no polygon"))
    if problems:
        return _refused_clip(problems)
    area = gpd.GeoSeries([shapely.union_all(parts)], crs=WGS84).to_crs(crs).iloc[0]
    shapely.prepare(area)
    return _Clip(area, 0.0, f"clipped to the outline in {outline.name}", [])


def _clip(outline: SourceFile | None, buffer_m: float | None, crs: CRS) -> _Clip:
    if (outline is None) == (buffer_m is None):
        message = "give either an outline or a buffer in metres, not both or neither"
        return _refused_clip([Problem(SETTINGS, "", "outline/buffer", message)])
    if outline is not None:
        return _outline_clip(outline, crs)
    if buffer_m is None or not 0 < buffer_m <= MAX_BUFFER_M:
        message = f"{buffer_m} m is not between 0 and {MAX_BUFFER_M:,.0f} m"
        return _refused_clip([Problem(SETTINGS, "", "buffer", message)])
    return _Clip(None, buffer_m, f"clipped to {buffer_m:,.0f} m around the points", [])


def _cells(seeds: list[shapely.Point], clip: _Clip) -> list[shapely.Geometry]:
    """The Voronoi cell of each seed (same order), clipped to the outline or disc."""
    reach = (
        clip.outline
        if clip.outline is not None
        else shapely.MultiPoint(seeds).envelope.buffer(
            clip.buffer_m, join_style="mitre"
        )
    )
    cells = np.array(
        [reach]
        if len(seeds) == 1
        else list(
            shapely.voronoi_polygons(
                shapely.MultiPoint(seeds), extend_to=reach, ordered=True
            ).geoms
        )
    )
    if clip.outline is None:
        discs = shapely.buffer(np.array(seeds), clip.buffer_m)
        return list(shapely.intersection(cells, discs))
    inside = shapely.contains_properly(clip.outline, cells)
    return [
        cell if within else shapely.intersection(cell, clip.outline)
        for cell, within in zip(cells, inside, strict=True)
    ]


def _points_table(
    points: SourceFile, encoding: TextEncoding
) -> tuple[pd.DataFrame | None, list[Problem]]:
    if big := _too_big(len(points.data), points.name):
        return None, [big]
    table, _, problems = read_text_table(
        points.data, encoding=encoding, file=points.name, columns=POINT_COLUMNS
    )
    if table is None:
        return None, problems
    missing = [column for column in REQUIRED_POINT_COLUMNS if column not in table]
    if missing:
        message = f"missing column(s): {', '.join(missing)}"
        return None, [*problems, Problem(points.name, "header", "", message)]
    if len(table) > MAX_FEATURES:
        return None, [_too_many(len(table), points.name)]
    if table.empty:
        return None, [Problem(points.name, "", "", "has a header but no points")]
    for column in POINT_COLUMNS:
        if column not in table:
            table[column] = ""
    return table, problems


def _placed_points(
    table: pd.DataFrame,
) -> tuple[dict[int, tuple[float, float]], dict[int, tuple[str, str]]]:
    """Each row's (lon, lat), or the (field, message) that refuses it."""
    placed: dict[int, tuple[float, float]] = {}
    refused: dict[int, tuple[str, str]] = {}
    for index, lat, lon in zip(table.index, table["lat"], table["lon"], strict=True):
        point = _point_of(lat, lon)
        if isinstance(point[0], str):
            refused[index] = point
        else:
            placed[index] = point
    far = _far_places(list(placed.values()), MAX_POINT_SPREAD_KM)
    for position, index in enumerate(list(placed)):
        if position in far:
            refused[index] = ("lat/lon", far[position])
            del placed[index]
    return placed, refused


def _distinct_seeds(
    metric: Mapping[int, shapely.Point],
    kinds: Mapping[int, str],
    ids: Mapping[int, str],
) -> tuple[dict[int, shapely.Point], dict[int, tuple[str, str]]]:
    """The district rows' points; a second row at the same place is refused."""
    seeds: dict[int, shapely.Point] = {}
    refused: dict[int, tuple[str, str]] = {}
    first_at: dict[tuple[int, int], int] = {}
    for index, point in metric.items():
        if kinds[index] != FeatureKind.DISTRICT:
            continue
        spot = (round(point.x / SAME_POINT_M), round(point.y / SAME_POINT_M))
        if spot in first_at:
            earlier = first_at[spot]
            refused[index] = (
                "lat/lon",
                f"is the same place as {row_location(earlier)} ('{ids[earlier]}'); "
                "each district needs its own point",
            )
            continue
        first_at[spot] = index
        seeds[index] = point
    return seeds, refused


def _empty(problems: list[Problem]) -> CheckedFeatures:
    return CheckedFeatures(gpd.GeoDataFrame(geometry=[], crs=WGS84), problems, [])


def schematic_districts(
    points: SourceFile,
    *,
    encoding: TextEncoding = TextEncoding.UTF_8,
    outline: SourceFile | None = None,
    buffer_m: float | None = None,
) -> CheckedFeatures:
    """Schematic districts: the Voronoi cell of each named point, clipped.

    Cells fill ``outline`` (a GeoJSON polygon) or a ``buffer_m`` buffer around the
    points exactly, without overlapping, computed in metres in the points' UTM
    zone. Rows of kind ``landmark`` stay points. Each feature records how it was
    made (``boundary``, ``boundary_method``).
    """
    file = points.name
    table, problems = _points_table(points, encoding)
    if table is None:
        return _empty(problems)
    rows = dict(zip(table.index, table.to_dict("records"), strict=True))
    kinds = {index: row["kind"] or FeatureKind.DISTRICT for index, row in rows.items()}
    placed, refused = _placed_points(table)
    if not placed:
        checked = _finished(_checked_rows(rows, {}, refused, file, "", kinds), file)
        return replace(checked, problems=problems + checked.problems)
    lonlat = gpd.GeoSeries([shapely.Point(p) for p in placed.values()], crs=WGS84)
    crs = metric_crs(gpd.GeoDataFrame(geometry=lonlat))
    seeds, doubles = _distinct_seeds(
        dict(zip(placed, lonlat.to_crs(crs), strict=True)),
        kinds,
        {index: row["id"] for index, row in rows.items()},
    )
    refused |= doubles
    clip = _clip(outline, buffer_m, crs)
    if clip.problems:
        return _empty(problems + clip.problems)
    if clip.outline is not None:
        for index, point in list(seeds.items()):
            if not clip.outline.covers(point):
                refused[index] = ("lat/lon", "lies outside the outline")
                del seeds[index]
    geometries: dict[int, shapely.Geometry] = {
        index: shapely.Point(point)
        for index, point in placed.items()
        if kinds[index] != FeatureKind.DISTRICT
    }
    if seeds:
        cells = gpd.GeoSeries(_cells(list(seeds.values()), clip), crs=crs)
        geometries |= dict(zip(seeds, cells.to_crs(WGS84), strict=True))
    checked = _finished(
        _checked_rows(rows, geometries, refused, file, clip.description, kinds), file
    )
    return replace(checked, problems=problems + checked.problems)


def _checked_rows(
    rows: Mapping[int, Mapping[str, str]],
    geometries: Mapping[int, shapely.Geometry],
    refused: Mapping[int, tuple[str, str]],
    file: str,
    clip_description: str,
    kinds: Mapping[int, str],
) -> CheckedFeatures:
    """The points file's rows as checked features, each saying how it was made."""
    features = []
    boundaries: dict[str, tuple[Boundary, str]] = {}
    for index, row in rows.items():
        where = row_location(index)
        if kinds[index] == FeatureKind.DISTRICT:
            method = f"Voronoi cell around the point of {file} {where}, "
            boundaries[row["id"]] = (Boundary.SCHEMATIC, method + clip_description)
        else:
            boundaries[row["id"]] = (Boundary.SUPPLIED, f"point of {file} {where}")
        field, message = refused.get(index, ("geometry", "is missing"))
        properties = {column: row.get(column, "") for column in DISTRICT_COLUMNS}
        features.append(
            RawFeature(where, properties, geometries.get(index), message, field)
        )
    return _with_boundaries(check_features(features, file), boundaries)


def map_view(districts: gpd.GeoDataFrame) -> tuple[tuple[float, float], int]:
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


def _toml_text(value: str) -> str:
    """A TOML basic string: JSON's string escapes are valid TOML."""
    return json.dumps(value, ensure_ascii=False)


def city_toml(
    settings: CitySettings,
    actors: Sequence[Actor],
    days: tuple[date, date, date],
    view: tuple[tuple[float, float], int],
) -> str:
    """The ``city.toml`` of a new city, with a note asking the user to review it."""
    first_day, last_day, default_day = days
    (lat, lon), zoom = view
    lines = [
        "# Written by the city builder (geo/citybuild). Review it: actor labels",
        "# and colours, the days and the map view are suggestions taken from the",
        "# files given, and the credits should name who made the boundaries.",
        f"name = {_toml_text(settings.name.strip())}",
        f"title = {_toml_text(settings.title.strip() or settings.name.strip())}",
        f'first_day = "{first_day.isoformat()}"',
        f'last_day = "{last_day.isoformat()}"',
        f'default_day = "{default_day.isoformat()}"',
        "assessment_outranks_claim = false",
        "",
        "[map]",
        f"center = [{lat}, {lon}]",
        f"zoom = {zoom}",
    ]
    for actor in actors:
        lines += [
            "",
            "[[actors]]",
            f"id = {_toml_text(actor.id)}",
            f"label = {_toml_text(actor.label)}",
            f'colour = "{actor.colour}"',
        ]
    lines += ["", "[credits]", f"text = {_toml_text(settings.credits.strip())}", ""]
    return "\n".join(lines)


def _report_days_and_actors(
    reports: SourceFile | None, encoding: TextEncoding, date_order: DateOrder
) -> tuple[list[date], list[str], list[Problem]]:
    """The days and the ids of held actors a reports file names, read leniently."""
    if reports is None:
        return [], [], []
    table, _, problems = read_report_table(
        reports.data, encoding=encoding, date_order=date_order, file=reports.name
    )
    if table is None or "date" not in table:
        return [], [], problems
    days = [day for day in map(parse_day, table["date"]) if day is not None]
    actors = []
    if "actor" in table and "status" in table:
        held = table[table["status"].str.strip() == ReportStatus.HELD]
        actors = list(dict.fromkeys(actor for actor in held["actor"] if actor))
    return days, actors, []


def _actors(
    settings: CitySettings, found: Sequence[str]
) -> tuple[tuple[Actor, ...], list[Problem]]:
    """The given actors, else those the reports name, each with a palette colour."""
    named = settings.actors or tuple((actor_id, actor_id) for actor_id in found)
    problems = []
    ids = [actor_id.strip() for actor_id, _ in named]
    for actor_id in sorted({actor_id for actor_id in ids if ids.count(actor_id) > 1}):
        problems.append(
            Problem(SETTINGS, "", "actors", f"'{actor_id}' is given more than once")
        )
    if any(not actor_id for actor_id in ids):
        problems.append(Problem(SETTINGS, "", "actors", "an actor id is empty"))
    if not named:
        problems.append(
            Problem(
                SETTINGS,
                "",
                "actors",
                "none given and no 'held' report names one; name at least one "
                "side (id and label)",
            )
        )
    if len(named) > len(ACTOR_PALETTE):
        problems.append(
            Problem(
                SETTINGS,
                "",
                "actors",
                f"{len(named)} actors, but only {len(ACTOR_PALETTE)} distinct "
                "colours are offered (ACTOR_PALETTE); merge some sides",
            )
        )
    actors = tuple(
        Actor(actor_id.strip(), label.strip() or actor_id.strip(), colour)
        for (actor_id, label), colour in zip(named, ACTOR_PALETTE, strict=False)
    )
    return actors, problems


def _days(
    settings: CitySettings, report_days: Sequence[date]
) -> tuple[tuple[date, date, date] | None, list[Problem]]:
    """First, last and default day: as given, else from the reports."""
    first = settings.first_day or (min(report_days) if report_days else None)
    last = settings.last_day or (max(report_days) if report_days else None)
    problems = [
        Problem(SETTINGS, "", field, "no reports to take it from; give it")
        for field, day in (("first_day", first), ("last_day", last))
        if day is None
    ]
    if first is None or last is None:
        return None, problems
    default = settings.default_day or last
    if first > last:
        problems.append(
            Problem(SETTINGS, "", "last_day", f"{last} is before first_day {first}")
        )
    elif not first <= default <= last:
        problems.append(
            Problem(
                SETTINGS, "", "default_day", f"{default} is outside {first} to {last}"
            )
        )
    return (first, last, default), problems


def _name_problems(name: str) -> list[Problem]:
    if not name.strip():
        return [Problem(SETTINGS, "", "name", "is empty")]
    if not folder_name(name):
        return [
            Problem(
                SETTINGS,
                "",
                "name",
                f"'{name}' has no Latin letter or digit to name its folder; add "
                "its English name",
            )
        ]
    return []


def build_city(
    features: CheckedFeatures,
    settings: CitySettings,
    *,
    reports: SourceFile | None = None,
    encoding: TextEncoding = TextEncoding.UTF_8,
    date_order: DateOrder = DateOrder.ISO,
) -> CityDraft:
    """Everything a new city folder holds, checked together, or every problem.

    Days and actors not given in ``settings`` come from the reports (each held
    actor gets the next palette colour); the reports are then checked against
    the new districts exactly as an import would be.
    """
    problems = list(features.problems) + _name_problems(settings.name)
    notes = list(features.repairs)
    districts = features.districts
    if district_polygons(districts).empty and not features.problems:
        problems.append(Problem(SETTINGS, "", "districts", "no district polygons"))
    report_days, report_actors, unread = _report_days_and_actors(
        reports, encoding, date_order
    )
    actors, actor_problems = _actors(settings, report_actors)
    days, day_problems = _days(settings, report_days)
    problems += actor_problems + day_problems + unread
    view = map_view(districts) if not districts.empty else ((0.0, 0.0), _ZOOM_RANGE[0])
    clean = pd.DataFrame(columns=REPORT_COLUMNS)
    if reports is not None and not unread and not districts.empty:
        first_day, last_day, default_day = days or (date.min, date.max, date.max)
        provisional = City(
            folder=Path(),
            name=settings.name,
            title=settings.title,
            districts=districts,
            reports=clean,
            actors=actors,
            days=(),
            first_day=first_day,
            last_day=last_day,
            default_day=default_day,
            center=view[0],
            zoom=view[1],
            credits=settings.credits,
        )
        preview = check_import(
            reports.data,
            encoding=encoding,
            date_order=date_order,
            city=provisional,
            file=reports.name,
        )
        problems += preview.problems
        clean = preview.reports.reset_index(drop=True)[list(REPORT_COLUMNS)]
        if preview.ignored_columns:
            kept_out = ", ".join(preview.ignored_columns)
            notes.append(f"{reports.name}: columns not kept: {kept_out}")
    toml = city_toml(settings, actors, days, view) if days and not problems else ""
    return CityDraft(
        name=settings.name.strip(),
        districts=districts,
        reports=clean,
        settings_toml=toml,
        problems=tuple(problems),
        notes=tuple(notes),
    )


def target_problems(target: Path, name: str) -> list[Problem]:
    """Why a new city cannot go to ``target``: the folder exists, or the name is used.

    Stored reports are keyed by the city's name, so two folders may not share one.
    """
    if target.exists():
        return [
            Problem(
                SETTINGS,
                "",
                "folder",
                f"{target} already exists; choose another name or move it away",
            )
        ]
    problems = []
    for settings_file in sorted(target.parent.glob(f"*/{CITY_FILE}")):
        try:
            other = tomllib.loads(settings_file.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        other_name = str(other.get("name", "")).strip()
        if other_name.casefold() == name.strip().casefold():
            problems.append(
                Problem(
                    SETTINGS,
                    "",
                    "name",
                    f"the city in {settings_file.parent.name}/ is already called "
                    f"'{other_name}'; stored reports are kept by name, so choose "
                    "another",
                )
            )
    return problems


def districts_geojson(districts: gpd.GeoDataFrame) -> str:
    """The districts as a FeatureCollection, one feature per line, UTF-8 text."""
    lines = []
    for row in districts.itertuples(index=False):
        properties = {
            "id": row.id,
            "name_en": row.name_en,
            "name_ar": row.name_ar,
            "aliases": row.aliases,
            "kind": row.kind,
            "precision_m": None if pd.isna(row.precision_m) else int(row.precision_m),
            "basis": row.basis,
            "boundary": row.boundary,
            "boundary_method": row.boundary_method,
        }
        feature = {
            "type": "Feature",
            "properties": properties,
            "geometry": shapely.geometry.mapping(row.geometry),
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def reports_text(reports: pd.DataFrame) -> str:
    """Reports as the plain UTF-8 CSV ``load_city`` reads (header only when none)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(REPORT_COLUMNS)
    for row in reports[list(REPORT_COLUMNS)].itertuples(index=False):
        writer.writerow(
            value.isoformat() if isinstance(value, date) else value for value in row
        )
    return buffer.getvalue()


def write_city_folder(draft: CityDraft, target: Path) -> Path:
    """Write the city to ``target`` all at once, or raise ``CityDataError``.

    The files go to a staging folder beside it, must load with ``load_city``
    there, and only then is the folder renamed to ``target``: a failure never
    leaves a half-written city behind.
    """
    problems = list(draft.problems) + target_problems(target, draft.name)
    if problems:
        raise CityDataError(problems)
    staging = target.parent / STAGING_DIR
    staging.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{target.name}-", dir=staging))
    try:
        (folder / DISTRICTS_FILE).write_text(
            districts_geojson(draft.districts), encoding="utf-8"
        )
        (folder / REPORTS_FILE).write_text(
            reports_text(draft.reports), encoding="utf-8"
        )
        (folder / CITY_FILE).write_text(draft.settings_toml, encoding="utf-8")
        load_city(folder)
        folder.chmod(_FOLDER_MODE)
        os.rename(folder, target)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        _remove_if_empty(staging)
    return target


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        return


def actor_entry(text: str) -> tuple[str, str]:
    """An actor written as ``id = label`` (or just ``id``) as (id, label)."""
    actor_id, _, label = text.partition("=")
    return actor_id.strip(), (label.strip() or actor_id.strip())
