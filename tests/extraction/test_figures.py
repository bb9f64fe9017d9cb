"""Casualty and displacement figures: numbers of people, by source, in their words."""

from datetime import date

import pytest

from geo.extraction import extract_reports

PUBLISHED = date(2017, 8, 15)  # a Tuesday


def figures(text, raqqa):
    extraction = extract_reports(
        text,
        url="https://example.org/a",
        published=PUBLISHED,
        outlet="Example Wire",
        city=raqqa,
    )
    return extraction.figures


@pytest.mark.parametrize(
    ("text", "low", "high", "as_stated"),
    [
        ("At least 27 civilians were killed.", 27, None, "At least 27 civilians"),
        ("More than 40 of their members were killed.", 40, None, "More than 40"),
        ("About 50,000 civilians remain trapped.", 50000, 50000, "About 50,000"),
        (
            "Between 20,000 and 25,000 civilians are still trapped in the city.",
            20000,
            25000,
            "Between 20,000 and 25,000 civilians",
        ),
        ("Fewer than 2,500 ISIS fighters are left in the city.", None, 2500, "2,500"),
        ("وأحصى المرصد نزوح أكثر من 270 ألف شخص.", 270000, None, "أكثر من 270 ألف"),
        ("قتل 31 من مرتزقة داعش.", 31, 31, "31"),
    ],
)
def test_a_figure_keeps_its_bounds_and_the_source_s_words(
    text, low, high, as_stated, raqqa
):
    (figure,) = figures(text, raqqa)
    assert (figure.low, figure.high) == (low, high)
    assert as_stated in figure.as_stated


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("At least 27 civilians were killed in air strikes.", "civilians killed"),
        ("At least 10,000 people have left the city.", "people who left"),
        ("About 50,000 civilians remain trapped inside.", "civilians in the city"),
        ("The SDF evacuated 400 families from al-Rumaila.", "families evacuated"),
    ],
)
def test_a_figure_says_what_it_counts(text, measure, raqqa):
    (figure,) = figures(text, raqqa)
    assert figure.measure == measure


def test_two_figures_in_one_sentence_each_count_their_own_thing(raqqa):
    text = (
        "At least 10,000 people have left Raqqa, and about 50,000 civilians remain "
        "trapped inside, the U.N. said on Monday."
    )

    left, trapped = figures(text, raqqa)
    assert (left.measure, trapped.measure) == (
        "people who left",
        "civilians in the city",
    )
    assert {left.source, trapped.source} == {"the U.N"}
    assert {left.via, trapped.via} == {"Example Wire"}
    assert left.as_of == date(2017, 8, 14)


def test_the_day_a_count_starts_is_not_the_day_it_stands_as_of(raqqa):
    text = "The group said 96 civilians had been killed since 6 June."

    (figure,) = figures(text, raqqa)
    assert figure.as_of == PUBLISHED


@pytest.mark.parametrize(
    "text",
    [
        "Coalition jets carried out 25 strikes on Tuesday.",
        "Temperatures in the camps passed 45 degrees.",
        "The SDF holds 70 percent of the city.",
        "The offensive began two weeks ago, 12 days after the talks.",
        "Families who fled al-Mashlab live in camps.",
    ],
)
def test_numbers_that_count_no_people_are_no_figure(text, raqqa):
    assert figures(text, raqqa) == ()


def test_an_unattributed_figure_is_the_outlet_s_own(raqqa):
    (figure,) = figures("At least 12 civilians were killed on Monday.", raqqa)

    assert (figure.source, figure.via, figure.source_type) == (
        "Example Wire",
        "",
        "media",
    )
