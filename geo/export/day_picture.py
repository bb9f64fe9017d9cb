"""Exports for readers and the graphics desk, all read from the resolution rule.

Nothing here decides a colour: ``geo.resolution.control_on`` does, and each export
only lays its answer out for another program (a spreadsheet, a GIS, a chart tool),
a picture (PNG, GIF) or a reader's browser (one standalone HTML file).
"""

import base64
import io
import json
import math
import re
import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import xstatic.pkg.leaflet
from matplotlib import patches as mpatches
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from PIL import Image
from shapely.geometry.polygon import orient

from geo.city import City
from geo.colours import (
    DISPUTED_COLOURS,
    OUTLINE_COLOUR,
    RIVER_COLOUR,
    STALE_AFTER_DAYS,
    age_opacity_share,
    map_styles,
)
from geo.days import format_day, report_day_on_or_before
from geo.escaping import html_text, is_web_url, script_json
from geo.frontline import frontline_on
from geo.maplayer.bundle import SCHEMATIC_NOTE, map_bundle, map_script
from geo.report_csv import spreadsheet_csv
from geo.resolution import control_on, describe
from geo.status import FeatureKind

CONTROL_COLUMNS = (
    "district_id",
    "name_en",
    "name_ar",
    "kind",
    "control",
    "actor",
    "actor_label",
    "extent",
    "description",
    "as_of",
    "days_since_report",
    "deciding_reports",
    "deciding_sources",
    "denied_reports",
    "precision_m",
)
"""The control table's columns; the list columns hold tuples (report ids, sources)."""
_LIST_SEPARATORS = {
    "deciding_reports": " ",
    "deciding_sources": " | ",
    "denied_reports": " ",
}
"""How a CSV cell joins a list: ids like ``denies``; sources may hold ``,`` or ``;``."""
BOUNDARIES_NOTE = (
    f"{SCHEMATIC_NOTE}: each district is drawn around a reference point, not "
    "surveyed; precision_m says how far the true centre may be."
)


def control_table(city: City, day: date) -> pd.DataFrame:
    """One row per district: its control on ``day``, the reports deciding it, and age.

    ``as_of`` is the day of the deciding reports; ``days_since_report`` counts from
    it to ``day``; both are empty where no report counts yet.
    """
    control = control_on(city, day)
    sources = dict(zip(city.reports["report_id"], city.reports["source"], strict=True))
    labels = city.actor_labels
    districts = city.districts.loc[control.index]
    table = pd.DataFrame(
        {
            "district_id": control["district_id"],
            "name_en": districts["name_en"],
            "name_ar": districts["name_ar"],
            "kind": districts["kind"],
            "control": control["control"].map(str),
            "actor": control["actor"],
            "actor_label": control["actor"].map(lambda actor: labels.get(actor, "")),
            "extent": control["extent"].map(str),
            "description": [
                describe(row.control, labels.get(row.actor, ""), row.extent)
                for row in control.itertuples()
            ],
            "as_of": control["as_of"],
            "days_since_report": control["days_since_report"].astype("Int64"),
            "deciding_reports": control["deciding"],
            "deciding_sources": control["deciding"].map(
                lambda ids: tuple(
                    dict.fromkeys(sources[report_id] for report_id in ids)
                )
            ),
            "denied_reports": control["denied"],
            "precision_m": districts["precision_m"].astype("Int64"),
        }
    )
    return table.reset_index(drop=True)[list(CONTROL_COLUMNS)]


def control_csv(city: City, day: date) -> bytes:
    """The control table as CSV for spreadsheets (UTF-8 with BOM, no live formulas)."""
    table = control_table(city, day)
    for column, separator in _LIST_SEPARATORS.items():
        table[column] = table[column].map(separator.join)
    return spreadsheet_csv(table)


def _json_value(value: object) -> object:
    """A table cell as JSON: days as ISO text, missing values as null."""
    if isinstance(value, tuple):
        return list(value)
    if pd.isna(value):
        return None
    if isinstance(value, date):
        return value.isoformat()
    return value.item() if hasattr(value, "item") else value


def _feature_collection(city: City, day: date, features: list[dict]) -> bytes:
    """A GeoJSON FeatureCollection of a day, with the city, credits and the note."""
    collection = {
        "type": "FeatureCollection",
        "city": city.name,
        "title": city.title,
        "day": day.isoformat(),
        "credits": city.credits,
        "boundaries": BOUNDARIES_NOTE,
        "features": features,
    }
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")


def control_geojson(city: City, day: date) -> bytes:
    """The control on ``day`` as a GeoJSON FeatureCollection (RFC 7946, WGS84).

    Each feature is a district's geometry with its row of ``control_table`` as
    properties; top-level members say which city and day, the credits, and how
    far to trust the boundaries.
    """
    table = control_table(city, day)
    geometries = city.districts.geometry.loc[table["district_id"]]
    features = [
        {
            "type": "Feature",
            "id": row["district_id"],
            "properties": {key: _json_value(value) for key, value in row.items()},
            "geometry": json.loads(shapely.to_geojson(geometry)),
        }
        for row, geometry in zip(
            table.to_dict("records"), geometries.values, strict=True
        )
    ]
    return _feature_collection(city, day, features)


# Pictures: PNG and GIF ----------------------------------------------------------

PICTURE_CRS = "EPSG:3857"
"""Pictures are drawn in Web Mercator, the projection of the browser map."""
READER_NOTE = (
    f"{SCHEMATIC_NOTE}: each district is drawn around a reference point, not "
    "surveyed. Colours follow the latest reports on or before the day; lighter "
    "means held in part or last reported over "
    f"{STALE_AFTER_DAYS} days earlier."
)
"""How to read a picture or an exported page, printed under it."""
MAP_AXES_LABEL = "map"
"""The label of the figure's map axes (its data coordinates are ``PICTURE_CRS``)."""

_DPI = 100
_POINTS_PER_INCH = 72
_REFERENCE_SIZE_PX = (1200, 900)
"""Type and line sizes are set for this size, scaled with the picture's area."""
_HATCH = "//"
_HATCH_WIDTH_PX = 3.0
_OUTLINE_WIDTH_PX = 1.0
_LANDMARK_RADIUS_PX = 7.0
_LANDMARK_OUTLINE_PX = 1.5
_RIVER_WIDTH_PX = 8.0
_RIVER_OPACITY = 0.8
"""Strokes in screen pixels, as the browser map draws them (Leaflet weights)."""
_OUTLINE_DASHES = (0, (4, 3))
_TITLE_PT, _DAY_PT, _LEGEND_PT, _SMALL_PT = 22.0, 18.0, 12.0, 10.0
_MARGIN_PX = 24.0
_MAP_PADDING = 0.04
"""Blank space around the districts, as a share of their extent."""
_CHARACTER_WIDTH_EM = 0.55
"""Average width of a DejaVu Sans character in ems, to wrap and lay out text."""
_LINE_HEIGHT_EM = 1.35
_LEGEND_SWATCH_EM = 4.0
"""A legend entry's swatch and gaps, in ems, on top of its label."""
_LEGEND_ROW_EM = 1.7
"""A legend row: its text plus matplotlib's spacing between rows, in ems."""
_GIF_SIZE_PX = (800, 600)
_GIF_COLOURS = 64
_PALETTE_FRAMES = 4
"""GIF frames share one palette of ``_GIF_COLOURS``, made from this many frames."""


def _points(pixels: float) -> float:
    return pixels * _POINTS_PER_INCH / _DPI


def _pixels(points: float) -> float:
    return points * _DPI / _POINTS_PER_INCH


def _polygon_path(geometry: shapely.Geometry) -> MplPath:
    """A (multi)polygon as one matplotlib path, holes wound the other way (unfilled)."""
    rings = []
    for polygon in shapely.get_parts(geometry):
        oriented = orient(polygon, sign=1.0)
        rings += [oriented.exterior, *oriented.interiors]
    return MplPath.make_compound_path(
        *(MplPath(np.asarray(ring.coords)[:, :2], closed=True) for ring in rings)
    )


def _wrapped(text: str, width_px: float, size_pt: float) -> list[str]:
    """Split text into lines that fit ``width_px`` at ``size_pt`` (estimated)."""
    character_px = _CHARACTER_WIDTH_EM * _pixels(size_pt)
    return textwrap.wrap(text, width=max(20, int(width_px / character_px))) or [""]


def _fitted_limits(
    bounds: tuple[float, float, float, float], box_width: float, box_height: float
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Axis limits around ``bounds`` with one scale on both axes for this box."""
    west, south, east, north = bounds
    width = max(east - west, 1.0) * (1 + 2 * _MAP_PADDING)
    height = max(north - south, 1.0) * (1 + 2 * _MAP_PADDING)
    metres_per_pixel = max(width / box_width, height / box_height)
    centre_x, centre_y = (west + east) / 2, (south + north) / 2
    half_x = metres_per_pixel * box_width / 2
    half_y = metres_per_pixel * box_height / 2
    x_limits = (centre_x - half_x, centre_x + half_x)
    return x_limits, (centre_y - half_y, centre_y + half_y)


class _DayPicture:
    """The city drawn once (geometry, legend, credits), repainted for each day.

    A GIF repaints one picture per frame instead of drawing the geometry again.
    """

    def __init__(self, city: City, width_px: int, height_px: int) -> None:
        if width_px < 1 or height_px < 1:
            raise ValueError(
                f"picture size: {width_px} x {height_px} pixels; "
                "both must be at least 1"
            )
        self.city = city
        self.styles = {style.key: style for style in map_styles(city.actors)}
        self.scale = math.sqrt(
            width_px * height_px / (_REFERENCE_SIZE_PX[0] * _REFERENCE_SIZE_PX[1])
        )
        self.figure = Figure(figsize=(width_px / _DPI, height_px / _DPI), dpi=_DPI)
        FigureCanvasAgg(self.figure)
        self.width_px, self.height_px = width_px, height_px
        top = self._draw_header()
        bottom = self._draw_footer()
        bottom = self._draw_legend(bottom)
        self.axes = self._map_axes(bottom, top)
        self._draw_city()

    def _scaled(self, points: float) -> float:
        return points * self.scale

    def _text(self, y_px: float, text: str, size_pt: float, **options: object) -> None:
        self.figure.text(
            _MARGIN_PX * self.scale / self.width_px,
            y_px / self.height_px,
            text,
            fontsize=self._scaled(size_pt),
            parse_math=False,
            verticalalignment="top",
            **options,
        )

    def _draw_header(self) -> float:
        """Title and day label at the top; returns the pixel height left below them."""
        margin = _MARGIN_PX * self.scale
        y = self.height_px - margin
        self._text(y, self.city.title, _TITLE_PT, fontweight="bold")
        y -= _pixels(self._scaled(_TITLE_PT)) * _LINE_HEIGHT_EM
        self.day_label = self.figure.text(
            margin / self.width_px,
            y / self.height_px,
            "",
            fontsize=self._scaled(_DAY_PT),
            parse_math=False,
            verticalalignment="top",
        )
        return y - _pixels(self._scaled(_DAY_PT)) * _LINE_HEIGHT_EM - margin / 2

    def _draw_footer(self) -> float:
        """Note and credits at the bottom; returns the pixel height of their top."""
        margin = _MARGIN_PX * self.scale
        size = self._scaled(_SMALL_PT)
        line_px = _pixels(size) * _LINE_HEIGHT_EM
        credits = f"Source: {self.city.credits}" if self.city.credits else ""
        lines = _wrapped(READER_NOTE, self.width_px - 2 * margin, size)
        if credits:
            lines += _wrapped(credits, self.width_px - 2 * margin, size)
        top = margin + line_px * len(lines)
        self._text(top, "\n".join(lines), _SMALL_PT, color=OUTLINE_COLOUR)
        return top

    def _legend_handles(self) -> list[mpatches.Patch]:
        return [
            mpatches.Patch(
                facecolor=to_rgba(
                    DISPUTED_COLOURS[1] if style.hatched else style.fill, style.opacity
                ),
                hatch=_HATCH if style.hatched else None,
                hatchcolor=to_rgba(DISPUTED_COLOURS[0], style.opacity),
                edgecolor=OUTLINE_COLOUR,
                linewidth=_points(_OUTLINE_WIDTH_PX * self.scale),
                label=style.label,
            )
            for style in self.styles.values()
        ]

    def _draw_legend(self, bottom_px: float) -> float:
        """The legend in columns above the footer; returns the pixel height of its top.

        Every map class is listed, the lighter "(partly)" ones included.
        """
        margin = _MARGIN_PX * self.scale
        size = self._scaled(_LEGEND_PT)
        em_px = _pixels(size)
        handles = self._legend_handles()
        longest = max(len(handle.get_label()) for handle in handles)
        entry_px = em_px * (_CHARACTER_WIDTH_EM * longest + _LEGEND_SWATCH_EM)
        columns = max(
            1, min(len(handles), int((self.width_px - 2 * margin) // entry_px))
        )
        rows = -(-len(handles) // columns)
        top = bottom_px + margin / 2 + rows * em_px * _LEGEND_ROW_EM
        legend = self.figure.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(margin / self.width_px, top / self.height_px),
            ncols=columns,
            fontsize=size,
            frameon=False,
            borderaxespad=0,
            borderpad=0,
            handletextpad=0.5,
            columnspacing=1.5,
        )
        for text in legend.get_texts():
            text.set_parse_math(False)
        for patch in legend.get_patches():
            patch.set_hatch_linewidth(_points(_HATCH_WIDTH_PX * self.scale))
        return top

    def _map_axes(self, bottom_px: float, top_px: float) -> Axes:
        margin = _MARGIN_PX * self.scale
        box_width = self.width_px - 2 * margin
        box_height = max(top_px - bottom_px - margin / 2, 1.0)
        axes = self.figure.add_axes(
            (
                margin / self.width_px,
                (bottom_px + margin / 2) / self.height_px,
                box_width / self.width_px,
                box_height / self.height_px,
            ),
            label=MAP_AXES_LABEL,
        )
        axes.set_axis_off()
        self.box_px = (box_width, box_height)
        return axes

    def _draw_city(self) -> None:
        """River, district outlines and landmark points, in the map's projection.

        Unlike the browser map, the view takes in every feature, landmarks outside
        the districts included, since a reader cannot pan a picture.
        """
        districts = self.city.districts.to_crs(PICTURE_CRS)
        areas = districts[districts["kind"] == FeatureKind.DISTRICT]
        points = districts[districts["kind"] == FeatureKind.LANDMARK]
        x_limits, y_limits = _fitted_limits(tuple(districts.total_bounds), *self.box_px)
        self.axes.set_xlim(*x_limits)
        self.axes.set_ylim(*y_limits)
        if self.city.river is not None:
            self._draw_river(self.city.river.to_crs(PICTURE_CRS))
        self.patches = {
            district_id: self.axes.add_patch(
                PathPatch(
                    _polygon_path(geometry),
                    edgecolor=OUTLINE_COLOUR,
                    linewidth=_points(_OUTLINE_WIDTH_PX * self.scale),
                    zorder=2,
                )
            )
            for district_id, geometry in areas.geometry.items()
        }
        for patch in self.patches.values():
            patch.set_hatch_linewidth(_points(_HATCH_WIDTH_PX * self.scale))
        self.landmark_ids = list(points.index)
        self.landmarks = self.axes.scatter(
            points.geometry.x,
            points.geometry.y,
            s=_points(2 * _LANDMARK_RADIUS_PX * self.scale) ** 2,
            edgecolors=OUTLINE_COLOUR,
            linewidths=_points(_LANDMARK_OUTLINE_PX * self.scale),
            zorder=3,
        )

    def _draw_river(self, river: gpd.GeoDataFrame) -> None:
        """The river under the districts: its lines as strokes, any areas filled."""
        parts = shapely.get_parts(river.geometry.to_numpy())
        colour = to_rgba(RIVER_COLOUR, _RIVER_OPACITY)
        lines = [
            np.asarray(part.coords)[:, :2]
            for part in parts
            if part.length and part.geom_type in ("LineString", "LinearRing")
        ]
        self.axes.add_collection(
            LineCollection(
                lines,
                colors=[colour],
                linewidths=_points(_RIVER_WIDTH_PX * self.scale),
                capstyle="round",
                joinstyle="round",
                zorder=1,
            )
        )
        for part in parts:
            if part.geom_type == "Polygon":
                self.axes.add_patch(
                    PathPatch(
                        _polygon_path(part), facecolor=colour, linewidth=0, zorder=1
                    )
                )

    def paint(self, day: date) -> None:
        """Colour every district as the resolution rule has it on ``day``."""
        control = control_on(self.city, day)
        looks = {}
        for district_id, row in zip(control.index, control.itertuples(), strict=True):
            style = self.styles[row.style]
            age = None if pd.isna(row.days_since_report) else row.days_since_report
            looks[district_id] = (style, style.opacity * age_opacity_share(age))
        for district_id, patch in self.patches.items():
            style, opacity = looks[district_id]
            face = DISPUTED_COLOURS[1] if style.hatched else style.fill
            patch.set_facecolor(to_rgba(face, opacity))
            patch.set_hatch(_HATCH if style.hatched else None)
            patch.set_hatchcolor(to_rgba(DISPUTED_COLOURS[0], opacity))
            patch.set_linestyle(_OUTLINE_DASHES if style.hatched else "solid")
        self.landmarks.set_facecolors(
            [
                to_rgba(looks[point][0].fill, looks[point][1])
                for point in self.landmark_ids
            ]
        )
        self.day_label.set_text(format_day(day))

    def frames(self, days: Iterable[date]) -> Iterator[Image.Image]:
        """The picture of each day as an RGB image, for the frames of a GIF.

        What does not change with the day (type, legend, river) is drawn once and
        copied under each frame; only the districts and the day label are redrawn.
        """
        canvas = self.figure.canvas
        changing = [*self.patches.values(), self.landmarks, self.day_label]
        for artist in changing:
            artist.set_animated(True)
        canvas.draw()
        background = canvas.copy_from_bbox(self.figure.bbox)
        for day in days:
            self.paint(day)
            canvas.restore_region(background)
            for artist in changing:
                self.figure.draw_artist(artist)
            yield Image.fromarray(np.asarray(canvas.buffer_rgba())).convert("RGB")


def day_figure(
    city: City,
    day: date,
    *,
    width_px: int = _REFERENCE_SIZE_PX[0],
    height_px: int = _REFERENCE_SIZE_PX[1],
) -> Figure:
    """The picture of ``day`` as a matplotlib figure (Agg), e.g. to save as SVG or PDF.

    Its map axes (label ``MAP_AXES_LABEL``) are in ``PICTURE_CRS`` metres.
    """
    picture = _DayPicture(city, width_px, height_px)
    picture.paint(day)
    return picture.figure


def day_png(
    city: City,
    day: date,
    *,
    width_px: int = _REFERENCE_SIZE_PX[0],
    height_px: int = _REFERENCE_SIZE_PX[1],
) -> bytes:
    """A PNG of the control on ``day``: districts, river, legend, title, credits.

    Colours, hatching and fading are the browser map's (``geo.colours``).
    """
    buffer = io.BytesIO()
    day_figure(city, day, width_px=width_px, height_px=height_px).savefig(
        buffer, format="png", dpi=_DPI
    )
    return buffer.getvalue()


def report_days_between(city: City, first_day: date, last_day: date) -> list[date]:
    """The report days from ``first_day`` to ``last_day``, both included."""
    if first_day > last_day:
        raise ValueError(
            f"days: the first day ({first_day.isoformat()}) is after the last "
            f"({last_day.isoformat()})"
        )
    days = [day for day in city.days if first_day <= day <= last_day]
    if not days:
        raise ValueError(
            f"days: no report from {first_day.isoformat()} to {last_day.isoformat()}; "
            f"{city.name} has reports from {city.days[0].isoformat()} to "
            f"{city.days[-1].isoformat()}"
        )
    return days


def _shared_palette(frames: list[Image.Image]) -> Image.Image:
    """One palette for every frame, so colours do not flicker from frame to frame.

    It is made from a few frames spread over the range, at full size so that thin
    lines and type keep their own colours.
    """
    step = max(1, (len(frames) - 1) // (_PALETTE_FRAMES - 1))
    chosen = [*frames[::step][: _PALETTE_FRAMES - 1], frames[-1]]
    width, height = frames[0].size
    sample = Image.new("RGB", (width, height * len(chosen)))
    for number, frame in enumerate(chosen):
        sample.paste(frame, (0, number * height))
    return sample.quantize(colors=_GIF_COLOURS, method=Image.Quantize.FASTOCTREE)


def animated_gif(
    city: City,
    first_day: date,
    last_day: date,
    *,
    frame_seconds: float = 0.8,
    width_px: int = _GIF_SIZE_PX[0],
    height_px: int = _GIF_SIZE_PX[1],
) -> bytes:
    """A looping GIF with one frame per report day from ``first_day`` to ``last_day``.

    Frames are the ``day_png`` picture, smaller by default, in one shared
    palette of a few dozen colours to keep the file small.
    """
    if not frame_seconds > 0:
        raise ValueError(f"frame_seconds: {frame_seconds} must be more than 0")
    days = report_days_between(city, first_day, last_day)
    frames = list(_DayPicture(city, width_px, height_px).frames(days))
    palette = _shared_palette(frames)
    indexed = [
        frame.quantize(palette=palette, dither=Image.Dither.NONE) for frame in frames
    ]
    buffer = io.BytesIO()
    indexed[0].save(
        buffer,
        format="GIF",
        save_all=True,
        append_images=indexed[1:],
        duration=round(frame_seconds * 1000),
        loop=0,
        optimize=True,
    )
    return buffer.getvalue()


# The standalone page --------------------------------------------------------------


@dataclass(frozen=True)
class InlineLeaflet:
    """Copy Leaflet (the pinned XStatic-Leaflet) into the page: it works offline."""


@dataclass(frozen=True)
class LeafletUrls:
    """Load Leaflet from these addresses instead, e.g. a newsroom's own CDN.

    ``*_integrity`` are optional Subresource Integrity hashes ("sha384-...").
    """

    script_url: str
    stylesheet_url: str
    script_integrity: str = ""
    stylesheet_integrity: str = ""


LeafletSource = InlineLeaflet | LeafletUrls
INLINE_LEAFLET = InlineLeaflet()

_INTEGRITY = re.compile(r"sha(256|384|512)-[A-Za-z0-9+/]+={0,2}")
_CLOSING_TAG = re.compile(r"</(script|style)", re.IGNORECASE)
_CSS_IMAGE = re.compile(r"url\((images/[\w.-]+\.png)\)")
_PAGE_ASSET = "assets/standalone_page.js"
_PAGE_STYLE = """\
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; color: #222;
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header { padding: 8px 12px 4px; }
h1 { font-size: 1.2rem; margin: 0; }
#frontline-map { flex: 1 1 auto; min-height: 300px; }
.frontline-timeline { display: flex; align-items: center; gap: 8px;
  padding: 8px 12px 4px; }
.frontline-timeline input { flex: 1 1 auto; min-width: 0; }
.frontline-timeline button { min-width: 44px; min-height: 44px; font-size: 1.2rem; }
.frontline-timeline output { min-width: 7.5em; text-align: center; font-weight: bold; }
footer { padding: 0 12px 8px; font-size: 12px; color: #555; }
footer p { margin: 4px 0; }
"""
"""The page around the map; the map's own look comes from frontline_map.js."""


def _inline(text: str) -> str:
    """Script or style text that cannot end its element before its own end tag.

    A ``</script`` or ``</style`` inside gets a backslash before the slash, which
    means the same thing inside JavaScript and CSS strings and comments.
    """
    return _CLOSING_TAG.sub(lambda match: "<\\/" + match.group(1), text)


@lru_cache(maxsize=1)
def vendored_leaflet() -> tuple[str, str]:
    """Leaflet's script and stylesheet, its few images inlined as data URIs."""
    folder = Path(xstatic.pkg.leaflet.BASE_DIR)
    script = (folder / "leaflet.js").read_text(encoding="utf-8")
    stylesheet = (folder / "leaflet.css").read_text(encoding="utf-8")

    def data_uri(match: re.Match) -> str:
        image = base64.b64encode((folder / match.group(1)).read_bytes()).decode()
        return f"url(data:image/png;base64,{image})"

    return script, _CSS_IMAGE.sub(data_uri, stylesheet)


def _checked_url(url: str, field: str) -> str:
    if not is_web_url(url):
        raise ValueError(f"leaflet {field}: '{url}' is not an absolute http(s) address")
    return url.strip()


def _integrity(value: str, field: str) -> str:
    """The ``integrity`` and ``crossorigin`` attributes, or nothing."""
    if not value:
        return ""
    if not _INTEGRITY.fullmatch(value):
        raise ValueError(
            f"leaflet {field}: '{value}' is not a Subresource Integrity hash "
            "such as sha384-<base64>"
        )
    return f' integrity="{html_text(value)}" crossorigin="anonymous"'


def _leaflet_tags(leaflet: LeafletSource) -> str:
    """The <head> elements that bring Leaflet in, inlined or from the given URLs."""
    if isinstance(leaflet, InlineLeaflet):
        script, stylesheet = vendored_leaflet()
        return (
            f"<style>{_inline(stylesheet)}</style>\n<script>{_inline(script)}</script>"
        )
    script_url = _checked_url(leaflet.script_url, "script_url")
    stylesheet_url = _checked_url(leaflet.stylesheet_url, "stylesheet_url")
    script_check = _integrity(leaflet.script_integrity, "script_integrity")
    style_check = _integrity(leaflet.stylesheet_integrity, "stylesheet_integrity")
    return (
        f'<link rel="stylesheet" href="{html_text(stylesheet_url)}"{style_check}>\n'
        f'<script src="{html_text(script_url)}"{script_check}></script>'
    )


def _page_settings(city: City, start: date) -> dict:
    """What the page script needs besides the bundle: the view and the day labels.

    The view fits the districts, as the dashboard's map does; readers can zoom out
    to landmarks beyond them.
    """
    areas = city.districts[city.districts["kind"] == FeatureKind.DISTRICT]
    west, south, east, north = (areas if len(areas) else city.districts).total_bounds
    return {
        "bounds": [[float(south), float(west)], [float(north), float(east)]],
        "labels": [format_day(day) for day in city.days],
        "start": city.days.index(start),
    }


def standalone_html(
    city: City, *, leaflet: LeafletSource = INLINE_LEAFLET, day: date | None = None
) -> str:
    """One HTML file with the whole timeline and a slider; opens from disk, no server.

    The page mounts ``frontline_map.js`` on the ``map_bundle`` embedded as JSON
    (escaped so no report text can close its script). Leaflet is inlined unless
    ``leaflet`` gives URLs. It opens on ``day`` (or the city's default day), moved
    back to the nearest report day.
    """
    start = report_day_on_or_before(city.days, day or city.default_day)
    settings = _page_settings(city, start)
    title = html_text(city.title)
    credits = f"<p>Source: {html_text(city.credits)}</p>" if city.credits else ""
    last = len(city.days) - 1
    page_script = files("geo.export").joinpath(_PAGE_ASSET).read_text(encoding="utf-8")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{_leaflet_tags(leaflet)}
<style>{_PAGE_STYLE}</style>
</head>
<body>
<header><h1>{title}</h1></header>
<noscript><p>This map needs JavaScript.</p></noscript>
<div id="frontline-map" role="region" aria-label="Map of {title}"></div>
<div class="frontline-timeline">
<button type="button" id="frontline-previous" aria-label="Previous report day">\
&#8249;</button>
<input type="range" id="frontline-slider" min="0" max="{last}" step="1" \
value="{settings["start"]}" aria-label="Report day">
<button type="button" id="frontline-next" aria-label="Next report day">&#8250;</button>
<output id="frontline-day-label" for="frontline-slider">\
{html_text(settings["labels"][settings["start"]])}</output>
</div>
<footer><p>{html_text(READER_NOTE)}</p>{credits}</footer>
<script type="application/json" id="frontline-bundle">\
{script_json(map_bundle(city))}</script>
<script type="application/json" id="frontline-page">{script_json(settings)}</script>
<script>{_inline(map_script())}</script>
<script>{_inline(page_script)}</script>
</body>
</html>
"""


# Front lines ------------------------------------------------------------------

FRONTLINE_COLUMNS = (
    "day",
    "side_a",
    "side_a_label",
    "side_b",
    "side_b_label",
    "length_m",
)
"""The front-line table's columns: one row per pair of sides that meet."""


def _side_label(city: City, side: str) -> str:
    """An actor's label, or the control word ("contested", "disputed") as is."""
    labels = city.actor_labels
    return labels.get(side, side)


def frontline_table(city: City, day: date) -> pd.DataFrame:
    """The front lines on ``day`` without geometry: who meets whom, and over how long.

    Lengths are metres measured in the city's UTM zone (``geo.frontline``),
    rounded to the metre: the districts are schematic, so finer is noise.
    """
    front = frontline_on(city, day)
    return pd.DataFrame(
        {
            "day": [day.isoformat()] * len(front),
            "side_a": front["side_a"].to_list(),
            "side_a_label": [_side_label(city, side) for side in front["side_a"]],
            "side_b": front["side_b"].to_list(),
            "side_b_label": [_side_label(city, side) for side in front["side_b"]],
            "length_m": front["length_m"].round().astype(int).to_list(),
        },
        columns=list(FRONTLINE_COLUMNS),
    )


def frontline_csv(city: City, day: date) -> bytes:
    """The front lines on ``day`` as CSV for spreadsheets: sides and lengths only.

    UTF-8 with BOM and formula-neutralised, like every CSV we write; the lines
    themselves are in ``frontline_geojson``.
    """
    return spreadsheet_csv(frontline_table(city, day))


def frontline_geojson(city: City, day: date) -> bytes:
    """The front lines on ``day`` as a GeoJSON FeatureCollection (RFC 7946, WGS84).

    One feature per pair of sides that meet, with the row of ``frontline_table``
    as properties; top-level members name the city, day, credits and boundaries.
    """
    front = frontline_on(city, day)
    table = frontline_table(city, day)
    features = [
        {
            "type": "Feature",
            "properties": {key: _json_value(value) for key, value in row.items()},
            "geometry": json.loads(shapely.to_geojson(line)),
        }
        for row, line in zip(
            table.to_dict("records"), front.geometry.values, strict=True
        )
    ]
    return _feature_collection(city, day, features)
