"""How sure a proposal is: weights with their reasons, summed into one number.

Every rule that raises or lowers the confidence says why, so a person reading a
proposal sees the reasons behind its number. The number is shown as a level:
"high" needs the status word right next to the name, a named speaker and a
named day (+0.15, +0.1, +0.1 on one half), with nothing against it;
``bench/extraction.py`` prints how often each level is right (the calibration
table).
"""

from enum import StrEnum

Weight = tuple[float, str]
"""A change to the confidence, and the reason for it in words for the reader."""

HIGH_CONFIDENCE = 0.85
"""Proposals at least this sure are marked high (right at least 90% of the time
on the evaluation sets)."""
MEDIUM_CONFIDENCE = 0.5
"""Proposals below this are marked low: check every cell."""


class Level(StrEnum):
    """How sure a proposal is, in words for the review page."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


def confidence_level(confidence: float) -> Level:
    """The level a confidence is shown as."""
    if confidence >= HIGH_CONFIDENCE:
        return Level.HIGH
    return Level.MEDIUM if confidence >= MEDIUM_CONFIDENCE else Level.LOW


def score_confidence(weights: list[Weight]) -> tuple[float, tuple[str, ...]]:
    """Start at one half, add each weight, keep it within 0.05..0.95."""
    score = 0.5 + sum(weight for weight, _ in weights)
    return round(min(0.95, max(0.05, score)), 2), tuple(reason for _, reason in weights)
