"""What a shared link carries: the view of the map, as plain, validated values.

Every value read from an address is checked against the city (a day within its
timeline, a known district, a known source) and dropped if it is not valid, so a
link can never inject anything or crash the page; nothing is ever unpickled.
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from geo.city import City
from geo.compare import EVERY_SOURCE, Claimant
from geo.days import calendar_days, format_day, parse_day
from geo.status import SourceType


class Layer(StrEnum):
    """Optional map layers a reader can switch on."""

    FRONTLINE = "frontline"
    EVENTS = "events"
    STREETS = "streets"


_LATITUDE = (-90.0, 90.0)
_LONGITUDE = (-180.0, 180.0)
_ZOOM = (1, 19)


@dataclass(frozen=True)
class ViewState:
    """One view of the map: day, comparison, selection, filters, layers, centre.

    ``source``/``source_type`` redraw the map from those claims only; ``versus``
    names two sources or source types whose disagreements are outlined.
    """

    day: date | None = None
    compare: date | None = None
    district: str | None = None
    source: str = ""
    source_type: str = ""
    versus: tuple[str, str] | None = None
    layers: frozenset[Layer] = field(default_factory=frozenset)
    centre: tuple[float, float, int] | None = None

    @property
    def claimant(self) -> Claimant:
        """Whose claims draw the map in this view (``EVERY_SOURCE`` when unfiltered)."""
        return Claimant(self.source, self.source_type)


@dataclass(frozen=True)
class ViewChoices:
    """What a view of one city may name: the pickers' options, the address's limits.

    Built once per page run (``view_choices``): its sets are what an address is
    checked against, so a slider step does not rebuild them from the reports.
    """

    days: tuple[date, ...]
    """The report days, in order: the days "Compare with" offers."""
    day_labels: dict[str, str]
    """Each report day as the timeline labels it, by ISO day, in timeline order."""
    calendar: tuple[date, ...]
    """Every day of the timeline, the city's first to last: the days a view shows."""
    calendar_labels: dict[str, str]
    """Each day of ``calendar`` as the timeline labels it, by ISO day, in order."""
    district_ids: frozenset[str]
    sources: tuple[str, ...]
    """Every source with a report, sorted."""
    source_types: tuple[str, ...]
    """Every source type with a report, in ``SourceType`` order."""

    @property
    def claimants(self) -> list[Claimant]:
        """Everyone, then each source type, then each source: "As claimed by"."""
        return [
            EVERY_SOURCE,
            *(Claimant(source_type=kind) for kind in self.source_types),
            *(Claimant(source=source) for source in self.sources),
        ]

    def on_timeline(self, day: date) -> date:
        """``day``, or the nearer end of the timeline when it lies outside it."""
        return min(max(day, self.calendar[0]), self.calendar[-1])

    def opening_day(self, view: ViewState, default_day: date) -> date:
        """The day a page opening on ``view`` shows: its own, else ``default_day``."""
        return self.on_timeline(view.day or default_day)

    def view_from(self, query: Mapping[str, str]) -> ViewState:
        """The view an address's query parameters describe, invalid values dropped."""
        return view_from_query(
            query,
            days=self.calendar,
            compare_days=set(self.days),
            district_ids=self.district_ids,
            sources=set(self.sources),
            source_types=set(self.source_types),
        )


def view_choices(city: City) -> ViewChoices:
    """What a view of ``city`` may name, read from its districts and reports.

    The timeline runs from the city's first to its last day, widened to take in
    every report day should a report lie outside them.
    """
    # Distinct values first: iterating 200 000 Arrow-backed strings took 0.2 s.
    kinds = set(city.reports["source_type"].unique())
    calendar = calendar_days(
        min(city.first_day, city.days[0]), max(city.last_day, city.days[-1])
    )
    return ViewChoices(
        days=city.days,
        day_labels={day.isoformat(): format_day(day) for day in city.days},
        calendar=calendar,
        calendar_labels={day.isoformat(): format_day(day) for day in calendar},
        district_ids=city.district_ids,
        sources=tuple(sorted(set(city.reports["source"].unique()))),
        source_types=tuple(kind for kind in SourceType if kind in kinds),
    )


def _number(text: str | None, low: float, high: float) -> float | None:
    try:
        value = float(text or "")
    except ValueError:
        return None
    return value if low <= value <= high else None


def centre_from_query(query: Mapping[str, str]) -> tuple[float, float, int] | None:
    """The map centre and zoom in an address (``lat``, ``lon``, ``zoom``), or None."""
    latitude = _number(query.get("lat"), *_LATITUDE)
    longitude = _number(query.get("lon"), *_LONGITUDE)
    zoom = _number(query.get("zoom"), *_ZOOM)
    if None in (latitude, longitude, zoom):
        return None
    return latitude, longitude, int(zoom)


def view_from_query(
    query: Mapping[str, str],
    *,
    days: Collection[date],
    district_ids: Collection[str],
    sources: Collection[str],
    source_types: Collection[str],
    compare_days: Collection[date] | None = None,
) -> ViewState:
    """Read a view from an address's query parameters, keeping only valid values.

    ``days`` are the days a view may show; ``compare_days`` those it may compare
    with ("Compare with" offers report days only), ``days`` when not given.
    """
    day = parse_day(query.get("day"))
    compare = parse_day(query.get("compare"))
    district = query.get("district")
    source = query.get("source", "")
    source_type = query.get("source_type", "")
    comparable = days if compare_days is None else compare_days
    claimants = set(sources) | set(source_types)
    versus = tuple(query.get("versus", "").split("|"))
    layers = frozenset(
        Layer(name) for name in query.get("layers", "").split(",") if name in set(Layer)
    )
    return ViewState(
        day=day if day in days else None,
        compare=compare if compare in comparable else None,
        district=district if district in district_ids else None,
        source=source if source in sources else "",
        source_type=source_type if source_type in source_types else "",
        versus=versus
        if len(versus) == 2 and set(versus) <= claimants and versus[0] != versus[1]
        else None,
        layers=layers,
        centre=centre_from_query(query),
    )


def view_to_query(view: ViewState) -> dict[str, str]:
    """The query parameters that reopen ``view``; defaults are left out."""
    query: dict[str, str] = {}
    if view.day:
        query["day"] = view.day.isoformat()
    if view.compare:
        query["compare"] = view.compare.isoformat()
    if view.district:
        query["district"] = view.district
    if view.source:
        query["source"] = view.source
    if view.source_type:
        query["source_type"] = view.source_type
    if view.versus:
        query["versus"] = "|".join(view.versus)
    if view.layers:
        query["layers"] = ",".join(sorted(view.layers))
    if view.centre:
        latitude, longitude, zoom = view.centre
        query.update(lat=f"{latitude:.5f}", lon=f"{longitude:.5f}", zoom=str(zoom))
    return query
