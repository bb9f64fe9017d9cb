"""The Share panel: a link to this exact view, an iframe, and (editors) Publish."""

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st
from streamlit.components.v2.types import ComponentRenderer

from ui.address import note_map_position
from ui.embed import embed_code
from ui.publish_form import publish_form

POSITION_KEY = "map_position"
POSITION_SCRIPT = Path(__file__).parents[1] / "assets" / "map_position.js"


@st.cache_resource
def _map_position() -> ComponentRenderer:
    """An element with nothing to see whose script sends the map's position."""
    return st.components.v2.component(
        "frontline_map_position", js=POSITION_SCRIPT.read_text(encoding="utf-8")
    )


def _position_sent() -> None:
    sent = (st.session_state.get(POSITION_KEY) or {}).get("position")
    note_map_position(sent or {})


def share_panel(query: Mapping[str, str]) -> None:
    """This page's address with ``query`` (``ui.address.shared_query``), then as embed.

    The embed adds ``embed=true``: the page then shows only the map and its slider.
    While the panel is open, the map's centre and zoom are sent from the browser's
    address, and the link follows them a moment after each pan or zoom.
    """
    _map_position()(key=POSITION_KEY, on_position_change=_position_sent)
    address = (st.context.url or "").split("?")[0]
    st.caption("This view (day, district, filters, layers, map position):")
    st.code(f"{address}?{urlencode(query)}", language=None)
    embedded = {**query, "embed": "true"}
    st.caption("For an iframe in a story (map, slider and legend only):")
    st.code(
        embed_code(f"{address}?{urlencode(embedded)}", "Frontline map"),
        language="html",
    )
    publish_form(query)
