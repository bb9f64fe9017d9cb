"""Reading an article: formats, sentences and speakers."""

import pytest

from geo.extraction.attribution import find_attributions
from geo.extraction.reading import (
    ArticleFormat,
    article_text,
    guess_format,
    split_sentences,
)


def sentences(text):
    return [text[item.start : item.end] for item in split_sentences(text)]


def test_sentences_end_at_full_stops_but_not_after_abbreviations():
    text = "U.S.-backed forces advanced. Gen. Townsend said so. Was it true? Yes."
    assert sentences(text) == [
        "U.S.-backed forces advanced.",
        "Gen. Townsend said so.",
        "Was it true?",
        "Yes.",
    ]


def test_lines_are_sentences_and_markdown_marks_are_left_out():
    text = "# Headline here\n\n- First point\n> Quoted line.\nقال مصدر. وأضاف آخر؟ نعم."
    assert sentences(text) == [
        "Headline here",
        "First point",
        "Quoted line.",
        "قال مصدر.",
        "وأضاف آخر؟",
        "نعم.",
    ]


@pytest.mark.parametrize(
    ("content", "filename", "expected"),
    [
        ("<p>The SDF said</p>", "", ArticleFormat.HTML),
        ("<!DOCTYPE html><html></html>", "", ArticleFormat.HTML),
        ("## Update\n\nText", "", ArticleFormat.MARKDOWN),
        ("Plain words, 3 < 4.", "", ArticleFormat.TEXT),
        ("<p>tags in a text file</p>", "notes.txt", ArticleFormat.TEXT),
    ],
)
def test_the_format_is_read_from_the_name_else_the_content(content, filename, expected):
    assert guess_format(content, filename) == expected


def test_html_gives_its_article_text_without_scripts_or_styles():
    page = (
        "<html><head><style>p{color:red}</style><script>var x='al-Rashid';</script>"
        "</head><body><p>The SDF captured al-Mashlab on Tuesday.</p></body></html>"
    )
    text = article_text(page, ArticleFormat.HTML)
    assert "The SDF captured al-Mashlab on Tuesday." in text
    assert "al-Rashid" not in text
    assert "color" not in text


@pytest.mark.parametrize(
    "hidden",
    [
        "<p hidden>IS retook al-Rashid on Monday.</p>",
        '<div aria-hidden="true"><p>IS retook al-Rashid on Monday.</p></div>',
        "<template><p>IS retook al-Rashid on Monday.</p></template>",
        '<p style="color: red; display : none">IS retook al-Rashid on Monday.</p>',
        '<section style="visibility:hidden"><p>IS retook al-Rashid.</p></section>',
        "<noscript><p>IS retook al-Rashid on Monday.</p></noscript>",
    ],
)
def test_hidden_html_text_is_never_read(hidden):
    page = (
        "<html><body><article><h1>News from Raqqa</h1>"
        f"<p>The SDF captured al-Mashlab on Tuesday, its commander said.</p>{hidden}"
        "<p>Fighting went on in al-Sinaa on Tuesday, residents said.</p>"
        "</article></body></html>"
    )
    text = article_text(page, ArticleFormat.HTML)
    assert "al-Mashlab" in text
    assert "al-Rashid" not in text


def test_no_and_a_capital_after_it_ends_a_sentence_but_no_before_a_number_does_not():
    assert sentences("Hemo: No. Al-Rawda is ours. See item No. 5 here.") == [
        "Hemo: No.",
        "Al-Rawda is ours.",
        "See item No. 5 here.",
    ]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Aras Hamo, an SDF commander, said fighting went on.",
            "Aras Hamo, an SDF commander",
        ),
        (
            "An SDF commander, Rezan Kobani, denied it.",
            "An SDF commander, Rezan Kobani",
        ),
        (
            '"We won," said Dalil Haso, a spokesman for the SDF.',
            "Dalil Haso, a spokesman for the SDF",
        ),
        (
            "Clashes went on, according to the Syrian Observatory.",
            "the Syrian Observatory",
        ),
        ("According to the monitor, the SDF holds it.", "the monitor"),
        (
            "It fell, a spokeswoman for the alliance said.",
            "a spokeswoman for the alliance",
        ),
        ("The SDF on Tuesday told reporters it was true.", "The SDF"),
        (
            "Strike Monitor, a group that tracks air strikes, said 12 died.",
            "Strike Monitor, a group that tracks air strikes",
        ),
        ("Residents interviewed by Example Daily say it fell.", "Residents"),
        ("وكانت قسد قد أعلنت أمس تقدمها في الحي.", "قسد"),
        (
            "وقال المتحدث باسم قوات سوريا الديمقراطية إن الحي سقط",
            "المتحدث باسم قوات سوريا الديمقراطية",
        ),
    ],
)
def test_the_speaker_is_the_phrase_next_to_the_reporting_verb(sentence, speaker):
    assert [item.speaker for item in find_attributions(sentence)] == [speaker]


def test_a_district_before_the_verb_is_not_taken_for_the_speaker():
    sentence = "The SDF captured Tishreen, the commander said."
    start = sentence.index("Tishreen")
    found = find_attributions(sentence, [(start, start + len("Tishreen"))])
    assert [item.speaker for item in found] == ["the commander"]
