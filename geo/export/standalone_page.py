"""One HTML file with the whole timeline and a slider, for readers: no server needed.

The HTML and CSS are templates (``templates/``). The page script is the ES module
``assets/standalone_page.js``, joined with the map modules it imports into one
classic script (``geo.maplayer.scripts``): a page opened from disk may not import
other files. Every value from a city or its reports reaches the page through
``geo.escaping``: ``html_text`` for markup, ``script_json`` for the embedded
data, so no report text can become an element or a script.
"""

import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from geo.city import City
from geo.days import format_day, report_day_on_or_before
from geo.escaping import html_text, script_json
from geo.export.leaflet import (
    INLINE_LEAFLET,
    InlineLeaflet,
    LeafletSource,
    checked_urls,
    vendored_leaflet,
)
from geo.export.notes import reader_note
from geo.export.pacing import (
    PAGE_SECONDS_PER_DAY,
    PAGE_SHORTEST_SECONDS,
    calendar_durations_ms,
)
from geo.export.provenance import provenance, published_line
from geo.maplayer.bundle import map_bundle
from geo.maplayer.scripts import classic_script
from geo.snapshots import Snapshot, filter_line
from geo.view_state import Layer

_CLOSING_TAG = re.compile(r"</(script|style)", re.IGNORECASE)
_PAGE_SCRIPT = Path(__file__).parent / "assets" / "standalone_page.js"


def _escaped(value: object) -> Markup:
    """A template value as HTML text, unless the code already made it safe."""
    return value if isinstance(value, Markup) else Markup(html_text(value))


_TEMPLATES = Environment(
    loader=PackageLoader("geo.export", "templates"),
    autoescape=True,
    finalize=_escaped,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def _render(template: str, **values: object) -> str:
    """Fill a template of ``templates/``; values are escaped by ``_escaped``."""
    return _TEMPLATES.get_template(template).render(values)


def _element_text(text: str) -> Markup:
    """Script or style text that cannot end its element before its own end tag.

    A ``</script`` or ``</style`` inside gets a backslash before the slash, which
    means the same thing inside JavaScript and CSS strings and comments.
    """
    return Markup(_CLOSING_TAG.sub(lambda match: "<\\/" + match.group(1), text))


@lru_cache(maxsize=1)
def _page_script() -> str:
    """The page's script and the modules it imports, as one classic script."""
    return classic_script(_PAGE_SCRIPT)


def _leaflet_values(leaflet: LeafletSource) -> dict[str, object]:
    """What the template needs to bring Leaflet in: its texts, or checked URLs."""
    if isinstance(leaflet, InlineLeaflet):
        script, stylesheet = vendored_leaflet()
        return {
            "leaflet_urls": None,
            "leaflet_script": _element_text(script),
            "leaflet_stylesheet": _element_text(stylesheet),
        }
    return {"leaflet_urls": checked_urls(leaflet)}


def _page_settings(city: City, start: date) -> dict:
    """What the page script needs besides the bundle (which has the view and labels).

    The day it opens on, and how long Play stays on each report day.
    """
    return {
        "start": city.days.index(start),
        "play_ms": calendar_durations_ms(
            city.days,
            PAGE_SECONDS_PER_DAY,
            PAGE_SHORTEST_SECONDS,
            PAGE_SHORTEST_SECONDS,
        ),
    }


def _published_words(city: City, found: Snapshot | None) -> dict[str, object]:
    """The page's title and words: a snapshot's, or the city's title alone."""
    if found is None:
        return {
            "title": city.title,
            "subtitle": "",
            "byline": "",
            "published": "",
            "notes": "",
            "events_shown": False,
        }
    words = found.publication
    published = published_line(found)
    lines = [published[:1].upper() + published[1:]]
    if filter_line(words.view.claimant):
        lines.append(filter_line(words.view.claimant))
    return {
        "title": words.title,
        "subtitle": words.subtitle,
        "byline": words.byline,
        "published": " · ".join(lines),
        "notes": words.notes,
        "events_shown": Layer.EVENTS in words.view.layers,
    }


def standalone_html(
    city: City,
    *,
    leaflet: LeafletSource = INLINE_LEAFLET,
    day: date | None = None,
    snapshot: Snapshot | None = None,
) -> str:
    """One HTML file with the whole timeline, a slider and Play; opens from disk.

    The page mounts ``frontline_map.js`` on the ``map_bundle`` embedded as JSON
    (escaped so no report text can close its script). Leaflet is inlined unless
    ``leaflet`` gives URLs. It opens on ``day`` (or the snapshot's, or the city's
    default day), moved back to the nearest report day. Made from ``snapshot``
    (``city`` holding its data), it carries the snapshot's title, subtitle,
    byline and notes, "as published <day>, revision N", and names the snapshot
    in its ``<meta>`` tags beside the data version.

    Raises:
        ValueError: if ``leaflet`` gives an address or integrity hash that is
            not safe to load (``geo.export.leaflet.checked_urls``).
    """
    opening = day or (snapshot.day if snapshot else city.default_day)
    start = report_day_on_or_before(city.days, opening)
    settings = _page_settings(city, start)
    return _render(
        "standalone_page.html",
        **_published_words(city, snapshot),
        provenance=provenance(city, snapshot),
        has_events=city.events is not None and not city.events.empty,
        credits=city.credits,
        reader_note=reader_note(city),
        last=len(city.days) - 1,
        start=settings["start"],
        day_label=format_day(start),
        bundle=Markup(script_json(map_bundle(city))),
        settings=Markup(script_json(settings)),
        page_script=_element_text(_page_script()),
        **_leaflet_values(leaflet),
    )
