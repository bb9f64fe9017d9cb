"""How sure a proposal is: weights with their reasons, summed into one number.

Every rule that raises or lowers the confidence says why, so a person reading a
proposal sees the reasons behind its number.
"""

Weight = tuple[float, str]
"""A change to the confidence, and the reason for it in words for the reader."""

ACCEPT_CONFIDENCE = 0.5
"""Proposals at least this sure are ticked for acceptance on the review page."""


def score_confidence(weights: list[Weight]) -> tuple[float, tuple[str, ...]]:
    """Start at one half, add each weight, keep it within 0.05..0.95."""
    score = 0.5 + sum(weight for weight, _ in weights)
    return round(min(0.95, max(0.05, score)), 2), tuple(reason for _, reason in weights)
