"""Districts from a boundary file: its properties mapped to ours, its CRS to WGS84.

A file that does not say its coordinate reference system is refused until the
user states one: it is never guessed.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import geopandas as gpd
from pyproj import CRS
from pyproj.exceptions import CRSError

from geo.citybuild.checks import (
    no_districts,
    snapped_and_checked,
    with_boundaries,
)
from geo.citybuild.extent import (
    CITY_EXTENT_KM,
    extent_problems,
    far_feature_problems,
    far_places,
)
from geo.citybuild.inputs import SETTINGS, SourceFile
from geo.citybuild.layers import read_layer
from geo.citybuild.parts import (
    SharedIds,
    joined_parts,
    repeated_ids,
    with_ids_from_names,
)
from geo.geometry import WGS84, CheckedFeatures, RawFeature, check_features
from geo.problems import Problem
from geo.status import Boundary, FeatureKind


@dataclass(frozen=True)
class PropertyNames:
    """Which property of a boundary file holds each district field; "" for none.

    ``name_ar`` is the local name (Arabic for Raqqa; Ukrainian for Bakhmut). With
    no ``id`` property, ids are made from the names (``id_from_name``).
    """

    id: str
    name_en: str
    name_ar: str = ""
    aliases: str = ""


_LIKELY_PROPERTIES = {
    "id": ("id", "code", "district_id", "ref", "objectid", "fid", "gid", "osm_id"),
    "name_en": ("name_en", "name:en", "english_name", "name_english", "name"),
    "name_ar": ("name_ar", "name:ar", "name_local", "local_name", "name:uk"),
    "aliases": ("aliases", "alt_name", "alt_names", "old_name"),
}
"""Property names that usually hold each field, most telling first (any case)."""


def suggested_properties(fields: Sequence[str]) -> PropertyNames:
    """The properties that most likely hold each field; "" where none looks right.

    A form starts its pickers here instead of at the file's first property
    (often an export's ``@id``); a property serves one field only.
    """
    by_case = {field.casefold(): field for field in reversed(fields)}
    taken: set[str] = set()
    chosen = {}
    for ours, likely in _LIKELY_PROPERTIES.items():
        found = next(
            (
                by_case[name]
                for name in likely
                if name in by_case and by_case[name] not in taken
            ),
            "",
        )
        taken.add(found)
        chosen[ours] = found
    return PropertyNames(**chosen)


def boundary_fields(files: Sequence[SourceFile], layer: str = "") -> tuple[str, ...]:
    """The property names of an uploaded boundary file, for the user to map."""
    found, _ = read_layer(files, layer)
    return found.fields


def shared_id_features(
    files: Sequence[SourceFile], names: PropertyNames, layer: str = ""
) -> dict[str, tuple[str, ...]]:
    """Ids that several features of the file carry, with those features' places.

    For a form to offer the choice between merging and numbering them.
    """
    found, _ = read_layer(files, layer)
    features = [_mapped(feature, names) for feature in found.features]
    return repeated_ids(with_ids_from_names(features) if not names.id else features)


def _text(value: object) -> str:
    """A property value as text: whole floats without ".0", missing as ""."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple):
        return "; ".join(_text(part) for part in value)
    return str(value).strip()


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
        if ours == "name_en" and not theirs:
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


def read_boundaries(
    files: Sequence[SourceFile],
    names: PropertyNames,
    *,
    stated_crs: str = "",
    layer: str = "",
    shared_ids: SharedIds = SharedIds.ASK,
    extent_km: float | None = None,
) -> CheckedFeatures:
    """Districts from a boundary file of any format read, in any CRS, in WGS84.

    A file that does not say its CRS is refused unless ``stated_crs`` gives it;
    GeoJSON without a ``crs`` member is WGS84, as its standard says. Each feature
    is checked like a city's own ``districts.geojson``, then for overlaps and for
    lying more than ``extent_km`` (default ``CITY_EXTENT_KM``; a regional file
    states more) from the middle of the others. Features sharing an id are
    merged, numbered or named in a problem, as ``shared_ids`` says
    (``geo.citybuild.parts``).
    """
    found, file = read_layer(files, layer)
    if not found.features:
        return no_districts(
            found.problems or [Problem(file, "", "features", "has no features")]
        )
    missing = _missing_fields(names, found.fields, file)
    crs, crs_problems, notes = _chosen_crs(found.crs, stated_crs, file)
    wrong_extent = extent_problems(extent_km)
    if missing or crs is None or wrong_extent:
        return no_districts(found.problems + missing + crs_problems + wrong_extent)
    limit_km = extent_km or CITY_EXTENT_KM
    features = [_mapped(feature, names) for feature in _to_wgs84(found.features, crs)]
    if not names.id:
        features = with_ids_from_names(features)
        notes.append(f"{file}: no id property was named, so ids were made from names")
    features, part_problems, part_notes = joined_parts(features, shared_ids, file)
    source = "WGS84" if crs.equals(CRS.from_user_input(WGS84)) else crs.to_string()
    method = f"from {file} ({source})"
    boundaries = {
        str(feature.properties["id"]): (Boundary.SUPPLIED, method)
        for feature in features
    }
    checked = snapped_and_checked(check_features(features, file), file)
    centres = checked.districts.geometry.representative_point()
    far = far_places([(point.x, point.y) for point in centres], limit_km)
    locations = [checked.locations.get(key, key) for key in checked.districts.index]
    checked = replace(
        checked,
        problems=found.problems
        + part_problems
        + checked.problems
        + far_feature_problems(far, locations, limit_km, file),
        repairs=notes + list(found.notes) + part_notes + checked.repairs,
    )
    return with_boundaries(checked, boundaries)
