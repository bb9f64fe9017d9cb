"""An article's layout: headlines, day headings, live-blog entries, turns, questions."""

from datetime import date

from geo.extraction import extract_reports
from geo.extraction.layout import lay_out, speaker_label
from geo.extraction.reading import split_sentences

PUBLISHED = date(2017, 10, 17)


def settings(text, outlet="Example Wire"):
    sentences = split_sentences(text)
    return [
        (text[sentence.start : sentence.end], setting)
        for sentence, setting in zip(
            sentences, lay_out(text, sentences, PUBLISHED, outlet), strict=True
        )
    ]


def extract(text, raqqa, outlet="Example Wire", published=PUBLISHED):
    return extract_reports(
        text,
        url="https://example.org/a",
        published=published,
        outlet=outlet,
        city=raqqa,
    )


def test_a_short_line_without_a_full_stop_is_a_heading():
    laid_out = settings("SDF takes al-Tayyar\n\nThe SDF took al-Tayyar on Monday.")

    assert [setting.heading for _, setting in laid_out] == [True, False]


def test_a_day_heading_dates_what_follows_it_english_and_arabic():
    laid_out = settings(
        "## Monday 16 October\n\n**09:40** — Clashes.\n\n"
        "## الثلاثاء 17 تشرين الأول\n\n**10:00** - اشتباكات."
    )

    days = [setting.day for _, setting in laid_out]
    assert days == [date(2017, 10, 16)] * 2 + [date(2017, 10, 17)] * 2
    assert laid_out[1][1].day_heading == "Monday 16 October"
    assert not laid_out[0][1].heading


def test_a_heading_with_a_weekday_and_a_date_is_one_day():
    laid_out = settings("### Tuesday, September 5\n\nClashes in al-Andalus.")

    assert laid_out[1][1].day == date(2017, 9, 5)


def test_time_stamps_and_headings_start_new_entries():
    laid_out = settings(
        "## Monday 16 October\n\n**09:40** — One.\n\n[10:05] Two.\n\nThree."
    )

    entries = [setting.entry for _, setting in laid_out]
    assert entries[0] < entries[1] < entries[2] == entries[3]


def test_a_transcript_label_is_the_turn_s_speaker_and_q_asks():
    laid_out = settings(
        "COL. JAMES HARLOW: Our partners cleared al-Rumaila.\n"
        "Q: Did IS retake it?\n"
        "Correction: an earlier version misspelt a name."
    )

    harlow, question, correction = (setting for _, setting in laid_out)
    assert harlow.turn.speaker == "Col. James Harlow"
    assert not harlow.turn.asks
    assert not harlow.question
    assert question.turn.asks
    assert question.question
    assert correction.turn is None


def test_the_outlet_s_own_label_is_the_interviewer():
    laid_out = settings(
        "Example Daily: There are rumours about al-Rawda.", outlet="Example Daily"
    )

    assert laid_out[0][1].question


def test_a_label_in_capitals_reads_as_a_name():
    assert speaker_label("MAJ. GEN. PAUL DRAKE") == "Maj. Gen. Paul Drake"
    assert speaker_label("Nuri Ferhat") == "Nuri Ferhat"


def test_a_headline_is_merged_with_the_body_claim_it_sums_up(raqqa):
    extraction = extract(
        "SDF fighters seize al-Tayyar\n\n"
        "Fighters seized the al-Tayyar district on Monday, residents said.",
        raqqa,
    )

    (proposal,) = extraction.proposals
    assert proposal.date == date(2017, 10, 16)
    assert proposal.actor == "sdf"
    assert "the headline names the side (sdf)" in " ".join(proposal.reasons)


def test_a_claim_only_in_the_headline_is_kept_but_marked(raqqa):
    extraction = extract(
        "SDF captures al-Tayyar\n\nResidents described a quiet night.", raqqa
    )

    (proposal,) = extraction.proposals
    assert "read from a headline only" in proposal.reasons


def test_live_blog_entries_take_their_heading_s_day_and_no_earlier_speaker(raqqa):
    extraction = extract(
        "## Monday 16 October\n\n"
        "**09:40** — The SDF captured al-Tayyar, SDF spokesman Delil Mahmoud said.\n\n"
        "**11:00** — Clashes continue in al-Jazra.",
        raqqa,
    )

    tayyar, jazra = extraction.proposals
    assert (tayyar.date, tayyar.speaker) == (
        date(2017, 10, 16),
        "SDF spokesman Delil Mahmoud",
    )
    assert (jazra.date, jazra.speaker) == (date(2017, 10, 16), "")


def test_a_transcript_speaker_s_side_comes_from_where_they_were_introduced(raqqa):
    extraction = extract(
        "Example Wire spoke to Nuri Ferhat, an SDF commander.\n"
        "Ferhat: Our fighters hold al-Sinaa.",
        raqqa,
    )

    (proposal,) = extraction.proposals
    assert (proposal.speaker, proposal.actor) == (
        "Nuri Ferhat, an SDF commander",
        "sdf",
    )


def test_a_question_relays_and_proposes_nothing(raqqa):
    extraction = extract(
        "Q: There are reports that ISIS has retaken al-Rumaila. Can you confirm that?",
        raqqa,
    )

    assert extraction.proposals == ()


def test_no_that_is_not_accurate_denies_what_the_question_relayed(raqqa):
    extraction = extract(
        "Q: There are reports that ISIS has retaken al-Rumaila. Can you confirm that?\n"
        "COL. JAMES HARLOW: No, that is not accurate. Al-Rumaila is firmly in the "
        "hands of the SDF.",
        raqqa,
    )

    (denial,) = extraction.proposals
    assert (denial.district_id, denial.kind, denial.status, denial.actor) == (
        "rumaila",
        "denial",
        "held",
        "sdf",
    )
    assert denial.speaker == "Col. James Harlow"
    assert "ISIS has retaken al-Rumaila" in denial.denial_target


def test_a_bare_no_denies_a_question_about_a_place_with_no_status_word(raqqa):
    extraction = extract(
        "Example Daily: Are IS fighters still present in al-Rawda?\n"
        "Hemo: No. We have fighters everywhere there.",
        raqqa,
        outlet="Example Daily",
    )

    (denial,) = extraction.proposals
    assert (denial.district_id, denial.kind, denial.status) == ("rawda", "denial", None)
