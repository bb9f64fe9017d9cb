"""Published maps: what an editor publishes, the checks on it, and what changed since.

A snapshot is a view of the map pinned to a data revision; storing it is
``storage.snapshots``' job. This module holds the rules that need no database:
which publications are refused, how a snapshot's lines read, and what the live
data now says differently on the snapshot's day.
"""

from dataclasses import dataclass
from datetime import date

from geo.city import City
from geo.compare import EVERY_SOURCE, Claimant, reports_from
from geo.days import format_day
from geo.problems import Problem
from geo.resolution import control_on, describe
from geo.view_state import ViewState

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


@dataclass(frozen=True)
class Snapshot:
    """A stored publication, pinned to ``data_sequence`` of the report revisions.

    ``first_id`` is the snapshot this line of versions started with; a newer
    version's id is ``replaced_by`` (None while this is the newest).
    """

    id: str
    publication: Publication
    data_sequence: int
    published_by: str
    published_at: str
    first_id: str
    version: int
    replaced_by: str | None

    @property
    def day(self) -> date:
        """The day the snapshot shows."""
        assert self.publication.view.day is not None
        return self.publication.view.day


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
        shown = format_day(day) if day else "no day"
        problems.append(
            Problem(
                _FILE,
                "",
                "day",
                f"{shown} is outside {city.title}, which runs from "
                f"{format_day(city.first_day)} to {format_day(city.last_day)}",
            )
        )
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


def as_of_line(day: date, published_at: str | None = None) -> str:
    """E.g. "Situation on 1 Aug 2017 · as published 3 Aug 2017" (live: day only)."""
    situation = f"Situation on {format_day(day)}"
    if not published_at:
        return situation
    published = date.fromisoformat(published_at[:10])
    return f"{situation} · as published {format_day(published)}"


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
    pinned: City, live: City, day: date, claimant: Claimant = EVERY_SOURCE
) -> list[str]:
    """Each district the live data now shows differently on ``day``, in words.

    ``pinned`` is the city as published, ``live`` the same city with today's
    reports; both are read as ``claimant`` tells them. E.g. "Andalus: held by
    Islamic State, now contested".
    """
    columns = ["control", "actor", "extent"]
    before = control_on(_as_claimed(pinned, claimant), day)[columns]
    after = control_on(_as_claimed(live, claimant), day)[columns]
    differs = (before != after).any(axis=1)
    labels = live.actor_labels
    lines = []
    for district_id in before.index[differs]:
        was, now = before.loc[district_id], after.loc[district_id]
        lines.append(
            f"{live.districts.loc[district_id, 'name_en']}: "
            f"{describe(was.control, labels.get(was.actor, was.actor), was.extent)}, "
            f"now {describe(now.control, labels.get(now.actor, now.actor), now.extent)}"
        )
    return lines
