"""The map on the page: streamlit-folium's component, fed a base map rendered once.

``st_folium`` renders the whole Folium figure on every call, compiling its
templates anew each time: a third of a slider step's server time. Our base map
never changes with the day, so it is rendered once per city version, tile choice
and opening view (cached by ``ui.loading``), and a step sends only the one-line
``geo.map_layers.day_script``. This uses streamlit-folium's component and render
helpers directly, which is why requirements.txt pins its version; the browser
tests drive the real component.
"""

import hashlib
from collections.abc import Callable, Iterator
from typing import NamedTuple

import folium
import streamlit as st
import streamlit_folium
from branca.element import Element


class RenderedMap(NamedTuple):
    """A Folium map as the component's arguments: HTML, header, script and links."""

    script: str
    html: str
    header: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]
    digest: str
    """Names this base map: another one gets a fresh component instance."""


def _elements(element: Element) -> Iterator[Element]:
    yield element
    for child in element._children.values():
        yield from _elements(child)


def _links(elements: list[Element], attribute: str) -> tuple[str, ...]:
    """The script or stylesheet URLs the elements ask for, each once, in order."""
    urls = (url for element in elements for _, url in getattr(element, attribute, ()))
    return tuple(dict.fromkeys(urls))


def render_map(figure: folium.Map) -> RenderedMap:
    """Render ``figure`` once into what the component needs to draw it."""
    figure.get_root().render()
    figure.render()
    html = streamlit_folium._get_html(figure)
    header = streamlit_folium._get_header(figure)
    elements = list(_elements(figure))
    script = streamlit_folium._get_map_string(figure)
    return RenderedMap(
        script=script,
        html=html,
        header=header,
        map_id=streamlit_folium.get_full_id(figure),
        css_links=_links(elements, "default_css"),
        js_links=_links(elements, "default_js"),
        digest=hashlib.sha256(script.encode("utf-8")).hexdigest()[:16],
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

    streamlit_folium._component_func(
        script=rendered.script,
        header=rendered.header,
        html=rendered.html,
        id=rendered.map_id,
        key=instance,
        height=height,
        width=None,
        returned_objects=["last_object_clicked"],
        default={"last_object_clicked": None},
        zoom=None,
        center=None,
        feature_group=day_script,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=list(rendered.css_links),
        js_links=list(rendered.js_links),
        on_change=clicked,
        wrap_longitude=False,
    )
