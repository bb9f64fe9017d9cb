"""A new city's reports file: read leniently for days and sides, then checked.

The check is the import's (``geo.report_csv.check_import``) against the new
districts, except that a place naming a name several districts share is asked
about (``geo.citybuild.shared_names``).
"""

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from geo.city import City
from geo.citybuild.inputs import SourceFile
from geo.citybuild.shared_names import shared_name_problems
from geo.days import parse_day
from geo.places import EXCEPT_WORD, LIST_SEPARATOR
from geo.problems import Problem
from geo.report_csv import DateOrder, TextEncoding, check_import, read_report_table
from geo.schema import REPORT_COLUMNS
from geo.status import ReportStatus


@dataclass(frozen=True)
class ReportsRead:
    """What a reports file says before it is checked: days, held actors, places."""

    days: list[date]
    actors: list[str]
    places: list[str]
    problems: list[Problem]


def read_reports(
    reports: SourceFile | None, encoding: TextEncoding, date_order: DateOrder
) -> ReportsRead:
    """The days, held actors' ids and place cells of a reports file, read leniently."""
    if reports is None:
        return ReportsRead([], [], [], [])
    table, _, problems = read_report_table(
        reports.data, encoding=encoding, date_order=date_order, file=reports.name
    )
    if table is None or "date" not in table:
        return ReportsRead([], [], [], problems)
    days = [day for day in map(parse_day, table["date"]) if day is not None]
    actors = []
    if "actor" in table and "status" in table:
        held = table[table["status"].str.strip() == ReportStatus.HELD]
        actors = list(dict.fromkeys(actor for actor in held["actor"] if actor))
    places = list(table["district_id"]) if "district_id" in table else []
    return ReportsRead(days, actors, places, [])


def checked_reports(
    reports: SourceFile,
    places: list[str],
    city: City,
    encoding: TextEncoding,
    date_order: DateOrder,
) -> tuple[pd.DataFrame, list[Problem], list[str]]:
    """The reports checked as an import into ``city``: clean ones, problems, notes.

    A place naming a name several districts share gets the problem that lists
    them, instead of the import's own.
    """
    preview = check_import(
        reports.data,
        encoding=encoding,
        date_order=date_order,
        city=city,
        file=reports.name,
    )
    shared = shared_name_problems(places, city.districts, reports.name)
    asked = {(problem.location, problem.field) for problem in shared}
    problems = [
        problem
        for problem in preview.problems
        if (problem.location, problem.field) not in asked
    ]
    notes = []
    if preview.ignored_columns:
        notes.append(
            f"{reports.name}: columns not kept: {', '.join(preview.ignored_columns)}"
        )
    clean = preview.reports.reset_index(drop=True)[list(REPORT_COLUMNS)]
    return clean, problems + shared, notes


def place_names(place: str, districts: pd.DataFrame) -> str:
    """A stored place with each district id shown as "Name (id)", for a preview.

    Lists, "except" and groups keep their words: "hittin; yarmouk" reads
    "Hittin (hittin); Yarmouk (yarmouk)".
    """
    parts = re.split(rf"({re.escape(LIST_SEPARATOR)}\s*|\s+{EXCEPT_WORD}\s+)", place)
    return "".join(
        f"{districts.loc[part, 'name_en']} ({part})"
        if part in districts.index
        else part
        for part in parts
    )
