"""Features that share an id: one neighbourhood in parts, or districts to tell apart.

A boundary file may store one neighbourhood as several features with the same id,
or give no ids at all, so they are made from the names. Either way, features
sharing an id are never silently dropped or overwritten: the user chooses to merge
them into one district (the parts listed) or to keep them as separate districts
with generated ids, and until then each shared id is one problem naming every
feature that carries it.
"""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from enum import StrEnum

import shapely

from geo.geometry import RawFeature, repair
from geo.problems import Problem


class SharedIds(StrEnum):
    """What to do with features that share an id."""

    ASK = "ask"
    MERGE = "merge"
    SEPARATE = "separate"


SHARED_IDS_LABELS = {
    SharedIds.MERGE: "one district each: merge the parts",
    SharedIds.SEPARATE: "separate districts: number their ids (93-1, 93-2, …)",
}
"""How the choices read in a form, for the user who is asked."""


def id_from_name(name: str, number: int) -> str:
    """A district id made from its name: "Al-Hamdaniya" is "al_hamdaniya".

    Lower case, accents dropped, other letters and signs between words joined
    by "_", at most 64 characters, as ids must be (``geo.ids``). A name with no
    Latin letter or digit (an Arabic name) gives "district_<number>", its place
    in the file, since ids keep to a safe alphabet.
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(part for part in text if not unicodedata.combining(part))
    slug = re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_")[:64].strip("_")
    return slug or f"district_{number}"


def with_ids_from_names(features: Sequence[RawFeature]) -> list[RawFeature]:
    """The features with ``id`` made from ``name_en`` (or the local name)."""
    return [
        replace(
            feature,
            properties={
                **feature.properties,
                "id": id_from_name(
                    str(feature.properties.get("name_en") or "")
                    or str(feature.properties.get("name_ar") or ""),
                    number,
                ),
            },
        )
        for number, feature in enumerate(features, start=1)
    ]


def _listed(items: Sequence[str]) -> str:
    """Items in words: "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _feature_numbers(parts: Sequence[RawFeature]) -> str:
    """The parts' places in words, e.g. "features 3, 7 and 9"."""
    numbers = [part.location.removeprefix("feature ") for part in parts]
    return f"features {_listed(numbers)}"


def _groups(features: Sequence[RawFeature]) -> dict[str, list[RawFeature]]:
    groups: dict[str, list[RawFeature]] = {}
    for feature in features:
        groups.setdefault(str(feature.properties.get("id") or ""), []).append(feature)
    return groups


def repeated_ids(features: Sequence[RawFeature]) -> dict[str, tuple[str, ...]]:
    """Every non-empty id carried by several features, with those features' places."""
    return {
        district_id: tuple(part.location for part in parts)
        for district_id, parts in _groups(features).items()
        if district_id and len(parts) > 1
    }


def _numbered_ids(district_id: str, count: int, taken: set[str]) -> list[str]:
    """``count`` new ids "93-1", "93-2", ... that no other feature uses."""
    ids = []
    number = 0
    while len(ids) < count:
        number += 1
        candidate = f"{district_id}-{number}"
        if candidate not in taken:
            ids.append(candidate)
    return ids


def _merged(
    district_id: str, parts: list[RawFeature], file: str
) -> tuple[RawFeature | None, list[Problem], str]:
    """One feature covering all the parts, its note, or the unreadable parts.

    Names come from the first part; the other parts' names become aliases.
    """
    unreadable = [part for part in parts if part.geometry is None]
    if unreadable:
        problems = [
            Problem(file, part.location, part.geometry_field, part.unreadable)
            for part in unreadable
        ]
        return None, problems, ""
    first = parts[0].properties
    others = {
        str(part.properties.get(field) or "")
        for part in parts[1:]
        for field in ("name_en", "name_ar")
    } - {str(first.get("name_en") or ""), str(first.get("name_ar") or ""), ""}
    aliases = [str(first.get("aliases") or ""), *sorted(others)]
    geometries = [part.geometry for part in parts if part.geometry is not None]
    geometry = repair(shapely.union_all([repair(shape) for shape in geometries]))
    where = _feature_numbers(parts)
    merged = RawFeature(
        where,
        {**first, "aliases": "; ".join(alias for alias in aliases if alias)},
        geometry,
    )
    note = (
        f"{file}: {where} share the id '{district_id}' "
        f"({first.get('name_en') or district_id}): merged into one district of "
        f"{len(parts)} parts"
    )
    return merged, [], note


def joined_parts(
    features: Sequence[RawFeature], choice: SharedIds, file: str
) -> tuple[list[RawFeature], list[Problem], list[str]]:
    """The features with every shared id resolved as ``choice`` says.

    Returns the features (a shared id's parts where its first part was), the
    problems and the notes. With ``ASK`` each shared id is one problem naming its
    features, and only its first feature is checked further.
    """
    groups = _groups(features)
    taken = set(groups)
    kept: list[RawFeature] = []
    problems: list[Problem] = []
    notes: list[str] = []
    for district_id, parts in groups.items():
        if not district_id or len(parts) == 1:
            kept += parts
            continue
        where = _feature_numbers(parts)
        if choice == SharedIds.MERGE:
            merged, unreadable, note = _merged(district_id, parts, file)
            problems += unreadable
            kept += [merged] if merged is not None else []
            notes += [note] if note else []
        elif choice == SharedIds.SEPARATE:
            ids = _numbered_ids(district_id, len(parts), taken)
            taken.update(ids)
            kept += [
                replace(part, properties={**part.properties, "id": new_id})
                for part, new_id in zip(parts, ids, strict=True)
            ]
            notes.append(
                f"{file}: {where} share the id '{district_id}': kept as separate "
                f"districts {_listed(ids)}"
            )
        else:
            example = _numbered_ids(district_id, 2, taken)
            kept.append(parts[0])
            problems.append(
                Problem(
                    file,
                    where,
                    "id",
                    f"'{district_id}' is the id of {len(parts)} features: one "
                    "neighbourhood in several parts, or different districts? "
                    "Choose to merge the parts into one district, or to keep them "
                    f"as separate districts ({', '.join(example)}, …): the form's "
                    "question, or --shared-ids merge|separate",
                )
            )
    return kept, problems, notes
