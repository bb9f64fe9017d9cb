"""The report schema: the columns of ``reports.csv`` and the checks every row passes.

One report is one claim about one place on one day (see ``data/README.md``); the
place, in the ``district_id`` column, is a district, a list, a group or the whole
city (``geo.places``).
"""

from collections import namedtuple
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from geo.city import City
from geo.colours import Actor
from geo.days import parse_day
from geo.escaping import PLAIN_WEB_ADDRESS, url_problem
from geo.ids import SAFE_ID, SCRIPT_NAMES, id_problem
from geo.places import Group, PlaceError, parse_place
from geo.problems import Problem, missing_columns_problem
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


_WORDS = {
    column: ({str(word) for word in vocabulary}, ", ".join(vocabulary))
    for column, vocabulary in _VOCABULARIES.items()
}
"""Each worded column's allowed words, and the same as a reader's list."""
_REJECTING_KINDS = {str(kind) for kind in Kind if kind.rejects}
_Row = namedtuple("_Row", REPORT_COLUMNS)

Value = TypeVar("Value")


@dataclass(frozen=True)
class Distinct(Generic[Value]):
    """A column read once per distinct cell (rows share days, places, sides).

    ``read[codes[row]]`` is what the row's cell gave. Whole columns of results
    are then taken by code, not looked up cell by cell: at 200 000 rows each
    per-row pass over a column cost 20-40 ms.
    """

    codes: np.ndarray
    read: list[Value]

    @classmethod
    def of(cls, column: pd.Series, read: Callable[[Any], Value]) -> "Distinct[Value]":
        """``read`` of each distinct cell of ``column``."""
        codes, distinct = pd.factorize(column, use_na_sentinel=False)
        return cls(codes, [read(value) for value in distinct.tolist()])

    def __getitem__(self, row: int) -> Value:
        return self.read[self.codes[row]]

    def each(self, of: Callable[[Value], Any] | None = None) -> list:
        """Per row, what its cell gave, or ``of`` that, worked out once per cell."""
        values = self.read if of is None else map(of, self.read)
        results = np.fromiter(values, dtype=object, count=len(self.read))
        return results[self.codes].tolist()

    def where(self, test: Callable[[Value], bool]) -> np.ndarray:
        """Per row, whether what its cell gave passes ``test``."""
        passed = np.array([bool(test(value)) for value in self.read], dtype=bool)
        return passed[self.codes]


def per_value(column: pd.Series, read: Callable[[Any], Value]) -> list[Value]:
    """``read`` of every cell, each distinct one read once (``Distinct``)."""
    return Distinct.of(column, read).each()


def _day_or_error(
    text: str, first_day: date, last_day: date
) -> tuple[date | None, str]:
    """The day a cell gives (None if none) and why it is not usable, or ""."""
    day = parse_day(text)
    if text and day is None:
        return None, f"'{text}' is not an ISO date (YYYY-MM-DD)"
    if day is not None and not first_day <= day <= last_day:
        return day, f"{day} is outside the city's range {first_day} to {last_day}"
    return day, ""


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


@dataclass(frozen=True)
class _Checks:
    """What each row of one table is checked against."""

    file: str
    actor_ids: set[str]
    existing_report_ids: frozenset[str]
    all_ids: set[str]
    """Every report id in the table: what a denial may name, beside the stored ones."""


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


def in_report_order(reports: pd.DataFrame) -> pd.DataFrame:
    """``reports`` by day, then by report id; ties keep their order. Index kept.

    The order the rule reads a district's reports in and the database gives
    them in. Sorted by Arrow on the days' ranks and the ids: pandas' own sort
    on these two columns took 0.07 s at 200 000 reports, this 0.012 s.
    """
    days, _ = pd.factorize(reports["date"], sort=True)
    keys = pa.table({"day": days, "report_id": pa.array(reports["report_id"])})
    order = pc.sort_indices(
        keys, sort_keys=[("day", "ascending"), ("report_id", "ascending")]
    )
    return reports.take(order.to_numpy())


def denied_ids(denies: str) -> list[str]:
    """Split a ``denies`` cell into report ids (space, comma or semicolon separated)."""
    return [part for part in denies.replace(",", " ").replace(";", " ").split() if part]


def spreadsheet_row(index: int) -> int:
    """The number a spreadsheet shows for the data row with this 0-based index."""
    return index + 2


def row_location(index: int) -> str:
    """Where the row with this 0-based index is, as a problem names it: "row 7"."""
    return f"row {spreadsheet_row(index)}"


def _may_have_problems(
    checks: _Checks,
    rows: pd.DataFrame,
    days: Distinct[tuple[date | None, str]],
    places: Distinct[tuple[str, str]],
    actors: Distinct[str],
    repeated: np.ndarray,
) -> np.ndarray:
    """Which rows ``_row_problems`` could find a problem in, over the whole table.

    Generous: a row flagged here may still be clean, but a row not flagged has
    no problem. Only the flagged rows are then checked one by one, which at
    200 000 clean rows took 1.7 s for all of them. ``repeated``: for each row,
    whether an earlier row has its report id.
    """
    empty = rows == ""
    ids = rows["report_id"]
    held = rows["status"] == ReportStatus.HELD
    published = Distinct.of(rows["published"], parse_day)
    flags = [
        empty[list(REQUIRED_FIELDS)].any(axis=1),
        ~ids.str.fullmatch(SAFE_ID.pattern) | ids.isin(SCRIPT_NAMES),
        ids.isin(checks.existing_report_ids) | repeated,
        days.where(lambda read: read[1]),
        places.where(lambda read: read[1]),
        *(
            ~rows[name].isin(words) & ~empty[name]
            for name, (words, _) in _WORDS.items()
        ),
        held & actors.where(lambda side: side not in checks.actor_ids),
        ~held & ~empty["actor"],
        empty["status"] & ~rows["kind"].isin(_REJECTING_KINDS),
        ~empty["denies"],
        ~empty["url"] & ~rows["url"].str.fullmatch(PLAIN_WEB_ADDRESS.pattern),
        ~empty["published"] & published.where(lambda day: day is None),
        rows["note"].str.len() > NOTE_MAX_LENGTH,
        rows["source"].str.len() > SOURCE_MAX_LENGTH,
    ]
    return np.logical_or.reduce([np.asarray(flag, dtype=bool) for flag in flags])


def _row_problems(
    checks: _Checks,
    where: str,
    row: _Row,
    *,
    repeated: bool,
    day_problem: str,
    place_problem: str,
    actor: str,
) -> list[Problem]:
    """Every problem of one row, field by field, in words.

    ``repeated``: an earlier row has the same report id. ``day_problem`` and
    ``place_problem``: what reading its day and place found (read once per
    distinct cell); ``actor``: the side its actor names, as an id when known.
    """
    problems: list[Problem] = []

    def report(column: str, message: str) -> None:
        problems.append(Problem(checks.file, where, column, message))

    for required in REQUIRED_FIELDS:
        if not getattr(row, required):
            report(required, "is empty")
    if row.report_id and (unusable := id_problem(row.report_id)):
        report("report_id", unusable)
    elif row.report_id in checks.existing_report_ids:
        report(
            "report_id",
            f"'{row.report_id}' is already stored; edit it on the reports page instead",
        )
    elif repeated:
        report("report_id", f"'{row.report_id}' is used by an earlier row")
    if day_problem:
        report("date", day_problem)
    if place_problem:
        report("district_id", place_problem)

    for name, (words, allowed) in _WORDS.items():
        value = getattr(row, name)
        if value and value not in words:
            report(name, f"'{value}' is not one of: {allowed}")

    if row.status == ReportStatus.HELD and actor not in checks.actor_ids:
        known = ", ".join(sorted(checks.actor_ids))
        report(
            "actor",
            f"'{row.actor}' must be one of the city's actors: {known} "
            "(or one of their names)",
        )
    elif row.status != ReportStatus.HELD and row.actor:
        report("actor", "only a 'held' report names an actor")
    rejects = row.kind in _REJECTING_KINDS
    if not rejects and not row.status:
        report("status", "is empty (only a denial or retraction may omit it)")

    targets = denied_ids(row.denies) if row.denies else []
    if not rejects and targets:
        report(
            "denies", "only a report of kind 'denial' or 'retraction' may name others"
        )
    for target in targets:
        if target not in checks.all_ids and target not in checks.existing_report_ids:
            stored = (
                " or among the stored reports" if checks.existing_report_ids else ""
            )
            report("denies", f"'{target}' is not a report id in this file{stored}")
        elif target == row.report_id:
            report("denies", "a report cannot deny itself")

    if row.url and (problem := url_problem(row.url)):
        report("url", problem)
    if row.published and parse_day(row.published) is None:
        report("published", f"'{row.published}' is not an ISO date (YYYY-MM-DD)")
    if len(row.note) > NOTE_MAX_LENGTH:
        report("note", f"is {len(row.note)} characters; the limit is {NOTE_MAX_LENGTH}")
    if len(row.source) > SOURCE_MAX_LENGTH:
        report("source", f"is longer than {SOURCE_MAX_LENGTH} characters")
    return problems


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
        problems.append(missing_columns_problem(file, missing))
        return frame, problems

    rows = frame[list(REPORT_COLUMNS)].fillna("").astype(str)
    rows = rows.apply(lambda column: column.str.strip())
    for column, default in _DEFAULTS.items():
        rows.loc[rows[column] == "", column] = str(default)
    all_ids = set(rows["report_id"].tolist())  # not 200 000 Arrow scalars
    checks = _Checks(file, actor_ids, existing_report_ids, all_ids)
    sides = {actor_id.casefold(): actor_id for actor_id in actor_ids}
    sides.update(actor_aliases or {})
    days = Distinct.of(
        rows["date"], lambda text: _day_or_error(text, first_day, last_day)
    )
    places = Distinct.of(
        rows["district_id"],
        lambda text: (
            _place_or_error(text, district_names, district_order, groups)
            if text
            else ("", "")
        ),
    )
    actors = Distinct.of(rows["actor"], lambda text: sides.get(text.casefold(), text))

    repeated = rows["report_id"].duplicated().to_numpy()
    flagged = np.flatnonzero(
        _may_have_problems(checks, rows, days, places, actors, repeated)
    )
    suspects = rows.iloc[flagged]
    for position, index, row in zip(
        flagged,
        suspects.index,
        map(_Row._make, suspects.itertuples(index=False, name=None)),
        strict=True,
    ):
        problems += _row_problems(
            checks,
            row_location(index),
            row,
            repeated=repeated[position],
            day_problem=days[position][1],
            place_problem=places[position][1],
            actor=actors[position],
        )

    clean = rows.assign(
        date=days.each(lambda read: read[0]),
        district_id=places.each(lambda read: read[0]),
        actor=actors.each(),
    )
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
