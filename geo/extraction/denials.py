"""Denials: the claim a denial rejects, and the denier's own account.

"X denied reports that A fell, saying its fighters still hold it" rejects the
claim after the cue and gives the denier's account (status and actor); a denial
naming no district ("The SDF dismissed the claim.") rejects the claims of the
sentence before it; a denial of "the report" rejects the earlier claim about
the same district.
"""

import re
from dataclasses import replace

from geo.extraction.claim_cues import Cue, CueKind, clause_of
from geo.extraction.claim_reading import MentionReading, status_of
from geo.extraction.confidence import Weight, score_confidence
from geo.extraction.results import ArticleSource, Proposal, Span
from geo.extraction.sentence_facts import ReadingContext, SentenceFacts
from geo.extraction.speakers import resolve_speaker, source_cells
from geo.extraction.text_matching import DistrictMention
from geo.status import Extent, Kind

_ACCOUNT_START = re.compile(
    r",?\s+(?:saying|adding|insisting|and\s+said|and\s+added)\b|،|;", re.IGNORECASE
)


def _denial_scope(
    facts: SentenceFacts, mention: DistrictMention
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


def read_denial(
    facts: SentenceFacts, mention: DistrictMention, context: ReadingContext
) -> MentionReading | None:
    """Read a mention as a denial, with the denier's own account if one follows."""
    scope = _denial_scope(facts, mention)
    if scope is None:
        return None
    cue, target_start, target_end = scope
    in_target = target_start <= mention.start < target_end
    target = facts.text[target_start:target_end].strip(" ,.;،")
    weights: list[Weight] = []
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
    status = status_of(holder_cue) if holder_cue else None
    if holder_cue:
        weights.append((0.0, f"the denier's own account: '{holder_cue.written}'"))
    return MentionReading(
        cue, status, Kind.DENIAL, target, target_end, holder_cue, tuple(weights)
    )


def denials_of_previous(
    facts: SentenceFacts, context: ReadingContext, source: ArticleSource
) -> list[Proposal]:
    """Denials of the claims before, for a denial naming no district of its own.

    "The SDF dismissed the claim." rejects what the sentence before it claimed.
    """
    denial = next((cue for cue in facts.cues if cue.kind == CueKind.DENIAL), None)
    if denial is None or not context.previous_claims:
        return []
    speaker, speaker_weights = resolve_speaker(facts, denial.start, context)
    source_text, source_type, affiliation = source_cells(speaker, source.outlet)
    offset = facts.start
    proposals = []
    for claim in context.previous_claims:
        weights = [
            (-0.1, "the district is named in the sentence before"),
            (0.05, f"'{denial.written}' rejects the claim before it"),
            *speaker_weights,
        ]
        confidence, reasons = score_confidence(weights)
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
