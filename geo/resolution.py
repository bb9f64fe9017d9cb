"""The resolution rule: a district's colour on a day, and the reports that decide it.

1. Only reports dated on or before the day count; a report stops counting from the
   day a denial of it is published.
2. The latest day with counting reports decides. If its reports agree, that is the
   district's control (a "partial" extent is kept).
3. If they disagree, the district is *disputed*, and every claim stays listed.
4. An independent assessment outranks a party's claim of the same day only when the
   city's ``assessment_outranks_claim`` setting says so.
5. Each district carries how many days old its deciding reports are.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

import pandas as pd

from geo.city import City
from geo.colours import style_key
from geo.schema import denied_ids
from geo.status import Control, Extent, Kind, ReportStatus


class ReportRow(NamedTuple):
    """The fields of a report that the rule reads."""

    report_id: str
    date: date
    status: str
    actor: str
    extent: str
    kind: str
    denies: tuple[str, ...]


@dataclass(frozen=True)
class Resolution:
    """A district's control on a day and the reports behind it."""

    control: Control
    actor: str = ""
    extent: Extent = Extent.FULL
    as_of: date | None = None
    deciding: tuple[str, ...] = ()
    denied: tuple[str, ...] = ()

    @property
    def style(self) -> str:
        """The map class this resolution is drawn with."""
        return style_key(self.control, self.actor, self.extent)


NO_REPORTS = Resolution(Control.UNKNOWN)


def report_rows(reports: pd.DataFrame) -> dict[str, list[ReportRow]]:
    """Group the report table into rule-ready rows per district, oldest first."""
    grouped: dict[str, list[ReportRow]] = {}
    ordered = reports.sort_values(["date", "report_id"], kind="stable")
    columns = ("report_id", "date", "status", "actor", "extent", "kind", "denies")
    for district_id, *fields, denies in zip(
        ordered["district_id"].to_numpy().tolist(),
        *(ordered[column].to_numpy().tolist() for column in columns),
        strict=True,
    ):
        grouped.setdefault(district_id, []).append(
            ReportRow(*fields, tuple(denied_ids(denies)))
        )
    return grouped


def resolve(
    reports: Sequence[ReportRow], day: date, *, assessment_outranks_claim: bool = False
) -> Resolution:
    """Apply the rule to one district's reports as they stood on ``day``."""
    known = [report for report in reports if report.date <= day]
    denied = {
        target
        for report in known
        if report.kind == Kind.DENIAL
        for target in report.denies
    }
    counting = [
        report for report in known if report.status and report.report_id not in denied
    ]
    denied_here = tuple(
        report.report_id for report in known if report.report_id in denied
    )
    if not counting:
        return Resolution(Control.UNKNOWN, denied=denied_here)

    deciding_day = max(report.date for report in counting)
    deciding = [report for report in counting if report.date == deciding_day]
    assessments = [report for report in deciding if report.kind == Kind.ASSESSMENT]
    if assessment_outranks_claim and assessments:
        deciding = assessments
    ids = tuple(report.report_id for report in deciding)
    positions = {
        (report.status, report.actor if report.status == ReportStatus.HELD else "")
        for report in deciding
    }
    if len(positions) > 1:
        return Resolution(
            Control.DISPUTED, as_of=deciding_day, deciding=ids, denied=denied_here
        )
    status, actor = positions.pop()
    partial = any(report.extent == Extent.PARTIAL for report in deciding)
    return Resolution(
        Control(status),
        actor=actor,
        extent=Extent.PARTIAL if partial else Extent.FULL,
        as_of=deciding_day,
        deciding=ids,
        denied=denied_here,
    )


def control_on(city: City, day: date) -> pd.DataFrame:
    """One row per district: its control on ``day``, the deciding reports, and age."""
    grouped = report_rows(city.reports)
    rows = []
    for district_id in city.districts.index:
        resolution = resolve(
            grouped.get(district_id, ()),
            day,
            assessment_outranks_claim=city.assessment_outranks_claim,
        )
        rows.append(
            {
                "district_id": district_id,
                "control": resolution.control,
                "actor": resolution.actor,
                "extent": resolution.extent,
                "style": resolution.style,
                "as_of": resolution.as_of,
                "days_since_report": (day - resolution.as_of).days
                if resolution.as_of
                else None,
                "deciding": resolution.deciding,
                "denied": resolution.denied,
            }
        )
    return pd.DataFrame(rows).set_index("district_id", drop=False).rename_axis(None)


def control_changes(city: City) -> dict[str, list[tuple[date, Resolution]]]:
    """For each district, every day its resolution changes, with the new resolution.

    This is the whole timeline in a compact form: the control on any day is the
    last change on or before it (``NO_REPORTS`` before the first).
    """
    changes: dict[str, list[tuple[date, Resolution]]] = {}
    for district_id, reports in report_rows(city.reports).items():
        timeline: list[tuple[date, Resolution]] = []
        for day in sorted({report.date for report in reports}):
            resolution = resolve(
                reports, day, assessment_outranks_claim=city.assessment_outranks_claim
            )
            if not timeline or timeline[-1][1] != resolution:
                timeline.append((day, resolution))
        changes[district_id] = timeline
    return changes


def describe(control: str, actor_label: str = "", extent: str = Extent.FULL) -> str:
    """Say a control or status in words, e.g. "held by Islamic State (partly)"."""
    words = {
        Control.HELD: f"held by {actor_label}",
        Control.CONTESTED: "contested",
        Control.DISPUTED: "disputed: sources disagree",
        Control.UNKNOWN: "no report yet",
    }
    text = words.get(control, str(control) or "no status given")
    return (
        f"{text} (partly)"
        if extent == Extent.PARTIAL and control in (Control.HELD, Control.CONTESTED)
        else text
    )


def claims_behind(city: City, district_id: str, day: date) -> pd.DataFrame:
    """Every report about a district up to ``day``, newest first, with its role today.

    The role says why a report matters for the colour: it decides it, it was
    denied, it is a denial, or it is older and superseded.
    """
    about = city.reports[city.reports["district_id"] == district_id]
    resolution = resolve(
        report_rows(about).get(district_id, ()),
        day,
        assessment_outranks_claim=city.assessment_outranks_claim,
    )
    labels = city.actor_labels
    reports = about[about["date"] <= day]
    reports = reports.sort_values(["date", "report_id"], ascending=False)

    def role(row: pd.Series) -> str:
        if row["report_id"] in resolution.denied:
            return "denied"
        if row["report_id"] in resolution.deciding:
            return "decides the colour"
        if row["kind"] == Kind.DENIAL and not row["status"]:
            return "denial"
        return "earlier report"

    return pd.DataFrame(
        {
            "report_id": reports["report_id"],
            "day": reports["date"],
            "source": reports["source"],
            "source_type": reports["source_type"],
            "kind": reports["kind"],
            "says": [
                describe(status, labels.get(actor, ""), extent)
                for status, actor, extent in zip(
                    reports["status"], reports["actor"], reports["extent"], strict=True
                )
            ],
            "role": [role(row) for _, row in reports.iterrows()],
            "denies": reports["denies"],
            "url": reports["url"],
            "note": reports["note"],
        }
    ).reset_index(drop=True)
