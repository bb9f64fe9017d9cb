"""A city's settings as an editor changes them: checked, written whole, recorded.

``city.toml`` is edited with tomlkit, so its comments, key order and every table
this module does not edit (``[groups.NAME]``, ``[[before]]``, anything newer)
survive a save. The boundary kind lives where the data dictionary keeps it, in
each district's ``boundary`` property in ``districts.geojson``.

A city's ``name`` keys its stored reports and never changes here: the database
keeps ``report_revisions`` append-only (its triggers refuse any UPDATE), so the
rows cannot be moved to another key without rewriting that record. What readers
see is ``display_name`` (in the city picker) and ``title`` (over the map and on
every export), both editable.

A save is whole or nothing: the new files are written to a staging folder beside
the city's folder, loaded there with the city's other files by
``geo.io.load_city``, and only then renamed over the old ones (each rename is
atomic, and either file alone loads). Each save appends one line to
``settings-history.jsonl`` in the city's folder: when, who, what changed.
"""

import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import tomlkit
from tomlkit.items import AoT, Table

from geo.boundaries import BoundaryKind, boundary_kind
from geo.city import City
from geo.colours import CONTESTED_COLOUR, DISPUTED_COLOURS, UNKNOWN_COLOUR, Actor
from geo.frontline import street_width_problem
from geo.io import CITY_FILE, DISTRICTS_FILE, load_city, shown_name
from geo.problems import CityDataError, Problem
from geo.status import Boundary, Control, FeatureKind
from geo.wording import counted

HISTORY_FILE = "settings-history.jsonl"
STAGING_DIR = ".city-settings"
"""Beside the cities, where a save is staged and its lock is kept: never inside a
city's folder, so a half-made file is never a city's."""
MAX_TITLE = 200
MAX_CREDITS = 600
MAX_DISPLAY_NAME = 80
"""Longest name in the city picker: it has to fit the sidebar."""
ZOOM_RANGE = (3, 18)
_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_SIDE_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
_RESERVED_COLOURS = {CONTESTED_COLOUR, UNKNOWN_COLOUR, *DISPUTED_COLOURS}


_BOUNDARY_OF_KIND = {
    BoundaryKind.SCHEMATIC: Boundary.SCHEMATIC,
    BoundaryKind.SURVEYED: Boundary.SUPPLIED,
}


@dataclass(frozen=True)
class CityFileSettings:
    """What the City settings page edits.

    ``boundary`` is None when the districts mix schematic and surveyed outlines;
    a save then leaves them as they are. ``street_width_m`` is None when the
    front line works the street width out from the districts.
    """

    title: str
    display_name: str
    first_day: date
    last_day: date
    default_day: date
    sides: tuple[Actor, ...]
    center: tuple[float, float]
    zoom: int
    credits: str
    boundary: BoundaryKind | None
    street_width_m: float | None = None


def settings_of(city: City) -> CityFileSettings:
    """The settings a loaded city has now."""
    return CityFileSettings(
        title=city.title,
        display_name=city.display_name or city.name,
        first_day=city.first_day,
        last_day=city.last_day,
        default_day=city.default_day,
        sides=city.actors,
        center=city.center,
        zoom=city.zoom,
        credits=city.credits,
        boundary=boundary_kind(city.districts),
        street_width_m=city.street_width_m,
    )


def side_problems(sides: Sequence[Actor], file: str = CITY_FILE) -> list[Problem]:
    """Every problem with the sides, by side and field, for ``file``'s messages."""
    if not sides:
        return [Problem(file, "", "sides", "name at least one side")]
    problems = []
    controls = {str(control) for control in Control}
    ids = [side.id for side in sides]
    colours = [side.colour.lower() for side in sides]
    for number, side in enumerate(sides, start=1):
        where = f"side {number}" + (f" '{side.id}'" if side.id else "")

        def report(field: str, message: str, where: str = where) -> None:
            problems.append(Problem(file, where, field, message))

        if not _SIDE_ID.fullmatch(side.id):
            report(
                "id",
                f"'{side.id}' is not an id: use lower-case letters, digits, _ or -, "
                "e.g. sdf",
            )
        elif side.id in controls:
            report("id", f"'{side.id}' is a word the map uses for control; rename it")
        elif side.id in ids[: number - 1]:
            earlier = ids.index(side.id) + 1
            report("id", f"'{side.id}' is also side {earlier}'s id")
        if not side.label.strip():
            report("label", "is empty")
        if not _HEX_COLOUR.fullmatch(side.colour):
            report("colour", f"'{side.colour}' is not a #rrggbb colour")
        elif side.colour.lower() in _RESERVED_COLOURS:
            report(
                "colour",
                f"{side.colour} is the map's colour for contested, "
                "disputed or unknown districts; choose another",
            )
        elif side.colour.lower() in colours[: number - 1]:
            earlier = colours.index(side.colour.lower()) + 1
            report("colour", f"{side.colour} is also side {earlier}'s colour")
    return problems


def settings_problems(settings: CityFileSettings) -> list[Problem]:
    """Every problem with the settings, in an editor's words, by field."""
    problems = []

    def report(field: str, message: str, where: str = "") -> None:
        problems.append(Problem(CITY_FILE, where, field, message))

    if not settings.display_name.strip():
        report("display_name", "is empty")
    elif len(settings.display_name) > MAX_DISPLAY_NAME:
        report("display_name", f"is longer than {MAX_DISPLAY_NAME} characters")
    if not settings.title.strip():
        report("title", "is empty")
    elif len(settings.title) > MAX_TITLE:
        report("title", f"is longer than {MAX_TITLE} characters")
    if settings.first_day > settings.last_day:
        report("last_day", f"{settings.last_day} is before the first day")
    elif not settings.first_day <= settings.default_day <= settings.last_day:
        report("default_day", "the map opens on a day outside the first to last day")
    problems += side_problems(settings.sides)
    latitude, longitude = settings.center
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        report(
            "center", "is not a latitude within ±90 and a longitude within ±180", "map"
        )
    low, high = ZOOM_RANGE
    if not low <= settings.zoom <= high:
        report("zoom", f"{settings.zoom} is not between {low} and {high}", "map")
    if settings.street_width_m is not None and (
        problem := street_width_problem(settings.street_width_m)
    ):
        report("street_width_m", problem, "map")
    if len(settings.credits) > MAX_CREDITS:
        report("text", f"is longer than {MAX_CREDITS} characters", "credits")
    return problems


def _set(table: Table | tomlkit.TOMLDocument, key: str, value: object) -> None:
    """Set ``key`` only when its value changes, so untouched lines stay as written."""
    if table.get(key) != value:
        table[key] = value


def _side_table(table: Table, side: Actor) -> None:
    _set(table, "id", side.id)
    _set(table, "label", side.label)
    _set(table, "colour", side.colour)
    if side.aliases:
        _set(table, "aliases", list(side.aliases))
    elif "aliases" in table:
        del table["aliases"]


def _move_trailing_comments(source: Table, target: Table) -> None:
    """Move the comment and blank lines after a side's keys to ``target``'s end.

    They belong to what follows the side in the file (a removed side's go to the
    side before it, the last side's to a side added after it), so they keep
    their place.
    """
    body = source.value.body
    keys_end = max(
        (position + 1 for position, (key, _) in enumerate(body) if key is not None),
        default=0,
    )
    trailing = [item for _, item in body[keys_end:]]
    del body[keys_end:]
    for item in trailing:
        target.add(item)


def _updated_sides(document: tomlkit.TOMLDocument, sides: Sequence[Actor]) -> None:
    """Sides changed in place, removed ones dropped, new ones appended."""
    if "actors" not in document:
        document.append("actors", AoT([]))
    tables = document["actors"]
    wanted = {side.id: side for side in sides}
    for position in reversed(range(len(tables))):
        if str(tables[position].get("id")) not in wanted:
            if position > 0:
                _move_trailing_comments(tables[position], tables[position - 1])
            del tables[position]
    present = {str(table.get("id")): table for table in tables}
    for side in sides:
        if side.id in present:
            _side_table(present[side.id], side)
            continue
        table = tomlkit.table()
        _side_table(table, side)
        if len(tables):
            _move_trailing_comments(tables[-1], table)
            tables[-1].add(tomlkit.nl())
        else:
            table.add(tomlkit.nl())
        tables.append(table)


def updated_city_toml(text: str, settings: CityFileSettings) -> str:
    """``city.toml`` with the settings applied and everything else kept as written."""
    document = tomlkit.parse(text)
    _set(document, "title", settings.title.strip())
    shown = settings.display_name.strip()
    if shown != str(document.get("name", "")) or "display_name" in document:
        _set(document, "display_name", shown)
    for field in ("first_day", "last_day", "default_day"):
        _set(document, field, getattr(settings, field).isoformat())
    if "map" not in document:
        document["map"] = tomlkit.table()
    _set(document["map"], "center", [settings.center[0], settings.center[1]])
    _set(document["map"], "zoom", settings.zoom)
    if settings.street_width_m is not None:
        _set(document["map"], "street_width_m", float(settings.street_width_m))
    elif "street_width_m" in document["map"]:
        del document["map"]["street_width_m"]
    _updated_sides(document, settings.sides)
    if "credits" not in document:
        document["credits"] = tomlkit.table()
    _set(document["credits"], "text", settings.credits.strip())
    return tomlkit.dumps(document)


def districts_with_boundary(text: str, kind: BoundaryKind) -> str:
    """``districts.geojson`` with every district's ``boundary`` set to ``kind``.

    Landmarks and every other property are kept; one feature per line.
    """
    collection = json.loads(text)
    for feature in collection.get("features", []):
        properties = feature.setdefault("properties", {}) or {}
        if properties.get("kind", FeatureKind.DISTRICT) == FeatureKind.DISTRICT:
            properties["boundary"] = str(_BOUNDARY_OF_KIND[kind])
    features = ",\n".join(
        json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
        for feature in collection.get("features", [])
    )
    head = {key: value for key, value in collection.items() if key != "features"}
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    return f'{opening},"features":[\n{features}\n]}}\n'


def file_digest(folder: Path) -> str:
    """A fingerprint of the city's ``city.toml``, to notice another editor's save."""
    return hashlib.sha256((folder / CITY_FILE).read_bytes()).hexdigest()


def _changes(before: CityFileSettings, after: CityFileSettings) -> dict[str, object]:
    old, new = asdict(before), asdict(after)
    return {
        field: {"from": old[field], "to": new[field]}
        for field in old
        if old[field] != new[field]
    }


@contextmanager
def _locked(folder: Path) -> Iterator[Path]:
    """The staging folder of the cities, held for one save of this city at a time."""
    staging = folder.parent / STAGING_DIR
    staging.mkdir(exist_ok=True)
    with (staging / f"{folder.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield staging
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def save_settings(
    folder: Path,
    before: CityFileSettings,
    after: CityFileSettings,
    *,
    read_digest: str,
    editor: str,
) -> list[Problem]:
    """Write ``after`` to the city in ``folder``; return the problems that stop it.

    ``before`` and ``read_digest`` are what the editor's form was made from: a
    ``city.toml`` changed since then is never overwritten. Nothing is written
    unless the city, with its new files, loads.
    """
    problems = settings_problems(after) + _shown_name_problems(folder, after)
    if problems or after == before:
        return problems
    with _locked(folder) as staging:
        if file_digest(folder) != read_digest:
            message = (
                "changed since this page read it (another editor saved, or it was "
                "edited by hand); reload the page to see the new settings"
            )
            return [Problem(CITY_FILE, "", "", message)]
        new_files = {
            CITY_FILE: updated_city_toml(
                (folder / CITY_FILE).read_text(encoding="utf-8"), after
            )
        }
        if after.boundary is not None and after.boundary != before.boundary:
            new_files[DISTRICTS_FILE] = districts_with_boundary(
                (folder / DISTRICTS_FILE).read_text(encoding="utf-8"), after.boundary
            )
        trial = Path(tempfile.mkdtemp(prefix=f"{folder.name}-", dir=staging))
        try:
            for path in folder.iterdir():
                if path.is_file() and path.name not in new_files:
                    os.symlink(path.resolve(), trial / path.name)
            for name, content in new_files.items():
                (trial / name).write_text(content, encoding="utf-8")
            try:
                load_city(trial)
            except CityDataError as error:
                return list(error.problems)
            for name in new_files:
                os.replace(trial / name, folder / name)
        finally:
            shutil.rmtree(trial, ignore_errors=True)
        record = {
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
            "by": editor,
            "changes": _changes(before, after),
        }
        with (folder / HISTORY_FILE).open("a", encoding="utf-8") as history:
            history.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    return []


def _shown_name_problems(folder: Path, settings: CityFileSettings) -> list[Problem]:
    """A name another city already shows in the picker would look the same there."""
    shown = settings.display_name.strip().casefold()
    for other in sorted(folder.parent.glob(f"*/{CITY_FILE}")):
        if other.parent != folder and display_name(other.parent).casefold() == shown:
            message = (
                f"'{settings.display_name.strip()}' is the name of the city in "
                f"{other.parent.name}/ already; choose another"
            )
            return [Problem(CITY_FILE, "", "display_name", message)]
    return []


def reports_problems(settings: CityFileSettings, city: City) -> list[Problem]:
    """What the city's reports, stored ones included, rule out in the settings.

    A side a report names cannot be removed, and the days must cover every
    report: a save that broke them would leave the city unable to load.
    """
    problems = []
    kept = {side.id for side in settings.sides}
    used = city.reports["actor"].value_counts()
    for actor_id, count in used.items():
        if actor_id and actor_id not in kept:
            problems.append(
                Problem(
                    CITY_FILE,
                    "",
                    "sides",
                    f"'{actor_id}' is named by {counted(count, 'report')}; it "
                    "cannot be removed (rename its label instead)",
                )
            )
    if city.days and city.days[0] < settings.first_day:
        problems.append(
            Problem(
                CITY_FILE,
                "",
                "first_day",
                f"is after the first report's day, {city.days[0]}",
            )
        )
    if city.days and city.days[-1] > settings.last_day:
        problems.append(
            Problem(
                CITY_FILE,
                "",
                "last_day",
                f"is before the last report's day, {city.days[-1]}",
            )
        )
    return problems


def display_name(folder: Path) -> str:
    """A city's name for pickers, from its ``city.toml``; its folder's if unreadable."""
    try:
        settings = tomlkit.parse((folder / CITY_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomlkit.exceptions.ParseError):
        return folder.name.replace("_", " ").title()
    return shown_name(settings, folder)
