"""The review of proposals by an editor: what the review page shows and stores.

Pure helpers for ``app_pages/from_article.py`` (through ``ui/article_review.py``).
Nothing is decided for the editor: the review table lists the proposals from
the surest down, each with its level, its sentence and an empty decision
(accept or reject); a denial's or retraction's target is offered from the
stored reports that match it, or this article's own proposals, never typed;
``map_changes`` says what the accepted rows would change on the map, district
by district and day by day, before anything is saved. Proposed figures are a
table of their own, in figures.csv's columns.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

import pandas as pd

from geo.city import City
from geo.escaping import html_text
from geo.events import FIGURE_COLUMNS
from geo.extraction.results import Extraction, Proposal
from geo.places import WHOLE_CITY
from geo.problems import Problem
from geo.report_csv import spreadsheet_csv
from geo.resolution import describe, report_rows, resolve
from geo.schema import REPORT_COLUMNS, validate_city_reports


class Decision(StrEnum):
    """What the editor decided about one proposal; nothing is decided at first."""

    UNDECIDED = ""
    ACCEPT = "accept"
    REJECT = "reject"


REVIEW_COLUMNS = (
    "decision",
    "number",
    "level",
    "evidence",
    "district_id",
    "date",
    "date_precision",
    "status",
    "actor",
    "extent",
    "kind",
    "denies",
    "rejects",
    "source",
    "source_type",
    "speaker",
    "confidence",
    "note",
)
"""The review table's columns, in the order the editor sees them."""
READ_ONLY_COLUMNS = ("number", "level", "evidence", "rejects", "speaker", "confidence")
"""Review columns taken from the text, shown to the editor but never stored."""
ARTICLE_PROPOSAL = "proposal "
"""The start of a target that is one of this article's own proposals."""
TARGET_WINDOW_DAYS = 30
"""A denial or retraction is offered the reports of this many days before it."""
MAX_TARGETS = 8


@dataclass(frozen=True)
class Target:
    """A report a denial or retraction may reject: its key and how it is shown."""

    key: str
    """A stored report's id, or "proposal N" for this article's proposal N."""
    label: str


def highlighted_evidence(text: str, proposal: Proposal) -> str:
    """The evidence sentence, escaped, with the district and the cue marked."""
    start = proposal.evidence.start
    marks = sorted(
        (span.start - start, span.end - start)
        for span in (proposal.district_name, proposal.status_cue)
        if span.end > span.start and start <= span.start < proposal.evidence.end
    )
    sentence = text[proposal.evidence.start : proposal.evidence.end]
    pieces, position = [], 0
    for begin, end in marks:
        if begin < position:
            continue
        pieces.append(html_text(sentence[position:begin]))
        pieces.append(f"<mark>{html_text(sentence[begin:end])}</mark>")
        position = end
    pieces.append(html_text(sentence[position:]))
    return "".join(pieces)


def proposal_html(number: int, text: str, proposal: Proposal) -> str:
    """One numbered proposal: its marked sentence, level and reasons, escaped."""
    reasons = "; ".join(proposal.reasons)
    return (
        f"<div style='font-size:0.9rem'><b>{number}.</b> "
        f"{highlighted_evidence(text, proposal)}"
        f"<br><small>{proposal.level} ({proposal.confidence:.2f}): "
        f"{html_text(reasons)}</small></div>"
    )


def review_order(extraction: Extraction) -> list[int]:
    """Proposal indexes from the surest down (then in the article's order)."""
    return sorted(
        range(len(extraction.proposals)),
        key=lambda index: (
            -extraction.proposals[index].confidence,
            extraction.proposals[index].evidence.start,
        ),
    )


def review_table(extraction: Extraction) -> pd.DataFrame:
    """One row per proposal for the editor to decide, the surest first.

    No row is accepted: ``decision`` starts empty. ``number`` is the proposal's
    number in the list of findings; ``denies`` is left for the editor to pick
    from ``denial_targets``; ``rejects`` shows the claim a denial rejects.
    """
    rows = []
    for index in review_order(extraction):
        proposal = extraction.proposals[index]
        rows.append(
            {
                "decision": Decision.UNDECIDED.value,
                "number": index + 1,
                "level": str(proposal.level),
                "evidence": proposal.evidence.text,
                **proposal.row(),
                "rejects": proposal.denial_target,
                "speaker": proposal.speaker,
                "confidence": round(proposal.confidence, 2),
            }
        )
    review = pd.DataFrame(
        rows, columns=list(dict.fromkeys([*REVIEW_COLUMNS, *REPORT_COLUMNS]))
    )
    review["date"] = pd.to_datetime(review["date"]).dt.date
    return review[list(REVIEW_COLUMNS)]


def place_options(extraction: Extraction, city: City) -> dict[str, str]:
    """Every place the editor may choose, by its stored text, with its label.

    The proposed places, the whole city and the city's groups, then every
    district by name.
    """
    places = [
        *(proposal.district_id for proposal in extraction.proposals),
        WHOLE_CITY,
        *(group.name for group in city.groups),
    ]
    options = {
        place: city.place_words(place)
        for place in dict.fromkeys(places)
        if place not in city.district_labels
    }
    return {**options, **city.district_labels}


def _says(status: str, actor: str, extent: str, labels: Mapping[str, str]) -> str:
    return describe(status, labels.get(actor, actor), extent) if status else "no status"


def denial_targets(extraction: Extraction, city: City) -> dict[int, tuple[Target, ...]]:
    """For each denial or retraction, by proposal number, the reports it may reject.

    Stored reports (``city.reports``) about a district of its place, of the
    month before it and not themselves denials, the nearest day first; then
    this article's proposals about the same place.
    """
    labels = city.actor_labels
    claims = city.claims
    stored = claims[claims["report_id"].isin(set(city.reports["report_id"]))]
    targets: dict[int, tuple[Target, ...]] = {}
    for number, proposal in enumerate(extraction.proposals, start=1):
        if not proposal.kind.rejects:
            continue
        covered = set(city.place(proposal.district_id).districts)
        earliest = proposal.date - timedelta(days=TARGET_WINDOW_DAYS)
        matching = stored[
            stored["district_id"].isin(covered)
            & (stored["date"] <= proposal.date)
            & (stored["date"] >= earliest)
            & ~stored["kind"].isin(("denial", "retraction"))
        ].drop_duplicates("report_id")
        matching = matching.sort_values(["date", "report_id"], ascending=False)
        found = [
            Target(
                report.report_id,
                f"{report.report_id} · {report.date:%d %b %Y} · "
                f"{city.place_words(report.place)} · "
                f"{_says(report.status, report.actor, report.extent, labels)} · "
                f"{report.source}",
            )
            for report in matching.head(MAX_TARGETS).itertuples()
        ]
        found += [
            Target(
                f"{ARTICLE_PROPOSAL}{other_number}",
                f"this article's proposal {other_number} · {other.date:%d %b %Y} · "
                f"{city.place_words(other.district_id)} · "
                f"{_says(str(other.status or ''), other.actor, other.extent, labels)}"
                f" · {other.source}",
            )
            for other_number, other in enumerate(extraction.proposals, start=1)
            if not other.kind.rejects
            and other.date <= proposal.date
            and covered & set(city.place(other.district_id).districts)
        ]
        targets[number] = tuple(found)
    return targets


def reports_to_add(
    review: pd.DataFrame,
    extraction: Extraction,
    targets: Mapping[int, tuple[Target, ...]],
    *,
    url: str,
    published: date,
    new_report_id: Callable[[], str],
) -> tuple[pd.DataFrame, list[Problem]]:
    """The accepted rows of the edited review table, as report rows to store.

    Each row gets a fresh id, the article's url, its publication day (left
    empty when it is the report's own day) and, as ``evidence``, the sentence
    its proposal came from. A denial's target must be one offered for it; one
    of this article's proposals must be accepted too, and gets its new id.
    """
    accepted = review[review["decision"] == Decision.ACCEPT]
    ids = {int(number): new_report_id() for number in accepted["number"]}
    problems = []
    denies = []
    for number, key in zip(accepted["number"], accepted["denies"], strict=True):
        offered = {target.key for target in targets.get(int(number), ())}
        key = str(key or "")
        where = f"proposal {number}"
        if key and key not in offered:
            problems.append(
                Problem("review", where, "denies", f"'{key}' is not offered for it")
            )
        if key.startswith(ARTICLE_PROPOSAL):
            target = int(key.removeprefix(ARTICLE_PROPOSAL))
            if target not in ids:
                problems.append(
                    Problem(
                        "review",
                        where,
                        "denies",
                        f"it rejects proposal {target}: accept that one too, or "
                        "pick a stored report",
                    )
                )
            key = ids.get(target, "")
        denies.append(key)
    rows = accepted.drop(columns=["decision", *READ_ONLY_COLUMNS])
    days = [day.isoformat() if isinstance(day, date) else day for day in rows["date"]]
    rows = rows.assign(
        report_id=[ids[int(number)] for number in accepted["number"]],
        date=days,
        denies=denies,
        url=url,
        published=[
            "" if day == published.isoformat() else published.isoformat()
            for day in days
        ],
    )
    evidence = [
        extraction.proposals[int(number) - 1].evidence.text
        for number in accepted["number"]
    ]
    rows = rows[list(REPORT_COLUMNS)].assign(evidence=evidence)
    return rows.reset_index(drop=True), problems


MAP_CHANGE_COLUMNS = ("day", "district", "before", "after", "report")


def map_changes(city: City, rows: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """What storing ``rows`` would change on the map, before anything is stored.

    One line per district and report day the rows touch: the district's
    control that day before and after, in words. The change lasts until the
    district's next report. Rows that would be refused give their problems
    instead (and no lines).
    """
    clean, problems = validate_city_reports(
        rows[list(REPORT_COLUMNS)],
        city,
        file="accepted rows",
        existing_report_ids=frozenset(city.reports["report_id"]),
    )
    if problems:
        return pd.DataFrame(columns=list(MAP_CHANGE_COLUMNS)), problems
    touched = {
        (row.date, district, row.report_id)
        for row in clean.itertuples()
        for district in city.place(row.district_id).districts
    }
    districts = {district for _, district, _ in touched}
    after_city = city.with_reports(pd.concat([city.reports, clean], ignore_index=True))
    before = report_rows(city.claims[city.claims["district_id"].isin(districts)])
    after = report_rows(
        after_city.claims[after_city.claims["district_id"].isin(districts)]
    )
    labels = city.actor_labels
    lines = []
    for day, district, report_id in sorted(touched):
        rule = {"assessment_outranks_claim": city.assessment_outranks_claim}
        was = resolve(before.get(district, ()), day, **rule)
        now = resolve(after.get(district, ()), day, **rule)
        lines.append(
            {
                "day": day,
                "district": city.english_names.get(district, district),
                "before": describe(was.control, labels.get(was.actor, ""), was.extent),
                "after": describe(now.control, labels.get(now.actor, ""), now.extent),
                "report": report_id,
            }
        )
    return pd.DataFrame(lines, columns=list(MAP_CHANGE_COLUMNS)), []


def figures_table(extraction: Extraction) -> pd.DataFrame:
    """The proposed figures in figures.csv's columns, with level and sentence."""
    rows = [
        {**figure.row(), "level": str(figure.level), "evidence": figure.evidence.text}
        for figure in extraction.figures
    ]
    return pd.DataFrame(rows, columns=[*FIGURE_COLUMNS, "level", "evidence"])


def figures_csv(figures: pd.DataFrame) -> bytes:
    """Proposed figures as a figures.csv file (ids left for the editor to give)."""
    return spreadsheet_csv(figures[list(FIGURE_COLUMNS)])
