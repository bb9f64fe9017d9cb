"""The map: a bundle with the geometry and whole timeline, a base map, a day view.

The bundle (geometry, names, every resolved state, pre-escaped HTML) reaches the
browser once per city version. The base map is a few lines of script that load it,
so its HTML never changes with the day; a slider step sends only ``day_script``: the
day and the selected district, a few dozen bytes whatever the number of districts.
"""

import json
from collections.abc import Mapping, Sequence
from datetime import date
from functools import lru_cache
from importlib.resources import files

import folium
import shapely
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template

from geo.city import City
from geo.colours import (
    DISPUTED_COLOURS,
    EVENT_COLOURS,
    FADED_AFTER_DAYS,
    FADED_OPACITY_SHARE,
    FRONTLINE_COLOUR,
    HIGHLIGHT_COLOUR,
    OUTLINE_COLOUR,
    RIVER_COLOUR,
    STALE_AFTER_DAYS,
    map_styles,
)
from geo.days import format_day
from geo.escaping import html_text, is_web_url, link_html, script_json
from geo.resolution import NO_REPORTS, Resolution, control_changes, describe
from geo.status import Boundary, FeatureKind, Kind

SCHEMATIC_NOTE = "Schematic boundaries"
DISPLAY_TOLERANCE_DEGREES = 0.00002
"""Display geometry is simplified to about 2 m: invisible at city zoom."""
_COORDINATE_DECIMALS = 6


def map_script() -> str:
    """The browser side of the map layer (``geo/maplayer/assets/frontline_map.js``)."""
    return (
        files("geo.maplayer")
        .joinpath("assets/frontline_map.js")
        .read_text(encoding="utf-8")
    )


def _names_html(row: Mapping) -> str:
    local = row["name_ar"]
    name = html_text(row["name_en"])
    if local:
        # The local name may be Arabic, Ukrainian, ...: the browser picks its direction.
        name += f' · <span dir="auto">{html_text(local)}</span>'
    return name


def _precision_html(row: Mapping) -> str:
    if row["kind"] == "landmark":
        what = "Landmark point"
    elif row["boundary"] == Boundary.SUPPLIED:
        what = "Boundary from the city's own file"
    else:
        what = f"{SCHEMATIC_NOTE}: drawn around a reference point"
    if row["precision_m"]:
        what += f", placed to within about {int(row['precision_m']):,} m"
    return html_text(what)


class _TextTable:
    """Escaped strings stored once and referred to by index: a smaller bundle."""

    def __init__(self) -> None:
        self.entries: list[str] = []
        self._index: dict[str, int] = {}
        self._raw_index: dict[str, int] = {}

    def add(self, escaped: str) -> int:
        if escaped not in self._index:
            self._index[escaped] = len(self.entries)
            self.entries.append(escaped)
        return self._index[escaped]

    def add_text(self, raw: object) -> int:
        """Escape untrusted ``raw`` text (once per distinct value) and add it."""
        key = "" if raw is None else str(raw)
        if key not in self._raw_index:
            self._raw_index[key] = self.add(html_text(key))
        return self._raw_index[key]


def _report_entry(
    report: Mapping, actor_labels: Mapping[str, str], text: _TextTable
) -> list:
    """A report as [day, source, source type, kind, says, href or -1, note] indexes."""
    says = (
        describe(
            report["status"], actor_labels.get(report["actor"], ""), report["extent"]
        )
        if report["status"]
        else "no status"
    )
    kind = (
        "denial of " + ", ".join(report["denies"].split())
        if (report["kind"] == Kind.DENIAL)
        else report["kind"]
    )
    href = text.add_text(report["url"].strip()) if is_web_url(report["url"]) else -1
    return [
        _day_text(report["date"]),
        text.add_text(report["source"]),
        text.add_text(report["source_type"]),
        text.add_text(kind),
        text.add_text(says),
        href,
        text.add_text(report["note"]),
    ]


@lru_cache(maxsize=4096)
def _day_text(day: date) -> str:
    return format_day(day)


def _state_entry(
    resolution: Resolution,
    report_index: Mapping[str, int],
    actor_labels: Mapping[str, str],
    text: _TextTable,
) -> list:
    """A resolution as [style, status, as-of day, deciding, denied] for the browser."""
    status = describe(
        resolution.control, actor_labels.get(resolution.actor, ""), resolution.extent
    )
    return [
        resolution.style,
        text.add(html_text(status[:1].upper() + status[1:])),
        resolution.as_of.isoformat() if resolution.as_of else None,
        [report_index[report_id] for report_id in resolution.deciding],
        [report_index[report_id] for report_id in resolution.denied],
    ]


def _geometry_json(city: City) -> dict:
    shapes = city.districts.geometry.simplify(DISPLAY_TOLERANCE_DEGREES)
    shapes = shapely.set_precision(shapes.values, 10**-_COORDINATE_DECIMALS)
    features = [
        {
            "type": "Feature",
            "properties": {"id": district_id, "kind": kind},
            "geometry": shapely.geometry.mapping(shape),
        }
        for district_id, kind, shape in zip(
            city.districts.index, city.districts["kind"], shapes, strict=True
        )
    ]
    return {"type": "FeatureCollection", "features": features}


def _events_json(city: City, text: _TextTable) -> list[list]:
    """Events as [day, lat, lon, kind, popup text index], oldest first."""
    if city.events is None or city.events.empty:
        return []
    entries = []
    for row in city.events.sort_values("date").to_dict("records"):
        popup = (
            f"<b>{html_text(row['kind'])}</b> · {html_text(format_day(row['date']))}"
            f"<br>{html_text(row['summary'])}<br>"
            f"{link_html(row['url'], row['source'])}"
        )
        entries.append(
            [
                row["date"].isoformat(),
                round(float(row["lat"]), _COORDINATE_DECIMALS),
                round(float(row["lon"]), _COORDINATE_DECIMALS),
                row["kind"],
                text.add(popup),
            ]
        )
    return entries


def map_bundle(city: City) -> dict:
    """Everything the browser needs to draw any day of the city, as JSON-ready data.

    Text is escaped here, once, for the place it lands (HTML inside Leaflet
    tooltips and popups) and stored once in ``text``; reports and states refer to
    it by index. The timeline lists, per district, each day its resolution
    changes and the index of the new state in ``states``.
    """
    actor_labels = city.actor_labels
    text = _TextTable()
    columns = ("date", "status", "actor", "extent", "kind", "denies")
    columns += ("source", "source_type", "url", "note")
    reports = [
        _report_entry(dict(zip(columns, values, strict=True)), actor_labels, text)
        for values in zip(
            *(city.reports[column].to_numpy().tolist() for column in columns),
            strict=True,
        )
    ]
    report_index = {
        report_id: index for index, report_id in enumerate(city.reports["report_id"])
    }
    states: list[list] = []
    state_index: dict[Resolution, int] = {}

    def index_of(resolution: Resolution) -> int:
        if resolution not in state_index:
            state_index[resolution] = len(states)
            states.append(_state_entry(resolution, report_index, actor_labels, text))
        return state_index[resolution]

    no_reports = index_of(NO_REPORTS)
    timeline = {
        district_id: [
            [day.isoformat(), index_of(resolution)] for day, resolution in changes
        ]
        for district_id, changes in control_changes(city).items()
    }
    styles = map_styles(city.actors)
    districts = city.districts.drop(columns="geometry").to_dict("index")
    credits = f"{SCHEMATIC_NOTE} · {city.credits}" if city.credits else SCHEMATIC_NOTE
    return {
        "title": html_text(city.title),
        "attribution": html_text(credits),
        "days": [day.isoformat() for day in city.days],
        "styles": {
            style.key: {
                "fill": style.fill,
                "opacity": style.opacity,
                "hatched": style.hatched,
            }
            for style in styles
        },
        "legend": [
            {
                "label": html_text(style.label),
                "fill": style.fill,
                "opacity": style.opacity,
                "hatched": style.hatched,
            }
            for style in styles
            if not style.key.endswith(":partial")
        ],
        "hatch": list(DISPUTED_COLOURS),
        "outline": OUTLINE_COLOUR,
        "highlight": HIGHLIGHT_COLOUR,
        "frontline": FRONTLINE_COLOUR,
        "events": _events_json(city, text),
        "event_colours": {str(kind): colour for kind, colour in EVENT_COLOURS.items()},
        "river_colour": RIVER_COLOUR,
        "fade": {
            "stale_after": STALE_AFTER_DAYS,
            "faded_after": FADED_AFTER_DAYS,
            "faded_share": FADED_OPACITY_SHARE,
        },
        "names": {key: _names_html(row) for key, row in districts.items()},
        "precision": {key: _precision_html(row) for key, row in districts.items()},
        "districts": _geometry_json(city),
        "river": json.loads(city.river.to_json(drop_id=True))
        if city.river is not None
        else None,
        "text": text.entries,
        "reports": reports,
        "states": states,
        "no_reports": no_reports,
        "timeline": timeline,
    }


class _FrontlineLayer(JSCSSMixin, MacroElement):
    """Loads the bundle into the map; its script is the same for every day."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "frontline.mount({{ this._parent.get_name() }}, {{ this.source }}, "
        "{{ this.fit }});"
        "{% endmacro %}"
    )

    def __init__(self, source: str, script_url: str, fit: str) -> None:
        super().__init__()
        self._name = "FrontlineLayer"
        self.source = source
        self.fit = fit
        self.default_js = [("frontline_map", script_url)]


def base_map(
    city: City,
    *,
    bundle_url: str,
    leaflet_js_url: str,
    leaflet_css_url: str,
    script_url: str,
    street_tiles: bool = False,
    view: tuple[float, float, int] | None = None,
) -> folium.Map:
    """The map that never changes with the day: view, Leaflet, and the bundle loader.

    Leaflet and the layer script are loaded from the given URLs (served by the app,
    not a CDN). Street tiles are optional: without them the plain background, the
    river and the district outlines still make the map readable offline. ``view``
    (latitude, longitude, zoom) opens a shared link where its sender was looking;
    without it the map fits the city.
    """
    latitude, longitude, zoom = view or (*city.center, city.zoom)
    figure = folium.Map(
        location=[latitude, longitude],
        zoom_start=zoom,
        tiles=None,
        control_scale=True,
    )
    fit = None
    if view is None:
        areas = city.districts[city.districts["kind"] == FeatureKind.DISTRICT]
        west, south, east, north = (
            areas if len(areas) else city.districts
        ).total_bounds
        fit = [[float(south), float(west)], [float(north), float(east)]]
    figure.default_js = [("leaflet", leaflet_js_url)]
    figure.default_css = [("leaflet_css", leaflet_css_url)]
    if street_tiles:
        folium.TileLayer("OpenStreetMap", opacity=0.6).add_to(figure)
    layer = _FrontlineLayer(script_json(bundle_url), script_url, script_json(fit))
    layer.add_to(figure)
    return figure


def day_script(
    day: date,
    selected: str | None = None,
    *,
    outlined: Sequence[str] = (),
    frontline: dict | None = None,
    events: bool = False,
) -> str:
    """The per-step update: one line of script that shows ``day`` on the mounted map.

    ``outlined`` districts get the highlight outline (changed since a compared day,
    or disputed between two chosen sources); ``frontline`` is a GeoJSON of the
    day's front lines, sent only when that layer is on; ``events`` shows the
    point events (already in the bundle) up to the day, older ones fainter.
    """
    view = script_json(
        {
            "day": day.isoformat(),
            "selected": selected or "",
            "outlined": list(outlined),
            "frontline": frontline,
            "events": events,
            "shareView": True,
        }
    )
    return f"frontline.show({view});"
