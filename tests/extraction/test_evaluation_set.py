"""The extractor on the evaluation set: the checks a desk editor would make first.

The articles in ``cases/`` were written for these tests (each says so in its
header); the TOML beside each lists what a careful reader would record.
"""

import pandas as pd
import pytest

from geo.names import name_index
from geo.schema import validate_reports
from geo.status import Kind
from tests.extraction.evaluation import (
    FIELDS,
    SETS,
    agrees,
    load_cases,
    pair,
    run_case,
    score_set,
    value,
)

EVALUATION_SET = load_cases()
TUNING_SETS = [
    case for name in ("held_out", "development") for case in load_cases(SETS[name])
]
"""The other sets the rules were tuned on; ``unseen`` is only scored by the bench."""
UNSEEN = load_cases(SETS["unseen"])
BY_NAME = {case.name: case for case in EVALUATION_SET}


@pytest.fixture(scope="module")
def extractions(raqqa):
    return {case.name: run_case(case, raqqa) for case in EVALUATION_SET + TUNING_SETS}


def test_the_set_covers_what_the_desk_needs():
    covered = {topic for case in EVALUATION_SET for topic in case.covers}
    assert len(EVALUATION_SET) >= 12
    assert {"denial", "attribution", "partial", "arabic", "distractor"} <= covered
    assert {"yesterday", "last weekday", "since last week", "explicit dates"} <= covered
    for case in EVALUATION_SET + TUNING_SETS + UNSEEN:
        header = case.article.read_text(encoding="utf-8")[:300]
        assert "Written for the Frontline extractor tests" in header, case.name
    for name in ("development", "unseen"):
        readme = (SETS[name] / "README.md").read_text(encoding="utf-8")
        assert "invented" in readme


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_case_yields_exactly_the_expected_claims(name, extractions, raqqa):
    case, extraction = BY_NAME[name], extractions[name]
    for claim, proposal in pair(case.claims, extraction.proposals, raqqa):
        assert proposal is not None, f"missed {claim}"
        assert claim is not None, (
            f"unexpected {proposal.row()} from: {proposal.evidence.text}"
        )
        wrong = {
            field: value(proposal, field)
            for field in FIELDS
            if not agrees(claim, proposal, field, raqqa)
        }
        assert not wrong, f"{claim} was read as {wrong}; reasons: {proposal.reasons}"
    claimed = {proposal.district_id for proposal in extraction.proposals}
    assert not claimed & set(case.not_claimed)


def test_a_denial_names_the_claim_it_rejects(extractions):
    proposals = extractions["02_denial"].proposals
    tayyar = next(item for item in proposals if item.district_id == "tayyar")
    assert tayyar.kind == Kind.DENIAL
    assert tayyar.status is None
    assert tayyar.denial_target == "reports that al-Tayyar had fallen to IS"
    sinaa = next(
        item
        for item in proposals
        if item.district_id == "sinaa" and item.kind == Kind.DENIAL
    )
    assert sinaa.denial_target.startswith("IS-linked news agency Amaq claimed")
    assert sinaa.actor == "sdf"


def test_landmarks_and_history_yield_no_claim_but_say_why(extractions):
    distractors = extractions["07_landmark_distractors"]
    assert distractors.proposals == ()
    reasons = {item.district_id: item.reason for item in distractors.skipped}
    assert "landmark reference" in reasons["national_hospital"]
    assert "landmark reference" in reasons["old_city_rafiqa"]
    assert "past" in reasons["municipal_stadium"]
    assert "past" in reasons["naim_roundabout_strike"]
    history = extractions["13_history"]
    assert {item.district_id for item in history.proposals} == {"old_city_rafiqa"}


@pytest.mark.parametrize(
    ("name", "district", "day"),
    [
        ("08_arabic_held", "mashlab", "2017-06-13"),
        ("08_arabic_held", "sinaa", "2017-06-12"),
        ("09_arabic_spellings_denial", "nazlat_shahada", "2017-07-27"),
        ("09_arabic_spellings_denial", "daraiya", "2017-07-24"),
        ("15_arabic_partial", "badu_nbhd", "2017-08-20"),
    ],
)
def test_arabic_articles_yield_the_district_and_day(name, district, day, extractions):
    found = {
        (item.district_id, item.date.isoformat())
        for item in extractions[name].proposals
    }
    assert (district, day) in found


def test_scripts_in_an_html_page_are_never_read(extractions):
    page = extractions["11_html_page"]
    assert "trackView" not in page.text
    assert "document.write" not in page.text
    assert "andalus" not in {item.district_id for item in page.proposals}


def test_every_proposal_points_at_its_sentence(extractions):
    for extraction in extractions.values():
        for proposal in extraction.proposals:
            spans = [proposal.evidence, proposal.district_name, proposal.status_cue]
            if proposal.day_expression:
                spans.append(proposal.day_expression)
            for span in spans:
                assert extraction.text[span.start : span.end] == span.text
            if proposal.kind != Kind.DENIAL:
                assert proposal.evidence.start <= proposal.district_name.start
                assert proposal.district_name.end <= proposal.evidence.end


def test_every_proposal_explains_its_confidence(extractions):
    for extraction in extractions.values():
        for proposal in extraction.proposals:
            assert 0 < proposal.confidence < 1
            assert proposal.reasons


def test_proposals_are_rows_the_report_schema_accepts(extractions, raqqa):
    """Except a held claim whose side the text does not name: the editor picks it."""
    rows = [
        {**proposal.row(), "report_id": f"proposal-{number}"}
        for number, proposal in enumerate(
            item for extraction in extractions.values() for item in extraction.proposals
        )
    ]
    _, problems = validate_reports(
        pd.DataFrame(rows),
        file="proposals",
        district_names=name_index(raqqa.districts),
        actor_ids={actor.id for actor in raqqa.actors},
        first_day=raqqa.first_day,
        last_day=raqqa.last_day,
        groups=raqqa.groups,
    )
    unnamed_sides = {
        f"row {number + 2}"
        for number, row in enumerate(rows)
        if row["status"] == "held" and not row["actor"]
    }
    assert [problem.field for problem in problems] == ["actor"] * len(unnamed_sides)
    assert {problem.location for problem in problems} == unnamed_sides


def test_the_development_set_stays_above_its_floor(extractions, raqqa):
    """A floor, not the tuned score: 95% of claims fully right, figures 90% found."""
    cases = load_cases(SETS["development"])
    result = score_set(cases, [extractions[case.name] for case in cases], raqqa)
    assert result.claims_right >= 0.95 * result.claims
    assert result.figures.recall >= 0.9
