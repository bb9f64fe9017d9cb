"""The confidence: one half plus the weights, kept within bounds, with its reasons."""

from geo.extraction.confidence import score_confidence


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
