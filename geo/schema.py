"""The report schema: the columns of ``reports.csv`` and the checks every row passes.

One report is one claim about one place on one day (see ``data/README.md``); the
place, in the ``district_id`` column, is a district, a list, a group or the whole
city (``geo.places``).
"""

import re
from collections import namedtuple
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from functools import cache
from typing import TypeVar

import pandas as pd

from geo.city import City
from geo.colours import Actor
from geo.days import parse_day
from geo.escaping import url_problem
from geo.ids import id_problem
from geo.places import Group, PlaceError, parse_place
from geo.problems import Problem
from geo.status import DatePrecision, Extent, Kind, ReportStatus, SourceType

REPORT_COLUMNS = (
    "report_id",
    "date",
    "date_precision",
    "district_id",
    "status",
    "actor",
    "extent",
    "kind",
    "denies",
    "source",
    "source_type",
    "url",
    "published",
    "note",
)
REQUIRED_FIELDS = ("report_id", "date", "district_id", "kind", "source", "url")
NOTE_MAX_LENGTH = 600
SOURCE_MAX_LENGTH = 200

_VOCABULARIES = {
    "date_precision": DatePrecision,
    "status": ReportStatus,
    "extent": Extent,
    "kind": Kind,
    "source_type": SourceType,
}
_DEFAULTS = {
    "date_precision": DatePrecision.DAY,
    "extent": Extent.FULL,
    "kind": Kind.CLAIM,
}


_Row = namedtuple("_Row", REPORT_COLUMNS)
_PLAIN_WEB_ADDRESS = re.compile(r"(?i:https?)://(?![/?#])[!-Z\\^-~]+")
"""An http(s) address of visible ASCII only, with a host and no brackets.

``url_problem`` accepts every such address, so it is asked only about the rest.
"""

Value = TypeVar("Value")


def _once_per_value(read: Callable[[str], Value]) -> Callable[[str], Value]:
    """``read`` that reads each distinct cell once: many rows share a day or place."""
    return cache(read)


def _place_or_error(
    text: str,
    district_names: dict[str, str],
    district_order: list[str],
    groups: tuple[Group, ...],
) -> tuple[str, str]:
    """The place's canonical text and "", or "" and why it cannot be read."""
    try:
        place = parse_place(
            text,
            district_names=district_names,
            district_order=district_order,
            groups=groups,
        )
    except PlaceError as error:
        return "", str(error)
    return place.text, ""


def actor_names(actors: Iterable[Actor]) -> dict[str, str]:
    """Every name a report may give a side, case-folded, mapped to the side's id.

    A side is named by its id, its label or any alias, in any case ("SDF", "sdf",
    "Syrian Democratic Forces"). A name two sides share is left out: it could
    mean either, so a report must use the id.
    """
    claims: dict[str, set[str]] = {}
    for actor in actors:
        for name in (actor.id, actor.label, *actor.aliases):
            claims.setdefault(name.strip().casefold(), set()).add(actor.id)
    return {
        name: next(iter(ids)) for name, ids in claims.items() if name and len(ids) == 1
    }


def denied_ids(denies: str) -> list[str]:
    """Split a ``denies`` cell into report ids (space, comma or semicolon separated)."""
    return [part for part in denies.replace(",", " ").replace(";", " ").split() if part]


def spreadsheet_row(index: int) -> int:
    """The number a spreadsheet shows for the data row with this 0-based index."""
    return index + 2


def row_location(index: int) -> str:
    """Where the row with this 0-based index is, as a problem names it: "row 7"."""
    return f"row {spreadsheet_row(index)}"


def validate_reports(
    frame: pd.DataFrame,
    *,
    file: str,
    district_names: dict[str, str],
    actor_ids: set[str],
    first_day: date,
    last_day: date,
    existing_report_ids: frozenset[str] = frozenset(),
    groups: tuple[Group, ...] = (),
    actor_aliases: Mapping[str, str] | None = None,
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check every row and return the clean reports with every problem found.

    ``frame`` holds the raw text cells; its integer index gives each row's
    spreadsheet number (``row_location``), so a caller that drops blank rows keeps
    the numbers the user sees. Places resolve to ids (``geo.places``); an
    unknown name gets a "did you mean" suggestion. ``existing_report_ids`` are
    reports already stored: a row may deny one, but may not reuse its id.
    ``actor_aliases`` (``actor_names``) lets a row name a side by any of its names,
    in any case; the clean row holds its id. Ids match in any case without it.
    """
    district_order = list(dict.fromkeys(district_names.values()))
    problems: list[Problem] = []
    missing = [column for column in REPORT_COLUMNS if column not in frame.columns]
    if missing:
        problems.append(
            Problem(file, "header", "", f"missing column(s): {', '.join(missing)}")
        )
        return frame, problems

    rows = frame[list(REPORT_COLUMNS)].fillna("").astype(str)
    rows = rows.apply(lambda column: column.str.strip())
    for column, default in _DEFAULTS.items():
        rows.loc[rows[column] == "", column] = str(default)
    seen_ids: set[str] = set()
    all_ids = set(rows["report_id"])
    days: list[date | None] = []
    district_ids: list[str] = []
    sides = {actor_id.casefold(): actor_id for actor_id in actor_ids}
    sides.update(actor_aliases or {})
    actors: list[str] = []
    vocabularies = {
        field: ({str(word) for word in vocabulary}, ", ".join(vocabulary))
        for field, vocabulary in _VOCABULARIES.items()
    }
    rejecting_kinds = {str(kind) for kind in Kind if kind.rejects}
    # Cells repeat (days, places) or share one shape (addresses): each distinct
    # value is read once, and a plain http(s) address skips the full check.
    day_of = _once_per_value(parse_day)
    place_of = _once_per_value(
        lambda text: _place_or_error(text, district_names, district_order, groups)
    )
    columns = {column: rows[column].tolist() for column in REPORT_COLUMNS}

    for index, row in zip(
        rows.index, map(_Row._make, zip(*columns.values(), strict=True)), strict=True
    ):
        where = row_location(index)

        def report(field: str, message: str, where: str = where) -> None:
            problems.append(Problem(file, where, field, message))

        for field in REQUIRED_FIELDS:
            if not getattr(row, field):
                report(field, "is empty")
        if row.report_id and (unusable := id_problem(row.report_id)):
            report("report_id", unusable)
        elif row.report_id in existing_report_ids:
            report(
                "report_id",
                f"'{row.report_id}' is already stored; "
                "edit it on the reports page instead",
            )
        elif row.report_id in seen_ids:
            report("report_id", f"'{row.report_id}' is used by an earlier row")
        seen_ids.add(row.report_id)

        day = day_of(row.date)
        if row.date and day is None:
            report("date", f"'{row.date}' is not an ISO date (YYYY-MM-DD)")
        elif day is not None and not first_day <= day <= last_day:
            report(
                "date", f"{day} is outside the city's range {first_day} to {last_day}"
            )
        days.append(day)

        district_id = ""
        if row.district_id:
            district_id, place_problem = place_of(row.district_id)
            if place_problem:
                report("district_id", place_problem)
        district_ids.append(district_id)

        for field, (words, allowed) in vocabularies.items():
            value = getattr(row, field)
            if value and value not in words:
                report(field, f"'{value}' is not one of: {allowed}")

        actor = sides.get(row.actor.casefold(), row.actor)
        actors.append(actor)
        if row.status == ReportStatus.HELD and actor not in actor_ids:
            known = ", ".join(sorted(actor_ids))
            report(
                "actor",
                f"'{row.actor}' must be one of the city's actors: {known} "
                "(or one of their names)",
            )
        elif row.status != ReportStatus.HELD and row.actor:
            report("actor", "only a 'held' report names an actor")
        rejects = row.kind in rejecting_kinds
        if not rejects and not row.status:
            report("status", "is empty (only a denial or retraction may omit it)")

        targets = denied_ids(row.denies) if row.denies else []
        if not rejects and targets:
            report(
                "denies",
                "only a report of kind 'denial' or 'retraction' may name others",
            )
        for target in targets:
            if target not in all_ids and target not in existing_report_ids:
                stored = " or among the stored reports" if existing_report_ids else ""
                report("denies", f"'{target}' is not a report id in this file{stored}")
            elif target == row.report_id:
                report("denies", "a report cannot deny itself")

        if (
            row.url
            and not _PLAIN_WEB_ADDRESS.fullmatch(row.url)
            and (problem := url_problem(row.url))
        ):
            report("url", problem)
        if row.published and day_of(row.published) is None:
            report("published", f"'{row.published}' is not an ISO date (YYYY-MM-DD)")
        if len(row.note) > NOTE_MAX_LENGTH:
            report(
                "note", f"is {len(row.note)} characters; the limit is {NOTE_MAX_LENGTH}"
            )
        if len(row.source) > SOURCE_MAX_LENGTH:
            report("source", f"is longer than {SOURCE_MAX_LENGTH} characters")

    clean = rows.assign(date=days, district_id=district_ids, actor=actors)
    return clean.reset_index(drop=True), problems


def validate_city_reports(
    frame: pd.DataFrame,
    city: City,
    *,
    file: str,
    existing_report_ids: frozenset[str] = frozenset(),
) -> tuple[pd.DataFrame, list[Problem]]:
    """``validate_reports`` against a loaded city's districts, actors and days."""
    return validate_reports(
        frame,
        file=file,
        district_names=city.district_names,
        actor_ids={actor.id for actor in city.actors},
        first_day=city.first_day,
        last_day=city.last_day,
        existing_report_ids=existing_report_ids,
        groups=city.groups,
        actor_aliases=actor_names(city.actors),
    )
