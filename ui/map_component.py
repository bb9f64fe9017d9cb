"""The map on the page: streamlit-folium's component, fed a base map rendered once.

Our base map never changes with the day, so it is rendered once per city version,
tile choice and opening view (cached by ``ui.city_cache``), and a step sends only
the one-line ``geo.maplayer.bundle.day_script``. Rendering once needs
streamlit-folium's private helpers, which only ``ui.folium_adapter`` touches.
"""

import hashlib
from collections.abc import Callable
from typing import NamedTuple

import folium
import streamlit as st

from ui.folium_adapter import MapParts, draw_component, map_parts


class RenderedMap(NamedTuple):
    """A Folium map as the component's arguments: its parts and the files it loads."""

    parts: MapParts
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]
    digest: str
    """Names this base map: another one gets a fresh component instance."""


def _links(declared: list[tuple[str, str]]) -> tuple[str, ...]:
    """The URLs of a map's ``default_js`` or ``default_css``, each once, in order."""
    return tuple(dict.fromkeys(url for _, url in declared))


def render_map(figure: folium.Map) -> RenderedMap:
    """Render ``figure`` once into what the component needs to draw it.

    The figure declares every script and stylesheet it needs on itself
    (``geo.maplayer.bundle.base_map``), so those are the files the frame loads.
    """
    parts = map_parts(figure)
    return RenderedMap(
        parts=parts,
        css_links=_links(figure.default_css),
        js_links=_links(figure.default_js),
        digest=hashlib.sha256(parts.script.encode("utf-8")).hexdigest()[:16],
    )


def show_map(
    rendered: RenderedMap,
    day_script: str,
    *,
    key: str,
    height: int,
    on_click: Callable[[dict], None],
) -> None:
    """Draw the map and run ``day_script`` in it; ``on_click`` gets clicked points.

    The browser redraws the map only when the base map changes; otherwise a step
    just runs the new ``day_script``. A click passes ``{"lat": ..., "lng": ...}``.
    """
    instance = f"{key}-{rendered.digest}"

    def clicked() -> None:
        value = st.session_state.get(instance) or {}
        if value.get("last_object_clicked"):
            on_click(value["last_object_clicked"])

    draw_component(
        rendered.parts,
        key=instance,
        height=height,
        css_links=list(rendered.css_links),
        js_links=list(rendered.js_links),
        step_script=day_script,
        on_change=clicked,
    )
