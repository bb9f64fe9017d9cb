"""The map: a bundle with the geometry and whole timeline, a base map, a day view.

The bundle (geometry, names, every resolved state, pre-escaped HTML) reaches the
browser once per city version. The base map is a few lines of script that load it,
so its HTML never changes with the day; a slider step sends only ``day_script``: the
day and the selected district, a few dozen bytes whatever the number of districts.
Both the bundle and the day's message are the types of ``contract``.
"""

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import NamedTuple

import folium
import numpy as np
import pandas as pd
import shapely
from branca.element import MacroElement
from jinja2 import Template

from geo.boundaries import SCHEMATIC_NOTE, boundary_note
from geo.city import City
from geo.colours import (
    CHANGED_OUTLINE,
    DISAGREEING_OUTLINE,
    DISPUTED_HATCH,
    DISTRICT_OUTLINE,
    EVENT_COLOURS,
    FRONT_LINE,
    LANDMARK_RING,
    NO_REPORT_DOTS,
    OPACITY_STEPS,
    RIVER_COLOUR,
    SELECTED_OUTLINE,
    STALE_AFTER_DAYS,
    Line,
    fade_table,
    legend_styles,
    map_styles,
)
from geo.compare import cited, report_citations
from geo.days import format_day
from geo.escaping import html_text, is_web_url, link_html, script_json
from geo.maplayer.contract import (
    SCHEMA_VERSION,
    Bundle,
    Changes,
    Colours,
    DayView,
    DistrictFeature,
    DistrictProperties,
    Districts,
    DistrictStyle,
    Dots,
    Events,
    Fade,
    Hatch,
    LegendEntry,
    Lines,
    LineStyle,
    OneDay,
    Patterns,
    Places,
    Reports,
    RiverLabel,
    States,
    TimelinePatch,
)
from geo.maplayer.places import map_places, river_label
from geo.maplayer.scripts import MAP_GLOBAL
from geo.resolution import (
    NO_REPORTS,
    Resolution,
    control_changes,
    describe,
    resolutions_on,
)
from geo.schema import denied_ids, per_value
from geo.status import Boundary, FeatureKind, Kind

DISPLAY_TOLERANCE_DEGREES = 0.00002
"""Display geometry is simplified to about 2 m: invisible at city zoom."""
_COORDINATE_DECIMALS = 6


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

    def add_texts(self, raws: Sequence[str]) -> list[int]:
        """Escape untrusted ``raws`` (each distinct one once) and add them."""
        for raw in raws:
            if raw not in self._raw_index:
                self._raw_index[raw] = self.add(html_text(raw))
        return [self._raw_index[raw] for raw in raws]


def _rejection_words(rejection: Mapping, citations: Mapping[str, str]) -> str:
    """A denial or retraction's kind, naming what it rejects.

    By source and day ("denial of the report by SOHR (1 Aug 2017)"), never by id.
    """
    targets = cited(denied_ids(rejection["denies"]), citations)
    reports = "the report" if len(targets) == 1 else "the reports"
    return f"{rejection['kind']} of {reports} by {' and '.join(targets)}"


def _report_columns(
    reports: pd.DataFrame,
    every_report: pd.DataFrame,
    actor_labels: Mapping[str, str],
    text: _TextTable,
) -> Reports:
    """``reports`` as the contract's columns; denials cite reports of ``every_report``.

    Column by column, not report by report: each distinct day and sentence is
    written once, and the texts are numbered in one pass over the table in row
    order, so they land in ``text`` as a row-by-row walk would put them
    (200 000 reports: 0.8 s instead of 2.4 s, same machine and run).
    """
    kinds = reports["kind"].tolist()
    rejecting = reports["kind"].isin([Kind.DENIAL, Kind.RETRACTION]).to_numpy()
    rejections = reports[rejecting].to_dict("records")
    named = {id_ for rejection in rejections for id_ in denied_ids(rejection["denies"])}
    citations = report_citations(every_report[every_report["report_id"].isin(named)])
    for row, rejection in zip(np.flatnonzero(rejecting), rejections, strict=True):
        kinds[row] = _rejection_words(rejection, citations)

    def said(status_actor_extent: tuple[str, str, str]) -> str:
        status, actor, extent = status_actor_extent
        if not status:
            return "no status"
        return describe(status, actor_labels.get(actor, ""), extent)

    statuses = zip(
        reports["status"].tolist(),
        reports["actor"].tolist(),
        reports["extent"].tolist(),
        strict=True,
    )
    says = per_value(pd.Series(list(statuses), dtype=object), said)
    urls = reports["url"].str.strip().tolist()
    links = [url if is_web_url(url) else None for url in urls]
    texts = np.array(
        [
            links,
            reports["source"].tolist(),
            reports["source_type"].tolist(),
            kinds,
            says,
            reports["note"].tolist(),
        ],
        dtype=object,
    ).T
    numbers, distinct = pd.factorize(texts.ravel())
    # No link is numbered -1, which picks the -1 put last.
    indexes = np.array([*text.add_texts(distinct.tolist()), -1])
    link, source, source_type, kind, say, note = (
        indexes[numbers].reshape(texts.shape).T.tolist()
    )
    return Reports(
        day=per_value(reports["date"], date.isoformat),
        source=source,
        source_type=source_type,
        kind=kind,
        says=say,
        link=[None if index < 0 else index for index in link],
        note=note,
    )


class _StateTable:
    """Each distinct resolution once, as the contract's ``States`` columns."""

    def __init__(
        self, city: City, text: _TextTable, indexed: pd.DataFrame | None = None
    ) -> None:
        """States of ``city``'s resolutions, their words added to ``text``.

        ``indexed``: the reports the states' indexes point into; all unless given.
        """
        self.columns = States(
            style=[],
            status=[],
            as_of=[],
            deciding=[],
            denied={},
            denials={},
            withdrawn={},
        )
        reports = city.all_reports
        self._report_index = {
            report_id: index
            for index, report_id in enumerate(
                (reports if indexed is None else indexed)["report_id"].tolist()
            )
        }
        denials = reports[reports["kind"] == Kind.DENIAL]
        self._denied_by = {
            report_id: set(denied_ids(denies))
            for report_id, denies in zip(
                denials["report_id"], denials["denies"], strict=True
            )
        }
        self._style_index = {
            style.key: index for index, style in enumerate(map_styles(city.actors))
        }
        self._actor_labels = city.actor_labels
        self._text = text
        self._index: dict[Resolution, int] = {}
        self._status_index: dict[tuple[str, str, str], int] = {}

    def index_of(self, resolution: Resolution) -> int:
        """The row of ``resolution``, added on first sight."""
        index = self._index.get(resolution)
        if index is None:
            index = self._index[resolution] = len(self.columns["style"])
            self._add(resolution)
        return index

    def _status(self, resolution: Resolution) -> int:
        """The text index of the resolution's status in words, made once per kind."""
        kind = (resolution.control, resolution.actor, resolution.extent)
        if kind not in self._status_index:
            words = describe(
                resolution.control,
                self._actor_labels.get(resolution.actor, ""),
                resolution.extent,
            )
            self._status_index[kind] = self._text.add(
                html_text(words[:1].upper() + words[1:])
            )
        return self._status_index[kind]

    def _indexes(self, report_ids: Iterable[str]) -> list[int]:
        return list(map(self._report_index.__getitem__, report_ids))

    def _add(self, resolution: Resolution) -> None:
        row = str(len(self.columns["style"]))
        columns = self.columns
        columns["style"].append(self._style_index[resolution.style])
        columns["status"].append(self._status(resolution))
        columns["as_of"].append(
            resolution.as_of.isoformat() if resolution.as_of else None
        )
        columns["deciding"].append(self._indexes(resolution.deciding))
        if not (resolution.disputed_by or resolution.withdrawn):
            return  # most states: nothing denied, disputed or withdrawn
        targets = {
            target
            for denial in resolution.disputed_by
            for target in self._denied_by.get(denial, ())
        }
        sparse = {
            "denied": [id_ for id_ in resolution.deciding if id_ in targets],
            "denials": [
                id_ for id_ in resolution.disputed_by if id_ not in resolution.deciding
            ],
            "withdrawn": list(resolution.withdrawn),
        }
        for column, report_ids in sparse.items():
            if report_ids:
                columns[column][row] = self._indexes(report_ids)


def _geometry_json(city: City) -> Districts:
    shapes = city.districts.geometry.simplify(DISPLAY_TOLERANCE_DEGREES)
    shapes = shapely.set_precision(shapes.values, 10**-_COORDINATE_DECIMALS)
    features = [
        DistrictFeature(
            type="Feature",
            properties=DistrictProperties(id=district_id, kind=kind),
            geometry=shapely.geometry.mapping(shape),
        )
        for district_id, kind, shape in zip(
            city.districts.index, city.districts["kind"], shapes, strict=True
        )
    ]
    return Districts(type="FeatureCollection", features=features)


def _events(city: City, text: _TextTable) -> Events:
    """The city's point events as the contract's columns, oldest first."""
    events = Events(day=[], lat=[], lon=[], kind=[], popup=[])
    if city.events is None or city.events.empty:
        return events
    for row in city.events.sort_values("date").to_dict("records"):
        popup = (
            f"<b>{html_text(row['kind'])}</b> · {html_text(format_day(row['date']))}"
            f"<br>{html_text(row['summary'])}<br>"
            f"{link_html(row['url'], row['source'])}"
        )
        events["day"].append(row["date"].isoformat())
        events["lat"].append(round(float(row["lat"]), _COORDINATE_DECIMALS))
        events["lon"].append(round(float(row["lon"]), _COORDINATE_DECIMALS))
        events["kind"].append(str(row["kind"]))
        events["popup"].append(text.add(popup))
    return events


def _line_style(line: Line) -> LineStyle:
    return LineStyle(
        colour=line.colour,
        weight=line.weight,
        dash=line.dash,
        label=html_text(line.label),
    )


def district_bounds(city: City) -> list[list[float]]:
    """``[[south, west], [north, east]]`` around the districts: the map's first view.

    Landmarks beyond the districts are left out; readers can zoom out to them.
    """
    areas = city.districts[city.districts["kind"] == FeatureKind.DISTRICT]
    west, south, east, north = (areas if len(areas) else city.districts).total_bounds
    return [[float(south), float(west)], [float(north), float(east)]]


@lru_cache(maxsize=4096)
def _day_label(iso_day: str) -> str:
    return format_day(date.fromisoformat(iso_day))


class CityDrawing(NamedTuple):
    """What a bundle draws from the city's files alone: the same for every report.

    Its fields are the bundle's own (``contract.Bundle``), copied in as they are.

    At 4 000 districts its shapes, names and label points are about a third of a
    bundle's build. A city's version with other reports (after an edit, or one
    source's version of it) draws the same, so a caller may make this once per
    version of the files and pass it to ``map_bundle``.
    """

    names: dict[str, str]
    precision: dict[str, str]
    districts: Districts
    river: dict | None
    river_label: RiverLabel | None
    places: Places


def city_drawing(city: City) -> CityDrawing:
    """``CityDrawing`` of ``city``: made from its files (districts, river, labels)."""
    districts = city.district_rows
    return CityDrawing(
        names={key: _names_html(row) for key, row in districts.items()},
        precision={key: _precision_html(row) for key, row in districts.items()},
        districts=_geometry_json(city),
        river=json.loads(city.river.to_json(drop_id=True))
        if city.river is not None
        else None,
        river_label=river_label(city),
        places=map_places(city),
    )


def map_bundle(
    city: City, *, shown_days: Iterable[date] = (), drawing: CityDrawing | None = None
) -> Bundle:
    """Everything the browser needs to draw any day of the city (``contract.Bundle``).

    Text is escaped here, once, for the place it lands (HTML inside Leaflet
    tooltips and popups) and stored once in ``text``; reports and states refer to
    it by index. The timeline lists, per district, each day its resolution
    changes and the index of the new state in ``states``. ``shown_days`` are
    further days the map may be asked to show, which get labels too: the whole
    city's report days when ``city`` is one source's version of it. ``drawing``:
    the city's ``city_drawing``, when the caller keeps it; made here otherwise.
    """
    text = _TextTable()
    every_report = city.all_reports
    reports = _report_columns(every_report, every_report, city.actor_labels, text)
    states = _StateTable(city, text)
    no_reports = states.index_of(NO_REPORTS)
    timeline = {
        district_id: Changes(
            day=[day.isoformat() for day, _ in changes],
            state=[states.index_of(resolution) for _, resolution in changes],
        )
        for district_id, changes in control_changes(city).items()
    }
    return _bundle(
        city, drawing, text, reports, states, no_reports, timeline, shown_days
    )


def first_day_bundle(
    city: City,
    day: date,
    *,
    whole_url: str,
    shown_days: Iterable[date] = (),
    drawing: CityDrawing | None = None,
) -> Bundle:
    """``map_bundle`` with each district's state on ``day`` alone (``contract.OneDay``).

    What a reader's first map needs when the whole bundle is not built yet: the
    rule on one day instead of every day, and only the reports its states name
    (three-year war, a day of its second year: 0.5 s instead of 3.7 s on an
    idle machine; 2.3 MB instead of 26 MB, 0.3 MB instead of 3.8 MB
    compressed). The map fetches the whole bundle from ``whole_url``.
    """
    resolutions = {
        district_id: resolution
        for district_id, resolution in resolutions_on(city, day).items()
        if resolution != NO_REPORTS
    }
    text = _TextTable()
    states = _NamedReportStates(city, text, resolutions.values())
    no_reports = states.index_of(NO_REPORTS)
    timeline = {
        district_id: Changes(day=[day.isoformat()], state=[states.index_of(resolution)])
        for district_id, resolution in resolutions.items()
    }
    one_day = OneDay(day=day.isoformat(), whole=whole_url)
    return _bundle(
        city,
        drawing,
        text,
        states.reports,
        states,
        no_reports,
        timeline,
        shown_days,
        one_day,
    )


def _bundle(
    city: City,
    drawing: CityDrawing | None,
    text: _TextTable,
    reports: Reports,
    states: _StateTable,
    no_reports: int,
    timeline: dict[str, Changes],
    shown_days: Iterable[date],
    one_day: OneDay | None = None,
) -> Bundle:
    """The bundle around a timeline, its states and the reports they name."""
    drawing = city_drawing(city) if drawing is None else drawing
    days = [day.isoformat() for day in city.days]
    named_days = {
        *(day.isoformat() for day in shown_days),
        *days,
        *reports["day"],
        *filter(None, states.columns["as_of"]),
    }
    styles = map_styles(city.actors)
    how_drawn = boundary_note(city.districts)
    credits = f"{how_drawn} · {city.credits}" if city.credits else how_drawn
    return Bundle(
        schema_version=SCHEMA_VERSION,
        one_day=one_day,
        title=html_text(city.title),
        attribution=html_text(credits),
        days=days,
        day_labels={day: _day_label(day) for day in sorted(named_days)},
        bounds=district_bounds(city),
        styles=[
            DistrictStyle(
                key=style.key,
                fill=style.fill,
                opacity=style.opacity,
                pattern=style.pattern,
                explanation=html_text(style.explanation),
            )
            for style in styles
        ],
        legend=[
            LegendEntry(
                label=html_text(style.label),
                fill=style.fill,
                opacity=style.opacity,
                pattern=style.pattern,
            )
            for style in legend_styles(city.actors)
        ],
        legend_note=html_text(
            "Paler: held only in part, or the latest report is over "
            f"{STALE_AFTER_DAYS} days old."
        ),
        lines=Lines(
            district=_line_style(DISTRICT_OUTLINE),
            selected=_line_style(SELECTED_OUTLINE),
            changed=_line_style(CHANGED_OUTLINE),
            disagreeing=_line_style(DISAGREEING_OUTLINE),
            frontline=_line_style(FRONT_LINE),
            landmark=_line_style(LANDMARK_RING),
        ),
        patterns=Patterns(
            hatch=Hatch(
                stripe=DISPUTED_HATCH.stripe,
                background=DISPUTED_HATCH.background,
                size=DISPUTED_HATCH.size,
                stripe_width=DISPUTED_HATCH.stripe_width,
            ),
            dots=Dots(
                dot=NO_REPORT_DOTS.dot,
                background=NO_REPORT_DOTS.background,
                spacing=NO_REPORT_DOTS.spacing,
                radius=NO_REPORT_DOTS.radius,
            ),
        ),
        colours=Colours(
            river=RIVER_COLOUR,
            events={str(kind): colour for kind, colour in EVENT_COLOURS.items()},
        ),
        fade=Fade(share_by_age=fade_table(), steps=OPACITY_STEPS),
        **drawing._asdict(),
        text=text.entries,
        reports=reports,
        states=states.columns,
        no_reports=no_reports,
        timeline=timeline,
        events=_events(city, text),
    )


class _NamedReportStates(_StateTable):
    """States whose reports table holds only the reports they name, in one pass.

    For a first bundle or a patch, which name a few of the city's reports:
    ``resolutions`` are the states to come, read here for the reports they name.
    """

    def __init__(
        self, city: City, text: _TextTable, resolutions: Iterable[Resolution]
    ) -> None:
        named = {
            report_id
            for resolution in resolutions
            for report_id in (
                *resolution.deciding,
                *resolution.withdrawn,
                *resolution.disputed_by,
            )
        }
        every_report = city.all_reports
        rows = every_report[every_report["report_id"].isin(named)]
        super().__init__(city, text, indexed=rows)
        self.reports = _report_columns(rows, every_report, city.actor_labels, text)


def timeline_patch(
    city: City, district_ids: Iterable[str], *, change: int
) -> TimelinePatch:
    """What an open map needs to show ``city`` after edits touching ``district_ids``.

    ``city`` is the city after the edits (one source's version of it, for a
    map "as claimed by"); only the touched districts are resolved again
    (``contract.TimelinePatch``), so its cost follows the edit, not the city.
    ``change`` is the stored change number the edits bring the map to.
    """
    touched = sorted(district_ids)
    resolved = control_changes(city, touched)
    text = _TextTable()
    states = _NamedReportStates(
        city,
        text,
        (resolution for changes in resolved.values() for _, resolution in changes),
    )
    timeline = {district_id: Changes(day=[], state=[]) for district_id in touched}
    for district_id, changes in resolved.items():
        timeline[district_id] = Changes(
            day=[day.isoformat() for day, _ in changes],
            state=[states.index_of(resolution) for _, resolution in changes],
        )
    named_days = {
        *states.reports["day"],
        *filter(None, states.columns["as_of"]),
        *(day for changes in timeline.values() for day in changes["day"]),
    }
    return TimelinePatch(
        change=change,
        text=text.entries,
        reports=states.reports,
        states=states.columns,
        timeline=timeline,
        days=[day.isoformat() for day in city.days],
        day_labels={day: _day_label(day) for day in sorted(named_days)},
    )


class _FrontlineLayer(MacroElement):
    """Loads the bundle into the map; its script is the same for every day.

    ``_template`` is folium's documented way to give an element its script.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        f"{MAP_GLOBAL}.mount("
        "{{ this.map_name }}, {{ this.source }}, {{ this.fit }});"
        "{% endmacro %}"
    )

    def __init__(self, map_name: str, source: str, fit: str) -> None:
        super().__init__()
        self.map_name = map_name
        self.source = source
        self.fit = fit


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
    not a CDN), declared on the map itself (``default_js``, ``default_css``): they
    are all the files it needs. Street tiles are optional: without them the plain
    background, the river and the district outlines still make the map readable
    offline. ``view`` (latitude, longitude, zoom) opens a shared link where its
    sender was looking; without it the map fits the districts (``district_bounds``).
    """
    latitude, longitude, zoom = view or (*city.center, city.zoom)
    figure = folium.Map(
        location=[latitude, longitude],
        zoom_start=zoom,
        tiles=None,
        control_scale=True,
        # Quarter zoom steps: the first view fits the districts snugly, where
        # whole steps left them at half the map's width or cut them off.
        zoom_snap=0.25,
    )
    scripts = {leaflet_js_url: "leaflet", script_url: "frontline_map"}
    figure.default_js = [(name, url) for url, name in scripts.items()]
    figure.default_css = [("leaflet_css", leaflet_css_url)]
    if street_tiles:
        folium.TileLayer("OpenStreetMap", opacity=0.6).add_to(figure)
    fit = district_bounds(city) if view is None else None
    _FrontlineLayer(
        figure.get_name(), script_json(bundle_url), script_json(fit)
    ).add_to(figure)
    return figure


def day_script(
    day: date,
    selected: str | None = None,
    *,
    changed: Sequence[str] = (),
    disagreeing: Sequence[str] = (),
    frontline: dict | None = None,
    events: bool = False,
    patch: TimelinePatch | None = None,
) -> str:
    """The per-step update: one line of script that shows ``day`` on the mounted map.

    ``changed`` districts (since a compared day) and ``disagreeing`` ones (where
    two chosen sources differ) get outlines of their own; ``frontline`` is a
    GeoJSON of the day's front lines, sent only when that layer is on; ``events``
    shows the point events (already in the bundle) up to the day, older ones
    fainter. ``patch`` (``timeline_patch``) brings the map's bundle up to the
    edits stored since it was built, so the open map follows them in place.
    """
    view = DayView(
        day=day.isoformat(),
        selected=selected or "",
        changed=list(changed),
        disagreeing=list(disagreeing),
        frontline=frontline,
        events=events,
        share_view=True,
        patch=patch,
    )
    return f"{MAP_GLOBAL}.show({script_json(view)});"
