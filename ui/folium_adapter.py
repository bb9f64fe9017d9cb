"""The one place that uses streamlit-folium's private names, and why.

streamlit-folium's only public way to draw a map, ``st_folium``, renders the
whole Folium figure on every call, compiling its templates anew: a third of a
slider step's server time. Our base map never changes with the day, so
``ui.map_component`` renders it once (``map_parts``) and then sends the
component only the day's one-line script (``draw_component``). That needs the
package's render helpers and its declared component, which are private:
``_get_html``, ``_get_header``, ``_get_map_string`` and ``_component_func``.

They may change in any release, so requirements.txt pins streamlit-folium and
folium, and ``tests/app/test_map_component.py`` fails, naming the pinned
versions, when the installed ones differ or a name here is gone. The browser
tests drive the real component. Nothing else in the project may use these names.
"""

from collections.abc import Callable, Sequence
from importlib.metadata import version
from typing import NamedTuple

import folium
import streamlit_folium

PINNED_PACKAGES = ("streamlit-folium", "folium")
"""The packages whose exact versions this module is written for (requirements.txt)."""
PRIVATE_NAMES = ("_get_html", "_get_header", "_get_map_string", "_component_func")
"""streamlit-folium's private names used here."""

_missing = [name for name in PRIVATE_NAMES if not hasattr(streamlit_folium, name)]
if _missing:
    raise ImportError(
        f"streamlit-folium {version('streamlit-folium')} lacks {', '.join(_missing)},"
        " which ui/folium_adapter.py needs: install the version requirements.txt pins."
    )


class MapParts(NamedTuple):
    """A rendered Folium map as streamlit-folium's component takes it."""

    script: str
    """The map's script, its element names made stable (``map_div``, ...)."""
    html: str
    header: str
    map_id: str


def map_parts(figure: folium.Map) -> MapParts:
    """Render ``figure`` once into the parts the component draws."""
    figure.get_root().render()
    figure.render()
    # Read the HTML and header first: making the script renames the figure's parts.
    html = streamlit_folium._get_html(figure)
    header = streamlit_folium._get_header(figure)
    map_id = streamlit_folium.get_full_id(figure)
    return MapParts(
        script=streamlit_folium._get_map_string(figure),
        html=html,
        header=header,
        map_id=map_id,
    )


def draw_component(
    parts: MapParts,
    *,
    key: str,
    height: int,
    css_links: Sequence[str],
    js_links: Sequence[str],
    step_script: str,
    on_change: Callable[[], None],
) -> None:
    """Draw the component: the base map once per ``key``, then ``step_script``.

    The browser loads the map when ``key`` is new and otherwise only runs
    ``step_script`` in the mounted map (streamlit-folium's "feature group"
    update). Only clicks are sent back, as ``last_object_clicked`` in
    ``st.session_state[key]``; ``on_change`` runs when one arrives.

    Lists go to the component as tuples, the same JSON: Streamlit asks of each
    list argument whether it is a table (with pandas), which cost every step
    0.19 ms for these three, a tuple nothing.
    """
    streamlit_folium._component_func(
        script=parts.script,
        header=parts.header,
        html=parts.html,
        id=parts.map_id,
        key=key,
        height=height,
        width=None,
        returned_objects=("last_object_clicked",),
        default={"last_object_clicked": None},
        zoom=None,
        center=None,
        feature_group=step_script,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=tuple(css_links),
        js_links=tuple(js_links),
        on_change=on_change,
        wrap_longitude=False,
    )
