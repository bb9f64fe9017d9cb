"""What the rules know when they read one sentence, and what earlier ones told them.

A sentence's facts (district and actor names, status cues, clauses, days,
speakers) are found once, in offsets relative to the sentence, and every rule
reads them from there; the context carries the last speaker and the claims
made so far from one sentence to the next.
"""

import bisect
from dataclasses import dataclass, field, replace
from typing import TypeVar

from geo.extraction.article_days import DayExpression, find_day_expressions
from geo.extraction.attribution import Attribution, find_attributions
from geo.extraction.claim_cues import (
    Cue,
    CueKind,
    clause_spans,
    find_cues,
    find_partial_words,
    find_past_markers,
    find_self_references,
)
from geo.extraction.layout import Setting
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
    """What earlier sentences tell a later one.

    ``speaker`` is the last speaker named and ``speakers`` all of them, newest
    last; ``previous_claims`` are the claims of the sentence before (or the
    claims a question relayed), ``all_claims`` every claim so far;
    ``previous_side`` the one side the sentence before named; ``outlet_side``
    the side of an outlet that is itself a party.
    """

    outlet_side: str = ""
    entry: int = 0
    speaker: Speaker | None = None
    speakers: list[Speaker] = field(default_factory=list)
    previous_claims: tuple[Proposal, ...] = ()
    all_claims: tuple[Proposal, ...] = ()
    previous_side: str = ""

    def start_entry(self, entry: int) -> None:
        """Forget the last speaker and claims: a new live-blog entry begins."""
        if entry != self.entry:
            self.entry = entry
            self.speaker = None
            self.previous_claims = ()
            self.previous_side = ""


@dataclass(frozen=True)
class SentenceFacts:
    """Everything found in one sentence, in offsets relative to its start."""

    text: str
    start: int
    setting: Setting
    mentions: list[DistrictMention]
    actors: list[ActorMention]
    cues: list[Cue]
    clauses: list[tuple[int, int]]
    days: list[DayExpression]
    attributions: list[Attribution]
    partial_words: list[tuple[int, int, str]]
    past_markers: list[tuple[int, int, str]]
    self_references: list[tuple[int, int, bool]]


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
    setting: Setting,
    mentions: list[DistrictMention],
    actors: list[ActorMention],
) -> SentenceFacts:
    """Find the cues, clauses, days and speakers of one sentence.

    Relative days count from the setting's day (a live blog's day heading, else
    the publication day). A reporting verb inside a retraction ("an earlier
    version of this article said") names no speaker.
    """
    body = text[sentence.start : sentence.end]
    local_mentions = _relative(mentions, sentence.start, sentence.end)
    cues = find_cues(body)
    retractions = [cue for cue in cues if cue.kind == CueKind.RETRACTION]
    attributions = [
        attribution
        for attribution in find_attributions(
            body,
            [
                (mention.start, mention.end)
                for mention in local_mentions
                if not mention.by_name_only
            ],
        )
        if not any(
            cue.start < attribution.verb_start < cue.end
            or cue.start <= attribution.start < cue.end
            for cue in retractions
        )
    ]
    return SentenceFacts(
        text=body,
        start=sentence.start,
        setting=setting,
        mentions=local_mentions,
        actors=_relative(actors, sentence.start, sentence.end),
        cues=cues,
        clauses=clause_spans(body),
        days=find_day_expressions(body, setting.day),
        attributions=attributions,
        partial_words=find_partial_words(body),
        past_markers=find_past_markers(body),
        self_references=find_self_references(body),
    )
