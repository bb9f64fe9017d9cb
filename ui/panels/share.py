"""The Share panel: a link to this exact view, an iframe, and (editors) Publish."""

from collections.abc import Mapping
from urllib.parse import urlencode

import streamlit as st

from ui.publish_form import publish_form


def share_panel(query: Mapping[str, str]) -> None:
    """This page's address with ``query`` (``ui.address.shared_query``), then as embed.

    The embed adds ``embed=true``: the page then shows only the map and its slider.
    """
    address = (st.context.url or "").split("?")[0]
    st.caption("This view (day, district, filters, layers, map position):")
    st.code(f"{address}?{urlencode(query)}", language=None)
    embedded = {**query, "embed": "true"}
    st.caption("For an iframe in a story (map, slider and legend only):")
    st.code(
        f'<iframe src="{address}?{urlencode(embedded)}" '
        'width="100%" height="700" style="border:0"></iframe>',
        language="html",
    )
    publish_form(query)
