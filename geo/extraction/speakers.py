"""Who makes a claim: the speaker, their side, and the report's source cells.

A speaker whose words name an actor is that party; an observatory or monitor is
a monitor; a coalition, ministry or the UN is an official source; anyone else
is the media. "He" is the last speaker named; a surname, a turn's label ("COL.
HARLOW:") or "the group" is the speaker named earlier with those words.
"""

import functools
import re

from geo.extraction.attribution import ROLE_WORDS, Attribution
from geo.extraction.confidence import Weight
from geo.extraction.sentence_facts import ReadingContext, SentenceFacts, Speaker
from geo.extraction.text_matching import ActorMention, fold
from geo.schema import SOURCE_MAX_LENGTH
from geo.status import SourceType

_MONITOR_WORDS = re.compile(r"\b(?:observatory|monitor\w*|sohr|airwars)\b|المرصد")
_ARTICLES = frozenset({"the", "this", "that"})
_OFFICIAL_WORDS = re.compile(
    r"\b(?:coalition|pentagon|ministry|minister|government|united\s+nations|un)\b"
    r"|التحالف|وزارة"
)


def _classified(name: str, actor: ActorMention | None) -> Speaker:
    """A speaker by the actor their words name, else by monitor or official words."""
    if actor is not None:
        return Speaker(name, actor.actor_id, actor.written, SourceType.PARTY)
    folded = fold(name)
    if _MONITOR_WORDS.search(folded):
        return Speaker(name, "", "", SourceType.MONITOR)
    if _OFFICIAL_WORDS.search(folded):
        return Speaker(name, "", "", SourceType.OFFICIAL)
    return Speaker(name, "", "", SourceType.MEDIA)


def speaker_of(
    attribution: Attribution, sentence_actors: list[ActorMention]
) -> Speaker:
    """Classify a speaker by the actor their words name, else by monitor words."""
    inside = [
        actor
        for actor in sentence_actors
        if attribution.start <= actor.start and actor.end <= attribution.end
    ]
    return _classified(attribution.speaker, inside[0] if inside else None)


@functools.lru_cache(maxsize=1024)
def _name_words(name: str) -> tuple[str, ...]:
    return tuple(word.strip(",.") for word in fold(name).split())


def _same_person(name: str, earlier: Speaker) -> bool:
    """Whether a speaker is one named earlier.

    "Haso" after "Dalil Haso", "Col. Harlow" after "Col. James Harlow", "the
    group" after "the monitoring group"; never an acronym ("SDF").
    """
    words = _name_words(name)
    known = _name_words(earlier.name)
    if not words or words == known:
        return bool(words)
    if words[0] in _ARTICLES and len(words) == 2:
        return words[1] in ROLE_WORDS and words[1] in known
    return (
        len(words) <= 2
        and words[-1] in known
        and words[-1] not in ROLE_WORDS
        and not name.split()[-1].isupper()
    )


def earlier_speaker(name: str, context: ReadingContext) -> Speaker | None:
    """The speaker named earlier in the article that ``name`` refers to, if any."""
    return next(
        (
            earlier
            for earlier in reversed(context.speakers)
            if _same_person(name, earlier)
        ),
        None,
    )


def new_speakers(facts: SentenceFacts, context: ReadingContext) -> list[Speaker]:
    """The speakers a sentence names for the first time (a turn's label included)."""
    found = []
    turn = facts.setting.turn
    if turn and turn.start >= facts.start and turn.end <= facts.start + len(facts.text):
        actors = [
            actor
            for actor in facts.actors
            if turn.start <= facts.start + actor.start < turn.end
        ]
        found.append(_classified(turn.speaker, actors[0] if actors else None))
    for attribution in facts.attributions:
        if not attribution.is_pronoun:
            found.append(speaker_of(attribution, facts.actors))
    return [
        speaker for speaker in found if earlier_speaker(speaker.name, context) is None
    ]


def resolve_speaker(
    facts: SentenceFacts, cue_start: int, context: ReadingContext
) -> tuple[Speaker | None, list[Weight]]:
    """The speaker of the claim at ``cue_start``.

    The attribution nearest the cue; "he" is the last speaker named, a surname
    or "the group" the one named earlier. Without an attribution, the speaker of
    the transcript turn the sentence stands in.
    """
    if facts.attributions:
        attribution = min(
            facts.attributions, key=lambda item: abs(item.verb_start - cue_start)
        )
        if attribution.is_pronoun:
            if context.speaker is None:
                return None, []
            earlier = context.speaker
        else:
            earlier = earlier_speaker(attribution.speaker, context)
        if earlier is not None:
            return earlier, [
                (0.1, f"'{attribution.speaker}' read as {earlier.name}, named earlier")
            ]
        speaker = speaker_of(attribution, facts.actors)
        weights = [(0.1, f"attributed to {speaker.name} ('{attribution.verb}')")]
        if speaker.actor_id:
            weights.append((0.0, f"speaker's side: {speaker.affiliation}"))
        return speaker, weights
    turn = facts.setting.turn
    if turn is None or turn.asks:
        return None, []
    speaker = earlier_speaker(turn.speaker, context) or _classified(turn.speaker, None)
    return speaker, [(0.1, f"said in the turn of {speaker.name}")]


def source_cells(
    speaker: Speaker | None, outlet: str, outlet_side: str = ""
) -> tuple[str, SourceType, str]:
    """The report's source, source type and the speaker's affiliation.

    Without a speaker the outlet is the source: a party when it is one (a
    party's own statement), else the media.
    """
    if speaker is None:
        kind = SourceType.PARTY if outlet_side else SourceType.MEDIA
        return outlet[:SOURCE_MAX_LENGTH], kind, outlet_side
    source = f"{speaker.name} via {outlet}"
    if len(source) > SOURCE_MAX_LENGTH:
        source = source[: SOURCE_MAX_LENGTH - 1] + "…"
    return source, speaker.source_type, speaker.affiliation
