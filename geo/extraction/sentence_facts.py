"""What the rules know when they read one sentence, and what earlier ones told them.

A sentence's facts (district and actor names, status cues, clauses, days,
speakers) are found once, in offsets relative to the sentence, and every rule
reads them from there; the context carries the last speaker and the claims
made so far from one sentence to the next.
"""

import bisect
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar

from geo.extraction.article_days import DayExpression, find_day_expressions
from geo.extraction.attribution import Attribution, find_attributions
from geo.extraction.claim_cues import (
    Cue,
    clause_spans,
    find_cues,
    find_partial_words,
    find_past_markers,
)
from geo.extraction.reading import Sentence
from geo.extraction.results import Proposal
from geo.extraction.text_matching import ActorMention, DistrictMention
from geo.status import SourceType


@dataclass(frozen=True)
class Speaker:
    """A resolved speaker: their words, affiliation (actor) and kind of source."""

    name: str
    actor_id: str
    affiliation: str
    source_type: SourceType


@dataclass
class ReadingContext:
    """What earlier sentences tell a later one: the last speaker and the claims."""

    speaker: Speaker | None = None
    previous_claims: tuple[Proposal, ...] = ()
    all_claims: tuple[Proposal, ...] = ()


@dataclass(frozen=True)
class SentenceFacts:
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


def find_sentence_facts(
    text: str,
    sentence: Sentence,
    mentions: list[DistrictMention],
    actors: list[ActorMention],
    published: date,
) -> SentenceFacts:
    """Find the cues, clauses, days and speakers of one sentence."""
    body = text[sentence.start : sentence.end]
    local_mentions = _relative(mentions, sentence.start, sentence.end)
    return SentenceFacts(
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
