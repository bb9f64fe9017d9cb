"""The ``City``: everything the dashboard knows about one theatre, already validated."""

from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
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

    @cached_property
    def actor_labels(self) -> dict[str, str]:
        """Each actor's label by id, e.g. ``{"is": "Islamic State"}``."""
        return {actor.id: actor.label for actor in self.actors}

    @cached_property
    def district_ids(self) -> frozenset[str]:
        """Every district id, for validating ids from links and forms quickly."""
        return frozenset(self.districts.index)

    @cached_property
    def district_labels(self) -> dict[str, str]:
        """English and local names per district id, e.g. "Nazlat Shahadah · نزلة شحادة".

        Pickers list them in this (English name) order; built once per city, since
        a city of thousands of districts would otherwise pay for it on every rerun.
        """
        names = self.districts.sort_values("name_en")
        return {
            district_id: f"{english} · {local}" if local else english
            for district_id, english, local in zip(
                names.index, names["name_en"], names["name_ar"], strict=True
            )
        }

    @cached_property
    def district_search_labels(self) -> dict[str, str]:
        """The labels plus aliases, so typing any spelling in a picker finds it."""
        aliases = self.districts["aliases"].astype(str).to_dict()
        labels = {}
        for district_id, label in self.district_labels.items():
            spellings = [
                alias.strip()
                for alias in aliases[district_id].split(";")
                if alias.strip()
            ]
            labels[district_id] = (
                f"{label} ({', '.join(spellings)})" if spellings else label
            )
        return labels

    def with_reports(self, reports: pd.DataFrame) -> "City":
        """The same city with another report table (the desk's stored reports)."""
        return replace(
            self, reports=reports, days=report_days(reports, self.default_day)
        )


def report_days(reports: pd.DataFrame, default_day: date) -> tuple[date, ...]:
    """The timeline's stops: every day with a report, or the default day if none."""
    return tuple(sorted(set(reports["date"]))) or (default_day,)
