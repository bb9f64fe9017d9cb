"""Denials and retractions: the claim they reject, and the account given with it.

"X denied reports that A fell, saying its fighters still hold it" rejects the
claim after the cue and gives the denier's account (status and actor). A
retraction reads the same way: "An earlier version of this article said that A
fell; fighting there continues" (the outlet correcting itself) or "X withdrew
its statement that A fell" (the claimant). A denial naming no district ("The
SDF dismissed the claim.", "No, that is not accurate.") rejects the claims of
the sentence before it, or those a question relayed; a denial of "the report"
rejects the earlier claim about the same district.
"""

import re
from dataclasses import replace

from geo.extraction.claim_cues import Cue, CueKind, account_start, clause_of
from geo.extraction.claim_reading import MentionReading, status_of
from geo.extraction.confidence import Weight, score_confidence
from geo.extraction.results import ArticleSource, Proposal, Span
from geo.extraction.sentence_facts import ReadingContext, SentenceFacts
from geo.extraction.speakers import resolve_speaker, source_cells
from geo.extraction.text_matching import DistrictMention, fold
from geo.status import Extent, Kind

_CLAIM_START = re.compile(r"\bthat\b|(?<!\w)ان(?!\w)")
_BARE_NO = re.compile(r"^\W*no\W*$|^\W*no\s*,")
"""An answer that is only "No." (or starts "No, …") rejects what was asked."""


def _kind(cue: Cue) -> Kind:
    return Kind.RETRACTION if cue.kind == CueKind.RETRACTION else Kind.DENIAL


def _rejection_scope(
    facts: SentenceFacts, mention: DistrictMention
) -> tuple[Cue, int, int] | None:
    """The denial or retraction that may cover a mention, with its target's span.

    "X denied reports that A fell, saying …": the target runs from the cue to
    ", saying" (or ";", ", but"); "Reports that A fell are false": from the
    clause start to the cue.
    """
    rejecting = [cue for cue in facts.cues if cue.rejects]
    before = [cue for cue in rejecting if cue.end <= mention.start]
    if before:
        cue = before[-1]
        account = account_start(facts.text, cue.end)
        return cue, cue.end, len(facts.text) if account is None else account
    clause = clause_of(facts.clauses, mention.start)
    after = [cue for cue in rejecting if mention.end <= cue.start < clause[1]]
    if after:
        return after[0], clause[0], after[0].start
    return None


def read_denial(
    facts: SentenceFacts, mention: DistrictMention, context: ReadingContext
) -> MentionReading | str | None:
    """Read a mention as a denial or retraction, with the account given with it.

    Returns the reason there is no proposal when the mention is the account's
    own naming of a district the rejected claim names ("…; al-Mansour remains
    under SDF control"): that account is the rejection's status.
    """
    scope = _rejection_scope(facts, mention)
    if scope is None:
        return None
    cue, target_start, target_end = scope
    kind = _kind(cue)
    in_target = target_start <= mention.start < target_end
    target = facts.text[target_start:target_end].strip(" ,.;،")
    weights: list[Weight] = []
    if not in_target:
        named_in_target = [
            other
            for other in facts.mentions
            if target_start <= other.start < target_end
        ]
        if any(other.district_id == mention.district_id for other in named_in_target):
            return f"the account given with the {kind} of it"
        earlier = [
            claim
            for claim in context.all_claims
            if claim.district_id == mention.district_id
        ]
        if not earlier or named_in_target:
            return None
        target = earlier[-1].evidence.text
        weights.append((0.0, "rejects the earlier claim about this district"))
    weights.insert(0, (0.0, f"'{cue.written}' rejects: {target}"))
    account = [
        item
        for item in facts.cues
        if item.start >= target_end
        and not item.rejects
        and not item.hypothetical
        and not (item.negated and item.kind != CueKind.CONTESTED)
    ]
    holder_cue = account[0] if account else None
    status = status_of(holder_cue) if holder_cue else None
    if holder_cue:
        weights.append((0.0, f"the account given with it: '{holder_cue.written}'"))
    claim_start = _CLAIM_START.search(fold(facts.text[target_start:target_end]))
    quoted_from = (
        target_start + claim_start.start() if claim_start and in_target else target_end
    )
    return MentionReading(
        cue,
        status,
        kind,
        target,
        target_end,
        holder_cue,
        tuple(weights),
        quiet_days=(min(quoted_from, mention.start), target_end) if in_target else None,
    )


def is_bare_no(facts: SentenceFacts) -> bool:
    """Whether the sentence is an answer "No." (or "No, …") to what was asked.

    A transcript turn's label in front of it ("COL. HARLOW: No.") is passed over.
    """
    turn = facts.setting.turn
    said = facts.text
    if turn and facts.start <= turn.start < facts.start + len(said):
        said = said[turn.end - facts.start :].lstrip(" :")
    return bool(_BARE_NO.match(fold(said)))


def denials_of_previous(
    facts: SentenceFacts, context: ReadingContext, source: ArticleSource
) -> list[Proposal]:
    """Denials of the claims before, for a denial naming no district of its own.

    "The SDF dismissed the claim." rejects what the sentence before it claimed;
    "No, that is not accurate." what the question before it relayed.
    """
    denial = next((cue for cue in facts.cues if cue.rejects), None)
    if not context.previous_claims or (denial is None and not is_bare_no(facts)):
        return []
    if denial is None:
        no = re.search(r"\bno\b", facts.text, re.IGNORECASE)
        denial = Cue(CueKind.DENIAL, no.start(), no.end(), no.group())
    speaker, speaker_weights = resolve_speaker(facts, denial.start, context)
    source_text, source_type, affiliation = source_cells(
        speaker, source.outlet, context.outlet_side
    )
    offset = facts.start
    expression = facts.days[0] if facts.days else None
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
                date=expression.day if expression else claim.date,
                date_precision=(
                    expression.precision if expression else claim.date_precision
                ),
                status=None,
                actor="",
                extent=Extent.FULL,
                kind=_kind(denial),
                denial_target=claim.evidence.text,
                source=source_text,
                source_type=source_type,
                evidence=Span(offset, offset + len(facts.text), facts.text),
                status_cue=Span(
                    offset + denial.start, offset + denial.end, denial.written
                ),
                day_expression=(
                    Span(
                        offset + expression.start,
                        offset + expression.end,
                        expression.written,
                    )
                    if expression
                    else None
                ),
                speaker=speaker.name if speaker else "",
                affiliation=affiliation,
                confidence=confidence,
                reasons=reasons,
            )
        )
    return proposals


def with_account(denial: Proposal, account: Proposal) -> Proposal:
    """A denial without an account, given the status its next sentence claims.

    "No, that is not accurate. Al-Rumaila is firmly in the hands of the SDF."
    """
    return replace(
        denial,
        status=account.status,
        actor=account.actor,
        extent=account.extent,
        reasons=(
            *denial.reasons,
            f"the account in the next sentence: {account.evidence.text}",
        ),
    )
