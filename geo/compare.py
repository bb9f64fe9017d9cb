"""Comparing versions of the map: by source, between days, and over a district's life.

Every version is the same resolution rule (``geo.resolution``) applied to a chosen
set of reports; nothing here decides a colour on its own.
"""

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

import pandas as pd

from geo.city import City
from geo.days import format_day
from geo.resolution import Resolution, control_changes, control_on, describe
from geo.schema import REPORT_COLUMNS
from geo.status import Control, Extent, Kind, SourceType

ALL_SOURCES = "all sources (the map)"
"""The lane of ``history_of`` that shows the map itself: every source together."""

_STATE_COLUMNS = ("control", "actor", "extent")


class Claimant(NamedTuple):
    """Whose claims draw the map: one source, one source type, or (empty) everyone."""

    source: str = ""
    source_type: str = ""


EVERY_SOURCE = Claimant()


def reports_from(
    city: City, *, source: str | None = None, source_type: str | None = None
) -> City:
    """The city as one source, or one type of source, tells it: only their reports.

    The result is a ``City`` whose report days are those sources' days, so the
    rule and every analysis run on it unchanged ("as claimed by").
    """
    reports = city.reports
    if source is not None:
        known = sorted(reports["source"].unique())
        if source not in known:
            close = difflib.get_close_matches(source, known, n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise ValueError(f"source: no report comes from '{source}'{hint}")
        reports = reports[reports["source"] == source]
    if source_type is not None:
        if source_type not in set(SourceType):
            allowed = ", ".join(SourceType)
            raise ValueError(f"source_type: '{source_type}' is not one of: {allowed}")
        reports = reports[reports["source_type"] == source_type]
    if reports is city.reports:
        return city
    return city.with_reports(reports.reset_index(drop=True))


def version_of(city: City, claimant: str) -> City:
    """The city as ``claimant`` tells it: a source type (``monitor``) or a source."""
    sources = city.reports["source"].unique()
    if claimant in set(SourceType) and claimant not in set(sources):
        return reports_from(city, source_type=claimant)
    return reports_from(city, source=claimant)


def citation(source: str, day: date) -> str:
    """A report as readers know it: who said it and when, "SOHR (1 Aug 2017)"."""
    return f"{source} ({format_day(day)})"


def report_citations(reports: pd.DataFrame) -> dict[str, str]:
    """Every report's ``citation``, by report id: report ids stay out of sight.

    Each is written once per source and day, which many reports share.
    """
    cite = cache(citation)
    return {
        report_id: cite(source, day)
        for report_id, source, day in zip(
            reports["report_id"], reports["source"], reports["date"], strict=True
        )
    }


def cited(report_ids: Iterable[str], citations: Mapping[str, str]) -> list[str]:
    """The ``citations`` of ``report_ids``, in order and each once.

    An id with no stored report reads "an earlier report".
    """
    return list(
        dict.fromkeys(
            citations.get(report_id, "an earlier report") for report_id in report_ids
        )
    )


def _names(city: City, district_ids: pd.Index) -> list[str]:
    return [city.districts.loc[district_id, "name_en"] for district_id in district_ids]


def disagreements_on(
    city: City, day: date, source_a: str, source_b: str
) -> pd.DataFrame:
    """Districts that two sources' versions of the map draw differently on ``day``.

    Each of ``source_a``/``source_b`` is a source or a source type (see
    ``version_of``). A district counts only when both have a counting report by then
    (silence is not disagreement); a different control, actor or extent ("most
    of" against "all") is a disagreement. ``reports_a``/``reports_b`` are the
    reports that decide each version, ``as_of_a``/``as_of_b`` their day.
    """
    versions = [
        control_on(version_of(city, claimant), day) for claimant in (source_a, source_b)
    ]
    first, second = versions
    spoken = (first["control"] != Control.UNKNOWN) & (
        second["control"] != Control.UNKNOWN
    )
    differ = spoken & (first["style"] != second["style"])
    first, second = first[differ], second[differ]
    table = pd.DataFrame(
        {
            "district_id": first.index,
            "name_en": _names(city, first.index),
            "source_a": source_a,
            "source_b": source_b,
        }
    )
    for suffix, version in (("a", first), ("b", second)):
        for column in _STATE_COLUMNS:
            table[f"{column}_{suffix}"] = version[column].to_list()
        table[f"as_of_{suffix}"] = version["as_of"].to_list()
        table[f"reports_{suffix}"] = version["deciding"].to_list()
    return table


def changes_between(city: City, day_a: date, day_b: date) -> pd.DataFrame:
    """Districts the map draws differently on ``day_b`` than on ``day_a``.

    Gives the control before and after, and ``caused_by``: the reports dated
    after ``day_a`` (up to ``day_b``) that decide the new state or deny an old one.
    """
    if day_a > day_b:
        raise ValueError(f"day_a ({day_a}) must not be after day_b ({day_b})")
    before, after = control_on(city, day_a), control_on(city, day_b)
    changed = before["style"] != after["style"]
    before, after = before[changed], after[changed]
    claims = city.claims
    recent = claims[(claims["date"] > day_a) & (claims["date"] <= day_b)]
    recent_ids = set(recent["report_id"])
    denials = recent[recent["kind"].isin([Kind.DENIAL, Kind.RETRACTION])].groupby(
        "district_id"
    )
    denial_ids = {district: list(group["report_id"]) for district, group in denials}
    table = pd.DataFrame(
        {"district_id": before.index, "name_en": _names(city, before.index)}
    )
    for suffix, version in (("before", before), ("after", after)):
        for column in _STATE_COLUMNS:
            table[f"{column}_{suffix}"] = version[column].to_list()
    table["caused_by"] = [
        tuple(
            dict.fromkeys(
                [
                    *(report for report in deciding if report in recent_ids),
                    *denial_ids.get(district, ()),
                ]
            )
        )
        for district, deciding in zip(after.index, after["deciding"], strict=True)
    ]
    return table


@dataclass(frozen=True)
class Span:
    """An interval in which the rule gave a district one control, actor and extent.

    ``end`` is exclusive: the day the next span starts.
    """

    start: date
    end: date
    control: Control
    actor: str
    extent: Extent
    report_ids: tuple[str, ...]


def _said(resolution: Resolution) -> tuple[str, str, str]:
    return (resolution.control, resolution.actor, resolution.extent)


def spans(timeline: list[tuple[date, Resolution]], last_day: date) -> list[Span]:
    """Merge a district's resolution changes (``control_changes``) into spans.

    The last span ends the day after ``last_day``; spans with no counting report
    (control "unknown") are left out.
    """
    merged: list[tuple[date, Resolution, tuple[str, ...]]] = []
    for day, resolution in timeline:
        if merged and _said(merged[-1][1]) == _said(resolution):
            start, first, ids = merged[-1]
            merged[-1] = (start, first, ids + resolution.deciding)
        else:
            merged.append((day, resolution, resolution.deciding))
    ends = [start for start, _, _ in merged[1:]] + [last_day + timedelta(days=1)]
    return [
        Span(
            start=start,
            end=end,
            control=first.control,
            actor=first.actor,
            extent=first.extent,
            report_ids=tuple(dict.fromkeys(ids)),
        )
        for (start, first, ids), end in zip(merged, ends, strict=True)
        if first.control != Control.UNKNOWN
    ]


def history_of(city: City, district_id: str) -> pd.DataFrame:
    """Who held a district when, according to each source, for a Gantt-like chart.

    One row per (source, interval): ``start`` and ``end`` (exclusive: the day the
    next interval starts, or the day after the city's last day), control, actor,
    extent, a ``label`` in words and the deciding report ids. The first lane,
    ``ALL_SOURCES``, is the map itself. Spans where a source has no counting report
    are left out.
    """
    if district_id not in city.districts.index:
        raise ValueError(
            f"district_id: '{district_id}' is not a district or landmark of {city.name}"
        )
    claims = city.claims
    about = claims[claims["district_id"] == district_id]
    district = replace(
        city, reports=about[list(REPORT_COLUMNS)].reset_index(drop=True), opening=None
    )
    labels = city.actor_labels
    lanes = [(ALL_SOURCES, district)] + [
        (source, reports_from(district, source=source))
        for source in sorted(set(about["source"]))
    ]
    rows = [
        {
            "source": lane,
            "start": span.start,
            "end": span.end,
            "control": span.control,
            "actor": span.actor,
            "extent": span.extent,
            "label": describe(span.control, labels.get(span.actor, ""), span.extent),
            "report_ids": span.report_ids,
        }
        for lane, view in lanes
        for span in spans(control_changes(view).get(district_id, []), city.last_day)
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "source",
            "start",
            "end",
            "control",
            "actor",
            "extent",
            "label",
            "report_ids",
        ],
    )
