"""Untrusted text shown as Markdown stays text in a real browser (issue 17, item 8).

Streamlit undoes Markdown escapes and then turns addresses in the text into links
(``www.…``, ``https://…``, e-mail) and ``:material/…:`` into icons: a report id
in "File a denial of …" became a live phishing link. ``markdown_text`` must keep
every such text, and the injection corpus, literally as it was.
"""

from collections import Counter
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import ROOT
from tests.e2e.conftest import (  # noqa: F401 (fixtures: Debian's Chromium)
    browser_context_args,
    browser_type_launch_args,
    start_streamlit,
)
from tests.security.markdown_page import DONE, SHOWN

ELEMENTS_PER_TEXT = 3
WORD_JOINER = "\u2060"
MARKDOWN = '[data-testid="stMarkdown"], [data-testid="stAlert"]'
LIVE = "a, img, svg, iframe, script, [data-testid^='stIcon']"
"""Elements text could become: links, pictures, frames, scripts and icons."""
SHOWN_TEXTS = f"""() => [...document.querySelectorAll(`{MARKDOWN}`)]
    .map((node) => node.innerText)"""
LIVE_ELEMENTS = f"""() => [...document.querySelectorAll(`:is({MARKDOWN}) :is({LIVE})`)]
    .map((node) => node.outerHTML.slice(0, 80))"""


def as_read(text: str) -> str:
    """Text as a reader sees it: HTML folds spaces, Markdown shows NUL as U+FFFD."""
    visible = text.replace(WORD_JOINER, "").replace("\0", "\ufffd")
    return " ".join(visible.split())


@pytest.fixture(scope="module")
def page_url(tmp_path_factory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("markdown")
    yield from start_streamlit(
        folder / "frontline.sqlite3",
        script=str(ROOT / "tests" / "security" / "markdown_page.py"),
        PYTHONPATH=str(ROOT),
    )


@pytest.mark.browser
def test_untrusted_text_in_markdown_is_shown_literally_and_links_nowhere(
    page: Page, page_url: str
):
    page.goto(page_url)
    expect(page.get_by_text(DONE, exact=True)).to_be_visible(timeout=30_000)

    shown = Counter(as_read(text) for text in page.evaluate(SHOWN_TEXTS))

    missing = [text for text in SHOWN if shown[as_read(text)] < ELEMENTS_PER_TEXT]
    assert missing == []
    assert page.evaluate(LIVE_ELEMENTS) == []
    assert page.evaluate("() => window.pwned") is None
