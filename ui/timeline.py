"""The map page's timeline: previous and next buttons, the report-day slider and Play.

One element in the page (an ``st.components.v2`` component, not an iframe) where
Streamlit's own widgets took four in a row: the browser redraws one element per
slider step instead of five, and a first visit loads no slider or button code.
Its script and the city's day list are static files, so a step sends little more
than the day. Play runs in the browser, one report day per ``seconds_per_day``.
The script (``assets/timeline.js``) is one ES module that the component imports
as it is published, so it may not import other files.
"""

import json
from collections.abc import Callable, Collection
from pathlib import Path

import streamlit as st
from streamlit.components.v2.types import ComponentRenderer

from ui.static_files import publish

ASSETS = Path(__file__).parent / "assets"
# Several lines: Streamlit takes a one-line string for a file path.
MARKUP = """<div class="timeline" role="group" aria-label="Timeline">
<button type="button" class="previous" aria-label="Previous report day"
 title="Previous report day" disabled>◀</button>
<output></output>
<input type="range" min="0" max="0" step="1" aria-label="Report day" disabled>
<button type="button" class="next" aria-label="Next report day"
 title="Next report day" disabled>▶</button>
<button type="button" class="play" aria-pressed="false"
 title="Advance one report day per second">Play</button>
</div>"""


@st.cache_resource
def _timeline() -> ComponentRenderer:
    """The component: inline markup and style, its script loaded from a static file."""
    script = publish("timeline", ".js", (ASSETS / "timeline.js").read_bytes())
    loader = (
        "export default async (component) =>\n"
        f"  (await import(new URL({json.dumps(script)}, document.baseURI)))"
        ".default(component);"
    )
    return st.components.v2.component(
        "frontline_timeline",
        html=MARKUP,
        css=(ASSETS / "timeline.css").read_text(encoding="utf-8"),
        js=loader,
    )


def timeline_control(
    day: str,
    days: Collection[str],
    days_url: str,
    *,
    key: str,
    seconds_per_day: float,
    on_pick: Callable[[str], None],
) -> None:
    """Show ``day`` on the timeline; ``on_pick`` gets the report day a reader moves to.

    ``days_url`` serves the city's days and their labels
    (``ui.city_cache.timeline_days_url``); a picked day not in ``days`` is ignored.
    """

    def picked() -> None:
        chosen = (st.session_state.get(key) or {}).get("day")
        if chosen in days:
            on_pick(chosen)

    _timeline()(
        key=key,
        data={"day": day, "daysUrl": days_url, "secondsPerDay": seconds_per_day},
        on_day_change=picked,
    )
