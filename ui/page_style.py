"""The few style rules the app adds to Streamlit's theme (``.streamlit/config.toml``).

The theme has no setting for a heading's size on a phone, nor for hiding the
sidebar and header in an embed, so ``assets/page.css`` and ``assets/embed.css``
select Streamlit's elements by their ``data-testid``, the names Streamlit's own
tests use, and a keyed container by the ``st-key-`` class its key gives it.
``tests/e2e/test_reader_layout.py`` and ``tests/e2e/test_embed_resize.py`` fail
if the rules stop matching.
"""

from pathlib import Path

import streamlit as st

ASSETS = Path(__file__).parent / "assets"
PAGE_RULES = (ASSETS / "page.css").read_text()
EMBED_RULES = (ASSETS / "embed.css").read_text()


def style_page(*, embedded: bool) -> None:
    """Add the app's rules, and an embed's when the page is in a story's frame.

    A ``st.html`` of style alone takes no room on the page.
    """
    rules = PAGE_RULES + EMBED_RULES if embedded else PAGE_RULES
    st.html(f"<style>{rules}</style>")
