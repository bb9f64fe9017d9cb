"""The review of proposals by an editor: what the review page shows and what it stores.

Pure helpers for ``pages/from_article.py``: each proposal as escaped HTML with
its district and status word marked, the review table with the sure proposals
ticked, and the report rows the editor accepted, each with its sentence.
"""

from collections.abc import Callable
from datetime import date

import pandas as pd

from geo.escaping import html_text
from geo.extraction.confidence import ACCEPT_CONFIDENCE
from geo.extraction.results import Extraction, Proposal
from geo.schema import REPORT_COLUMNS

REVIEW_COLUMNS = (
    "accept",
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
READ_ONLY_COLUMNS = ("rejects", "speaker", "confidence")
"""Review columns taken from the text, shown to the editor but never stored."""


def highlighted_evidence(text: str, proposal: Proposal) -> str:
    """The evidence sentence, escaped, with the district and the cue marked."""
    start = proposal.evidence.start
    marks = sorted(
        (span.start - start, span.end - start)
        for span in (proposal.district_name, proposal.status_cue)
        if span.end > span.start
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
    """One numbered proposal: its marked sentence, confidence and reasons, escaped."""
    reasons = "; ".join(proposal.reasons)
    return (
        f"<div style='font-size:0.9rem'><b>{number}.</b> "
        f"{highlighted_evidence(text, proposal)}"
        f"<br><small>confidence {proposal.confidence:.2f}: "
        f"{html_text(reasons)}</small></div>"
    )


def review_table(extraction: Extraction) -> pd.DataFrame:
    """One row per proposal for the editor to check, the sure ones ticked.

    The report cells are the proposal's; ``denies`` is left for the editor to
    fill with a report id, and ``rejects`` shows the claim a denial rejects.
    """
    review = pd.DataFrame(
        [
            {
                "accept": proposal.confidence >= ACCEPT_CONFIDENCE,
                **proposal.row(),
                "denies": "",
                "rejects": proposal.denial_target,
                "speaker": proposal.speaker,
                "confidence": round(proposal.confidence, 2),
            }
            for proposal in extraction.proposals
        ]
    )
    review["date"] = pd.to_datetime(review["date"]).dt.date
    return review[list(REVIEW_COLUMNS)]


def reports_to_add(
    review: pd.DataFrame,
    extraction: Extraction,
    *,
    url: str,
    published: date,
    new_report_id: Callable[[], str],
) -> pd.DataFrame:
    """The accepted rows of the edited review table, as report rows to store.

    Each row gets a fresh id, the article's url, its publication day (left empty
    when it is the report's own day) and, as ``evidence``, the sentence its
    proposal came from.
    """
    accepted = review[review["accept"]]
    rows = accepted.drop(columns=["accept", *READ_ONLY_COLUMNS])
    days = [day.isoformat() if isinstance(day, date) else day for day in rows["date"]]
    rows = rows.assign(
        report_id=[new_report_id() for _ in range(len(rows))],
        date=days,
        url=url,
        published=[
            "" if day == published.isoformat() else published.isoformat()
            for day in days
        ],
    )
    evidence = [
        extraction.text[proposal.evidence.start : proposal.evidence.end]
        for proposal, keep in zip(extraction.proposals, review["accept"], strict=True)
        if keep
    ]
    return rows[list(REPORT_COLUMNS)].assign(evidence=evidence).reset_index(drop=True)
