"""What belongs together in one article: repeats of a claim, and a headline's claim.

A headline sums up the body: its claim is folded into the body's claim about
the same place with the same status (the headline may name the side the body
leaves unnamed); a headline claim the body does not make is kept, marked as
read from a headline. Repeats of one claim are folded into the best one.
"""

from dataclasses import replace

from geo.city import City
from geo.extraction.results import Proposal
from geo.wording import counted

HEADLINE_WEIGHT = -0.15
"""A claim found only in a headline: no day, no speaker, often a summary."""

_CLAIM_COLUMNS = (
    "date",
    "date_precision",
    "district_id",
    "status",
    "actor",
    "extent",
    "kind",
)


def _covers(body: Proposal, headline: Proposal, city: City) -> bool:
    """Whether a body claim says what a headline says about the same place."""
    if (body.status, body.extent) != (headline.status, headline.extent):
        return False
    if body.kind.rejects != headline.kind.rejects:
        return False
    if body.actor and headline.actor and body.actor != headline.actor:
        return False
    covered = set(city.place(body.district_id).districts)
    return set(city.place(headline.district_id).districts) <= covered


def merge_headlines(
    headlines: list[Proposal], body: list[Proposal], city: City
) -> list[Proposal]:
    """The body's proposals, each headline claim folded into the one it sums up."""
    merged = list(body)
    for headline in headlines:
        match = next(
            (
                number
                for number, proposal in enumerate(merged)
                if _covers(proposal, headline, city)
            ),
            None,
        )
        if match is None:
            confidence = max(0.05, round(headline.confidence + HEADLINE_WEIGHT, 2))
            merged.append(
                replace(
                    headline,
                    confidence=confidence,
                    reasons=(*headline.reasons, "read from a headline only"),
                )
            )
            continue
        found = merged[match]
        note = f"the headline says the same: {headline.evidence.text}"
        if headline.actor and not found.actor:
            note = f"the headline names the side ({headline.actor}): "
            note += headline.evidence.text
            found = replace(found, actor=headline.actor)
        merged[match] = replace(found, reasons=(*found.reasons, note))
    return sorted(merged, key=lambda proposal: proposal.evidence.start)


def merge_duplicates(proposals: list[Proposal]) -> list[Proposal]:
    """One proposal per claim; repeats are folded into the best one and noted.

    The outlet's own unattributed wording of an attributed claim is folded into
    the attributed proposal.
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
            note = (
                f"said the same in {counted(others, 'other sentence')}"
                if others
                else ""
            )
            merged.append(
                replace(proposal, reasons=(*proposal.reasons, note))
                if note
                else proposal
            )
    return sorted(merged, key=lambda proposal: proposal.evidence.start)
