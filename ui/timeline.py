"""The map page's timeline: a calendar slider, previous and next report day, Play.

One element in the page (an ``st.components.v2`` component, not an iframe) where
Streamlit's own widgets took four in a row: the browser redraws one element per
slider step instead of five, and a first visit loads no slider or button code.
The slider spans every calendar day of the city, with month ticks and a mark on
each report day; ◀ and ▶ jump between report days; Play moves day by day at the
reader's chosen speed and stays longer on report days. Its script and the city's
calendar are static files, so a step sends little more than the day, and Play
runs in the browser. A step first tells the map's frame the day
(``geo/maplayer/assets/day_channel.js``), so the map repaints without waiting
for the server, and then the server, so the ledger and panels follow. The
script (``assets/timeline.js``) is one ES module that the component imports as
it is published, so it may not import other files.
"""

import json
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from pathlib import Path

import streamlit as st
from streamlit.components.v2.types import ComponentRenderer

from geo.days import calendar_days, format_day, month_starts
from geo.view_state import ViewChoices
from ui.static_files import publish

ASSETS = Path(__file__).parent / "assets"
# Several lines: Streamlit takes a one-line string for a file path.
MARKUP = """<div class="timeline" role="group" aria-label="Timeline">
<div class="when">
<button type="button" class="previous" aria-label="Previous report day"
 title="Previous report day" disabled>◀</button>
<div class="day"><output></output><span class="as-of"></span></div>
<button type="button" class="next" aria-label="Next report day"
 title="Next report day" disabled>▶</button>
</div>
<div class="track">
<input type="range" min="0" max="0" step="1" aria-label="Day" disabled>
<div class="marks" aria-hidden="true"></div>
</div>
<div class="play-controls">
<button type="button" class="play" aria-pressed="false"
 title="Move through the days; stay a moment on each report day">Play</button>
<select class="speed" aria-label="Play speed" title="Play speed">
<option value="1">1 day/s</option>
<option value="7" selected>1 week/s</option>
<option value="30">1 month/s</option>
</select>
</div>
</div>"""


@st.cache_resource
def _timeline() -> ComponentRenderer:
    """The component: inline markup; its style and script are static files.

    Streamlit sends a component's markup, style and script with every step, so
    the style is imported (and kept by the browser) rather than inlined; the
    control stays hidden until its script has drawn it, so it never shows unstyled.
    """
    script = publish("timeline", ".js", (ASSETS / "timeline.js").read_bytes())
    style = publish("timeline", ".css", (ASSETS / "timeline.css").read_bytes())
    loader = (
        "export default async (component) =>\n"
        f"  (await import(new URL({json.dumps(script)}, document.baseURI)))"
        ".default(component);"
    )
    return st.components.v2.component(
        "frontline_timeline",
        html=MARKUP,
        # Two lines: Streamlit takes a one-line string for a file path.
        css=f"@import url({json.dumps(style)});\n"
        ".timeline:not([data-ready]){visibility:hidden}",
        js=loader,
    )


def calendar_file(calendar: tuple[date, ...], report_days: tuple[date, ...]) -> dict:
    """What the timeline draws: each day and its label, report days, month ticks.

    ``reports`` (every report day, which ``calendar`` must hold) and each month's
    first element are indexes into ``days``.
    """
    index_of = {day: index for index, day in enumerate(calendar)}
    return {
        "days": [day.isoformat() for day in calendar],
        "labels": [format_day(day) for day in calendar],
        "reports": [index_of[day] for day in report_days],
        "months": month_starts(calendar),
    }


# A plain memo, not st.cache_resource: Streamlit hashes a tuple of 365 days in
# about 30 ms, which every slider step would pay; Python hashes it in 2 µs.
@lru_cache(maxsize=16)
def _calendar_url(first: date, last: date, report_days: tuple[date, ...]) -> str:
    content = json.dumps(
        calendar_file(calendar_days(first, last), report_days), separators=(",", ":")
    )
    return publish("calendar", ".json", content.encode("utf-8"))


def timeline_control(
    day: str,
    choices: ViewChoices,
    *,
    key: str,
    on_pick: Callable[[str], None],
) -> None:
    """Show ``day`` on the timeline; ``on_pick`` gets the day a reader moves to.

    Any day of ``choices.calendar`` may be picked; another one is ignored.
    """

    def picked() -> None:
        chosen = (st.session_state.get(key) or {}).get("day")
        if chosen in choices.calendar_labels:
            on_pick(chosen)

    days_url = _calendar_url(choices.calendar[0], choices.calendar[-1], choices.days)
    _timeline()(key=key, data={"day": day, "daysUrl": days_url}, on_day_change=picked)
