"""Where a report applies: one district, several, a named group, or the whole city.

A report's place is written in its ``district_id`` cell (the column keeps its old
name so existing files stay valid):

- ``nazlat_shahada``: one district, by id, name or alias;
- ``hittin; yarmouk; batani``: a list of districts;
- ``northern_districts``: a group named in ``city.toml`` (``[groups.NAME]``);
- ``city``: every district and landmark of the city;
- any of the last three may end with ``except`` and a list, e.g.
  ``city except national_hospital; municipal_stadium``;
- ``unplaced: five northern neighbourhoods``: the source names a place we cannot
  put on the map. The report is kept and listed on its day, never drawn.

A report about several districts is stored once and counts for each district it
covers (``covered_districts``); the rule treats it like a report about each of
them, so a sweeping claim and a specific one of the same day that disagree make
the district disputed rather than one silently outvoting the other.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from geo.names import (
    normalise_name,
    resolve_district,
    shared_name_districts,
    suggest_districts,
)
from geo.problems import Problem

WHOLE_CITY = "city"
UNPLACED_PREFIX = "unplaced:"
EXCEPT_WORD = "except"
LIST_SEPARATOR = ";"


class PlaceKind(StrEnum):
    """How a report names its place."""

    DISTRICT = "district"
    LIST = "list"
    GROUP = "group"
    CITY = "city"
    UNPLACED = "unplaced"


@dataclass(frozen=True)
class Group:
    """Districts a source names together ("the northern districts"), from city.toml."""

    name: str
    label: str
    districts: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Place:
    """A parsed place: its canonical text, what it names and the districts it covers.

    ``text`` is what storage keeps (ids, not spellings); ``districts`` are the ids
    it covers, in the city's order; ``excluded`` are the ids after "except".
    """

    text: str
    kind: PlaceKind
    districts: tuple[str, ...]
    excluded: tuple[str, ...] = ()
    group_label: str = ""
    words: str = ""

    @property
    def collective(self) -> bool:
        """Whether the report speaks of more than one district at once."""
        return self.kind in (PlaceKind.LIST, PlaceKind.GROUP, PlaceKind.CITY)


class PlaceError(ValueError):
    """A place that cannot be read; the message says why in a user's words."""


def _split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(LIST_SEPARATOR) if part.strip()]


def _split_except(text: str) -> tuple[str, str | None]:
    words = text.split()
    lowered = [word.casefold() for word in words]
    if EXCEPT_WORD not in lowered:
        return text.strip(), None
    at = lowered.index(EXCEPT_WORD)
    return " ".join(words[:at]), " ".join(words[at + 1 :])


def parse_place(
    text: str,
    *,
    district_names: dict[str, str],
    district_order: Iterable[str],
    groups: Iterable[Group] = (),
) -> Place:
    """Read a place written in a report; raise ``PlaceError`` saying what is wrong.

    ``district_names`` maps every normalised id, name and alias to its id
    (``geo.names.name_index``); ``district_order`` lists every id of the city in
    the order covered districts are given.
    """
    text = str(text).strip()
    if text.casefold().startswith(UNPLACED_PREFIX):
        words = text[len(UNPLACED_PREFIX) :].strip()
        if not words:
            raise PlaceError(
                f"'{text}' names no place: write the source's words after "
                f"'{UNPLACED_PREFIX}'"
            )
        return Place(f"{UNPLACED_PREFIX} {words}", PlaceKind.UNPLACED, (), words=words)

    whole = resolve_district(text, district_names)
    if whole is not None:
        return Place(whole, PlaceKind.DISTRICT, (whole,))
    order = list(district_order)
    groups = tuple(groups)
    by_name = {normalise_name(group.name): group for group in groups}
    head, rest = _split_except(text)
    if rest is not None and not _split_list(rest):
        raise PlaceError(f"'{text}' has nothing after '{EXCEPT_WORD}'")

    def districts_named(names: list[str]) -> list[str]:
        found = []
        for name in names:
            district_id = resolve_district(name, district_names)
            shared = shared_name_districts(name, district_names)
            if shared:
                raise PlaceError(
                    f"'{name}' is the name of {len(shared)} districts "
                    f"({', '.join(shared)}): write the id of the one the source means"
                )
            if district_id is None:
                suggestions = suggest_districts(name, district_names)
                hint = (
                    f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
                )
                groups_known = ", ".join(sorted(group.name for group in groups))
                also = f" or group ({groups_known})" if groups_known else ""
                raise PlaceError(f"unknown district{also} '{name}'{hint}")
            found.append(district_id)
        return list(dict.fromkeys(found))

    group = by_name.get(normalise_name(head))
    if normalise_name(head) == WHOLE_CITY:
        kind, covered, canonical_head = PlaceKind.CITY, order, WHOLE_CITY
    elif group is not None:
        kind, covered, canonical_head = (
            PlaceKind.GROUP,
            list(group.districts),
            group.name,
        )
    else:
        names = _split_list(head)
        if not names:
            raise PlaceError("is empty: name a district, a list, a group or 'city'")
        covered = districts_named(names)
        kind = PlaceKind.LIST if len(covered) > 1 else PlaceKind.DISTRICT
        canonical_head = f"{LIST_SEPARATOR} ".join(covered)

    excluded = districts_named(_split_list(rest)) if rest is not None else []
    if excluded:
        outside = [district for district in excluded if district not in covered]
        if outside:
            raise PlaceError(
                f"'{', '.join(outside)}' after '{EXCEPT_WORD}' is not part of "
                f"'{canonical_head}'"
            )
        if kind == PlaceKind.DISTRICT:
            kind = PlaceKind.LIST
    remaining = [district for district in covered if district not in set(excluded)]
    if not remaining:
        raise PlaceError(f"'{text}' leaves no district: the '{EXCEPT_WORD}' covers all")
    position = {district: index for index, district in enumerate(order)}
    remaining.sort(key=lambda district: position.get(district, len(position)))
    canonical = (
        f"{canonical_head} {EXCEPT_WORD} {f'{LIST_SEPARATOR} '.join(excluded)}"
        if excluded
        else canonical_head
    )
    return Place(
        canonical,
        kind,
        tuple(remaining),
        excluded=tuple(excluded),
        group_label=group.label if kind == PlaceKind.GROUP and group else "",
    )


def describe_place(place: Place, district_names: Mapping[str, str]) -> str:
    """Say a place in a reader's words, e.g. "the whole city except Stadium".

    ``district_names`` maps ids to the names readers know (English names).
    """

    def named(ids: Iterable[str]) -> str:
        return ", ".join(district_names.get(district, district) for district in ids)

    if place.kind == PlaceKind.UNPLACED:
        return f"not placed on the map: {place.words}"
    if place.kind == PlaceKind.DISTRICT:
        return named(place.districts)
    head = {
        PlaceKind.CITY: "the whole city",
        PlaceKind.GROUP: place.group_label,
        PlaceKind.LIST: named(place.districts),
    }[place.kind]
    if place.kind == PlaceKind.LIST:
        return head
    return f"{head} except {named(place.excluded)}" if place.excluded else head


def read_groups(
    entries: object, *, district_names: dict[str, str], file: str
) -> tuple[tuple[Group, ...], list[Problem]]:
    """Read the ``[groups.NAME]`` tables of city.toml, with every problem found.

    Each group needs ``districts`` (ids, names or aliases) and may give a
    ``label`` (how readers see it) and a ``note`` (which source names the group).
    A group's name must not also be a district's or ``city``.
    """
    problems: list[Problem] = []
    if not isinstance(entries, dict):
        return (), [Problem(file, "", "groups", "must be [groups.NAME] tables")]
    groups = []
    for name, entry in entries.items():
        where = f"groups.{name}"
        if not isinstance(entry, dict):
            problems.append(
                Problem(file, where, "", "must be a table with label and districts")
            )
            continue
        if normalise_name(name) in district_names or normalise_name(name) == WHOLE_CITY:
            problems.append(
                Problem(
                    file,
                    where,
                    "",
                    f"'{name}' is also a district's name; give the group another name",
                )
            )
        names = entry.get("districts")
        if not isinstance(names, list) or not names:
            problems.append(
                Problem(file, where, "districts", "must list at least one district")
            )
            continue
        ids = []
        for district in names:
            district_id = resolve_district(str(district), district_names)
            if district_id is None:
                suggestions = suggest_districts(str(district), district_names)
                hint = (
                    f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
                )
                problems.append(
                    Problem(
                        file, where, "districts", f"unknown district '{district}'{hint}"
                    )
                )
            else:
                ids.append(district_id)
        label = str(entry.get("label") or name.replace("_", " "))
        groups.append(
            Group(name, label, tuple(dict.fromkeys(ids)), str(entry.get("note", "")))
        )
    return tuple(groups), problems


@dataclass(frozen=True)
class PlaceParts:
    """A place as a form asks for it: where, more districts, except, or words.

    ``where`` is a district id, a group name or ``city``; ``more`` adds
    districts to a district; ``excluded`` takes districts out of a group or the
    city; ``unplaced`` holds the source's words for a place not on the map.
    """

    where: str | None = None
    more: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    unplaced: str = ""


def place_text(parts: PlaceParts) -> str:
    """The place a form's parts name, as a report's ``district_id`` cell.

    Raises ``PlaceError`` when the parts contradict each other, e.g. words for
    a place not on the map as well as a district.
    """
    words = parts.unplaced.strip()
    if words and (parts.where or parts.more):
        raise PlaceError(
            "name a place on the map or describe one that is not, not both"
        )
    if words:
        return f"{UNPLACED_PREFIX} {words}"
    if parts.more and parts.excluded:
        raise PlaceError("'except' goes with the whole city or a group, not a list")
    head = f"{LIST_SEPARATOR} ".join(
        dict.fromkeys([*([parts.where] if parts.where else []), *parts.more])
    )
    if parts.excluded:
        return f"{head} {EXCEPT_WORD} {f'{LIST_SEPARATOR} '.join(parts.excluded)}"
    return head


def place_parts(place: Place) -> PlaceParts:
    """The form parts that name a stored place again (``place_text``'s inverse)."""
    if place.kind == PlaceKind.UNPLACED:
        return PlaceParts(unplaced=place.words)
    if place.kind == PlaceKind.CITY:
        return PlaceParts(WHOLE_CITY, excluded=place.excluded)
    if place.kind == PlaceKind.GROUP:
        group = place.text.split(f" {EXCEPT_WORD} ")[0]
        return PlaceParts(group, excluded=place.excluded)
    if place.kind == PlaceKind.DISTRICT:
        return PlaceParts(place.districts[0])
    first, *rest = _split_list(place.text)
    return PlaceParts(first, more=tuple(rest))
