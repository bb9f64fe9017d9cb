"""The review helpers: nothing decided for the editor, targets offered, changes."""

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from geo.events import FIGURE_COLUMNS
from geo.extraction import Span, extract_reports
from geo.extraction.review import (
    REVIEW_COLUMNS,
    Decision,
    denial_targets,
    figures_csv,
    figures_table,
    highlighted_evidence,
    map_changes,
    place_options,
    proposal_html,
    reports_to_add,
    review_table,
)
from geo.schema import REPORT_COLUMNS

ARTICLE = (
    "The SDF & its allies captured al-Mashlab on Tuesday, an SDF commander said.\n"
    "Al-Rashid was captured."
)
URL = "https://example.org/a"
PUBLISHED = date(2017, 6, 13)


def extract(text, city, published=PUBLISHED):
    return extract_reports(
        text, url=URL, published=published, outlet="Example Wire", city=city
    )


@pytest.fixture
def extraction(raqqa):
    return extract(ARTICLE, raqqa)


def fresh_ids():
    numbers = iter(range(1, 100))
    return lambda: f"r-{next(numbers)}"


def accept(review, *numbers):
    review = review.copy()
    review.loc[review["number"].isin(numbers), "decision"] = Decision.ACCEPT.value
    return review


def test_the_evidence_is_escaped_with_the_district_and_status_word_marked(extraction):
    assert highlighted_evidence(extraction.text, extraction.proposals[0]) == (
        "The SDF &amp; its allies <mark>captured</mark> <mark>al-Mashlab</mark> "
        "on Tuesday, an SDF commander said."
    )


def test_a_mark_overlapping_an_earlier_one_is_left_out(extraction):
    proposal = extraction.proposals[0]
    name = proposal.district_name
    overlapping = replace(
        proposal, status_cue=Span(name.start + 3, name.end + 3, "Mashlab o")
    )

    assert highlighted_evidence(extraction.text, overlapping) == (
        "The SDF &amp; its allies captured <mark>al-Mashlab</mark> on Tuesday, an "
        "SDF commander said."
    )


def test_a_proposal_shows_its_number_level_and_escaped_reasons(extraction):
    proposal = replace(extraction.proposals[0], reasons=("<script>x</script>", "b"))

    shown = proposal_html(3, extraction.text, proposal)

    assert "<b>3.</b>" in shown
    assert f"{proposal.level} ({proposal.confidence:.2f}): " in shown
    assert "&lt;script&gt;x&lt;/script&gt;; b" in shown
    assert "<script>" not in shown


def test_nothing_is_accepted_and_the_surest_come_first_with_their_sentence(
    extraction,
):
    review = review_table(extraction)

    assert list(review.columns) == list(REVIEW_COLUMNS)
    assert set(review["decision"]) == {Decision.UNDECIDED.value}
    assert list(review["confidence"]) == sorted(review["confidence"], reverse=True)
    assert list(review["number"]) == [1, 2]
    assert list(review["level"]) == ["high", "low"]
    assert list(review["evidence"]) == ARTICLE.split("\n")
    assert list(review["date"]) == [PUBLISHED, PUBLISHED]


def test_only_accepted_rows_are_stored_with_their_sentence(extraction):
    rows, problems = reports_to_add(
        accept(review_table(extraction), 1),
        extraction,
        {},
        url=URL,
        published=PUBLISHED,
        new_report_id=fresh_ids(),
    )

    assert problems == []
    assert list(rows.columns) == [*REPORT_COLUMNS, "evidence"]
    assert list(rows["report_id"]) == ["r-1"]
    assert list(rows["district_id"]) == ["mashlab"]
    assert list(rows["date"]) == ["2017-06-13"]
    assert list(rows["published"]) == [""]
    assert list(rows["url"]) == [URL]
    assert list(rows["evidence"]) == [ARTICLE.split("\n")[0]]


def test_a_rejected_or_undecided_row_is_never_stored(extraction):
    review = review_table(extraction)
    review.loc[0, "decision"] = Decision.REJECT.value

    rows, _ = reports_to_add(
        review, extraction, {}, url=URL, published=PUBLISHED, new_report_id=fresh_ids()
    )

    assert rows.empty


def test_an_editor_s_fix_is_stored_and_an_earlier_day_keeps_the_publication(
    extraction,
):
    review = accept(review_table(extraction), 1, 2)
    fixed = review["number"] == 2
    review.loc[fixed, "date"] = date(2017, 6, 12)
    review.loc[fixed, "actor"] = "sdf"

    rows, _ = reports_to_add(
        review, extraction, {}, url=URL, published=PUBLISHED, new_report_id=fresh_ids()
    )

    rashid = rows[rows["district_id"] == "rashid"].iloc[0]
    assert [rashid["date"], rashid["actor"], rashid["published"]] == [
        "2017-06-12",
        "sdf",
        "2017-06-13",
    ]
    assert rashid["evidence"] == "Al-Rashid was captured."


DENIAL = (
    "Amaq claimed on Thursday that IS fighters had retaken al-Sinaa.\n"
    "An SDF commander, Rezan Kobani, denied the report on Friday, saying his "
    "fighters still hold al-Sinaa."
)


def test_a_denial_is_offered_the_stored_reports_and_this_article_s_claims(raqqa):
    day = date(2017, 7, 7)
    stored = pd.DataFrame(
        [
            {
                **dict.fromkeys(REPORT_COLUMNS, ""),
                "report_id": "r-stored",
                "date": day,
                "district_id": "sinaa",
                "status": "held",
                "actor": "is",
                "extent": "full",
                "kind": "claim",
                "source": "Amaq",
                "url": URL,
            },
            {
                **dict.fromkeys(REPORT_COLUMNS, ""),
                "report_id": "r-elsewhere",
                "date": day,
                "district_id": "mashlab",
                "status": "held",
                "actor": "sdf",
                "extent": "full",
                "kind": "claim",
                "source": "SDF",
                "url": URL,
            },
        ]
    )
    city = raqqa.with_reports(stored)
    extraction = extract(DENIAL, city, published=date(2017, 7, 7))

    targets = denial_targets(extraction, city)

    assert list(targets) == [2]
    keys = [target.key for target in targets[2]]
    assert keys == ["r-stored", "proposal 1"]
    assert "held by Islamic State" in targets[2][0].label


def test_a_denial_of_this_article_s_claim_gets_its_new_id_once_accepted(raqqa):
    extraction = extract(DENIAL, raqqa, published=date(2017, 7, 7))
    targets = denial_targets(extraction, raqqa)
    review = review_table(extraction)
    review.loc[review["number"] == 2, "denies"] = "proposal 1"

    rows, problems = reports_to_add(
        accept(review, 2),
        extraction,
        targets,
        url=URL,
        published=date(2017, 7, 7),
        new_report_id=fresh_ids(),
    )
    assert "accept that one too" in problems[0].message

    rows, problems = reports_to_add(
        accept(review, 1, 2),
        extraction,
        targets,
        url=URL,
        published=date(2017, 7, 7),
        new_report_id=fresh_ids(),
    )
    assert problems == []
    denial = rows[rows["kind"] == "denial"].iloc[0]
    claim = rows[rows["kind"] == "claim"].iloc[0]
    assert denial["denies"] == claim["report_id"]


def test_a_target_that_was_not_offered_is_refused(raqqa):
    extraction = extract(DENIAL, raqqa, published=date(2017, 7, 7))
    review = accept(review_table(extraction), 2)
    review.loc[review["number"] == 2, "denies"] = "rq-001"

    _, problems = reports_to_add(
        review,
        extraction,
        denial_targets(extraction, raqqa),
        url=URL,
        published=date(2017, 7, 7),
        new_report_id=fresh_ids(),
    )

    assert "'rq-001' is not offered for it" in problems[0].message


def test_the_map_changes_say_what_each_district_looks_like_before_and_after(raqqa):
    extraction = extract(
        "The SDF captured al-Firdous on Tuesday, an SDF commander said.", raqqa
    )
    rows, _ = reports_to_add(
        accept(review_table(extraction), 1),
        extraction,
        {},
        url=URL,
        published=PUBLISHED,
        new_report_id=fresh_ids(),
    )

    changes, problems = map_changes(raqqa, rows)

    assert problems == []
    assert changes.to_dict("records") == [
        {
            "day": PUBLISHED,
            "district": "al-Firdous",
            "before": "held by Islamic State",
            "after": "held by SDF and partner forces",
            "report": "r-1",
        }
    ]


def test_rows_that_would_be_refused_give_problems_instead_of_changes(raqqa, extraction):
    review = accept(review_table(extraction), 2)
    rows, _ = reports_to_add(
        review, extraction, {}, url=URL, published=PUBLISHED, new_report_id=fresh_ids()
    )

    changes, problems = map_changes(raqqa, rows)

    assert changes.empty
    assert [problem.field for problem in problems] == ["actor"]


def test_the_places_offered_include_the_proposed_list_and_the_whole_city(raqqa):
    extraction = extract("The SDF captured al-Batani and al-Yarmouk on Monday.", raqqa)

    places = place_options(extraction, raqqa)

    assert places["batani; yarmouk"] == "al-Batani (Harat al-Bayatira), al-Yarmouk"
    assert places["city"] == "the whole city"
    assert places["northern_districts"] == "the northern districts"
    assert places["mashlab"].startswith("al-Mashlab")


def test_figures_are_proposed_as_figures_csv_rows(raqqa):
    extraction = extract(
        "At least 27 civilians were killed on Monday, a monitoring group said.", raqqa
    )

    figures = figures_table(extraction)

    assert list(figures.columns) == [*FIGURE_COLUMNS, "level", "evidence"]
    assert figures.loc[0, ["low", "high", "as_stated"]].tolist() == [
        "27",
        "",
        "At least 27 civilians",
    ]
    header = figures_csv(figures).decode("utf-8-sig").splitlines()[0]
    assert header == ",".join(FIGURE_COLUMNS)
