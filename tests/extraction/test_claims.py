"""How a claim is read, mechanism by mechanism, on sentences written for these tests."""

from datetime import date

import pytest

from geo.extraction import extract_reports

PUBLISHED = date(2017, 8, 15)  # a Tuesday


def read(text, raqqa, outlet="Example Wire"):
    return extract_reports(
        text,
        url="https://example.org/a",
        published=PUBLISHED,
        outlet=outlet,
        city=raqqa,
    )


def claims(text, raqqa, outlet="Example Wire"):
    return [
        (
            proposal.district_id,
            str(proposal.status or ""),
            proposal.actor,
            str(proposal.extent),
            str(proposal.kind),
        )
        for proposal in read(text, raqqa, outlet).proposals
    ]


# Extent is read clause by clause, and a status word stays with its own district.


def test_much_of_a_district_is_partial_and_the_verb_does_not_carry_over(raqqa):
    text = (
        "SDF fighters captured much of Raqqa's southwestern Nazlat Shahadah district "
        "on Monday and advanced into al-Rawda, an SDF commander said."
    )

    assert claims(text, raqqa) == [
        ("nazlat_shahada", "contested", "", "partial", "claim"),
        ("rawda", "contested", "", "full", "claim"),
    ]


def test_pockets_belong_to_the_district_they_are_in(raqqa):
    text = "IS fighters are besieged in al-Rashid and hold only pockets of al-Nahda."

    assert claims(text, raqqa) == [
        ("rashid", "contested", "", "full", "claim"),
        ("nahda", "contested", "", "partial", "claim"),
    ]


# The actor is the side the text names; blank when it names none.


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Al-Tayyar fell to the SDF on Monday.", "sdf"),
        ("The SDF captured al-Tayyar on Monday.", "sdf"),
        ("Al-Tayyar is firmly in the hands of the SDF.", "sdf"),
        ("IS fighters were driven out of al-Tayyar on Monday.", "sdf"),
        ("Al-Tayyar was captured on Monday, residents said.", ""),
        (
            'The group said "the soldiers of the caliphate" remained in control of '
            "al-Tayyar.",
            "",
        ),
        ("An SDF commander said his fighters hold al-Tayyar.", "sdf"),
        ("Our forces liberated al-Tayyar on Monday.", ""),
        ("The SDF said al-Tayyar was liberated on Monday.", "sdf"),
        ("قال مصدر في قسد إن قواته سيطرت على حي الطيار.", "sdf"),
    ],
)
def test_the_actor_is_the_side_the_text_names(text, actor, raqqa):
    (proposal,) = read(text, raqqa).proposals
    assert proposal.actor == actor


def test_a_party_s_own_statement_names_its_side_by_our_forces(raqqa):
    text = "Our forces liberated al-Tayyar on Monday."

    assert claims(text, raqqa, outlet="SDF General Command") == [
        ("tayyar", "held", "sdf", "full", "claim")
    ]


def test_they_is_the_side_named_in_the_sentence_before(raqqa):
    text = "The SDF kept up its offensive. On Monday they captured al-Tayyar."

    assert claims(text, raqqa)[0][2] == "sdf"


# Negation, hypotheses and Arabic continuatives.


@pytest.mark.parametrize(
    "text",
    [
        "لا يزال التنظيم يسيطر على أحياء الفردوس والأندلس، بحسب ناشطين.",
        "ما زال عناصر داعش يسيطرون على حي الفردوس.",
    ],
)
def test_arabic_still_is_no_negation(text, raqqa):
    (proposal,) = read(text, raqqa).proposals
    assert proposal.status == "held"


@pytest.mark.parametrize(
    "text",
    [
        "The SDF has not captured al-Tayyar.",
        "If the SDF captures al-Tayyar, the road north opens.",
        "Commanders hope to take al-Tayyar before the end of the month.",
        '"We will liberate al-Tayyar within weeks," a commander said.',
        "لم تسيطر قسد على حي الطيار.",
    ],
)
def test_negated_and_hypothetical_control_is_no_claim(text, raqqa):
    assert read(text, raqqa).proposals == ()


# Places: "nearby" is a place word; several districts, the whole city.


def test_nearby_is_a_place_word_not_a_landmark_reference(raqqa):
    text = "Clashes broke out in al-Jazra and in the nearby Panorama circle on Monday."

    assert claims(text, raqqa) == [
        ("jazra; panorama_roundabout", "contested", "", "full", "claim")
    ]


def test_near_and_around_still_name_landmarks(raqqa):
    extraction = read(
        "Clashes broke out near the Panorama roundabout and around al-Jazra.", raqqa
    )

    assert extraction.proposals == ()
    assert {item.district_id for item in extraction.skipped} == {
        "panorama_roundabout",
        "jazra",
    }


def test_one_status_for_several_districts_is_one_proposal_about_their_list(raqqa):
    text = (
        "Our forces completed the liberation of Hittin, al-Yarmouk and al-Batani "
        "on Monday."
    )

    (proposal,) = read(text, raqqa, outlet="SDF General Command").proposals
    assert proposal.district_id == "hittin; yarmouk; batani"
    assert proposal.district_name.text == "Hittin, al-Yarmouk and al-Batani"


def test_districts_with_different_statuses_stay_apart(raqqa):
    text = "IS still controls al-Sinaa, while al-Mashlab remains in SDF hands."

    assert claims(text, raqqa) == [
        ("sinaa", "held", "is", "full", "claim"),
        ("mashlab", "held", "sdf", "full", "claim"),
    ]


@pytest.mark.parametrize(
    ("text", "status", "extent"),
    [
        ("The SDF now controls all of Raqqa, the coalition said.", "held", "full"),
        ("The SDF holds the whole city, the coalition said.", "held", "full"),
        ("The SDF controls about 70 percent of the city.", "contested", "partial"),
        ('"Raqqa is completely liberated," an SDF spokeswoman said.', "held", "full"),
        ("أعلنت قسد تحرير مدينة الرقة بالكامل.", "held", "full"),
    ],
)
def test_the_whole_city_is_the_place_city(text, status, extent, raqqa):
    (proposal,) = read(text, raqqa).proposals
    assert (proposal.district_id, str(proposal.status), str(proposal.extent)) == (
        "city",
        status,
        extent,
    )


def test_the_city_named_as_a_location_is_no_claim_about_it(raqqa):
    extraction = read("The battle for Raqqa went on as fighting raged in Raqqa.", raqqa)

    assert extraction.proposals == ()


# Corrections and retractions.


def test_a_correction_of_an_earlier_version_is_a_retraction_by_the_outlet(raqqa):
    text = (
        "Correction: an earlier version of this article said SDF fighters had "
        "captured al-Qadisiya on Monday; fighting there continues."
    )

    (proposal,) = read(text, raqqa).proposals
    assert (proposal.district_id, proposal.kind, proposal.status) == (
        "qadisiya",
        "retraction",
        "contested",
    )
    assert proposal.speaker == ""
    assert proposal.source == "Example Wire"
    assert proposal.date == PUBLISHED
    assert proposal.level == "low"


def test_a_claimant_withdrawing_its_statement_is_a_retraction_by_it(raqqa):
    text = "The SDF on Monday withdrew its statement that al-Daraiya had been captured."

    (proposal,) = read(text, raqqa).proposals
    assert (proposal.kind, proposal.status, proposal.speaker) == (
        "retraction",
        None,
        "The SDF",
    )
    assert proposal.date == date(2017, 8, 14)


def test_the_account_given_with_a_correction_is_no_claim_of_its_own(raqqa):
    text = (
        "Correction: an earlier version of this story wrongly said that IS had "
        "recaptured al-Mansour; al-Mansour remains under SDF control."
    )

    assert claims(text, raqqa) == [("mansour", "held", "sdf", "full", "retraction")]


def test_a_denial_by_another_party_keeps_its_account(raqqa):
    text = (
        "Amaq said IS fighters had retaken al-Mansour on Monday. "
        "SDF official Aras Hamo dismissed the claim, saying al-Mansour is firmly in "
        "the hands of the SDF."
    )

    assert claims(text, raqqa) == [
        ("mansour", "held", "is", "full", "claim"),
        ("mansour", "held", "sdf", "full", "denial"),
    ]


# Speakers.


def test_a_relative_clause_belongs_to_the_speaker(raqqa):
    text = (
        "Hevi Baran, who heads the SDF media office, said the SDF captured al-Tayyar."
    )

    (proposal,) = read(text, raqqa).proposals
    assert proposal.speaker == "Hevi Baran, who heads the SDF media office"
    assert proposal.source_type == "party"


def test_the_group_is_the_monitoring_group_named_before(raqqa):
    text = (
        "The monitoring group said IS still holds al-Sinaa. "
        "Clashes continue in al-Tayyar, the group added."
    )

    _sinaa, tayyar = read(text, raqqa).proposals
    assert tayyar.speaker == "The monitoring group"
    assert tayyar.kind == "assessment"


def test_a_reporter_s_question_is_no_claim(raqqa):
    text = (
        "Has IS really lost al-Sinaa? Residents say fighting is still going on "
        "in al-Sinaa."
    )

    (proposal,) = read(text, raqqa).proposals
    assert (proposal.status, proposal.speaker) == ("contested", "Residents")
