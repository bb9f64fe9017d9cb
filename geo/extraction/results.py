"""What the extractor hands back: proposals, skipped names and the text they point into.

A proposal is a candidate report row with its evidence; nothing here decides
anything, and nothing is stored until a person accepts it.
"""

from dataclasses import dataclass
from datetime import date

from geo.schema import REPORT_COLUMNS
from geo.status import DatePrecision, Extent, Kind, ReportStatus, SourceType

EXTRACTOR_VERSION = "1.0.0"
"""Stored with every proposal a person accepts, so rules can be compared later."""


@dataclass(frozen=True)
class ArticleSource:
    """Where an article comes from: its address, publication day and outlet."""

    url: str
    published: date
    outlet: str


@dataclass(frozen=True)
class Span:
    """Some words of the article text, with their character offsets in it."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Proposal:
    """A candidate report row, with the evidence a person needs to accept it.

    The row fields follow ``geo.schema.REPORT_COLUMNS``; ``status`` is None for a
    denial that gives no account of its own; ``denial_target`` is the text of the
    claim a denial rejects (its report id is for the person to pick).
    """

    date: date
    date_precision: DatePrecision
    district_id: str
    status: ReportStatus | None
    actor: str
    extent: Extent
    kind: Kind
    denial_target: str
    source: str
    source_type: SourceType
    url: str
    published: date
    evidence: Span
    district_name: Span
    status_cue: Span
    day_expression: Span | None
    speaker: str
    affiliation: str
    confidence: float
    reasons: tuple[str, ...]

    def row(self) -> dict[str, str]:
        """The proposal as a report row of text cells; id and note are left empty."""
        cells = dict.fromkeys(REPORT_COLUMNS, "")
        cells.update(
            date=self.date.isoformat(),
            date_precision=str(self.date_precision),
            district_id=self.district_id,
            status=str(self.status or ""),
            actor=self.actor,
            extent=str(self.extent),
            kind=str(self.kind),
            source=self.source,
            source_type=str(self.source_type),
            url=self.url,
            published=(
                self.published.isoformat() if self.published != self.date else ""
            ),
        )
        return cells


@dataclass(frozen=True)
class Skipped:
    """A district named in the article that yields no proposal, and why."""

    district_id: str
    district_name: Span
    evidence: Span
    reason: str


@dataclass(frozen=True)
class Extraction:
    """What the extractor read: the text its offsets point into, and its proposals."""

    text: str
    proposals: tuple[Proposal, ...]
    skipped: tuple[Skipped, ...]
    version: str = EXTRACTOR_VERSION
