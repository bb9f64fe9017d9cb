"""Proposing reports from a news article, for a person to check before saving.

The extractor decides nothing and invents nothing: a proposal is one district
named in one sentence next to a status word ("captured", "clashes", "denied"),
and it carries that sentence with its offsets, the words it relied on (name as
written, status cue, speaker, day expression) and a confidence with its reasons.
Districts named only as landmarks ("near the Black Stadium") or in the past
("…, used as a prison in 2014") are listed as skipped, with the reason.

HTML is reduced to its main text with trafilatura, which parses the markup and
never runs or renders it; plain text and Markdown are read as they are.
"""

import bisect
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from pathlib import PurePath
from typing import TypeVar

from geo.city import City
from geo.escaping import is_web_url
from geo.extraction.article_days import DayExpression, find_day_expressions, find_years
from geo.extraction.attribution import Attribution, find_attributions
from geo.extraction.claim_cues import (
    Cue,
    CueKind,
    appositive_span,
    clause_of,
    clause_spans,
    find_cues,
    find_partial_words,
    find_past_markers,
    history_words,
    partial_before,
    reference_before,
)
from geo.extraction.text_matching import (
    ActorMention,
    DistrictMention,
    Gazetteer,
    build_gazetteer,
    find_actors,
    find_districts,
    fold,
)
from geo.schema import REPORT_COLUMNS, SOURCE_MAX_LENGTH
from geo.status import DatePrecision, Extent, Kind, ReportStatus, SourceType

EXTRACTOR_VERSION = "1.0.0"
"""Stored with every proposal a person accepts, so rules can be compared later."""

MAX_ARTICLE_CHARACTERS = 100_000
"""The longest article text read (about 15,000 words); longer text is refused."""
MAX_HTML_CHARACTERS = 2_000_000
"""The longest HTML page read before its main text is taken out."""
MAX_UPLOAD_BYTES = 4_000_000
"""The largest uploaded file read."""
MAX_SENTENCE_CHARACTERS = 1_000
"""Text without a sentence end for longer than this is read in pieces this long."""
HISTORY_DAYS = 90
"""A day named this long before publication is history, not news of the fighting."""

_NEAR_CUE = 30
_FAR_CUE_BEFORE = 120
_FAR_CUE_AFTER = 80
_LOST_GAP = 25
_BY_OR_TO_GAP = 60
_ACTOR_REACH = 200
_CLAIM_COLUMNS = (
    "date",
    "date_precision",
    "district_id",
    "status",
    "actor",
    "extent",
    "kind",
)
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_TAG = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|p|div|article|section|script|style|span"
    r"|br|h[1-6]|main|meta|title)\b",
    re.IGNORECASE,
)
_MARKDOWN = re.compile(r"^(?:#{1,6}\s|>\s|\*\*|[-*+]\s|\d+\.\s)|\]\(", re.MULTILINE)
_LINE_MARKER = re.compile(r"^\s*(?:#{1,6}|>|[-*+]|\d+\.)\s+")
_SENTENCE_END = re.compile(r"[.!?؟][\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[^\W_a-z])")
_ABBREVIATION_TEXT = (
    "mr mrs ms dr gen col lt maj capt sgt st no vs jan feb mar apr jun jul aug sep sept"
    " oct nov dec approx est"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())
_BY_OR_TO = re.compile(
    r"\b(?:to|by)\s+(?:the\s+)?(?:\S+\s+)?$|(?:لصالح|بيد|من\s+قبل)\s*$"
)
_NOT_SUBJECT = re.compile(
    r"\b(?:from|against|with|between|and|of)\s+(?:the\s+)?$|من\s*$"
)
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$|(?<!\w)من\s+(?:يد\s+)?$")
_SPEAKER_SIDE = re.compile(r"\b(?:we|our|us|its|their)\b")
_ACCOUNT_START = re.compile(
    r",?\s+(?:saying|adding|insisting|and\s+said|and\s+added)\b|،|;", re.IGNORECASE
)
_MONITOR_WORDS = re.compile(r"\b(?:observatory|monitor\w*|sohr|airwars)\b|المرصد")
_OFFICIAL_WORDS = re.compile(
    r"\b(?:coalition|pentagon|ministry|minister|government|united\s+nations|un)\b"
    r"|التحالف|وزارة"
)


class ExtractionError(ValueError):
    """The article cannot be read; the message says why, in words for the user."""


class ArticleFormat(StrEnum):
    """How the article's text is written."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


UPLOAD_SUFFIXES = {
    ".txt": ArticleFormat.TEXT,
    ".md": ArticleFormat.MARKDOWN,
    ".markdown": ArticleFormat.MARKDOWN,
    ".html": ArticleFormat.HTML,
    ".htm": ArticleFormat.HTML,
}


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


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article text (offsets into it) and its paragraph number."""

    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class ArticleSource:
    """Where an article comes from: its address, publication day and outlet."""

    url: str
    published: date
    outlet: str


def decode_article(data: bytes, filename: str) -> str:
    """Read an uploaded .txt, .md or .html file as text (UTF-8, or UTF-16 with a BOM).

    Raises ``ExtractionError`` naming the file and the problem: an unsupported
    type, a file too large, binary data, or bytes that are not UTF-8.
    """
    name = PurePath(filename).name or "the file"
    suffix = PurePath(filename).suffix.casefold()
    if suffix not in UPLOAD_SUFFIXES:
        allowed = ", ".join(UPLOAD_SUFFIXES)
        raise ExtractionError(f"{name}: only {allowed} files can be read")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ExtractionError(
            f"{name} is {len(data):,} bytes; the limit is {MAX_UPLOAD_BYTES:,}"
        )
    has_utf16_mark = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    encoding = "utf-16" if has_utf16_mark else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        if b"\x00" in data:
            raise ExtractionError(f"{name} is binary data, not text") from None
        raise ExtractionError(
            f"{name} is not UTF-8 text: byte 0x{data[error.start]:02x} at position"
            f" {error.start} cannot be read; save the file as UTF-8"
        ) from None
    _check_text(text, name)
    return text


def _check_text(text: str, name: str) -> None:
    """Refuse empty text, binary data and text that was decoded with losses."""
    if not text.strip():
        raise ExtractionError(f"{name} is empty")
    control = _CONTROL_CHARACTERS.findall(text)
    if "\x00" in text or len(control) > len(text) // 100:
        raise ExtractionError(
            f"{name} looks like binary data: it has {len(control)} control characters"
        )
    lost = text.count("\ufffd")
    if lost:
        raise ExtractionError(
            f"{name} has {lost} undecodable character(s) (shown as \ufffd); "
            "decode it as UTF-8"
        )


def guess_format(content: str, filename: str = "") -> ArticleFormat:
    """The article's format: by file name, else by HTML tags or Markdown marks."""
    suffix = PurePath(filename).suffix.casefold()
    if suffix in UPLOAD_SUFFIXES:
        return UPLOAD_SUFFIXES[suffix]
    head = content[:5000]
    if _HTML_TAG.search(head):
        return ArticleFormat.HTML
    if _MARKDOWN.search(head):
        return ArticleFormat.MARKDOWN
    return ArticleFormat.TEXT


def _html_main_text(html: str) -> str:
    """The main text of an HTML page, by trafilatura (markup parsed, never run)."""
    import trafilatura  # slow to import, and needed only for HTML

    document = html
    if not re.search(r"<\s*(?:html|body)\b", html, re.IGNORECASE):
        document = f"<html><body>{html}</body></html>"
    options = {
        "include_comments": False,
        "include_tables": False,
        "include_images": False,
        "include_links": False,
        "deduplicate": False,
    }
    text = trafilatura.extract(document, **options)
    if not text:
        text = trafilatura.extract(document, favor_recall=True, **options)
    return text or ""


def article_text(content: str, article_format: ArticleFormat) -> str:
    """The text that offsets point into: HTML's main text, or the text as given.

    Raises ``ExtractionError`` for empty, binary or over-long input, or HTML
    that holds no article text (only scripts, styles and markup).
    """
    _check_text(content, "The article")
    if article_format == ArticleFormat.HTML:
        if len(content) > MAX_HTML_CHARACTERS:
            raise ExtractionError(
                f"The HTML page is {len(content):,} characters; the limit is "
                f"{MAX_HTML_CHARACTERS:,}"
            )
        content = _html_main_text(content)
        if not content.strip():
            raise ExtractionError(
                "The HTML page has no article text: only scripts, styles or markup"
            )
    text = content.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_ARTICLE_CHARACTERS:
        raise ExtractionError(
            f"The article is {len(text):,} characters; the limit is "
            f"{MAX_ARTICLE_CHARACTERS:,}. Paste only the article's own text."
        )
    return text


def _ends_with_abbreviation(text: str, position: int) -> bool:
    word = re.search(r"(\w+)$", text[max(0, position - 20) : position])
    if not word:
        return False
    return word.group(1).casefold() in _ABBREVIATIONS or (
        len(word.group(1)) == 1 and word.group(1).isupper()
    )


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences: at line breaks and at ". ", "? ", "! ", "؟ ".

    A full stop after an abbreviation ("Gen.", "U.S.") does not end a sentence;
    Markdown marks at the start of a line ("## ", "- ", "> ") are left out.
    """
    sentences: list[Sentence] = []
    for paragraph, line in enumerate(re.finditer(r"[^\n]+", text)):
        marker = _LINE_MARKER.match(line.group())
        start = line.start() + (marker.end() if marker else 0)
        ends = [
            end.end()
            for end in _SENTENCE_END.finditer(text, start, line.end())
            if not _ends_with_abbreviation(text, end.start())
        ]
        for end in [*ends, line.end()]:
            for piece_start, piece_end in _pieces(text, start, end):
                piece = text[piece_start:piece_end]
                if piece.strip():
                    lead = len(piece) - len(piece.lstrip())
                    sentences.append(
                        Sentence(
                            piece_start + lead,
                            piece_start + len(piece.rstrip()),
                            paragraph,
                        )
                    )
            start = end
    return sentences


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a run of text longer than ``MAX_SENTENCE_CHARACTERS`` at spaces.

    Text with no sentence end (a list without full stops, a pasted table) is then
    read in pieces instead of as one enormous sentence.
    """
    pieces = []
    while end - start > MAX_SENTENCE_CHARACTERS:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARACTERS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARACTERS
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


@dataclass(frozen=True)
class _Speaker:
    """A resolved speaker: their words, affiliation (actor) and kind of source."""

    name: str
    actor_id: str
    affiliation: str
    source_type: SourceType


@dataclass
class _Context:
    """What earlier sentences tell a later one: the last speaker and the claims."""

    speaker: _Speaker | None = None
    previous_claims: tuple[Proposal, ...] = ()
    all_claims: tuple[Proposal, ...] = ()


@dataclass(frozen=True)
class _SentenceFacts:
    """Everything found in one sentence, in offsets relative to its start."""

    text: str
    start: int
    mentions: list[DistrictMention]
    actors: list[ActorMention]
    cues: list[Cue]
    clauses: list[tuple[int, int]]
    days: list[DayExpression]
    attributions: list[Attribution]
    partial_words: list[tuple[int, int, str]]
    past_markers: list[tuple[int, int, str]]


@dataclass(frozen=True)
class _Reading:
    """How one mention was read, before it becomes a proposal."""

    cue: Cue
    status: ReportStatus | None
    kind: Kind
    target: str
    region_start: int
    holder_cue: Cue | None
    weights: tuple[tuple[float, str], ...]


_Located = TypeVar("_Located", DistrictMention, ActorMention)


def _relative(items: list[_Located], start: int, end: int) -> list[_Located]:
    """The items inside [start, end), with offsets made relative to ``start``.

    ``items`` are sorted by start, so the sentence's items are found by bisection.
    """
    first = bisect.bisect_left(items, start, key=lambda item: item.start)
    last = bisect.bisect_left(items, end, key=lambda item: item.start)
    return [
        replace(item, start=item.start - start, end=item.end - start)
        for item in items[first:last]
        if item.end <= end
    ]


def _speaker_of(
    attribution: Attribution, sentence_actors: list[ActorMention]
) -> _Speaker:
    """Classify a speaker by the actor their words name, else by monitor words."""
    inside = [
        actor
        for actor in sentence_actors
        if attribution.start <= actor.start and actor.end <= attribution.end
    ]
    if inside:
        return _Speaker(
            attribution.speaker, inside[0].actor_id, inside[0].written, SourceType.PARTY
        )
    folded = fold(attribution.speaker)
    if _MONITOR_WORDS.search(folded):
        return _Speaker(attribution.speaker, "", "", SourceType.MONITOR)
    if _OFFICIAL_WORDS.search(folded):
        return _Speaker(attribution.speaker, "", "", SourceType.OFFICIAL)
    return _Speaker(attribution.speaker, "", "", SourceType.MEDIA)


def _same_person(attribution: Attribution, earlier: _Speaker | None) -> bool:
    """Whether a speaker is one named earlier ("Haso" after "Dalil Haso")."""
    if earlier is None or attribution.start == attribution.end:
        return False
    last_word = attribution.speaker.split()[-1].casefold()
    return len(attribution.speaker.split()) <= 2 and last_word in (
        word.casefold().strip(",") for word in earlier.name.split()
    )


def _resolve_speaker(
    facts: _SentenceFacts, cue_start: int, context: _Context
) -> tuple[_Speaker | None, list[tuple[float, str]]]:
    """The speaker of the claim at ``cue_start``; "he" is the last speaker named."""
    if not facts.attributions:
        return None, []
    attribution = min(
        facts.attributions, key=lambda item: abs(item.verb_start - cue_start)
    )
    earlier = context.speaker
    if earlier is not None and (
        attribution.is_pronoun or _same_person(attribution, earlier)
    ):
        return earlier, [
            (0.1, f"'{attribution.speaker}' read as {earlier.name}, named earlier")
        ]
    if attribution.is_pronoun:
        return None, []
    speaker = _speaker_of(attribution, facts.actors)
    weights = [(0.1, f"attributed to {speaker.name} ('{attribution.verb}')")]
    if speaker.actor_id:
        weights.append((0.0, f"speaker's side: {speaker.affiliation}"))
    return speaker, weights


def _other_actor(gazetteer: Gazetteer, actor_id: str) -> str:
    """The other side, when the city has exactly two actors."""
    others = [actor.id for actor in gazetteer.actors if actor.id != actor_id]
    return others[0] if len(others) == 1 else ""


def _holder(
    cue: Cue,
    mention: DistrictMention,
    facts: _SentenceFacts,
    region: tuple[int, int],
    speaker: _Speaker | None,
    gazetteer: Gazetteer,
) -> tuple[str, float, str]:
    """Who holds the district after the cue, a weight, and how that was read.

    In order: an actor after the cue with "to"/"by" ("fell to the SDF"); the
    subject before the cue (or between cue and name, as in Arabic); an actor it
    was taken "from" (so the other side holds it); the speaker's side.
    """
    sentence = facts.text
    nearby = [
        actor
        for actor in facts.actors
        if region[0] <= actor.start < region[1]
        and abs(actor.start - cue.start) <= _ACTOR_REACH
    ]
    after = max(cue.end, mention.end)
    for actor in nearby:
        if not 0 <= actor.start - after < _BY_OR_TO_GAP:
            continue
        if _BY_OR_TO.search(fold(sentence[after : actor.start])):
            return actor.actor_id, 0.05, f"held by '{actor.written}' (named after it)"
    subjects = [
        actor
        for actor in nearby
        if (actor.end <= cue.start or cue.end <= actor.start < mention.start)
        and not _NOT_SUBJECT.search(
            fold(sentence[max(0, actor.start - 12) : actor.start])
        )
    ]
    if subjects:
        subject = min(subjects, key=lambda actor: abs(cue.start - actor.start))
        if cue.kind != CueKind.LOST:
            return subject.actor_id, 0.05, f"held by '{subject.written}' (the subject)"
        other = _other_actor(gazetteer, subject.actor_id)
        if other:
            return other, -0.1, f"'{subject.written}' lost it: the other side holds it"
    for actor in nearby:
        before = fold(sentence[max(0, actor.start - 12) : actor.start])
        if actor.start >= cue.end and _FROM.search(before):
            other = _other_actor(gazetteer, actor.actor_id)
            if other:
                return other, -0.1, f"taken from '{actor.written}': the other side"
    if speaker and speaker.actor_id:
        return speaker.actor_id, -0.1, f"actor implied by the speaker ({speaker.name})"
    return "", -0.3, "no actor named: choose one before saving"


def _choose_cue(
    cues: list[Cue], mention: DistrictMention, clauses: list[tuple[int, int]]
) -> tuple[Cue | None, list[tuple[float, str]]]:
    """The status cue of a mention: the nearest before it in its clause, else after.

    Negated control cues ("has not captured") are passed over; when they were
    all the clause had, the next clause is read ("…, but its fighters entered it").
    """
    clause = clause_of(clauses, mention.start)
    in_clause = [
        cue
        for cue in cues
        if cue.kind != CueKind.DENIAL and clause[0] <= cue.start < clause[1]
    ]
    notes = []
    usable = []
    for cue in in_clause:
        if cue.negated and cue.kind != CueKind.CONTESTED:
            notes.append((0.0, f"'{cue.written}' is negated: no claim of control"))
        else:
            usable.append(cue)
    if not usable and notes:
        following = [other for other in clauses if other[0] >= clause[1]][:1]
        usable = [
            cue
            for cue in cues
            if cue.kind == CueKind.CONTESTED
            and any(start <= cue.start < end for start, end in following)
        ]
        if usable:
            notes.append((-0.1, "status word read from the next clause"))
            return usable[0], notes
    before = [
        cue
        for cue in usable
        if cue.end <= mention.start and mention.start - cue.end <= _FAR_CUE_BEFORE
    ]
    after = [
        cue
        for cue in usable
        if cue.start >= mention.end and cue.start - mention.end <= _FAR_CUE_AFTER
    ]
    for cue in sorted(before, key=lambda cue: mention.start - cue.end):
        if cue.kind != CueKind.LOST or mention.start - cue.end <= _LOST_GAP:
            return cue, notes
    for cue in sorted(after, key=lambda cue: cue.start - mention.end):
        if cue.kind != CueKind.LOST:
            return cue, notes
    return None, notes


def _status_of(cue: Cue) -> ReportStatus:
    """Contested for fighting words; held for every control word."""
    return (
        ReportStatus.CONTESTED if cue.kind == CueKind.CONTESTED else ReportStatus.HELD
    )


def _denial_scope(
    facts: _SentenceFacts, mention: DistrictMention
) -> tuple[Cue, int, int] | None:
    """The denial that may cover a mention, with the span of the claim it rejects.

    "X denied reports that A fell, saying …": the target runs from the cue to
    ", saying"; "Reports that A fell are false": from the clause start to the cue.
    """
    denials = [cue for cue in facts.cues if cue.kind == CueKind.DENIAL]
    before = [cue for cue in denials if cue.end <= mention.start]
    if before:
        cue = before[-1]
        account = _ACCOUNT_START.search(facts.text, cue.end)
        return cue, cue.end, account.start() if account else len(facts.text)
    clause = clause_of(facts.clauses, mention.start)
    after = [cue for cue in denials if mention.end <= cue.start < clause[1]]
    if after:
        return after[0], clause[0], after[0].start
    return None


def _read_denial(
    facts: _SentenceFacts, mention: DistrictMention, context: _Context
) -> _Reading | None:
    """Read a mention as a denial, with the denier's own account if one follows."""
    scope = _denial_scope(facts, mention)
    if scope is None:
        return None
    cue, target_start, target_end = scope
    in_target = target_start <= mention.start < target_end
    target = facts.text[target_start:target_end].strip(" ,.;،")
    weights: list[tuple[float, str]] = []
    if not in_target:
        earlier = [
            claim
            for claim in context.all_claims
            if claim.district_id == mention.district_id
        ]
        names_other = any(
            target_start <= other.start < target_end for other in facts.mentions
        )
        if not earlier or names_other:
            return None
        target = earlier[-1].evidence.text
        weights.append((0.0, "rejects the earlier claim about this district"))
    weights.insert(0, (0.1, f"'{cue.written}' rejects: {target}"))
    account = [
        item
        for item in facts.cues
        if item.start >= target_end and item.kind != CueKind.DENIAL
    ]
    holder_cue = account[0] if account else None
    status = _status_of(holder_cue) if holder_cue else None
    if holder_cue:
        weights.append((0.0, f"the denier's own account: '{holder_cue.written}'"))
    return _Reading(
        cue, status, Kind.DENIAL, target, target_end, holder_cue, tuple(weights)
    )


def _read_claim(facts: _SentenceFacts, mention: DistrictMention) -> _Reading | None:
    """Read a mention as a claim: its status cue and the status that follows."""
    cue, notes = _choose_cue(facts.cues, mention, facts.clauses)
    if cue is None:
        return None
    gap = (
        mention.start - cue.end if cue.end <= mention.start else cue.start - mention.end
    )
    if gap <= _NEAR_CUE:
        weight = (0.15, f"status word '{cue.written}' right next to the name")
    else:
        weight = (-0.05, f"status word '{cue.written}' {gap} characters away")
    region_start = clause_of(facts.clauses, mention.start)[0]
    return _Reading(
        cue,
        _status_of(cue),
        Kind.CLAIM,
        "",
        region_start,
        cue,
        (*notes, weight),
    )


def _day_for(
    expressions: list[DayExpression],
    mention: DistrictMention,
    clause: tuple[int, int],
) -> tuple[DayExpression | None, float, str]:
    """The day expression a mention's claim is about, with its weight and reason.

    The nearest expression in the mention's clause, else in its sentence; with
    none, the publication day is assumed (a sentence without a day usually
    reports the state of things when the article was written).
    """
    same_clause = [item for item in expressions if clause[0] <= item.start < clause[1]]
    pool = same_clause or expressions
    if not pool:
        return None, -0.2, "no day named: the publication day is assumed"
    nearest = min(pool, key=lambda item: abs(item.start - mention.start))
    return nearest, 0.1, f"day from '{nearest.written}': {nearest.explanation}"


def _history_reason(
    sentence: str,
    mention: DistrictMention,
    clause: tuple[int, int],
    past: list[tuple[int, int, str]],
    published: date,
) -> str:
    """Why a mention is about the past rather than the fighting, or "".

    A year before publication in the mention's appositive ("…, a prison in
    2014") or anywhere before it, or "years ago", "before the war" in its clause.
    """
    appositive = appositive_span(sentence, mention.end)
    for start, _, year in find_years(sentence):
        if year >= published.year:
            continue
        if appositive and appositive[0] <= start < appositive[1]:
            return f"described in the past ({year}), not as a place being fought over"
        if start < mention.end:
            return f"the sentence is about {year}, not the fighting"
    for start, _, words in past:
        if clause[0] <= start < mention.start:
            return f"the sentence is about the past ('{words}')"
    return ""


def _described_in_the_past(sentence: str, mention: DistrictMention, cue: Cue) -> str:
    """Why a cue in a note on the place's past ("…, where IS once held") is no claim.

    Returns "" when the cue is not inside such a note.
    """
    appositive = appositive_span(sentence, mention.end)
    if not appositive or not appositive[0] <= cue.start < appositive[1]:
        return ""
    words = history_words(sentence[appositive[0] : appositive[1]])
    return f"described in the past ('{words}'), not fought over" if words else ""


def _confidence(weights: list[tuple[float, str]]) -> tuple[float, tuple[str, ...]]:
    """Start at one half, add each weight, keep it within 0.05..0.95."""
    score = 0.5 + sum(weight for weight, _ in weights)
    return round(min(0.95, max(0.05, score)), 2), tuple(reason for _, reason in weights)


def _source(speaker: _Speaker | None, outlet: str) -> tuple[str, SourceType, str]:
    """The report's source, source type and the speaker's affiliation."""
    if speaker is None:
        return outlet[:SOURCE_MAX_LENGTH], SourceType.MEDIA, ""
    source = f"{speaker.name} via {outlet}"
    if len(source) > SOURCE_MAX_LENGTH:
        source = source[: SOURCE_MAX_LENGTH - 1] + "…"
    return source, speaker.source_type, speaker.affiliation


def _propose(
    facts: _SentenceFacts,
    mention: DistrictMention,
    source: ArticleSource,
    gazetteer: Gazetteer,
    context: _Context,
) -> Proposal | str:
    """A proposal for one district mention, or the reason there is none."""
    sentence = facts.text
    reference = reference_before(sentence, mention.start)
    if reference:
        return f"named as a landmark reference ('{reference}'), not a claim about it"
    clause = clause_of(facts.clauses, mention.start)
    history = _history_reason(
        sentence, mention, clause, facts.past_markers, source.published
    )
    if history:
        return history
    reading = _read_denial(facts, mention, context) or _read_claim(facts, mention)
    if reading is None:
        return "no status word (captured, clashes, denied ...) near it"
    past = _described_in_the_past(sentence, mention, reading.cue)
    if past:
        return past
    expression, day_weight, day_reason = _day_for(facts.days, mention, clause)
    if expression and expression.day < source.published - timedelta(days=HISTORY_DAYS):
        return f"the sentence is about {expression.day:%B %Y}, not the fighting"

    weights = list(reading.weights)
    speaker, speaker_weights = _resolve_speaker(facts, reading.cue.start, context)
    weights += speaker_weights
    status, extent = reading.status, Extent.FULL
    partial_start = max(clause[0], reading.region_start)
    partial = partial_before(sentence, mention.start) or next(
        (
            words
            for start, _, words in facts.partial_words
            if partial_start <= start < clause[1]
        ),
        "",
    )
    if partial and status is not None:
        extent = Extent.PARTIAL
        weights.append((0.0, f"partial: '{partial}'"))
        if status == ReportStatus.HELD:
            status = ReportStatus.CONTESTED
            weights.append((0.0, "partial control is recorded as contested, partial"))
    actor = ""
    if status == ReportStatus.HELD and reading.holder_cue is not None:
        region = (reading.region_start, max(clause[1], reading.region_start + 1))
        if reading.kind == Kind.DENIAL:
            region = (reading.region_start, len(sentence))
        actor, actor_weight, how = _holder(
            reading.holder_cue, mention, facts, region, speaker, gazetteer
        )
        weights.append((actor_weight, how))
    weights.append((day_weight, day_reason))
    if mention.score < 100:
        weights.append(
            (
                -0.15,
                f"'{mention.written}' read as '{mention.gazetteer_name}' "
                f"(spelling {mention.score:.0f}% alike)",
            )
        )
    source_text, source_type, affiliation = _source(speaker, source.outlet)
    kind = reading.kind
    if kind == Kind.CLAIM and source_type == SourceType.MONITOR:
        kind = Kind.ASSESSMENT
    confidence, reasons = _confidence(weights)
    offset = facts.start
    return Proposal(
        date=expression.day if expression else source.published,
        date_precision=expression.precision if expression else DatePrecision.DAY,
        district_id=mention.district_id,
        status=status,
        actor=actor,
        extent=extent,
        kind=kind,
        denial_target=reading.target,
        source=source_text,
        source_type=source_type,
        url=source.url,
        published=source.published,
        evidence=Span(offset, offset + len(sentence), sentence),
        district_name=Span(
            offset + mention.start, offset + mention.end, mention.written
        ),
        status_cue=Span(
            offset + reading.cue.start, offset + reading.cue.end, reading.cue.written
        ),
        day_expression=(
            Span(offset + expression.start, offset + expression.end, expression.written)
            if expression
            else None
        ),
        speaker=speaker.name if speaker else "",
        affiliation=affiliation,
        confidence=confidence,
        reasons=reasons,
    )


def _denials_of_previous(
    facts: _SentenceFacts, context: _Context, source: ArticleSource
) -> list[Proposal]:
    """Denials of the claims before, for a denial naming no district of its own.

    "The SDF dismissed the claim." rejects what the sentence before it claimed.
    """
    denial = next((cue for cue in facts.cues if cue.kind == CueKind.DENIAL), None)
    if denial is None or not context.previous_claims:
        return []
    speaker, speaker_weights = _resolve_speaker(facts, denial.start, context)
    source_text, source_type, affiliation = _source(speaker, source.outlet)
    offset = facts.start
    proposals = []
    for claim in context.previous_claims:
        weights = [
            (-0.1, "the district is named in the sentence before"),
            (0.05, f"'{denial.written}' rejects the claim before it"),
            *speaker_weights,
        ]
        confidence, reasons = _confidence(weights)
        proposals.append(
            replace(
                claim,
                status=None,
                actor="",
                extent=Extent.FULL,
                kind=Kind.DENIAL,
                denial_target=claim.evidence.text,
                source=source_text,
                source_type=source_type,
                evidence=Span(offset, offset + len(facts.text), facts.text),
                status_cue=Span(
                    offset + denial.start, offset + denial.end, denial.written
                ),
                speaker=speaker.name if speaker else "",
                affiliation=affiliation,
                confidence=confidence,
                reasons=reasons,
            )
        )
    return proposals


def _merge_duplicates(proposals: list[Proposal]) -> list[Proposal]:
    """One proposal per claim; repeats are folded into the best one and noted.

    The outlet's own unattributed wording of an attributed claim (a headline
    that repeats the body) is folded into the attributed proposal.
    """
    groups: dict[tuple, list[Proposal]] = {}
    for proposal in proposals:
        row = proposal.row()
        key = (*(row[column] for column in _CLAIM_COLUMNS), proposal.denial_target)
        groups.setdefault(key, []).append(proposal)
    merged = []
    for group in groups.values():
        attributed = [proposal for proposal in group if proposal.speaker]
        kept: dict[str, Proposal] = {}
        for proposal in attributed or group:
            best = kept.get(proposal.source)
            if best is None or proposal.confidence > best.confidence:
                kept[proposal.source] = proposal
        for proposal in kept.values():
            others = len(group) - 1
            note = f"{others} other sentence(s) say the same" if others else ""
            merged.append(
                replace(proposal, reasons=(*proposal.reasons, note))
                if note
                else proposal
            )
    return sorted(merged, key=lambda proposal: proposal.evidence.start)


def _check_source(source: ArticleSource) -> None:
    if not is_web_url(source.url):
        raise ExtractionError(f"The article's url '{source.url[:80]}' is not http(s)")
    if not source.outlet.strip():
        raise ExtractionError("The outlet is empty: name who published the article")


def _sentence_facts(
    text: str,
    sentence: Sentence,
    mentions: list[DistrictMention],
    actors: list[ActorMention],
    published: date,
) -> _SentenceFacts:
    """Find the cues, clauses, days and speakers of one sentence."""
    body = text[sentence.start : sentence.end]
    local_mentions = _relative(mentions, sentence.start, sentence.end)
    return _SentenceFacts(
        text=body,
        start=sentence.start,
        mentions=local_mentions,
        actors=_relative(actors, sentence.start, sentence.end),
        cues=find_cues(body),
        clauses=clause_spans(body),
        days=find_day_expressions(body, published),
        attributions=find_attributions(
            body, [(mention.start, mention.end) for mention in local_mentions]
        ),
        partial_words=find_partial_words(body),
        past_markers=find_past_markers(body),
    )


def _remember(context: _Context, facts: _SentenceFacts, made: list[Proposal]) -> None:
    """Carry a sentence's speaker and claims forward to the next sentences."""
    named = [item for item in facts.attributions if not item.is_pronoun]
    if named and not any(_same_person(item, context.speaker) for item in named):
        context.speaker = _speaker_of(named[-1], facts.actors)
    claims = tuple(item for item in made if item.kind != Kind.DENIAL)
    context.previous_claims = claims
    context.all_claims += claims


def extract_reports(
    content: str,
    *,
    url: str,
    published: date,
    outlet: str,
    city: City,
    article_format: ArticleFormat | None = None,
) -> Extraction:
    """Propose reports from an article about ``city``, each pointing at its sentence.

    ``content`` is the article as text, Markdown or HTML (guessed when
    ``article_format`` is None). Raises ``ExtractionError`` for input that cannot
    be read; an article that claims nothing gives no proposals.
    """
    source = ArticleSource(url.strip(), published, outlet.strip())
    _check_source(source)
    text = article_text(content, article_format or guess_format(content))
    gazetteer = build_gazetteer(city.districts, city.actors)
    mentions = find_districts(text, gazetteer)
    actors = find_actors(text, gazetteer.actors)
    context = _Context()
    proposals: list[Proposal] = []
    skipped: list[Skipped] = []
    for sentence in split_sentences(text):
        facts = _sentence_facts(text, sentence, mentions, actors, published)
        made = []
        for mention in facts.mentions:
            result = _propose(facts, mention, source, gazetteer, context)
            if isinstance(result, Proposal):
                made.append(result)
                continue
            name = Span(
                sentence.start + mention.start,
                sentence.start + mention.end,
                mention.written,
            )
            evidence = Span(sentence.start, sentence.end, facts.text)
            skipped.append(Skipped(mention.district_id, name, evidence, result))
        if not facts.mentions:
            made = _denials_of_previous(facts, context, source)
        proposals += made
        _remember(context, facts, made)
    return Extraction(text, tuple(_merge_duplicates(proposals)), tuple(skipped))
