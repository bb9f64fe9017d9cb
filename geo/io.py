"""Reading a city folder (``city.toml``, ``districts.geojson``, ``reports.csv``).

``load_city`` is the boundary: it validates everything, collects every problem,
and either returns a ``City`` or raises one ``CityDataError`` that lists them all.
"""

import json
import tomllib
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.errors import ShapelyError
from shapely.geometry import shape

from geo.city import City, LabelLanguage
from geo.colours import Actor
from geo.days import parse_day
from geo.events import load_events, load_figures
from geo.frontline import street_width_problem
from geo.geometry import WGS84, CheckedFeatures, read_districts
from geo.names import name_index
from geo.opening import read_opening
from geo.places import read_groups
from geo.problems import CityDataError, Problem
from geo.schema import REPORT_COLUMNS, actor_names, validate_reports

CITY_FILE = "city.toml"
DISTRICTS_FILE = "districts.geojson"
REPORTS_FILE = "reports.csv"
RIVER_FILE = "river.geojson"
_HEX_COLOUR_LENGTHS = {4, 7}
DEFAULT_ZOOM = 13


def _read_settings(path: Path, problems: list[Problem]) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(Problem(path.name, "", "", "is missing"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        problems.append(Problem(path.name, "", "", f"is not valid TOML: {error}"))
    return {}


def _read_aliases(entry: dict, where: str, problems: list[Problem]) -> tuple[str, ...]:
    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(
        isinstance(alias, str) for alias in aliases
    ):
        problems.append(
            Problem(CITY_FILE, where, "aliases", "must be a list of names in quotes")
        )
        return ()
    return tuple(alias.strip() for alias in aliases if alias.strip())


def _table(settings: dict, key: str, problems: list[Problem]) -> dict:
    """The TOML table ``[key]`` of the settings, or {} with a problem if not a table."""
    value = settings.get(key) or {}
    if isinstance(value, dict):
        return value
    problems.append(Problem(CITY_FILE, "", key, f"must be a [{key}] table"))
    return {}


def _read_actors(settings: dict, problems: list[Problem]) -> tuple[Actor, ...]:
    actors = []
    entries = settings.get("actors") or []
    if not isinstance(entries, list):
        problems.append(
            Problem(CITY_FILE, "", "actors", "must be [[actors]] tables, one per side")
        )
        entries = []
    for number, entry in enumerate(entries, start=1):
        where = f"actors entry {number}"
        if not isinstance(entry, dict):
            problems.append(
                Problem(CITY_FILE, where, "", "is not a table of id, label and colour")
            )
            continue
        actor = Actor(
            str(entry.get("id", "")).strip(),
            str(entry.get("label", "")).strip(),
            str(entry.get("colour", "")).strip(),
            _read_aliases(entry, where, problems),
        )
        if not actor.id or not actor.label:
            problems.append(Problem(CITY_FILE, where, "id/label", "is empty"))
        is_hex = actor.colour.startswith("#") and len(actor.colour) in (
            _HEX_COLOUR_LENGTHS
        )
        if not is_hex or not all(
            c in "0123456789abcdefABCDEF" for c in actor.colour[1:]
        ):
            problems.append(
                Problem(
                    CITY_FILE,
                    where,
                    "colour",
                    f"'{actor.colour}' is not a #rrggbb colour",
                )
            )
        actors.append(actor)
    if not actors:
        problems.append(
            Problem(CITY_FILE, "", "actors", "at least one actor is needed")
        )
    return tuple(actors)


def _setting_day(settings: dict, field: str, problems: list[Problem]) -> date:
    value = settings.get(field)
    if isinstance(value, date):
        return value
    day = parse_day(str(value))
    if day is None:
        problems.append(Problem(CITY_FILE, "", field, f"'{value}' is not a date"))
        return date.min
    return day


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _read_map(
    settings: dict, problems: list[Problem]
) -> tuple[tuple[float, float] | None, int]:
    """The ``[map]`` centre (latitude, longitude), if given, and the zoom."""
    map_settings = _table(settings, "map", problems)
    center = map_settings.get("center")
    if center is not None and not (
        isinstance(center, list)
        and len(center) == 2
        and all(_is_number(value) for value in center)
        and -90 <= center[0] <= 90
        and -180 <= center[1] <= 180
    ):
        problems.append(
            Problem(
                CITY_FILE,
                "map",
                "center",
                f"{center!r} is not [latitude, longitude] in degrees",
            )
        )
        center = None
    zoom = map_settings.get("zoom") or DEFAULT_ZOOM
    if not isinstance(zoom, int) or isinstance(zoom, bool):
        problems.append(
            Problem(CITY_FILE, "map", "zoom", f"{zoom!r} is not a whole number")
        )
        zoom = DEFAULT_ZOOM
    return (tuple(center) if center else None), zoom


def _read_map_labels(
    settings: dict, problems: list[Problem]
) -> tuple[LabelLanguage, str]:
    """The ``[map]`` names written on the map: districts' ``labels``, ``river_label``.

    A ``[map]`` that is not a table is reported once, by ``_read_map``.
    """
    map_settings = settings.get("map")
    if not isinstance(map_settings, dict):
        return LabelLanguage.ENGLISH, ""
    labels = map_settings.get("labels", LabelLanguage.ENGLISH)
    if labels not in tuple(LabelLanguage):
        problems.append(
            Problem(
                CITY_FILE,
                "map",
                "labels",
                f"{labels!r} is neither 'en' (English names on the map) nor 'local'"
                " (the local names)",
            )
        )
        labels = LabelLanguage.ENGLISH
    river_label = map_settings.get("river_label", "")
    if not isinstance(river_label, str):
        problems.append(
            Problem(
                CITY_FILE,
                "map",
                "river_label",
                f"{river_label!r} is not a name in quotes",
            )
        )
        river_label = ""
    return LabelLanguage(labels), river_label.strip()


def _read_street_width(settings: dict, problems: list[Problem]) -> float | None:
    """The ``[map]`` stated street width in metres, or None when not stated.

    A ``[map]`` that is not a table is reported once, by ``_read_map``.
    """
    map_settings = settings.get("map")
    if not isinstance(map_settings, dict) or "street_width_m" not in map_settings:
        return None
    width = map_settings["street_width_m"]
    problem = street_width_problem(width)
    if problem:
        problems.append(Problem(CITY_FILE, "map", "street_width_m", problem))
        return None
    return float(width)


def _read_river(folder: Path, problems: list[Problem]) -> gpd.GeoDataFrame | None:
    path = folder / RIVER_FILE
    if not path.exists():
        return None
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        geometries = [shape(feature["geometry"]) for feature in features]
    except (
        UnicodeDecodeError,
        ValueError,
        RecursionError,
        KeyError,
        TypeError,
        AttributeError,
        ShapelyError,
    ) as error:
        problems.append(
            Problem(RIVER_FILE, "", "", f"is not readable GeoJSON lines ({error})")
        )
        return None
    return gpd.GeoDataFrame(geometry=geometries, crs=WGS84)


def shown_name(settings: Mapping, folder: Path) -> str:
    """The name readers see for a city: ``display_name``, ``name`` or its folder's."""
    return str(
        settings.get("display_name") or settings.get("name") or folder.name
    ).strip()


def _read_reports(folder: Path) -> pd.DataFrame | Problem:
    """The raw text cells of ``reports.csv``, or the problem that stops reading it.

    pyarrow's reader reads what pandas' own reads, as pandas reads it, in a
    third of the time (200 000 reports: 0.14 s against 0.36 s), but refuses
    some files pandas reads (a short row, a line of spaces) and words its
    refusals its own way. Any file it refuses is read again by pandas' reader,
    whose result or message the user gets, as before.
    """
    path = folder / REPORTS_FILE
    options = {"dtype": str, "keep_default_na": False, "encoding": "utf-8"}
    try:
        try:
            return pd.read_csv(path, engine="pyarrow", **options)
        except ValueError:  # pyarrow's refusals, ArrowInvalid and ParserError
            return pd.read_csv(path, **options)
    except FileNotFoundError:
        return Problem(REPORTS_FILE, "", "", "is missing")
    except pd.errors.EmptyDataError:
        message = f"is empty: it needs its header ({', '.join(REPORT_COLUMNS)})"
        return Problem(REPORTS_FILE, "", "", message)
    except (UnicodeDecodeError, pd.errors.ParserError) as error:
        return Problem(REPORTS_FILE, "", "", f"cannot be read: {error}")


def load_city(
    folder: Path,
    checked_reports: pd.DataFrame | None = None,
    checked_districts: CheckedFeatures | None = None,
) -> City:
    """Load and validate the city in ``folder``; raise one ``CityDataError`` if not.

    ``checked_reports`` and ``checked_districts`` are the reports and districts
    an earlier ``load_city`` of these very files returned: ``reports.csv`` or
    the districts' GeoJSON is then neither read nor checked again (at 200 000
    reports and 4 000 districts the longest parts of a load). Everything else
    is checked.
    """
    folder = Path(folder)
    problems: list[Problem] = []
    settings = _read_settings(folder / CITY_FILE, problems)
    actors = _read_actors(settings, problems)
    first_day = _setting_day(settings, "first_day", problems)
    last_day = _setting_day(settings, "last_day", problems)
    default_day = _setting_day(settings, "default_day", problems)
    if date.min < last_day < first_day:
        problems.append(
            Problem(CITY_FILE, "", "first_day", f"{first_day} is after last_day")
        )

    checked = checked_districts or (
        read_districts(folder / DISTRICTS_FILE)
        if (folder / DISTRICTS_FILE).exists()
        else None
    )
    if checked is None:
        problems.append(Problem(DISTRICTS_FILE, "", "", "is missing"))
        raise CityDataError(problems)
    problems += checked.problems

    raw_reports = _read_reports(folder) if checked_reports is None else None
    if isinstance(raw_reports, Problem):
        raise CityDataError([*problems, raw_reports])
    center, zoom = _read_map(settings, problems)
    labels, river_label = _read_map_labels(settings, problems)
    street_width_m = _read_street_width(settings, problems)
    credits = _table(settings, "credits", problems).get("text")
    river = _read_river(folder, problems)
    district_names = name_index(checked.districts)
    actor_ids = {actor.id for actor in actors}
    groups, group_problems = read_groups(
        settings.get("groups", {}), district_names=district_names, file=CITY_FILE
    )
    opening, opening_problems = read_opening(
        settings.get("before"),
        file=CITY_FILE,
        district_names=district_names,
        actor_ids=actor_ids,
        actor_aliases=actor_names(actors),
        groups=groups,
        first_day=first_day,
    )
    reports, report_problems = (
        (checked_reports, [])
        if raw_reports is None
        else validate_reports(
            raw_reports,
            file=REPORTS_FILE,
            district_names=district_names,
            actor_ids=actor_ids,
            first_day=first_day,
            last_day=last_day,
            groups=groups,
            actor_aliases=actor_names(actors),
        )
    )
    problems += group_problems + opening_problems + report_problems
    if problems:
        raise CityDataError(problems)

    center = center or checked.districts.union_all().centroid.coords[0][::-1]
    city = City(
        folder=folder,
        name=str(settings.get("name") or folder.name),
        title=str(settings.get("title") or settings.get("name") or folder.name),
        districts=checked.districts,
        reports=reports,
        actors=actors,
        days=tuple(sorted(set(reports["date"]))),
        first_day=first_day,
        last_day=last_day,
        default_day=default_day,
        center=(float(center[0]), float(center[1])),
        zoom=zoom,
        credits=str(credits or ""),
        assessment_outranks_claim=bool(settings.get("assessment_outranks_claim")),
        river=river,
        repairs=tuple(checked.repairs),
        groups=groups,
        opening=opening,
        labels=labels,
        river_label=river_label,
        street_width_m=street_width_m,
        display_name=shown_name(settings, folder),
    )
    events, event_problems = load_events(folder, city)
    figures, figure_problems = load_figures(folder, city)
    if event_problems or figure_problems:
        raise CityDataError(event_problems + figure_problems)
    return replace(city, events=events, figures=figures)
