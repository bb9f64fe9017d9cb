"""Who makes a claim: the speaker, their side, and the report's source cells.

A speaker whose words name an actor is that party; an observatory or monitor is
a monitor; a coalition, ministry or the UN is an official source; anyone else
is the media. "He" and a bare surname are the speaker named before.
"""

import re

from geo.extraction.attribution import Attribution
from geo.extraction.confidence import Weight
from geo.extraction.sentence_facts import ReadingContext, SentenceFacts, Speaker
from geo.extraction.text_matching import ActorMention, fold
from geo.schema import SOURCE_MAX_LENGTH
from geo.status import SourceType

_MONITOR_WORDS = re.compile(r"\b(?:observatory|monitor\w*|sohr|airwars)\b|المرصد")
_OFFICIAL_WORDS = re.compile(
    r"\b(?:coalition|pentagon|ministry|minister|government|united\s+nations|un)\b"
    r"|التحالف|وزارة"
)


def speaker_of(
    attribution: Attribution, sentence_actors: list[ActorMention]
) -> Speaker:
    """Classify a speaker by the actor their words name, else by monitor words."""
    inside = [
        actor
        for actor in sentence_actors
        if attribution.start <= actor.start and actor.end <= attribution.end
    ]
    if inside:
        return Speaker(
            attribution.speaker, inside[0].actor_id, inside[0].written, SourceType.PARTY
        )
    folded = fold(attribution.speaker)
    if _MONITOR_WORDS.search(folded):
        return Speaker(attribution.speaker, "", "", SourceType.MONITOR)
    if _OFFICIAL_WORDS.search(folded):
        return Speaker(attribution.speaker, "", "", SourceType.OFFICIAL)
    return Speaker(attribution.speaker, "", "", SourceType.MEDIA)


def same_person(attribution: Attribution, earlier: Speaker | None) -> bool:
    """Whether a speaker is one named earlier ("Haso" after "Dalil Haso")."""
    if earlier is None or attribution.start == attribution.end:
        return False
    last_word = attribution.speaker.split()[-1].casefold()
    return len(attribution.speaker.split()) <= 2 and last_word in (
        word.casefold().strip(",") for word in earlier.name.split()
    )


def resolve_speaker(
    facts: SentenceFacts, cue_start: int, context: ReadingContext
) -> tuple[Speaker | None, list[Weight]]:
    """The speaker of the claim at ``cue_start``; "he" is the last speaker named."""
    if not facts.attributions:
        return None, []
    attribution = min(
        facts.attributions, key=lambda item: abs(item.verb_start - cue_start)
    )
    earlier = context.speaker
    if earlier is not None and (
        attribution.is_pronoun or same_person(attribution, earlier)
    ):
        return earlier, [
            (0.1, f"'{attribution.speaker}' read as {earlier.name}, named earlier")
        ]
    if attribution.is_pronoun:
        return None, []
    speaker = speaker_of(attribution, facts.actors)
    weights = [(0.1, f"attributed to {speaker.name} ('{attribution.verb}')")]
    if speaker.actor_id:
        weights.append((0.0, f"speaker's side: {speaker.affiliation}"))
    return speaker, weights


def source_cells(speaker: Speaker | None, outlet: str) -> tuple[str, SourceType, str]:
    """The report's source, source type and the speaker's affiliation."""
    if speaker is None:
        return outlet[:SOURCE_MAX_LENGTH], SourceType.MEDIA, ""
    source = f"{speaker.name} via {outlet}"
    if len(source) > SOURCE_MAX_LENGTH:
        source = source[: SOURCE_MAX_LENGTH - 1] + "…"
    return source, speaker.source_type, speaker.affiliation
