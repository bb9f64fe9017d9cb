"""The resolution rule: a district's colour on a day, and the reports that decide it.

1. Only reports dated on or before the day count. The state before the battle
   (``geo.opening``) is a report dated before the first day.
2. A retraction (the claimant withdrawing its own report, or an outlet correcting
   itself) takes the reports it names off the map from its day on.
3. The latest day with counting reports decides. If its reports agree, that is the
   district's control (a "partial" extent is kept).
4. If they disagree, the district is *disputed*, and every claim stays listed. A
   report about many districts (``geo.places``) counts for each district like a
   report about that district alone, so a sweeping claim and a specific one of
   the same day that disagree give "disputed"; neither outvotes the other.
5. A denial by another party does not take the report it names off the map: the
   district is *disputed* while a denied report is among the deciding ones, and
   both claims stay listed.
6. An independent assessment outranks a party's claim of the same day only when
   the city's ``assessment_outranks_claim`` setting says so.
7. Each district carries how many days old its deciding reports are.
"""

from collections.abc import Collection, Sequence
from datetime import date
from typing import NamedTuple

import pandas as pd

from geo.city import City
from geo.colours import style_key
from geo.schema import denied_ids, in_report_order
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


class Resolution(NamedTuple):
    """A district's control on a day and the reports behind it.

    ``withdrawn`` are reports retracted by their own source (struck out);
    ``disputed_by`` are other parties' denials of a deciding report. A named
    tuple, not a dataclass: a timeline makes one per report day (195 000 for
    the three-year war) and compares and hashes them, which a tuple does in C.
    """

    control: Control
    actor: str = ""
    extent: Extent = Extent.FULL
    as_of: date | None = None
    deciding: tuple[str, ...] = ()
    withdrawn: tuple[str, ...] = ()
    disputed_by: tuple[str, ...] = ()

    @property
    def style(self) -> str:
        """The map class this resolution is drawn with."""
        return style_key(self.control, self.actor, self.extent)


NO_REPORTS = Resolution(Control.UNKNOWN)
_CONTROL = {str(control): control for control in Control}
"""The control a report's status gives when its deciding reports agree."""
_ASSESSMENT, _HELD, _PARTIAL = Kind.ASSESSMENT, ReportStatus.HELD, Extent.PARTIAL
"""Read once: an enum member looked up on its class costs more than the
comparison, and ``_decide`` runs once per report day of every district."""


def report_rows(reports: pd.DataFrame) -> dict[str, list[ReportRow]]:
    """Group the report table into rule-ready rows per district, oldest first."""
    grouped: dict[str, list[ReportRow]] = {}
    ordered = in_report_order(reports)
    columns = ("report_id", "date", "status", "actor", "extent", "kind", "denies")
    for district_id, *fields, denies in zip(
        ordered["district_id"].to_numpy().tolist(),
        *(ordered[column].to_numpy().tolist() for column in columns),
        strict=True,
    ):
        grouped.setdefault(district_id, []).append(
            ReportRow(*fields, tuple(denied_ids(denies)) if denies else ())
        )
    return grouped


def _note(
    report: ReportRow, retracted: set[str], denials: dict[str, list[str]]
) -> None:
    """Add what ``report`` retracts (rule 2) or denies (rule 5) to the running tally."""
    if report.kind == Kind.RETRACTION:
        retracted.update(report.denies)
    elif report.kind == Kind.DENIAL:
        for target in report.denies:
            denials.setdefault(target, []).append(report.report_id)


def _decide(
    known: Sequence[ReportRow],
    retracted: Collection[str],
    denials: dict[str, list[str]],
    assessment_outranks_claim: bool,
) -> Resolution:
    """Rules 3-6 on ``known``, the reports up to the day, oldest day first.

    The deciding reports are the last day's that still count, so they are found
    from the end; a district whose latest report counts costs only that day.
    """
    retracted_here = (
        tuple(report.report_id for report in known if report.report_id in retracted)
        if retracted
        else ()
    )
    deciding: list[ReportRow] = []
    for report in reversed(known):
        if deciding and report.date != deciding[0].date:
            break
        if report.status and report.report_id not in retracted:
            deciding.insert(0, report)
    if not deciding:
        return Resolution(Control.UNKNOWN, withdrawn=retracted_here)

    deciding_day = deciding[0].date
    if assessment_outranks_claim:
        assessments = [report for report in deciding if report.kind == _ASSESSMENT]
        deciding = assessments or deciding
    ids = tuple(report.report_id for report in deciding)
    denied = [denials[id_] for id_ in ids if id_ in denials] if denials else ()
    disputed_by = (
        tuple(dict.fromkeys(denial for named in denied for denial in named))
        if denied
        else ()
    )
    positions = set()
    partial = False
    for report in deciding:
        held = report.status == _HELD
        positions.add((report.status, report.actor if held else ""))
        partial = partial or report.extent == _PARTIAL
    if len(positions) > 1 or disputed_by:
        return Resolution(
            Control.DISPUTED,
            as_of=deciding_day,
            deciding=ids,
            withdrawn=retracted_here,
            disputed_by=disputed_by,
        )
    status, actor = positions.pop()
    return Resolution(
        _CONTROL[status],
        actor=actor,
        extent=Extent.PARTIAL if partial else Extent.FULL,
        as_of=deciding_day,
        deciding=ids,
        withdrawn=retracted_here,
    )


def resolve(
    reports: Sequence[ReportRow], day: date, *, assessment_outranks_claim: bool = False
) -> Resolution:
    """Apply the rule to one district's reports (oldest day first) as of ``day``."""
    known = [report for report in reports if report.date <= day]
    retracted: set[str] = set()
    denials: dict[str, list[str]] = {}
    for report in known:
        _note(report, retracted, denials)
    return _decide(known, retracted, denials, assessment_outranks_claim)


def resolutions_on(city: City, day: date) -> dict[str, Resolution]:
    """The rule on ``day`` for each district with reports, by id.

    A district missing here has no report at all; one whose reports all come
    later resolves to ``NO_REPORTS``. Only the reports up to ``day`` are made
    rule-ready: later ones change nothing on it (a map's first bundle of the
    war's first year: a third of its 200 000 reports).
    """
    claims = city.claims
    known = report_rows(claims[(claims["date"] <= day).to_numpy()])
    resolutions = {
        district_id: resolve(
            reports, day, assessment_outranks_claim=city.assessment_outranks_claim
        )
        for district_id, reports in known.items()
    }
    for district_id in claims["district_id"].unique():
        resolutions.setdefault(district_id, NO_REPORTS)
    return resolutions


def control_on(city: City, day: date) -> pd.DataFrame:
    """One row per district: its control on ``day``, the deciding reports, and age."""
    resolutions = resolutions_on(city, day)
    rows = []
    for district_id in city.districts.index:
        resolution = resolutions.get(district_id, NO_REPORTS)
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
                "withdrawn": resolution.withdrawn,
                "disputed_by": resolution.disputed_by,
            }
        )
    return pd.DataFrame(rows).set_index("district_id", drop=False).rename_axis(None)


def control_changes(
    city: City, district_ids: Collection[str] | None = None
) -> dict[str, list[tuple[date, Resolution]]]:
    """For each district, every day its resolution changes, with the new resolution.

    This is the whole timeline in a compact form: the control on any day is the
    last change on or before it (``NO_REPORTS`` before the first). With
    ``district_ids``, only those districts' timelines (what an edit touched).
    """
    claims = city.claims
    if district_ids is not None:
        claims = claims[claims["district_id"].isin(list(district_ids))]
    return {
        district_id: _timeline(reports, city.assessment_outranks_claim)
        for district_id, reports in report_rows(claims).items()
    }


def _timeline(
    reports: Sequence[ReportRow], assessment_outranks_claim: bool
) -> list[tuple[date, Resolution]]:
    """``resolve`` on each of the district's report days, kept where it changes.

    One pass, oldest first: what is retracted and denied is added to as each
    report comes, instead of being gathered again for every day (at 50 reports
    a district, the day-by-day way read each report 25 times).
    """
    known: list[ReportRow] = []
    retracted: set[str] = set()
    denials: dict[str, list[str]] = {}
    timeline: list[tuple[date, Resolution]] = []
    for index, report in enumerate(reports):
        known.append(report)
        _note(report, retracted, denials)
        if index + 1 < len(reports) and reports[index + 1].date == report.date:
            continue
        resolution = _decide(known, retracted, denials, assessment_outranks_claim)
        if not timeline or timeline[-1][1] != resolution:
            timeline.append((report.date, resolution))
    return timeline


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


def _role(report: pd.Series, resolution: Resolution, deniers: list[str]) -> str:
    """Why one report matters for a district's colour, in a reader's words.

    ``deniers`` are the sources of other parties' denials of this report.
    """
    if report["report_id"] in resolution.withdrawn:
        return "withdrawn by its own source"
    if report["report_id"] in resolution.deciding:
        denied = f"; {' and '.join(deniers)} denies it" if deniers else ""
        # Where the deciding reports disagree, none decides alone: each is
        # one side of what the map shows as disputed.
        if resolution.control == Control.DISPUTED:
            return f"one side of the dispute{denied}"
        return f"decides the colour{denied}"
    if report["kind"] == Kind.DENIAL:
        return f"{report['source']} denies the reports it names"
    if report["kind"] == Kind.RETRACTION:
        return f"{report['source']} withdraws its own report"
    return "earlier report"


def claims_behind(city: City, district_id: str, day: date) -> pd.DataFrame:
    """Every report about a district up to ``day``, newest first, with its role today.

    The role says why a report matters for the colour, in plain words: it decides
    it, or is one side of a dispute (and who denies it), it was withdrawn by its
    source, it denies or withdraws others, or it is older and superseded.
    ``about`` names the wider place of a report that covers several districts
    ("the whole city"), and is empty for a report about this district alone.
    """
    claims = city.claims
    about = claims[claims["district_id"] == district_id]
    resolution = resolve(
        report_rows(about).get(district_id, ()),
        day,
        assessment_outranks_claim=city.assessment_outranks_claim,
    )
    labels = city.actor_labels
    reports = about[about["date"] <= day]
    reports = reports.sort_values(["date", "report_id"], ascending=False)
    deniers: dict[str, list[str]] = {}
    for _, denial in reports[reports["kind"] == Kind.DENIAL].iterrows():
        for target in denied_ids(denial["denies"]):
            deniers.setdefault(target, []).append(denial["source"])
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
            "about": [
                city.place_words(place) if collective else ""
                for place, collective in zip(
                    reports["place"], reports["collective"], strict=True
                )
            ],
            "role": [
                _role(report, resolution, deniers.get(report["report_id"], []))
                for _, report in reports.iterrows()
            ],
            "denies": reports["denies"],
            "url": reports["url"],
            "note": reports["note"],
        }
    ).reset_index(drop=True)
