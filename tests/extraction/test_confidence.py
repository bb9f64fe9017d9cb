"""The confidence: one half plus the weights, kept within bounds, with its reasons."""

from datetime import date

import pytest

from geo.extraction import extract_reports
from geo.extraction.confidence import Level, confidence_level, score_confidence


def test_the_confidence_adds_the_weights_to_one_half_and_keeps_the_reasons():
    weights = [(0.15, "status word next to the name"), (-0.2, "no day named")]

    assert score_confidence(weights) == (
        0.45,
        ("status word next to the name", "no day named"),
    )


def test_the_confidence_stays_between_a_twentieth_and_nineteen_twentieths():
    assert score_confidence([(0.3, "a"), (0.4, "b")])[0] == 0.95
    assert score_confidence([(-0.3, "a"), (-0.4, "b")])[0] == 0.05
    assert score_confidence([]) == (0.5, ())


@pytest.mark.parametrize(
    ("confidence", "level"),
    [
        (0.95, Level.HIGH),
        (0.85, Level.HIGH),
        (0.8, Level.MEDIUM),
        (0.5, Level.MEDIUM),
        (0.45, Level.LOW),
    ],
)
def test_a_confidence_is_shown_as_a_level(confidence, level):
    assert confidence_level(confidence) == level


def test_high_needs_the_status_word_a_named_speaker_and_a_named_day(raqqa):
    def level(text):
        (proposal,) = extract_reports(
            text,
            url="https://example.org/a",
            published=date(2017, 8, 15),
            outlet="Example Wire",
            city=raqqa,
        ).proposals
        return proposal.level

    assert level("The SDF captured al-Tayyar on Monday, a commander said.") == "high"
    assert level("The SDF captured al-Tayyar, a commander said.") == "medium"
    assert level("Al-Tayyar was captured.") == "low"
