"""A map in a story: the embed code a story pastes, and the height it reports.

A story's iframe cannot know how tall the map's page is. So the page, when
embedded (``?embed=true``), reports its content height to the story with
``postMessage`` whenever it changes (``assets/embed_height.js``, an element with
nothing to see), and the embed code carries a small script of ours after the
iframe that sets the iframe's height from those messages only
(``assets/embed_host.js``): the map never shows an inner scrollbar or a blank.
"""

from functools import cache
from pathlib import Path

import streamlit as st
from streamlit.components.v2.types import ComponentRenderer

from geo.escaping import html_text

ASSETS = Path(__file__).parent / "assets"
REPORTER_KEY = "embed_height"
START_HEIGHT = 760
"""The iframe's height before the page has reported its own (a desktop map)."""


@st.cache_resource
def _height_reporter() -> ComponentRenderer:
    script = (ASSETS / "embed_height.js").read_text(encoding="utf-8")
    return st.components.v2.component("frontline_embed_height", js=script)


def report_height() -> None:
    """In a story's iframe, keep telling the story how tall this page is."""
    if st.context.is_embedded:
        _height_reporter()(key=REPORTER_KEY)


@cache
def _host_script() -> str:
    """The story's side, without its comment (the embed code should stay short)."""
    lines = (ASSETS / "embed_host.js").read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith("//"))


def embed_code(address: str, title: str) -> str:
    """An iframe of ``address`` with the script that fits its height to the map.

    ``address`` and ``title`` are escaped for an attribute.
    """
    return (
        f'<iframe src="{html_text(address)}" title="{html_text(title)}" '
        f'width="100%" height="{START_HEIGHT}" style="border:0;width:100%">'
        f"</iframe>\n<script>\n{_host_script()}\n</script>"
    )
