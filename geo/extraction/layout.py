"""How an article is laid out: headlines, day headings, entries, turns and questions.

Read line by line before the sentences are: a short line without a full stop is
a heading (the ones before the body are the headline); a heading that is a day
("## Monday 16 October", "الأحد 13 آب") dates what follows it; a time stamp
("**09:40** —") or a heading starts a new live-blog entry, so nothing said in
one entry is carried to the next; "COL. JAMES HARLOW:" or "Q:" at the start of
a line names the speaker of that turn; a question, or a questioner's turn,
relays what others say and claims nothing itself.
"""

import re
from dataclasses import dataclass
from datetime import date

from geo.extraction.article_days import find_day_expressions
from geo.extraction.reading import Sentence
from geo.extraction.text_matching import fold

MAX_HEADING_WORDS = 16
"""A line without a full stop and at most this many words is a heading."""
MAX_HEADING_WORDS_BESIDE_A_DAY = 3
"""A heading that names a day and at most this many other words is a day heading."""

_MARKUP = re.compile(r"^[\s#>*_\-+]*|[\s*_]*$")
_SENTENCE_FINAL = re.compile(r"[.!?؟…:;\"'”’»)\]]$")
_DATES = frozenset({"a date written out", "an ISO date"})
"""A heading's written-out date wins over its weekday ("Tuesday, September 5")."""
_TIME_STAMP = re.compile(
    r"^[\[(]?(?:update[d]?\s+)?\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|gmt|utc|local))?\b",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"^(?P<label>[^\W\d_][\w.'’\- ]{0,40}?)\s*:\s+(?=\S)", re.IGNORECASE
)
_LABEL_WORDS = 5
_NOT_SPEAKER_TEXT = """
    correction corrections clarification update updated note editor editors
    analysis interview transcript breaking live watch read photo photos video
    source sources background context summary warning disclaimer related see
    also tags filed location dateline تصحيح توضيح تحديث ملاحظة عاجل
"""
_NOT_SPEAKERS = frozenset(_NOT_SPEAKER_TEXT.split())
_QUESTIONERS = frozenset({"q", "question", "reporter", "interviewer", "journalist"})
_QUESTION_END = re.compile(r"[?؟][\"'”’»)\]*_\s]*$")
_WORD = re.compile(r"[^\W_][\w'’\-]*")


@dataclass(frozen=True)
class Turn:
    """A speaker's turn in a transcript or interview ("COL. HARLOW: …")."""

    speaker: str
    start: int
    end: int
    asks: bool
    """The questioner's turn (Q, QUESTION, the outlet): it relays, claims nothing."""


@dataclass(frozen=True)
class Setting:
    """Where a sentence stands in the article."""

    heading: bool
    """A headline or other heading: read, but merged with the body's claims."""
    day: date
    """The day its relative days count from and its claims default to."""
    day_heading: str
    """The day heading above it, as written, or ""."""
    entry: int
    """Its live-blog entry; speakers and claims are not carried across entries."""
    turn: Turn | None
    question: bool
    """A question, or a sentence of a questioner's turn: it relays, claims nothing."""


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    content_start: int
    content: str


def _lines(text: str) -> list[_Line]:
    lines = []
    for match in re.finditer(r"[^\n]+", text):
        markup = _MARKUP.match(match.group())
        content_start = match.start() + (markup.end() if markup else 0)
        content = _MARKUP.sub("", match.group())
        lines.append(_Line(match.start(), match.end(), content_start, content))
    return lines


def _is_heading(line: _Line, raw: str) -> bool:
    if not line.content or _TIME_STAMP.match(line.content):
        return False
    if raw.lstrip().startswith("#"):
        return True
    words = _WORD.findall(line.content)
    return 0 < len(words) <= MAX_HEADING_WORDS and not _SENTENCE_FINAL.search(
        line.content
    )


def _heading_day(content: str, published: date) -> tuple[date, str] | None:
    """The day a heading names, when the heading is little else than that day."""
    expressions = find_day_expressions(content, published)
    written_out = [item for item in expressions if item.explanation in _DATES]
    if written_out:
        expression = written_out[0]
    elif len({item.day for item in expressions}) == 1:
        expression = expressions[0]
    else:
        return None
    rest = content
    for item in reversed(expressions):
        rest = rest[: item.start] + rest[item.end :]
    if len(_WORD.findall(rest)) > MAX_HEADING_WORDS_BESIDE_A_DAY:
        return None
    return expression.day, content.strip()


def speaker_label(label: str) -> str:
    """A turn's label as a name: "COL. JAMES HARLOW" becomes "Col. James Harlow"."""
    words = label.split()
    if all(not word.isalpha() or word.isupper() for word in words if word):
        return " ".join(word.capitalize() for word in words)
    return " ".join(words)


def _turn(line: _Line, outlet: str) -> Turn | None:
    match = _LABEL.match(line.content)
    if not match:
        return None
    label = match.group("label").strip()
    words = label.split()
    folded = fold(label).strip(".")
    if len(words) > _LABEL_WORDS or folded in _NOT_SPEAKERS:
        return None
    if set(fold(label).replace("'", " ").split()) & _NOT_SPEAKERS:
        return None
    if not (label[:1].isupper() or not label[:1].isascii()):
        return None
    rest = line.content[match.end() :]
    asks = (
        folded in _QUESTIONERS
        or folded == fold(outlet).strip()
        or bool(_QUESTION_END.search(rest))
    )
    start = line.content_start
    return Turn(speaker_label(label), start, start + len(label), asks)


def lay_out(
    text: str, sentences: list[Sentence], published: date, outlet: str
) -> list[Setting]:
    """The setting of each sentence (same order as ``sentences``)."""
    day, day_heading, entry = published, "", 0
    by_line: dict[int, tuple[bool, date, str, int, Turn | None]] = {}
    for number, line in enumerate(_lines(text)):
        raw = text[line.start : line.end]
        heading = _is_heading(line, raw)
        dated = _heading_day(line.content, published) if heading else None
        if dated:
            (day, day_heading), entry = dated, entry + 1
        elif heading or _TIME_STAMP.match(line.content):
            entry += 1
        turn = _turn(line, outlet)
        by_line[number] = (heading and not dated, day, day_heading, entry, turn)
    settings = []
    for sentence in sentences:
        heading, day, day_heading, entry, turn = by_line.get(
            sentence.paragraph, (False, published, "", 0, None)
        )
        body = text[sentence.start : sentence.end]
        question = bool(_QUESTION_END.search(body)) or bool(turn and turn.asks)
        settings.append(Setting(heading, day, day_heading, entry, turn, question))
    return settings
