"""Reading a district mention as a claim: its status word, its status and its holder.

The status word is the nearest one before the name in its clause, else after
it; the holder is the actor the sentence says holds the district after it.
"""

import re
from dataclasses import dataclass

from geo.extraction.claim_cues import EXPULSION, Cue, CueKind, clause_of
from geo.extraction.confidence import Weight
from geo.extraction.sentence_facts import SentenceFacts
from geo.extraction.text_matching import DistrictMention, Gazetteer, fold
from geo.status import Kind, ReportStatus

_NEAR_CUE = 30
_FAR_CUE_BEFORE = 120
_FAR_CUE_AFTER = 80
_LOST_GAP = 25
_BY_OR_TO_GAP = 60
_ACTOR_REACH = 200
_BY_OR_TO = re.compile(
    r"\b(?:to|by)\s+(?:the\s+)?(?:\S+\s+)?$|(?:لصالح|بيد|من\s+قبل)\s*$"
)
_HOLDING_WORDS = re.compile(r"\b(?:hands|control)\b")
"""Cues that can hold the holder's name: "in SDF hands", "under IS control"."""
_HOLDER_OF = re.compile(r"\b(?:hands|control)\s+of\s+(?:the\s+)?$")
"""The holder named after the cue: "in the hands of the SDF", "under the control of"."""
_NOT_SUBJECT = re.compile(
    r"\b(?:from|against|with|between|and|of)\s+(?:the\s+)?$|من\s*$"
)
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$|(?<!\w)من\s+(?:يد\s+)?$")
_GAIN = re.compile(
    r"\b(?:liberat|freed|captur|seiz|took|taken|cleared|secured|re-?took|re-?captur)"
    r"|(?<!\w)[وف]?(?:تحرير|حرر|استعاد|استعادة)"
)
"""Words a side uses for its own gains: said by a party, the gain is its own."""
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\b")
_PRONOUN_GAP = 30
_PRONOUN_SUBJECT = re.compile(
    r"\b(they|it)\s+(?:(?:have|has|had|now|also|then|finally|fully|completely"
    r"|already|still|reportedly)\s+){0,3}$"
)


@dataclass(frozen=True)
class MentionReading:
    """How one mention was read, before it becomes a proposal.

    ``target`` is the rejected claim's text for a denial or retraction;
    ``region_start`` is where the words about the district begin; ``holder_cue``
    is the cue that says who holds it, if any; ``quiet_days`` is the span whose
    days belong to the rejected claim, not to the rejection.
    """

    cue: Cue
    status: ReportStatus | None
    kind: Kind
    target: str
    region_start: int
    holder_cue: Cue | None
    weights: tuple[Weight, ...]
    quiet_days: tuple[int, int] | None = None


def _other_actor(gazetteer: Gazetteer, actor_id: str) -> str:
    """The other side, when the city has exactly two actors."""
    others = [actor.id for actor in gazetteer.actors if actor.id != actor_id]
    return others[0] if len(others) == 1 else ""


@dataclass(frozen=True)
class Sides:
    """The sides a sentence's own words can point to, when it names none itself.

    ``speaker``: the speaker's side ("his fighters", "our forces"); ``outlet``:
    the side of an outlet that is a party (its statement's "our forces");
    ``previous``: the one side named in the sentence before ("they").
    """

    speaker: str = ""
    outlet: str = ""
    previous: str = ""


def read_holder(
    cue: Cue,
    mention: DistrictMention,
    facts: SentenceFacts,
    region: tuple[int, int],
    sides: Sides,
    gazetteer: Gazetteer,
) -> tuple[str, float, str]:
    """Who holds the district after the cue, a weight, and how that was read.

    Only a side the text names counts, in order: an actor after the cue with
    "to"/"by" ("fell to the SDF"); the subject before the cue (or between cue and
    name, as in Arabic); an actor it was taken "from" (the other side holds it);
    the speaker's own side in "our forces", "his fighters", "قواته"; a pronoun
    subject ("they") for the side named just before. Otherwise the actor is
    left blank for the editor.
    """
    sentence = facts.text
    nearby = [
        actor
        for actor in facts.actors
        if region[0] <= actor.start < region[1]
        and abs(actor.start - cue.start) <= _ACTOR_REACH
    ]
    inside = [actor for actor in nearby if cue.start <= actor.start < cue.end]
    if inside and _HOLDING_WORDS.search(fold(cue.written)):
        return inside[0].actor_id, 0.05, f"held by '{inside[0].written}' (in its words)"
    after = max(cue.end, mention.end)
    for actor in nearby:
        if not 0 <= actor.start - after < _BY_OR_TO_GAP:
            continue
        words_before = fold(sentence[max(cue.start, actor.start - 30) : actor.start])
        if _BY_OR_TO.search(fold(sentence[after : actor.start])) or _HOLDER_OF.search(
            words_before
        ):
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
        driven_out = EXPULSION.search(fold(cue.written)) and _PASSIVE.search(
            fold(sentence[subject.end : cue.start])
        )
        if cue.kind != CueKind.LOST and not driven_out:
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
    own = _own_side(cue, mention, facts, region, sides)
    if own:
        return own
    party = sides.speaker or sides.outlet
    if party and _GAIN.search(fold(cue.written)):
        return party, -0.05, f"a gain announced by {party}, with no other side named"
    return "", -0.2, "no side named: the actor is left for you"


def _own_side(
    cue: Cue,
    mention: DistrictMention,
    facts: SentenceFacts,
    region: tuple[int, int],
    sides: Sides,
) -> tuple[str, float, str] | None:
    """The side a self-reference or a pronoun subject points to, if it is known."""
    low, high = region[0], max(cue.end, mention.end)
    for start, end, first_person in facts.self_references:
        if not low <= start < high:
            continue
        written = facts.text[start:end]
        side = sides.speaker or (sides.outlet if first_person else "")
        if side:
            return side, 0.0, f"'{written}': the speaker's own side ({side})"
    gap = fold(facts.text[max(low, cue.start - _PRONOUN_GAP) : cue.start])
    pronoun = _PRONOUN_SUBJECT.search(gap)
    if pronoun:
        side = sides.speaker if pronoun.group(1) == "it" else ""
        side = side or sides.previous or sides.speaker
        if side:
            return side, -0.05, f"'{pronoun.group(1)}' read as {side}, named before"
    return None


def _choose_cue(
    cues: list[Cue], mention: DistrictMention, clauses: list[tuple[int, int]]
) -> tuple[Cue | None, list[Weight]]:
    """The status cue of a mention: the nearest before it in its clause, else after.

    Negated control cues ("has not captured") are passed over; when they were
    all the clause had, the next clause is read ("…, but its fighters entered it").
    """
    clause = clause_of(clauses, mention.start)
    in_clause = [
        cue for cue in cues if not cue.rejects and clause[0] <= cue.start < clause[1]
    ]
    notes = []
    usable = []
    for cue in in_clause:
        if cue.hypothetical:
            notes.append((0.0, f"'{cue.written}' after '{cue.hypothetical}': no fact"))
        elif cue.negated and cue.kind != CueKind.CONTESTED:
            notes.append((0.0, f"'{cue.written}' is negated: no claim of control"))
        else:
            usable.append(cue)
    if not usable and notes:
        following = [other for other in clauses if other[0] >= clause[1]][:1]
        usable = [
            cue
            for cue in cues
            if cue.kind == CueKind.CONTESTED
            and not cue.hypothetical
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


def status_of(cue: Cue) -> ReportStatus:
    """Contested for fighting words; held for every control word."""
    return (
        ReportStatus.CONTESTED if cue.kind == CueKind.CONTESTED else ReportStatus.HELD
    )


def read_claim(facts: SentenceFacts, mention: DistrictMention) -> MentionReading | None:
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
    clause = clause_of(facts.clauses, mention.start)
    others = {
        other.written
        for other in facts.cues
        if clause[0] <= other.start < clause[1]
        and status_of(other) != status_of(cue)
        and not other.rejects
        and not other.hypothetical
    }
    if others:
        notes.append((-0.1, f"other status words nearby: {', '.join(sorted(others))}"))
    return MentionReading(
        cue,
        status_of(cue),
        Kind.CLAIM,
        "",
        clause[0],
        cue,
        (*notes, weight),
    )
