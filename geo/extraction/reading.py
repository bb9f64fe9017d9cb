"""Reading an article: an upload's bytes, its format, its main text and its sentences.

Everything the extractor's offsets point into is made here, and every input the
extractor refuses is refused here, with a message the user can act on. HTML is
reduced to its main text with trafilatura, which parses the markup and never
runs or renders it; plain text and Markdown are read as they are.
"""

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePath
from typing import TYPE_CHECKING

from geo.wording import counted

if TYPE_CHECKING:
    from lxml.html import HtmlElement

MAX_ARTICLE_CHARACTERS = 100_000
"""The longest article text read (about 15,000 words); longer text is refused."""
MAX_HTML_CHARACTERS = 2_000_000
"""The longest HTML page read before its main text is taken out."""
MAX_UPLOAD_BYTES = 4_000_000
"""The largest uploaded file read."""
MAX_SENTENCE_CHARACTERS = 1_000
"""Text without a sentence end for longer than this is read in pieces this long."""

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_TAG = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|p|div|article|section|script|style|span"
    r"|br|h[1-6]|main|meta|title)\b",
    re.IGNORECASE,
)
_MARKDOWN = re.compile(r"^(?:#{1,6}\s|>\s|\*\*|[-*+]\s|\d+\.\s)|\]\(", re.MULTILINE)
_LINE_MARKER = re.compile(r"^\s*(?:#{1,6}|>|[-*+]|\d+\.)\s+")
_SENTENCE_END = re.compile(r"[.!?؟][\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[^\W_a-z])")
_ABBREVIATION_TEXT = (
    "mr mrs ms dr gen col lt maj capt sgt st no vs jan feb mar apr jun jul aug sep sept"
    " oct nov dec approx est"
)
_ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())


class ExtractionError(ValueError):
    """The article cannot be read; the message says why, in words for the user."""


class ArticleFormat(StrEnum):
    """How the article's text is written."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


UPLOAD_SUFFIXES = {
    ".txt": ArticleFormat.TEXT,
    ".md": ArticleFormat.MARKDOWN,
    ".markdown": ArticleFormat.MARKDOWN,
    ".html": ArticleFormat.HTML,
    ".htm": ArticleFormat.HTML,
}
"""The file types an upload may have, and the format each is read as."""


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article text (offsets into it) and its paragraph number."""

    start: int
    end: int
    paragraph: int


def decode_article(data: bytes, filename: str) -> str:
    """Read an uploaded .txt, .md or .html file as text (UTF-8, or UTF-16 with a BOM).

    Raises ``ExtractionError`` naming the file and the problem: an unsupported
    type, a file too large, binary data, or bytes that are not UTF-8.
    """
    name = PurePath(filename).name or "the file"
    suffix = PurePath(filename).suffix.casefold()
    if suffix not in UPLOAD_SUFFIXES:
        allowed = ", ".join(UPLOAD_SUFFIXES)
        raise ExtractionError(f"{name}: only {allowed} files can be read")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ExtractionError(
            f"{name} is {len(data):,} bytes; the limit is {MAX_UPLOAD_BYTES:,}"
        )
    has_utf16_mark = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    encoding = "utf-16" if has_utf16_mark else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        if b"\x00" in data:
            raise ExtractionError(f"{name} is binary data, not text") from None
        raise ExtractionError(
            f"{name} is not UTF-8 text: byte 0x{data[error.start]:02x} at position"
            f" {error.start} cannot be read; save the file as UTF-8"
        ) from None
    _check_text(text, name)
    return text


def _check_text(text: str, name: str) -> None:
    """Refuse empty text, binary data and text that was decoded with losses."""
    if not text.strip():
        raise ExtractionError(f"{name} is empty")
    control = _CONTROL_CHARACTERS.findall(text)
    if "\x00" in text or len(control) > len(text) // 100:
        raise ExtractionError(
            f"{name} looks like binary data: it has {len(control)} control characters"
        )
    lost = text.count("\ufffd")
    if lost:
        raise ExtractionError(
            f"{name} has {counted(lost, 'undecodable character')} (shown as \ufffd); "
            "decode it as UTF-8"
        )


def guess_format(content: str, filename: str = "") -> ArticleFormat:
    """The article's format: by file name, else by HTML tags or Markdown marks."""
    suffix = PurePath(filename).suffix.casefold()
    if suffix in UPLOAD_SUFFIXES:
        return UPLOAD_SUFFIXES[suffix]
    head = content[:5000]
    if _HTML_TAG.search(head):
        return ArticleFormat.HTML
    if _MARKDOWN.search(head):
        return ArticleFormat.MARKDOWN
    return ArticleFormat.TEXT


_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|content-visibility\s*:\s*hidden",
    re.IGNORECASE,
)
_HIDDEN_XPATH = (
    "//template | //noscript | //*[@hidden] | //*[@aria-hidden='true'] | //*[@style]"
)


def _visible_html(html: str) -> str:
    """The page without the elements a reader never sees.

    ``hidden``, ``aria-hidden="true"``, ``display: none``, ``<template>`` and
    ``<noscript>`` are dropped with everything inside them.
    """
    from lxml import etree  # installed with trafilatura
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True)
    try:
        tree = lxml_html.document_fromstring(html, parser=parser)
    except (ValueError, etree.ParserError):
        return html
    for element in tree.xpath(_HIDDEN_XPATH):
        if element.tag in ("template", "noscript") or _hides(element):
            element.drop_tree()
    return lxml_html.tostring(tree, encoding="unicode")


def _hides(element: "HtmlElement") -> bool:
    """Whether an element's attributes hide it from the reader."""
    attributes = element.attrib
    return (
        "hidden" in attributes
        or attributes.get("aria-hidden", "").strip().casefold() == "true"
        or bool(_HIDDEN_STYLE.search(attributes.get("style", "")))
    )


def _html_main_text(html: str) -> str:
    """The visible main text of an HTML page, by trafilatura (parsed, never run)."""
    import trafilatura  # slow to import, and needed only for HTML

    document = html
    if not re.search(r"<\s*(?:html|body)\b", html, re.IGNORECASE):
        document = f"<html><body>{html}</body></html>"
    document = _visible_html(document)
    options = {
        "include_comments": False,
        "include_tables": False,
        "include_images": False,
        "include_links": False,
        "deduplicate": False,
    }
    text = trafilatura.extract(document, **options)
    if not text:
        text = trafilatura.extract(document, favor_recall=True, **options)
    return text or ""


def article_text(content: str, article_format: ArticleFormat) -> str:
    """The text that offsets point into: HTML's main text, or the text as given.

    Raises ``ExtractionError`` for empty, binary or over-long input, or HTML
    that holds no article text (only scripts, styles and markup).
    """
    _check_text(content, "The article")
    if article_format == ArticleFormat.HTML:
        if len(content) > MAX_HTML_CHARACTERS:
            raise ExtractionError(
                f"The HTML page is {len(content):,} characters; the limit is "
                f"{MAX_HTML_CHARACTERS:,}"
            )
        content = _html_main_text(content)
        if not content.strip():
            raise ExtractionError(
                "The HTML page has no article text: only scripts, styles or markup"
            )
    text = content.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_ARTICLE_CHARACTERS:
        raise ExtractionError(
            f"The article is {len(text):,} characters; the limit is "
            f"{MAX_ARTICLE_CHARACTERS:,}. Paste only the article's own text."
        )
    return text


def _ends_with_abbreviation(text: str, position: int) -> bool:
    """Whether the word before the full stop at ``position`` is an abbreviation.

    "Gen.", "U.S.", and "No." only before a number ("No. 5"; "No. Al-Rawda …"
    is an answer).
    """
    word = re.search(r"(\w+)$", text[max(0, position - 20) : position])
    if not word:
        return False
    written = word.group(1)
    if written.casefold() == "no":
        return bool(re.match(r"\.\s*\d", text[position : position + 4]))
    return written.casefold() in _ABBREVIATIONS or (
        len(written) == 1 and written.isupper()
    )


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences: at line breaks and at ". ", "? ", "! ", "؟ ".

    A full stop after an abbreviation ("Gen.", "U.S.") does not end a sentence;
    Markdown marks at the start of a line ("## ", "- ", "> ") are left out.
    """
    sentences: list[Sentence] = []
    for paragraph, line in enumerate(re.finditer(r"[^\n]+", text)):
        marker = _LINE_MARKER.match(line.group())
        start = line.start() + (marker.end() if marker else 0)
        ends = [
            end.end()
            for end in _SENTENCE_END.finditer(text, start, line.end())
            if not _ends_with_abbreviation(text, end.start())
        ]
        for end in [*ends, line.end()]:
            for piece_start, piece_end in _pieces(text, start, end):
                piece = text[piece_start:piece_end]
                if piece.strip():
                    lead = len(piece) - len(piece.lstrip())
                    sentences.append(
                        Sentence(
                            piece_start + lead,
                            piece_start + len(piece.rstrip()),
                            paragraph,
                        )
                    )
            start = end
    return sentences


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a run of text longer than ``MAX_SENTENCE_CHARACTERS`` at spaces.

    Text with no sentence end (a list without full stops, a pasted table) is then
    read in pieces instead of as one enormous sentence.
    """
    pieces = []
    while end - start > MAX_SENTENCE_CHARACTERS:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARACTERS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARACTERS
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces
