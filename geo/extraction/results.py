"""What the extractor hands back: proposals, skipped names and the text they point into.

A proposal is a candidate report row with its evidence; nothing here decides
anything, and nothing is stored until a person accepts it.
"""

from dataclasses import dataclass
from datetime import date

from geo.events import FIGURE_COLUMNS
from geo.extraction.confidence import Level, confidence_level
from geo.schema import REPORT_COLUMNS
from geo.status import DatePrecision, Extent, Kind, ReportStatus, SourceType

EXTRACTOR_VERSION = "2.0.0"
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

    @property
    def level(self) -> Level:
        """How sure the proposal is, in words: high, medium or low."""
        return confidence_level(self.confidence)

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
class FigureProposal:
    """A casualty or displacement figure as one source states it: a figures.csv row.

    ``low`` and ``high`` are None for an open bound ("more than 40": high is
    None); ``as_stated`` keeps the source's words; ``number`` marks them.
    """

    as_of: date
    as_of_precision: DatePrecision
    source: str
    via: str
    source_type: SourceType
    measure: str
    low: int | None
    high: int | None
    as_stated: str
    unit: str
    scope: str
    url: str
    evidence: Span
    number: Span
    confidence: float
    reasons: tuple[str, ...]

    @property
    def level(self) -> Level:
        """How sure the figure is, in words: high, medium or low."""
        return confidence_level(self.confidence)

    def row(self) -> dict[str, str]:
        """The figure as a figures.csv row of text cells; its id is left empty."""
        cells = dict.fromkeys(FIGURE_COLUMNS, "")
        cells.update(
            as_of=self.as_of.isoformat(),
            as_of_precision=str(self.as_of_precision),
            source=self.source,
            via=self.via,
            source_type=str(self.source_type),
            measure=self.measure,
            low="" if self.low is None else str(self.low),
            high="" if self.high is None else str(self.high),
            as_stated=self.as_stated,
            unit=self.unit,
            scope=self.scope,
            url=self.url,
        )
        return cells


@dataclass(frozen=True)
class Extraction:
    """What the extractor read, and what it proposes.

    The text its offsets point into, its proposals of reports and of figures,
    and the districts it named but did not propose.
    """

    text: str
    proposals: tuple[Proposal, ...]
    skipped: tuple[Skipped, ...]
    figures: tuple[FigureProposal, ...] = ()
    version: str = EXTRACTOR_VERSION
