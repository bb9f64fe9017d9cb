"""The map on the page: streamlit-folium's component, fed a base map rendered once.

Our base map never changes with the day, so it is rendered once per city version,
tile choice and opening view (``rendered_map``), and a step sends only the
one-line ``geo.maplayer.bundle.day_script``. Rendering once needs
streamlit-folium's private helpers, which only ``ui.folium_adapter`` touches.

``ui.city_cache`` makes the city and its map bundle and never imports this
module: streamlit-folium registers its component only when first imported by a
page's script, and ``ui.prepare_ahead`` uses ``city_cache`` outside one.
"""

import hashlib
from collections.abc import Callable
from datetime import date
from typing import NamedTuple

import folium
import streamlit as st

from geo.compare import Claimant
from geo.maplayer.bundle import base_map
from ui.city_cache import (
    CityVersion,
    bundle_on_disk,
    city_at,
    first_bundle_day,
    map_bundle_url,
)
from ui.folium_adapter import MapParts, draw_component, map_parts
from ui.static_files import map_asset_urls

_SESSION_KEY = "frontline_rendered_map"
"""Where a session keeps the base map it drew last (``rendered_map``)."""


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


@st.cache_resource(max_entries=64)
def _rendered_map(
    version: CityVersion,
    claimant: Claimant,
    street_tiles: bool,
    view: tuple[float, float, int] | None,
    embedded: bool,
    first_day: date | None,
) -> RenderedMap:
    figure = base_map(
        city_at(version),
        bundle_url=map_bundle_url(version, claimant, embedded, first_day),
        street_tiles=street_tiles,
        view=view,
        **map_asset_urls(),
    )
    return render_map(figure)


def rendered_map(
    version: CityVersion,
    claimant: Claimant,
    street_tiles: bool,
    view: tuple[float, float, int] | None,
    day: date,
    *,
    private: bool,
) -> RenderedMap:
    """The base map, rendered once per city version, tiles and opening view.

    It loads the whole bundle when the server has it, else a first bundle of
    ``day`` (``city_cache.first_bundle_day``): the map fetches the whole one
    itself once it is built. On a ``private`` desk (``auth.settings().private``,
    asked once per page run, not per step) the whole bundle is inside it: each
    step then carries it (Raqqa: 103 kB before compression) instead of a short
    address.

    The session keeps the last one it drew with its arguments, whatever the
    day: a step that changes none of them is answered from there, not by the
    shared caches, whose look-ups cost a step 0.25 ms (hashing the arguments
    each time), and the open map is never drawn anew for a step.
    """
    arguments = (version, claimant, street_tiles, view, private)
    kept = st.session_state.get(_SESSION_KEY)
    if kept is not None and kept[0] == arguments and bundle_on_disk(kept[1]):
        return kept[2]
    first_day = first_bundle_day(version, claimant, private, day)
    url = map_bundle_url(version, claimant, private, first_day)
    rendered = _rendered_map(version, claimant, street_tiles, view, private, first_day)
    st.session_state[_SESSION_KEY] = (arguments, url, rendered)
    return rendered


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
        css_links=rendered.css_links,
        js_links=rendered.js_links,
        step_script=day_script,
        on_change=clicked,
    )
