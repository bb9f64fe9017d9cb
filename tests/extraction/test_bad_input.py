"""Input the extractor refuses, with a message a user can act on."""

from datetime import date

import pytest

from geo.extraction import (
    MAX_ARTICLE_CHARACTERS,
    ArticleFormat,
    ExtractionError,
    decode_article,
    extract_reports,
)

ARTICLE = "The SDF captured al-Mashlab on Tuesday."


def extract(content, raqqa, **overrides):
    arguments = {
        "url": "https://example.org/a",
        "published": date(2017, 6, 13),
        "outlet": "Example Wire",
        "city": raqqa,
        **overrides,
    }
    return extract_reports(content, **arguments)


@pytest.mark.parametrize("content", ["", "   \n\t "])
def test_empty_text_is_refused(content, raqqa):
    with pytest.raises(ExtractionError, match="empty"):
        extract(content, raqqa)


def test_text_over_the_limit_is_refused(raqqa):
    content = ARTICLE + " " + "x" * MAX_ARTICLE_CHARACTERS
    with pytest.raises(ExtractionError, match="the limit is 100,000"):
        extract(content, raqqa)


def test_text_full_of_control_characters_is_binary(raqqa):
    with pytest.raises(ExtractionError, match="binary data"):
        extract("PK\x03\x04\x00\x00" + ARTICLE, raqqa)


def test_html_with_only_scripts_has_no_article_text(raqqa):
    page = "<html><head><script>var a = 'SDF captured al-Mashlab';</script></head>"
    page += (
        "<body><script>document.write('<p>al-Rashid fell</p>')</script></body></html>"
    )
    with pytest.raises(ExtractionError, match="no article text"):
        extract(page, raqqa, article_format=ArticleFormat.HTML)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"url": "javascript:alert(1)"}, "not http"),
        ({"outlet": "  "}, "outlet is empty"),
    ],
)
def test_a_source_that_cannot_be_cited_is_refused(overrides, message, raqqa):
    with pytest.raises(ExtractionError, match=message):
        extract(ARTICLE, raqqa, **overrides)


def test_an_article_with_no_claim_gives_no_proposals(raqqa):
    assert extract("Aid arrived in the city on Monday.", raqqa).proposals == ()


def test_uploads_decode_utf8_with_or_without_bom_and_utf16():
    assert decode_article(ARTICLE.encode(), "a.txt") == ARTICLE
    assert decode_article(b"\xef\xbb\xbf" + ARTICLE.encode(), "a.md") == ARTICLE
    assert decode_article(ARTICLE.encode("utf-16"), "a.html") == ARTICLE


def test_undecodable_bytes_name_the_file_and_position():
    data = "Caf\u00e9 in al-Mashlab".encode("latin-1")
    with pytest.raises(ExtractionError, match=r"a\.txt is not UTF-8 text: byte 0xe9"):
        decode_article(data, "uploads/a.txt")


def test_binary_uploads_are_refused():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    with pytest.raises(ExtractionError, match="binary"):
        decode_article(png, "photo.txt")


def test_only_text_markdown_and_html_files_are_read():
    with pytest.raises(ExtractionError, match=r"report\.pdf: only \.txt, \.md"):
        decode_article(b"%PDF-1.7", "report.pdf")


def test_an_empty_upload_is_refused():
    with pytest.raises(ExtractionError, match=r"a\.txt is empty"):
        decode_article(b"", "a.txt")
