"""Casualty and displacement figures: a number of people and what happened to them.

A figure is a number ("at least 27", "between 20,000 and 25,000", "أكثر من 270
ألف") with people after it ("civilians", "IS fighters", "families", "شخص") and a
word saying what is counted in its clause ("killed", "left", "trapped",
"نزوح"). Its source is the sentence's speaker (the outlet relays it), its day
the day it was said (a day that starts the count, "since 6 June", is not it).
Numbers of strikes, degrees, hours or years are no figure. Figures of different
sources are never added up: each is one proposed row of figures.csv.
"""

import re
from dataclasses import dataclass

from geo.extraction.claim_days import day_for
from geo.extraction.confidence import Weight, score_confidence
from geo.extraction.results import ArticleSource, FigureProposal, Span
from geo.extraction.sentence_facts import ReadingContext, SentenceFacts
from geo.extraction.speakers import resolve_speaker
from geo.extraction.text_matching import (
    DistrictMention,
    fold,
    fold_pattern,
    fold_text,
)
from geo.status import DatePrecision, SourceType

_QUALIFIERS = {
    "at least": "low",
    "more than": "low",
    "over": "low",
    "no fewer than": "low",
    "as many as": "high",
    "up to": "high",
    "fewer than": "high",
    "less than": "high",
    "under": "high",
    "about": "both",
    "around": "both",
    "nearly": "both",
    "almost": "both",
    "roughly": "both",
    "approximately": "both",
    "some": "both",
    "ما لا يقل عن": "low",
    "أكثر من": "low",
    "ما يزيد عن": "low",
    "ما يزيد على": "low",
    "أقل من": "high",
    "نحو": "both",
    "حوالي": "both",
    "قرابة": "both",
    "زهاء": "both",
}
_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
_MULTIPLIER = r"(?:\s+(?:thousand|million|الف|الاف|مليون)(?!\w))?"
_FIGURE = re.compile(
    rf"(?:(?P<qualifier>{'|'.join(fold_pattern(key) for key in _QUALIFIERS)})\s+)?"
    rf"(?:between\s+(?P<first>{_NUMBER}){_MULTIPLIER}\s+and\s+)?"
    rf"(?<![\d:.,])(?P<number>{_NUMBER})(?P<multiplier>{_MULTIPLIER})(?![\d:%])"
)
_PEOPLE = re.compile(
    fold_pattern(
        r"^(?:\s+(?:of\s+|من\s+)?(?:their|its|the|them|whom|\w+)){0,2}?\s+"
        r"(?P<people>people|persons|civilians|children|women|residents|families"
        r"|fighters|militants|members|terrorists|jihadists|soldiers|refugees|bodies"
        r"|شخص\w*|اشخاص|مدني\w*|طفل\w*|اطفال|عائل\w*|اسر\w*|عنصر\w*|عناصر|مقاتل\w*"
        r"|مرتزق\w*|قتيل\w*|قتلى|نازح\w*)\b"
    )
)
_NOT_PEOPLE = re.compile(
    r"^\s*(?:%|percent|per\s+cent|km|kilomet|metre|meter|degree|hour|day|week|month"
    r"|year|strike|raid|vehicle|building|mile|minute|kg)"
)
_MEASURES = (
    (
        re.compile(r"\bkill\w*|\bdead\b|\bdied\b|\bdeaths?\b|قتل|قتلى|مقتل|حتف"),
        "killed",
    ),
    (re.compile(r"\bwound\w*|\binjur\w*|جرح\w*|اصاب\w*"), "wounded"),
    (re.compile(r"\bcaptured\b|\btaken\s+prisoner|اسر\w*|اعتقال"), "captured"),
    (re.compile(r"\bevacuat\w*|اجلاء"), "evacuated"),
    (
        re.compile(
            r"\bleft\s+(?!in\b|inside\b)|\bfled\b|\bflee\w*|\bescaped\b"
            r"|(?<!\w)فر\w*|غادر\w*"
        ),
        "who left",
    ),
    (re.compile(r"\bdisplac\w*|نزوح|نزح\w*|هجر\w*|مهجر\w*"), "displaced"),
    (re.compile(r"\barriv\w*|وصل\w*"), "who arrived"),
    (
        re.compile(
            r"\btrapped\b|\bremain\w*\b|\bleft\s+in\b|\bstill\s+inside\b|\bnumber\b"
            r"|محاصر\w*|عالق\w*"
        ),
        "in the city",
    ),
)
_PERIOD_START = re.compile(r"\b(?:since|from|between|in|during)\s+$|(?<!\w)منذ\s+$")
"""A day after these words starts or names the counted period, not its end."""
_MULTIPLIERS = {"thousand": 1000, "الف": 1000, "الاف": 1000, "million": 1_000_000}


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    low: int | None
    high: int | None
    people: str


def _value(digits: str, multiplier: str) -> int:
    return int(digits.replace(",", "")) * _MULTIPLIERS.get(multiplier.strip(), 1)


def _numbers(text: str) -> list[_Number]:
    """Every number of people in ``text``, with its bounds and who it counts."""
    folded = fold_text(text)
    found = []
    previous_people = ""
    for match in _FIGURE.finditer(folded.folded):
        rest = folded.folded[match.end() :]
        if _NOT_PEOPLE.match(rest):
            continue
        people = _PEOPLE.match(rest)
        who = people.group("people") if people else ""
        if not who and previous_people and re.match(r"^\s+(?:were|was|had)\b", rest):
            who = previous_people
        if not who:
            continue
        previous_people = who
        value = _value(match.group("number"), match.group("multiplier"))
        bound = _QUALIFIERS_FOLDED.get(match.group("qualifier") or "", "both")
        if match.group("first"):
            low = _value(match.group("first"), match.group("multiplier"))
            low, high = low, value
        else:
            low = None if bound == "high" else value
            high = None if bound == "low" else value
        end = match.end() + (people.end() if people else 0)
        start, end = folded.original_span(match.start(), end)
        found.append(_Number(start, end, low, high, who))
    return found


_QUALIFIERS_FOLDED = {
    fold_text(key).folded: bound for key, bound in _QUALIFIERS.items()
}


def _measure(after: str, before: str, people: str, facts: SentenceFacts) -> str:
    """What a number counts, from the words after it, else those before it."""
    what = ""
    for words in (after, before):
        folded = fold_text(words).folded
        what = next((name for pattern, name in _MEASURES if pattern.search(folded)), "")
        if what:
            break
    if not what:
        return ""
    if people.startswith(("fighter", "militant", "member", "terrorist", "jihadist")):
        actors = {actor.written for actor in facts.actors}
        who = f"{actors.pop()} fighters" if len(actors) == 1 else "fighters"
    elif people.startswith(("famil", "عائل", "اسر")):
        who = "families"
    elif people.startswith(("child", "طفل", "اطفال")):
        who = "children"
    elif people.startswith(("civilian", "مدني")):
        who = "civilians"
    else:
        who = "people"
    if what == "in the city":
        return f"{who} in the city"
    return f"{who} {what}"


def figures_in(
    facts: SentenceFacts, context: ReadingContext, source: ArticleSource
) -> list[FigureProposal]:
    """The figures one sentence states, each as a proposed figures.csv row."""
    found = []
    numbers = _numbers(facts.text)
    for position, number in enumerate(numbers):
        clause = next(
            (span for span in facts.clauses if span[0] <= number.start < span[1]),
            (0, len(facts.text)),
        )
        following = numbers[position + 1].start if position + 1 < len(numbers) else 0
        preceding = numbers[position - 1].end if position else 0
        after = facts.text[number.end : min(following or clause[1], clause[1])]
        before = facts.text[max(preceding, clause[0]) : number.start]
        measure = _measure(after, before, number.people, facts)
        if not measure:
            continue
        weights: list[Weight] = [(0.1, f"a number of {number.people}: {measure}")]
        speaker, speaker_weights = resolve_speaker(facts, number.start, context)
        weights += speaker_weights
        mention = DistrictMention("", number.start, number.end, "", "", 100, False)
        said_on = [
            item
            for item in facts.days
            if item.precision == DatePrecision.DAY
            and not _PERIOD_START.search(fold(facts.text[: item.start]))
        ]
        expression, day_weight, day_reason = day_for(said_on, mention, clause)
        weights.append((day_weight, day_reason))
        confidence, reasons = score_confidence(weights)
        offset = facts.start
        by = speaker.name if speaker else source.outlet
        found.append(
            FigureProposal(
                as_of=expression.day if expression else facts.setting.day,
                as_of_precision=(
                    expression.precision if expression else DatePrecision.DAY
                ),
                source=by,
                via=source.outlet if speaker else "",
                source_type=(
                    speaker.source_type
                    if speaker
                    else SourceType.PARTY
                    if context.outlet_side
                    else SourceType.MEDIA
                ),
                measure=measure,
                low=number.low,
                high=number.high,
                as_stated=facts.text[number.start : number.end],
                unit="families" if measure.startswith("families") else "people",
                scope=(before + facts.text[number.start : number.end] + after).strip(
                    " ,.;،"
                ),
                url=source.url,
                evidence=Span(offset, offset + len(facts.text), facts.text),
                number=Span(
                    offset + number.start,
                    offset + number.end,
                    facts.text[number.start : number.end],
                ),
                confidence=confidence,
                reasons=reasons,
            )
        )
    return found
