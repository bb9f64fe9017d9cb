"""The review helpers: the marked evidence, the review table and the rows accepted."""

from dataclasses import replace
from datetime import date

import pytest

from geo.extraction import ACCEPT_CONFIDENCE, Span, extract_reports
from geo.extraction.review import (
    REVIEW_COLUMNS,
    highlighted_evidence,
    proposal_html,
    reports_to_add,
    review_table,
)
from geo.schema import REPORT_COLUMNS

ARTICLE = (
    "The SDF & its allies captured al-Mashlab on Tuesday.\nAl-Rashid was captured."
)
URL = "https://example.org/a"
PUBLISHED = date(2017, 6, 13)


@pytest.fixture
def extraction(raqqa):
    return extract_reports(
        ARTICLE, url=URL, published=PUBLISHED, outlet="Example Wire", city=raqqa
    )


def fresh_ids():
    numbers = iter(range(1, 100))
    return lambda: f"r-{next(numbers)}"


def test_the_evidence_is_escaped_with_the_district_and_status_word_marked(extraction):
    assert highlighted_evidence(extraction.text, extraction.proposals[0]) == (
        "The SDF &amp; its allies <mark>captured</mark> <mark>al-Mashlab</mark> "
        "on Tuesday."
    )


def test_a_mark_overlapping_an_earlier_one_is_left_out(extraction):
    proposal = extraction.proposals[0]
    name = proposal.district_name
    overlapping = replace(
        proposal, status_cue=Span(name.start + 3, name.end + 3, "Mashlab o")
    )

    assert highlighted_evidence(extraction.text, overlapping) == (
        "The SDF &amp; its allies captured <mark>al-Mashlab</mark> on Tuesday."
    )


def test_a_proposal_shows_its_number_confidence_and_escaped_reasons(extraction):
    proposal = replace(extraction.proposals[0], reasons=("<script>x</script>", "b"))

    shown = proposal_html(3, extraction.text, proposal)

    assert "<b>3.</b>" in shown
    assert f"confidence {proposal.confidence:.2f}: " in shown
    assert "&lt;script&gt;x&lt;/script&gt;; b" in shown
    assert "<script>" not in shown


def test_the_review_table_ticks_only_the_sure_proposals(extraction):
    review = review_table(extraction)

    assert list(review.columns) == list(REVIEW_COLUMNS)
    assert list(review["accept"]) == [
        proposal.confidence >= ACCEPT_CONFIDENCE for proposal in extraction.proposals
    ]
    assert list(review["accept"]) == [True, False]
    assert list(review["date"]) == [PUBLISHED, PUBLISHED]


def test_only_accepted_rows_are_stored_with_their_sentence(extraction):
    rows = reports_to_add(
        review_table(extraction),
        extraction,
        url=URL,
        published=PUBLISHED,
        new_report_id=fresh_ids(),
    )

    assert list(rows.columns) == [*REPORT_COLUMNS, "evidence"]
    assert list(rows["report_id"]) == ["r-1"]
    assert list(rows["district_id"]) == ["mashlab"]
    assert list(rows["date"]) == ["2017-06-13"]
    assert list(rows["published"]) == [""]
    assert list(rows["url"]) == [URL]
    assert list(rows["evidence"]) == [
        "The SDF & its allies captured al-Mashlab on Tuesday."
    ]


def test_an_editor_s_changes_are_stored_and_an_earlier_day_keeps_the_publication(
    extraction,
):
    review = review_table(extraction)
    review.loc[1, ["accept", "date", "actor"]] = [True, date(2017, 6, 12), "sdf"]

    rows = reports_to_add(
        review, extraction, url=URL, published=PUBLISHED, new_report_id=fresh_ids()
    )

    assert list(rows["report_id"]) == ["r-1", "r-2"]
    assert rows.loc[1, ["district_id", "date", "actor", "published"]].tolist() == [
        "rashid",
        "2017-06-12",
        "sdf",
        "2017-06-13",
    ]
    assert rows.loc[1, "evidence"] == "Al-Rashid was captured."
