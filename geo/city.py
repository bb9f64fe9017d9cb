"""The ``City``: everything the dashboard knows about one theatre, already validated."""

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.colours import Actor
from geo.names import name_index
from geo.places import (
    UNPLACED_PREFIX,
    Group,
    Place,
    PlaceKind,
    describe_place,
    parse_place,
)


class LabelLanguage(StrEnum):
    """Which name of each district the map writes on it (city.toml ``[map] labels``)."""

    ENGLISH = "en"
    LOCAL = "local"
    """The local name (``name_ar``), or the English one where it has none."""


@dataclass(frozen=True)
class City:
    """A validated city folder: districts, reports, actors and map settings.

    ``districts`` is a GeoDataFrame in EPSG:4326 indexed by district id; ``reports``
    has the columns of ``geo.schema.REPORT_COLUMNS`` with ``date`` as ``datetime.date``;
    ``days`` lists every day with at least one report: the timeline's stops.
    ``events`` and ``figures`` come from the optional files of ``geo.events``.
    ``groups`` are the named groups of districts reports may name; ``opening``
    holds the state before the battle (``[[before]]`` in city.toml) as report
    rows with ids ``before-N``, dated before ``first_day``. ``labels`` and
    ``river_label`` say which names the map writes on the districts and the river.
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
    groups: tuple[Group, ...] = ()
    opening: pd.DataFrame | None = None
    labels: LabelLanguage = LabelLanguage.ENGLISH
    river_label: str = ""
    street_width_m: float | None = None
    """The widest street between neighbouring districts, as ``city.toml`` states
    it (``[map] street_width_m``); None lets the front line work it out."""
    display_name: str = ""
    """The name readers see in the city picker (``display_name`` in ``city.toml``,
    else ``name``). ``name`` itself never changes: it keys the stored reports."""

    def actor(self, actor_id: str) -> Actor:
        """Return the actor with this id."""
        return next(actor for actor in self.actors if actor.id == actor_id)

    @cached_property
    def actor_labels(self) -> dict[str, str]:
        """Each actor's label by id, e.g. ``{"is": "Islamic State"}``."""
        return {actor.id: actor.label for actor in self.actors}

    @cached_property
    def district_rows(self) -> dict[str, dict[str, object]]:
        """Each district's properties (all but its shape) by id, read once.

        What every district's text on the map is made from. Column by column:
        ``to_dict("index")`` took 0.06-0.1 s at 4 000 districts, this 0.02 s.
        """
        table = self.districts.drop(columns="geometry")
        names = list(table.columns)
        columns = [table[name].tolist() for name in names]
        return {
            district_id: dict(zip(names, values, strict=True))
            for district_id, *values in zip(table.index, *columns, strict=True)
        }

    @cached_property
    def district_ids(self) -> frozenset[str]:
        """Every district id, for validating ids from links and forms quickly."""
        return frozenset(self.districts.index)

    @cached_property
    def district_labels(self) -> dict[str, str]:
        """English and local names per district id, e.g. "Nazlat Shahadah · نزلة شحادة".

        Pickers list them in this (English name) order. Districts that would read
        the same also give their id, so a picker never shows two identical
        choices. Built once per city, since a city of thousands of
        districts would otherwise pay for it on every rerun.
        """
        names = self.districts.sort_values("name_en")
        labels = {
            district_id: f"{english} · {local}" if local else english
            for district_id, english, local in zip(
                names.index, names["name_en"], names["name_ar"], strict=True
            )
        }
        counts = Counter(labels.values())
        return {
            district_id: f"{label} ({district_id})" if counts[label] > 1 else label
            for district_id, label in labels.items()
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

    @cached_property
    def district_names(self) -> dict[str, str]:
        """Every normalised id, name and alias mapped to its district id."""
        return name_index(self.districts)

    @cached_property
    def english_names(self) -> dict[str, str]:
        """Each district's English name by id: the names readers know."""
        return self.districts["name_en"].to_dict()

    def place_words(self, text: str) -> str:
        """A report's place in a reader's words, e.g. "the whole city except X"."""
        return describe_place(self.place(text), self.english_names)

    def place(self, text: str) -> Place:
        """Read a stored report's place (``geo.places``) against this city."""
        if text in self.district_ids:
            return Place(text, PlaceKind.DISTRICT, (text,))
        return parse_place(
            text,
            district_names=self.district_names,
            district_order=self.districts.index,
            groups=self.groups,
        )

    @cached_property
    def all_reports(self) -> pd.DataFrame:
        """The state before the battle, then every report: one row per report."""
        if self.opening is None or self.opening.empty:
            return self.reports
        return pd.concat([self.opening, self.reports], ignore_index=True)

    @cached_property
    def claims(self) -> pd.DataFrame:
        """One row per report and district it covers: what the control rule reads.

        A report about a list, a group or the whole city appears once for each
        district it covers, with ``district_id`` set to that district; ``place``
        keeps what the report named and ``collective`` says it named several.
        Unplaced reports are left out (see ``unplaced``).
        """
        reports = self.all_reports
        # Each distinct place is read once (the war: 4 000 of 200 000 reports),
        # then every report repeated for the districts its place covers.
        codes, texts = pd.factorize(reports["district_id"], use_na_sentinel=False)
        places = [self.place(text) for text in texts]
        covered = np.array([len(place.districts) for place in places], dtype=np.int64)
        per_report = covered[codes]
        first_of_place = np.cumsum(covered) - covered
        first_of_report = np.cumsum(per_report) - per_report
        every_district = np.array(
            [district for place in places for district in place.districts],
            dtype=object,
        )
        positions = np.repeat(first_of_place[codes] - first_of_report, per_report)
        districts = every_district[positions + np.arange(per_report.sum())]
        collective = np.array([place.collective for place in places], dtype=bool)
        claims = reports.iloc[np.repeat(np.arange(len(reports)), per_report)]
        return claims.reset_index(drop=True).assign(
            place=lambda claims: claims["district_id"],
            district_id=districts,
            collective=np.repeat(collective[codes], per_report),
        )

    @cached_property
    def unplaced(self) -> pd.DataFrame:
        """Reports whose place the source named but the map cannot draw."""
        reports = self.all_reports
        return reports[_named_unplaced(reports)].reset_index(drop=True)

    @cached_property
    def unplaced_days(self) -> frozenset[date]:
        """The days with an unplaced report."""
        return frozenset(self.unplaced["date"])

    @cached_property
    def _placed_by_day(self) -> dict[date, slice | list[int]]:
        """Positions in ``reports`` of the reports the map draws, by their day.

        A slice where they are consecutive, as in the desk's reports (stored
        oldest day first): taking rows by a list costs pyarrow's ``take`` on
        each column: 15 % of the server's samples under 100 readers' steps.
        """
        unplaced = _named_unplaced(self.reports)
        by_day: dict[date, list[int]] = {}
        for position, (day, skipped) in enumerate(
            zip(self.reports["date"].tolist(), unplaced.tolist(), strict=True)
        ):
            if not skipped:
                by_day.setdefault(day, []).append(position)
        return {
            day: slice(rows[0], rows[-1] + 1)
            if rows[-1] - rows[0] + 1 == len(rows)
            else rows
            for day, rows in by_day.items()
        }

    def reported_on(self, day: date) -> pd.DataFrame:
        """The reports dated ``day`` that the map draws, in the order of the file."""
        return self.reports.iloc[self._placed_by_day.get(day, slice(0))]

    def with_reports(self, reports: pd.DataFrame) -> "City":
        """The same city with another report table (the desk's stored reports)."""
        return replace(
            self, reports=reports, days=report_days(reports, self.default_day)
        )


def _named_unplaced(reports: pd.DataFrame) -> pd.Series:
    """Which of ``reports`` name a place the map cannot draw ("unplaced: ...")."""
    return reports["district_id"].str.casefold().str.startswith(UNPLACED_PREFIX)


def report_days(reports: pd.DataFrame, default_day: date) -> tuple[date, ...]:
    """The timeline's stops: every day with a report, or the default day if none."""
    return tuple(sorted(set(reports["date"]))) or (default_day,)
