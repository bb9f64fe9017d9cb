"""The map contract: the bundle and the per-day message Python sends the browser.

Described once, here. ``bundle.py`` builds these types; ``assets/bundle.schema.json``
is written from them (``python -m geo.maplayer.contract``, checked by a test); and
the browser's ``assets/contract.js`` reads them by these field names and refuses a
bundle or message whose ``schema_version`` is not its own. Change a field here,
raise ``SCHEMA_VERSION``, rewrite the schema and update ``contract.js``.

Reports, states, events and each district's timeline are tables of columns: one
list per field, all of one length, row ``i`` across them. That names every field
yet spells each name once, not once per row, which keeps the bundle of a city
with 50 000 reports small. Text shown as HTML is escaped in Python
(``geo.escaping``) and stored once in ``text``; tables refer to it by index.
"""

import json
import sys
from pathlib import Path
from typing import Annotated, Any, Literal, TypedDict

from geo.colours import Pattern
from geo.maplayer.json_schema import JsonSchema, Keywords, json_schema
from geo.status import FeatureKind

SCHEMA_VERSION = 6
"""Raised whenever a field of the bundle or the day view changes meaning or shape."""
SCHEMA_FILE = Path(__file__).parent / "assets" / "bundle.schema.json"

_VERSION = Annotated[
    int,
    Keywords(const=SCHEMA_VERSION),
    "The contract version the sender wrote (geo/maplayer/contract.py).",
]
IsoDay = Annotated[str, Keywords(pattern=r"^\d{4}-\d{2}-\d{2}$"), "A day, YYYY-MM-DD."]
TextIndex = Annotated[int, Keywords(minimum=0), "An index into `text`."]
Html = Annotated[str, "HTML escaped in Python (geo.escaping): inserted as it is."]
Colour = Annotated[str, "A CSS colour."]
GeoJson = Annotated[dict[str, Any], "GeoJSON, coordinates as longitude, latitude."]


_PATTERN = Annotated[
    Pattern, "flat, or a pattern of `patterns`: hatch (disputed), dots (no report)."
]


class DistrictStyle(TypedDict):
    """How one map class is filled."""

    key: Annotated[str, "Its name, geo.colours.style_key: held:sdf:partial."]
    fill: Colour
    opacity: Annotated[float, "Fill opacity before the fade."]
    pattern: _PATTERN
    explanation: Annotated[
        Html, "What the class means, under a district's status; empty for most."
    ]


class LegendEntry(TypedDict):
    """One fill of the map's legend, in legend order."""

    label: Html
    fill: Colour
    opacity: float
    pattern: _PATTERN


class LineStyle(TypedDict):
    """How a line or a district's outline is drawn, and its legend label."""

    colour: Colour
    weight: Annotated[float, "Width in pixels."]
    dash: Annotated[str | None, "An SVG dash array (8 6); null: solid."]
    label: Html


class Lines(TypedDict):
    """Every line the map draws (geo.colours); each but `district` in the legend."""

    district: Annotated[LineStyle, "A district's own boundary."]
    selected: LineStyle
    changed: Annotated[LineStyle, "Districts that changed since the day compared."]
    disagreeing: Annotated[LineStyle, "Districts where the two picked sources differ."]
    frontline: LineStyle
    landmark: Annotated[
        LineStyle, "The ring around a landmark's dot; its label, the legend's row."
    ]


class Hatch(TypedDict):
    """Diagonal stripes: `stripe_width` of `stripe` in every `size` pixels."""

    stripe: Colour
    background: Colour
    size: int
    stripe_width: int


class Dots(TypedDict):
    """Round dots of `radius` pixels on a grid of `spacing` pixels."""

    dot: Colour
    background: Colour
    spacing: int
    radius: float


class Patterns(TypedDict):
    """The two patterned fills (geo.colours)."""

    hatch: Hatch
    dots: Dots


class Colours(TypedDict):
    """The colours of the river and point events (geo.colours)."""

    river: Colour
    events: Annotated[dict[str, Colour], "A point event's colour by its kind."]


class Fade(TypedDict):
    """How colours fade as their latest report ages (geo.colours)."""

    share_by_age: Annotated[
        list[float],
        Keywords(minItems=1),
        "The share of its opacity a district or event keeps at each age in days,"
        " from 0; older ages keep the last share, and no report keeps it all.",
    ]
    steps: Annotated[
        int, Keywords(minimum=1), "Opacity is drawn in this many steps of the full."
    ]


class DistrictProperties(TypedDict):
    """What the browser needs of a district besides its shape."""

    id: str
    kind: FeatureKind


class DistrictFeature(TypedDict):
    """A district (polygon) or landmark (point), simplified for display."""

    type: Literal["Feature"]
    properties: DistrictProperties
    geometry: GeoJson


class Districts(TypedDict):
    """Every district and landmark as one GeoJSON feature collection."""

    type: Literal["FeatureCollection"]
    features: list[DistrictFeature]


class Reports(TypedDict):
    """Every report, as columns: row ``i`` of each list is report ``i``."""

    day: list[IsoDay]
    source: list[TextIndex]
    source_type: list[TextIndex]
    kind: Annotated[list[TextIndex], "claim, assessment, ... or denial of <ids>."]
    says: Annotated[list[TextIndex], "What it says, e.g. held by SDF (partly)."]
    link: Annotated[list[TextIndex | None], "Its web address, or null."]
    note: list[TextIndex]


class States(TypedDict):
    """Every distinct resolved state of a district, as columns.

    The last three are sparse: keyed by the state's index (as a string), and
    only for the few states that have any.
    """

    style: Annotated[list[int], "An index into `styles`."]
    status: Annotated[list[TextIndex], "The state in words, capitalised."]
    as_of: Annotated[
        list[IsoDay | None], "The day of the reports behind it; null: no report."
    ]
    deciding: Annotated[list[list[int]], "Indexes of the reports that decide it."]
    denied: Annotated[
        dict[str, list[int]], "Deciding reports another party denies: struck through."
    ]
    denials: Annotated[
        dict[str, list[int]], "Other parties' denials of them, unless deciding too."
    ]
    withdrawn: Annotated[
        dict[str, list[int]], "Reports withdrawn by their own source: struck through."
    ]


class Changes(TypedDict):
    """One district's timeline: each day its state changes, and the new state."""

    day: Annotated[list[IsoDay], "Ascending."]
    state: Annotated[list[int], "An index into `states`."]


class Events(TypedDict):
    """Point events, oldest first, as columns."""

    day: list[IsoDay]
    lat: list[float]
    lon: list[float]
    kind: Annotated[list[str], "A key of `colours.events`."]
    popup: list[TextIndex]


class Places(TypedDict):
    """Each district and landmark's name on the map, as columns (geo.maplayer.places).

    Districts come largest first, the order labels are placed in, then landmarks.
    """

    id: list[str]
    label: Annotated[
        list[Html],
        "The name written on the map: English or local (city.toml [map] labels),"
        " without its bracketed gloss.",
    ]
    rtl: Annotated[list[bool], "The label is written right to left (Arabic, ...)."]
    lat: Annotated[
        list[float],
        "Where the label sits: inside the district, beyond any landmark's reach,"
        " so a click there selects it; a landmark's own point.",
    ]
    lon: list[float]
    search: Annotated[
        list[list[str]],
        "Its names and aliases as plain text, NOT HTML: only compared with what a"
        " reader types into the search box, never inserted into the page.",
    ]


class RiverLabel(TypedDict):
    """The river's name (city.toml [map] river_label) and where it is written."""

    text: Html
    rtl: bool
    lat: float
    lon: float
    angle: Annotated[
        float, "Degrees clockwise from the horizontal, along the river there."
    ]


class OneDay(TypedDict):
    """What a first bundle holds: the districts' states on one day, not every day.

    Made when a city's whole bundle is not built yet (a new city, source or
    version of its data), so the reader's first map does not wait for every
    day's states: the map draws ``day`` at once, fetches the whole bundle from
    ``whole`` (built meanwhile) and takes its timeline, and shows any other day
    only then.
    """

    day: IsoDay
    whole: Annotated[str, "The whole bundle's URL; not found until it is built."]


class Bundle(TypedDict):
    """Everything the browser needs to draw any day of a city; fetched once.

    Or, as a first bundle (``one_day``), everything but the states of other days.
    """

    schema_version: _VERSION
    one_day: Annotated[
        OneDay | None, "Set in a first bundle; null: every day's states are here."
    ]
    title: Html
    attribution: Html
    days: Annotated[list[IsoDay], "The timeline's report days, ascending."]
    day_labels: Annotated[
        dict[str, str],
        "Every day the bundle names or the map may be asked to show, written for"
        " readers (geo.days.format_day): 1 Aug 2017. Digits and month names only,"
        " so also safe as HTML.",
    ]
    bounds: Annotated[
        list[list[float]],
        Keywords(minItems=2, maxItems=2),
        "[[south, west], [north, east]] around the districts: the first view.",
    ]
    styles: list[DistrictStyle]
    legend: list[LegendEntry]
    legend_note: Annotated[Html, "Under the fills: what a paler fill means."]
    lines: Lines
    patterns: Patterns
    colours: Colours
    fade: Fade
    names: Annotated[dict[str, Html], "Each district's names, by id."]
    precision: Annotated[dict[str, Html], "How exactly each district is drawn."]
    districts: Districts
    river: Annotated[GeoJson | None, "The river, if the city has one."]
    river_label: Annotated[
        RiverLabel | None, "The river's name, if the city gives one."
    ]
    places: Places
    text: Annotated[list[Html], "Every escaped string, each stored once."]
    reports: Annotated[Reports, "Every report; in a first bundle, those `states` name."]
    states: Annotated[
        States, "Every state of the timeline; in a first bundle, the day's."
    ]
    no_reports: Annotated[int, "The index in `states` of having no report yet."]
    timeline: Annotated[
        dict[str, Changes],
        "By district id; a district not listed has no report (on the day of a"
        " first bundle, whose timelines hold that day alone).",
    ]
    events: Events


class TimelinePatch(TypedDict):
    """Edits stored since the bundle was built, for an open map to apply to it.

    The timelines of the districts the edits touched, made anew, with the
    states, reports and text they refer to in tables of their own: the browser
    appends those to the bundle's (moving their indexes along) and replaces the
    districts' timelines, so the map follows an edit without being rebuilt.
    Each patch covers every edit since the bundle, so the newest one is enough.
    """

    change: Annotated[
        int, Keywords(minimum=1), "The stored change number it brings the map to."
    ]
    text: Annotated[list[Html], "Escaped strings; this patch's tables index them."]
    reports: Annotated[Reports, "The reports its states name; text: this `text`."]
    states: Annotated[
        States, "Its states: report indexes into this `reports`, style into `styles`."
    ]
    timeline: Annotated[
        dict[str, Changes],
        "The touched districts' whole timelines, state: an index into this"
        " `states`; an empty one: the district has no report now.",
    ]
    days: Annotated[list[IsoDay], "The timeline's report days, ascending, anew."]
    day_labels: Annotated[dict[str, str], "Labels of the days it adds."]


class DayView(TypedDict):
    """The per-step message: the day to show, and how; a few dozen bytes.

    It carries no version of its own: it only ever acts on a bundle, written by
    the same server and checked on arrival. Once an edit is stored, it also
    carries the ``patch`` that brings the open map's bundle up to date.
    """

    day: IsoDay
    selected: Annotated[str, "The selected district's id, or an empty string."]
    changed: Annotated[list[str], "Ids of districts changed since the day compared."]
    disagreeing: Annotated[
        list[str], "Ids of districts where the two sources picked disagree."
    ]
    frontline: Annotated[
        GeoJson | None, "The day's front lines, or null while that layer is off."
    ]
    events: Annotated[bool, "Show the point events up to the day."]
    share_view: Annotated[bool, "Keep day, centre and zoom in the page's address."]
    patch: Annotated[
        TimelinePatch | None, "Edits since the bundle was built; null: none."
    ]


def bundle_schema() -> JsonSchema:
    """The JSON Schema of the bundle, with the day view under ``$defs``."""
    return json_schema(
        Bundle,
        title=f"Frontline map bundle, schema version {SCHEMA_VERSION}",
        also=(DayView,),
    )


def schema_text() -> str:
    """``bundle_schema`` as the text of ``assets/bundle.schema.json``."""
    return json.dumps(bundle_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
    sys.stdout.write(f"wrote {SCHEMA_FILE}\n")
