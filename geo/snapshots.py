"""Published maps: what an editor publishes, the checks on it, and what changed since.

A snapshot is a view of the map pinned to a data revision; storing it is
``storage.snapshots``' job. This module holds the rules that need no database:
which publications are refused, how a snapshot's lines read, which days its
timeline spans, and what the live data or the city's files now say differently.
"""

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pandas as pd

from geo.city import City
from geo.compare import EVERY_SOURCE, Claimant, reports_from
from geo.days import format_day
from geo.io import CITY_FILE, DISTRICTS_FILE
from geo.problems import Problem
from geo.resolution import NO_REPORTS, Resolution, control_changes, control_on, describe
from geo.view_state import ViewChoices, ViewState

LIMITS = {"title": 200, "subtitle": 300, "byline": 200, "notes": 2000}
"""The longest each of a publication's texts may be, in characters."""

_FILE = "publication"


@dataclass(frozen=True)
class Publication:
    """What an editor publishes: a view of one city and the words a story carries.

    ``city`` is the city's folder name, as links name it. The view's day,
    district, filter (``source``/``source_type``), layers and centre count.
    """

    city: str
    view: ViewState
    title: str
    subtitle: str = ""
    byline: str = ""
    notes: str = ""
    span: tuple[date, date] | None = None
    """The first and last day the timeline covers; None for the view's day only."""


@dataclass(frozen=True)
class CityFiles:
    """Fingerprints (SHA-256) of the city files that decide how a map is drawn.

    ``settings`` is ``city.toml``'s (sides, colours, labels, title, opening
    state), ``districts`` is ``districts.geojson``'s (the outlines).
    """

    settings: str
    districts: str


def city_files(folder: Path) -> CityFiles:
    """The fingerprints of the city files in ``folder`` as they are now."""

    def digest(name: str) -> str:
        return hashlib.sha256((Path(folder) / name).read_bytes()).hexdigest()

    return CityFiles(settings=digest(CITY_FILE), districts=digest(DISTRICTS_FILE))


@dataclass(frozen=True)
class Snapshot:
    """A stored publication, pinned to ``data_sequence`` of the report revisions.

    ``first_id`` is the snapshot this line of versions started with; a newer
    version's id is ``replaced_by`` (None while this is the newest). ``files``
    are the city's files as published (None for maps published before they
    were recorded).
    """

    id: str
    publication: Publication
    data_sequence: int
    published_by: str
    published_at: str
    first_id: str
    version: int
    replaced_by: str | None
    files: CityFiles | None = None

    @property
    def day(self) -> date:
        """The day the snapshot opens on."""
        assert self.publication.view.day is not None
        return self.publication.view.day

    @property
    def days(self) -> tuple[date, date]:
        """The first and last day its timeline covers (the same day for one day)."""
        return self.publication.span or (self.day, self.day)


def days_line(first: date, last: date) -> str:
    """The days a snapshot covers in words: "1 Jun 2017 to 17 Oct 2017", or one day."""
    if first == last:
        return format_day(first)
    return f"{format_day(first)} to {format_day(last)}"


def span_choices(choices: ViewChoices, first: date, last: date) -> ViewChoices:
    """``choices`` with a timeline from ``first`` to ``last`` only (both included)."""
    calendar = tuple(day for day in choices.calendar if first <= day <= last)
    days = tuple(day for day in choices.days if first <= day <= last)
    return replace(
        choices,
        days=days,
        day_labels={
            iso: label
            for iso, label in choices.day_labels.items()
            if first.isoformat() <= iso <= last.isoformat()
        },
        calendar=calendar,
        calendar_labels={
            day.isoformat(): choices.calendar_labels[day.isoformat()]
            for day in calendar
        },
    )


def files_changed_line(published: CityFiles | None, now: CityFiles) -> str:
    """What a reader is told when the city's files changed since publication.

    "" when they did not, or when the snapshot predates recording them.
    """
    if published is None:
        return ""
    changed = [
        (names, drawn)
        for names, drawn, differs in (
            (
                "settings",
                "colours, labels and sides",
                published.settings != now.settings,
            ),
            ("district outlines", "outlines", published.districts != now.districts),
        )
        if differs
    ]
    if not changed:
        return ""
    names = " and ".join(names for names, _ in changed)
    drawn = " and ".join(drawn for _, drawn in changed)
    return (
        f"The city's {names} changed since publication: this map draws today's "
        f"{drawn} with the reports as published."
    )


def publication_problems(publication: Publication, city: City) -> list[Problem]:
    """Every reason to refuse ``publication`` of ``city``, in an editor's words."""
    problems = []
    if not publication.title.strip():
        problems.append(Problem(_FILE, "", "title", "give the map a title"))
    for name, limit in LIMITS.items():
        length = len(getattr(publication, name))
        if length > limit:
            problems.append(
                Problem(
                    _FILE, "", name, f"is {length} characters; the limit is {limit}"
                )
            )
    day = publication.view.day
    if day is None or not city.first_day <= day <= city.last_day:
        problems.append(_outside(city, "day", day))
    problems += _span_problems(publication, city)
    district = publication.view.district
    if district and district not in city.district_ids:
        problems.append(
            Problem(_FILE, "", "district", f"{city.title} has no district '{district}'")
        )
    source, source_type = publication.view.source, publication.view.source_type
    if source and source not in set(city.reports["source"]):
        problems.append(
            Problem(_FILE, "", "filter", f"no stored report comes from '{source}' now")
        )
    if source_type and source_type not in set(city.reports["source_type"]):
        problems.append(
            Problem(
                _FILE, "", "filter", f"no stored report comes from a {source_type} now"
            )
        )
    return problems


def _outside(city: City, field: str, day: date | None) -> Problem:
    shown = format_day(day) if day else "no day"
    return Problem(
        _FILE,
        "",
        field,
        f"{shown} is outside {city.title}, which runs from "
        f"{format_day(city.first_day)} to {format_day(city.last_day)}",
    )


def _span_problems(publication: Publication, city: City) -> list[Problem]:
    """A span must lie within the city's days, end after it starts and hold the day."""
    if publication.span is None:
        return []
    first, last = publication.span
    problems = [
        _outside(city, field, each)
        for field, each in (("first day", first), ("last day", last))
        if not city.first_day <= each <= city.last_day
    ]
    if last < first:
        problems.append(
            Problem(
                _FILE,
                "",
                "last day",
                f"{format_day(last)} is before the first day, {format_day(first)}",
            )
        )
    day = publication.view.day
    if not problems and day is not None and not first <= day <= last:
        problems.append(
            Problem(
                _FILE,
                "",
                "day",
                f"{format_day(day)} is outside the published days, "
                f"{days_line(first, last)}",
            )
        )
    return problems


def published_day(published_at: str) -> date:
    """The day (UTC) of a snapshot's ``published_at`` time stamp."""
    return date.fromisoformat(published_at[:10])


def as_of_line(day: date, published_at: str | None = None) -> str:
    """E.g. "Situation on 1 Aug 2017 · as published 3 Aug 2017" (live: day only)."""
    situation = f"Situation on {format_day(day)}"
    if not published_at:
        return situation
    return f"{situation} · as published {format_day(published_day(published_at))}"


def filter_line(claimant: Claimant) -> str:
    """Whose claims draw the map, e.g. "As claimed by party sources"; "" for all."""
    if claimant.source_type:
        return f"As claimed by {claimant.source_type} sources"
    if claimant.source:
        return f"As claimed by {claimant.source}"
    return ""


def _as_claimed(city: City, claimant: Claimant) -> City:
    if claimant.source and claimant.source not in set(city.reports["source"]):
        return city.with_reports(city.reports.iloc[0:0])
    return reports_from(
        city, source=claimant.source or None, source_type=claimant.source_type or None
    )


def changes_since(
    pinned: City,
    live: City,
    day: date,
    claimant: Claimant = EVERY_SOURCE,
    last_day: date | None = None,
) -> list[str]:
    """Each district the live data now shows differently, in words.

    ``pinned`` is the city as published, ``live`` the same city with today's
    reports; both are read as ``claimant`` tells them. On ``day`` alone, e.g.
    "Andalus: held by Islamic State, now contested"; with ``last_day``, on any
    day from ``day`` to it, named by the first day it differs, e.g. "Andalus on
    5 Aug 2017: held by Islamic State, now contested".
    """
    before, after = _as_claimed(pinned, claimant), _as_claimed(live, claimant)
    labels = live.actor_labels

    def said(resolution: pd.Series | Resolution) -> str:
        actor = labels.get(resolution.actor, resolution.actor)
        return describe(resolution.control, actor, resolution.extent)

    if last_day is not None:
        return [
            f"{live.districts.loc[district_id, 'name_en']} on {format_day(when)}: "
            f"{said(was)}, now {said(now)}"
            for district_id, when, was, now in _span_differences(
                before, after, day, last_day
            )
        ]
    columns = ["control", "actor", "extent"]
    shown_before = control_on(before, day)[columns]
    shown_after = control_on(after, day)[columns]
    differs = (shown_before != shown_after).any(axis=1)
    return [
        f"{live.districts.loc[district_id, 'name_en']}: "
        f"{said(shown_before.loc[district_id])}, "
        f"now {said(shown_after.loc[district_id])}"
        for district_id in shown_before.index[differs]
    ]


def _span_differences(
    before: City, after: City, first: date, last: date
) -> list[tuple[str, date, Resolution, Resolution]]:
    """Each district whose colour differs on some day from ``first`` to ``last``.

    A district's colour changes only on the days its timeline names
    (``control_changes``), so the span's first day and those days are all that
    need comparing: the cost is that of the two timelines, not of every day.
    """
    was_changes, now_changes = control_changes(before), control_changes(after)
    found = []
    for district_id in after.districts.index:
        was = was_changes.get(district_id, [])
        now = now_changes.get(district_id, [])
        turns = {when for when, _ in [*was, *now] if first < when <= last}
        for when in [first, *sorted(turns)]:
            shown_was, shown_now = _on(was, when), _on(now, when)
            if _colour(shown_was) != _colour(shown_now):
                found.append((district_id, when, shown_was, shown_now))
                break
    return found


def _on(timeline: list[tuple[date, Resolution]], day: date) -> Resolution:
    """The resolution a district's timeline gives on ``day``."""
    index = bisect_right([when for when, _ in timeline], day)
    return timeline[index - 1][1] if index else NO_REPORTS


def _colour(resolution: Resolution) -> tuple[str, str, str]:
    return resolution.control, resolution.actor, resolution.extent
