"""The state before the battle: who held what before a city's first day.

Nobody files a claim that a side still holds its own ground, so a city states its
opening state in ``city.toml`` with sources (``[[before]]`` entries). Each entry
becomes a report row (id ``before-N``) that the rule reads like any other: it is
drawn until a later report about a district replaces it, listed in the ledger
with its source, and ages like a report.
"""

from collections.abc import Mapping
from datetime import date, timedelta

import pandas as pd

from geo.places import Group
from geo.problems import Problem
from geo.schema import REPORT_COLUMNS, validate_reports
from geo.status import Kind

OPENING_PREFIX = "before-"
_SETTING_NAMES = {"date": "day", "district_id": "place"}


def read_opening(
    entries: object,
    *,
    file: str,
    district_names: dict[str, str],
    actor_ids: set[str],
    actor_aliases: Mapping[str, str],
    groups: tuple[Group, ...],
    first_day: date,
) -> tuple[pd.DataFrame, list[Problem]]:
    """Read the ``[[before]]`` entries into report rows, with every problem found.

    Each entry gives ``day`` (before ``first_day``), ``place``, ``status``,
    ``actor``, optional ``extent`` and ``kind`` (default: assessment), and, as any
    report, ``source``, ``source_type``, ``url`` and ``note``.
    """
    if not entries:
        return _empty(), []
    if not isinstance(entries, list) or not all(
        isinstance(entry, dict) for entry in entries
    ):
        return _empty(), [Problem(file, "", "before", "must be [[before]] tables")]
    rows = pd.DataFrame(
        [
            {
                **dict.fromkeys(REPORT_COLUMNS, ""),
                "report_id": f"{OPENING_PREFIX}{number}",
                "date": str(entry.get("day", "")),
                "district_id": str(entry.get("place", "")),
                "kind": str(entry.get("kind", Kind.ASSESSMENT)),
                **{
                    field: str(entry.get(field, ""))
                    for field in (
                        "status",
                        "actor",
                        "extent",
                        "source",
                        "source_type",
                        "url",
                        "note",
                    )
                },
            }
            for number, entry in enumerate(entries, start=1)
        ],
        columns=list(REPORT_COLUMNS),
    )
    clean, found = validate_reports(
        rows,
        file=file,
        district_names=district_names,
        actor_ids=actor_ids,
        actor_aliases=actor_aliases,
        first_day=date.min,
        last_day=first_day - timedelta(days=1),
        groups=groups,
    )
    problems = [
        Problem(
            file,
            f"[[before]] entry {number}",
            _SETTING_NAMES.get(problem.field, problem.field),
            _reworded(problem, first_day),
        )
        for problem in found
        for number in [int(problem.location.removeprefix("row ")) - 1]
    ]
    return clean, problems


def _reworded(problem: Problem, first_day: date) -> str:
    if problem.field == "date" and "outside" in problem.message:
        return f"must be before first_day ({first_day}): it is the state before it"
    return problem.message


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=list(REPORT_COLUMNS))
