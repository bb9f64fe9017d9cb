"""The ``City``: everything the dashboard knows about one theatre, already validated."""

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.colours import Actor


@dataclass(frozen=True)
class City:
    """A validated city folder: districts, reports, actors and map settings.

    ``districts`` is a GeoDataFrame in EPSG:4326 indexed by district id; ``reports``
    has the columns of ``geo.schema.REPORT_COLUMNS`` with ``date`` as ``datetime.date``;
    ``days`` lists every day with at least one report: the timeline's stops.
    ``events`` and ``figures`` come from the optional files of ``geo.events``.
    """

    folder: Path
    name: str
    title: str
    districts: gpd.GeoDataFrame
    reports: pd.DataFrame
    actors: tuple[Actor, ...]
    days: tuple[date, ...]
    first_day: date
    last_day: date
    default_day: date
    center: tuple[float, float]
    zoom: int
    credits: str
    assessment_outranks_claim: bool = False
    river: gpd.GeoDataFrame | None = None
    repairs: tuple[str, ...] = field(default=())
    events: pd.DataFrame | None = None
    figures: pd.DataFrame | None = None

    def actor(self, actor_id: str) -> Actor:
        """Return the actor with this id."""
        return next(actor for actor in self.actors if actor.id == actor_id)

    def with_reports(self, reports: pd.DataFrame) -> "City":
        """The same city with another report table (the desk's stored reports)."""
        return replace(
            self, reports=reports, days=report_days(reports, self.default_day)
        )


def report_days(reports: pd.DataFrame, default_day: date) -> tuple[date, ...]:
    """The timeline's stops: every day with a report, or the default day if none."""
    return tuple(sorted(set(reports["date"]))) or (default_day,)
