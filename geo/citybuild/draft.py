"""A new city checked as a whole: settings, days and actors, reports, or every problem.

Days and actors the user leaves out come from the reports; the reports are then
checked against the new districts exactly as an import into the city would be.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.city import City
from geo.city_settings import side_problems
from geo.citybuild.checks import neighbour_notes
from geo.citybuild.city_file import NO_DISTRICTS_VIEW, city_toml, map_view
from geo.citybuild.inputs import SETTINGS, CitySettings, SourceFile, folder_name
from geo.citybuild.messages import grouped_problems
from geo.citybuild.reports_file import checked_reports, read_reports
from geo.citybuild.shared_names import shared_name_notes
from geo.colours import ACTOR_PALETTE, Actor
from geo.frontline import district_polygons, street_width_problem
from geo.geometry import CheckedFeatures
from geo.problems import Problem
from geo.report_csv import DateOrder, TextEncoding
from geo.schema import REPORT_COLUMNS


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


def _actors(
    settings: CitySettings, found: Sequence[str]
) -> tuple[tuple[Actor, ...], list[Problem]]:
    """The given sides, else those the reports name, each with a colour.

    A side without one gets the next palette colour no other side has.
    """
    named = settings.actors or tuple(
        Actor(actor_id, actor_id, "") for actor_id in found
    )
    if not named:
        message = (
            "none given and no 'held' report names one; name at least one side "
            "(id and label)"
        )
        return (), [Problem(SETTINGS, "", "actors", message)]
    given = {side.colour.lower() for side in named if side.colour}
    free = [colour for colour in ACTOR_PALETTE if colour.lower() not in given]
    colourless = sum(1 for side in named if not side.colour)
    if colourless > len(free):
        message = (
            f"{len(named)} sides, but only {len(ACTOR_PALETTE)} distinct colours "
            "are offered (ACTOR_PALETTE); give some sides colours, or merge some"
        )
        return (), [Problem(SETTINGS, "", "actors", message)]
    palette = iter(free)
    actors = tuple(replace(side, colour=side.colour or next(palette)) for side in named)
    return actors, side_problems(actors, SETTINGS)


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
    width_problem = (
        street_width_problem(settings.street_width_m)
        if settings.street_width_m is not None
        else ""
    )
    if width_problem:
        problems.append(Problem(SETTINGS, "", "street_width_m", width_problem))
    if not features.problems and not width_problem:
        notes += neighbour_notes(districts, settings.street_width_m)
        notes += shared_name_notes(districts)
    read = read_reports(reports, encoding, date_order)
    actors, actor_problems = _actors(settings, read.actors)
    days, day_problems = _days(settings, read.days)
    problems += actor_problems + day_problems + read.problems
    view = map_view(districts) if not districts.empty else NO_DISTRICTS_VIEW
    clean = pd.DataFrame(columns=REPORT_COLUMNS)
    if reports is not None and not read.problems and not districts.empty:
        provisional = City(
            folder=Path(),
            name=settings.name,
            title=settings.title,
            districts=districts,
            reports=clean,
            actors=actors,
            days=(),
            first_day=days[0] if days else date.min,
            last_day=days[1] if days else date.max,
            default_day=days[2] if days else date.max,
            center=view[0],
            zoom=view[1],
            credits=settings.credits,
        )
        clean, report_problems, report_notes = checked_reports(
            reports, read.places, provisional, encoding, date_order
        )
        problems += report_problems
        notes += report_notes
    toml = city_toml(settings, actors, days, view) if days and not problems else ""
    return CityDraft(
        name=settings.name.strip(),
        districts=districts,
        reports=clean,
        settings_toml=toml,
        problems=tuple(grouped_problems(problems)),
        notes=tuple(notes),
    )
