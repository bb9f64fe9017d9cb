"""One city drawn with matplotlib (Agg) once, then painted for any day.

The drawing follows the browser map: colours, hatching and fading come from
``geo.colours``, strokes are sized in screen pixels like Leaflet's, and the
control of each district comes from the resolution rule (``geo.resolution``).
The map is fitted to the districts in whatever frame is asked for, between a
header (title, subtitle, day) and a footer (legend, notes, credits, byline).
Every text is drawn as plain text, never as math.
"""

import math
import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from matplotlib import patches as mpatches
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path as MplPath
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from PIL import Image
from shapely.geometry.polygon import orient

from geo.city import City, LabelLanguage
from geo.colours import (
    DISPUTED_HATCH,
    LANDMARK_RING,
    NO_REPORT_DOTS,
    OUTLINE_COLOUR,
    RIVER_COLOUR,
    Pattern,
    Style,
    age_opacity_share,
    legend_styles,
    map_styles,
)
from geo.days import format_day
from geo.export.notes import reader_note
from geo.export.options import ExportOptions
from geo.maplayer.places import label_text
from geo.projections import PICTURE_CRS
from geo.resolution import control_on
from geo.status import FeatureKind

MAP_AXES_LABEL = "map"
"""The label of the figure's map axes (its data coordinates are ``PICTURE_CRS``)."""

DPI = 100
"""Pixels per inch: sizes are asked for in pixels, matplotlib lays out in inches."""
_POINTS_PER_INCH = 72
REFERENCE_SIZE_PX = (1200, 900)
"""Type and line sizes are set for this size, scaled with the picture's area."""
MIN_TEXT_PX = 14.0
"""No text is smaller than this many pixels, whatever the picture's size."""
_TITLE_PX, _SUBTITLE_PX, _DAY_PX = 34.0, 22.0, 26.0
_LEGEND_PX, _SMALL_PX, _LABEL_PX = 17.0, 15.0, 14.0
_HATCH = "//"
_HATCH_WIDTH_PX = 3.0
_DOTS = "..."
_DOT_OUTLINE_PX = 2.0
_OUTLINE_WIDTH_PX = 1.0
_LANDMARK_RADIUS_PX = 7.0
_RIVER_WIDTH_PX = 8.0
_RIVER_OPACITY = 0.8
"""Strokes in screen pixels, as the browser map draws them (Leaflet weights)."""
_OUTLINE_DASHES = (0, (4, 3))
_MARGIN_PX = 24.0
_MAP_PADDING = 0.03
"""Blank space around the districts, as a share of their extent."""
_CHARACTER_WIDTH_EM = 0.55
"""Average width of a DejaVu Sans character in ems, to wrap and lay out text."""
_NARROWEST_CHARACTER_EM = 0.25
"""Narrower than any DejaVu Sans character that takes room (an apostrophe: 0.275)."""


@dataclass(frozen=True)
class _Fill:
    """How a patch of one map class is filled: a colour, or a pattern on one."""

    face: str
    hatch: str | None = None
    hatch_colour: str = OUTLINE_COLOUR
    hatch_width_px: float = _HATCH_WIDTH_PX


def _fill(style: Style) -> _Fill:
    """The browser map's look of ``style`` in matplotlib's terms.

    Disputed districts are hatched, districts without a report white with grey
    dots (so print readers tell them from a held one), the others flat.
    """
    if style.pattern == Pattern.HATCH:
        return _Fill(DISPUTED_HATCH.background, _HATCH, DISPUTED_HATCH.stripe)
    if style.pattern == Pattern.DOTS:
        return _Fill(
            NO_REPORT_DOTS.background, _DOTS, NO_REPORT_DOTS.dot, _DOT_OUTLINE_PX
        )
    return _Fill(style.fill)


_BOLD_CHARACTER_WIDTH_EM = 0.65
_LINE_HEIGHT_EM = 1.3
_LEGEND_SWATCH_EM = 4.0
"""A legend entry's swatch and gaps, in ems, on top of its label."""
_LEGEND_ROW_EM = 1.7
"""A legend row: its text plus matplotlib's spacing between rows, in ems."""
_BACKING_OPACITY = 0.75
"""The page's colour behind district labels and the scale bar, this opaque."""
_LANDSCAPE_RATIO = 1.3
"""From this width-to-height ratio on, the legend stands beside the map."""
MIN_MAP_SHARE = 0.35
"""A layout that leaves the map less of the picture's height or width is refused."""
_LABEL_OVERHANG = 1.6
"""A district's name is written only if it is at most this many times as wide."""
_LABEL_MARGIN_EM = 0.2
"""Kept clear around every name on the map, in ems of its size."""
_SCALE_BAR_SHARE = 0.2
"""The scale bar is the longest round length up to this share of the map's width."""


def _points(pixels: float) -> float:
    return pixels * _POINTS_PER_INCH / DPI


def _polygon_path(geometry: shapely.Geometry) -> MplPath:
    """A (multi)polygon as one matplotlib path, holes wound the other way (unfilled)."""
    rings = []
    for polygon in shapely.get_parts(geometry):
        oriented = orient(polygon, sign=1.0)
        rings += [oriented.exterior, *oriented.interiors]
    return MplPath.make_compound_path(
        *(MplPath(np.asarray(ring.coords)[:, :2], closed=True) for ring in rings)
    )


def _wrapped(text: str, width_px: float, size_px: float, em: float) -> list[str]:
    """Split text into lines that fit ``width_px`` at ``size_px`` (estimated)."""
    lines = []
    for paragraph in text.splitlines() or [""]:
        width = max(10, int(width_px / (em * size_px)))
        lines += textwrap.wrap(paragraph, width=width, break_long_words=True) or [""]
    return lines


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


def _round_length(metres: float) -> float:
    """The longest 1, 2 or 5 times a power of ten that is at most ``metres``."""
    power = 10 ** math.floor(math.log10(max(metres, 1.0)))
    return max(step * power for step in (1, 2, 5) if step * power <= max(metres, 1.0))


def _length_label(metres: float) -> str:
    return f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"


@dataclass(frozen=True)
class TextBlock:
    """Lines of text at ``size_px``, their top ``top_px`` from the picture's bottom."""

    lines: tuple[str, ...]
    size_px: float
    top_px: float
    bold: bool = False

    @property
    def height_px(self) -> float:
        """The block's height in pixels."""
        return self.size_px * _LINE_HEIGHT_EM * len(self.lines)


@dataclass(frozen=True)
class Layout:
    """Where everything goes in a picture, in pixels from its lower left corner.

    ``header`` holds the title and subtitle, ``day`` the day's line, ``footer``
    the notes, credits and byline; the legend's upper left corner is
    ``legend_anchor``, in ``legend_columns`` columns of ``legend_px`` type.
    """

    scale: float
    margin: float
    header: tuple[TextBlock, ...]
    day: TextBlock
    footer: TextBlock
    legend_anchor: tuple[float, float]
    legend_columns: int
    legend_px: float
    map_box: Bbox


def _estimated_width(name: str, size: float) -> float:
    """A name's width in pixels at ``size``, with its backing, before it is drawn."""
    return (len(name) * _CHARACTER_WIDTH_EM + 0.8) * size


@dataclass(frozen=True)
class _Anchor:
    """Where a name sits from its point: ``offset`` pixels, then aligned so."""

    offset: tuple[float, float]
    horizontal: str
    vertical: str

    def inner_box(self, name: str, point: tuple[float, float], size: float) -> Bbox:
        """A box inside the one ``name`` will take, from its length alone.

        Where it does not fit, the name does not either, and is not drawn.
        """
        width, height = len(name) * _NARROWEST_CHARACTER_EM * size, size
        x, y = point[0] + self.offset[0], point[1] + self.offset[1]
        left = {"left": x, "center": x - width / 2, "right": x - width}
        bottom = {"bottom": y, "center": y - height / 2, "top": y - height}
        return Bbox.from_bounds(
            left[self.horizontal], bottom[self.vertical], width, height
        )


_CENTRED = _Anchor((0, 0), "center", "center")


def _english_labels(features: gpd.GeoDataFrame) -> list[str]:
    """The names the browser map writes on ``features``, in English."""
    return [
        label_text(row, LabelLanguage.ENGLISH)
        for row in features[["name_en", "name_ar"]].to_dict("records")
    ]


def _draws_landmarks(city: City) -> bool:
    return bool((city.districts["kind"] == FeatureKind.LANDMARK).any())


def _legend_labels(city: City) -> list[str]:
    """The legend's rows: the map's legend classes, then the landmarks' dot if any.

    As on the map, no "(partly)" rows: a paler district may be held in part or
    last reported long ago (the fade by age), which the reader's note says. A
    "(partly)" swatch would have named every faded district "held in part".
    """
    labels = [style.label for style in legend_styles(city.actors)]
    return [*labels, LANDMARK_RING.label] if _draws_landmarks(city) else labels


def picture_layout(city: City, options: ExportOptions) -> Layout:
    """Lay out ``options``' texts and the legend, leaving the rest to the map.

    Type is scaled with the picture's area, never under ``MIN_TEXT_PX``. In a
    landscape frame the legend is a column right of the map; otherwise it is in
    rows above the footer.

    Raises:
        ValueError: if the texts leave the map less than ``MIN_MAP_SHARE`` of
            the picture's height or width.
    """
    width, height = options.size_px
    scale = math.sqrt(width * height / (REFERENCE_SIZE_PX[0] * REFERENCE_SIZE_PX[1]))
    margin = _MARGIN_PX * scale
    line_width = width - 2 * margin

    def size(reference_px: float) -> float:
        return max(MIN_TEXT_PX, reference_px * scale)

    title = city.title if options.title is None else options.title
    header = []
    y = height - margin
    for text, reference_px, bold in (
        (title, _TITLE_PX, True),
        (options.subtitle, _SUBTITLE_PX, False),
    ):
        if text.strip():
            em = _BOLD_CHARACTER_WIDTH_EM if bold else _CHARACTER_WIDTH_EM
            lines = _wrapped(text, line_width, size(reference_px), em)
            header.append(TextBlock(tuple(lines), size(reference_px), y, bold))
            y -= header[-1].height_px
    day = TextBlock(("",), size(_DAY_PX), y)
    header_bottom = y - day.height_px
    notes = [options.notes, reader_note(city)]
    if city.credits:
        notes.append(f"Source: {city.credits}")
    notes.append(options.byline)
    small = size(_SMALL_PX)
    lines = [
        line
        for text in notes
        if text.strip()
        for line in _wrapped(text, line_width, small, _CHARACTER_WIDTH_EM)
    ]
    footer = TextBlock(tuple(lines), small, 0.0)
    footer = replace(footer, top_px=margin + footer.height_px)
    legend_px = size(_LEGEND_PX)
    labels = _legend_labels(city)
    entry_px = legend_px * (
        _CHARACTER_WIDTH_EM * max(map(len, labels)) + _LEGEND_SWATCH_EM
    )
    right, gap = width - margin, margin / 2
    if width >= _LANDSCAPE_RATIO * height:
        columns, anchor = 1, (right - entry_px, header_bottom)
        box = Bbox.from_extents(
            margin, footer.top_px + gap, right - entry_px - gap, header_bottom
        )
    else:
        columns = max(1, min(len(labels), int(line_width // entry_px)))
        rows = -(-len(labels) // columns)
        legend_top = footer.top_px + gap + rows * legend_px * _LEGEND_ROW_EM
        anchor = (margin, legend_top)
        box = Bbox.from_extents(margin, legend_top + gap, right, header_bottom)
    if box.height < MIN_MAP_SHARE * height or box.width < MIN_MAP_SHARE * width:
        raise ValueError(
            f"size: at {width} x {height} pixels the title, legend and notes leave "
            f"the map only {max(0, round(box.width))} x {max(0, round(box.height))}; "
            "choose a larger size or shorten the texts"
        )
    return Layout(
        scale, margin, tuple(header), day, footer, anchor, columns, legend_px, box
    )


class DayPicture:
    """The city drawn once (geometry, labels, legend, texts), repainted for each day.

    A GIF repaints one picture per frame instead of drawing the geometry again.

    Raises:
        ValueError: if the texts leave no room for the map (``picture_layout``).
    """

    def __init__(self, city: City, options: ExportOptions) -> None:
        self.city = city
        self.width_px, self.height_px = options.size_px
        self.layout = picture_layout(city, options)
        self.scale, self.margin = self.layout.scale, self.layout.margin
        self.styles = {style.key: style for style in map_styles(city.actors)}
        self.legend = legend_styles(city.actors)
        self.figure = Figure(
            figsize=(self.width_px / DPI, self.height_px / DPI),
            dpi=DPI,
        )
        FigureCanvasAgg(self.figure)
        self.backing = to_rgba(self.figure.get_facecolor(), _BACKING_OPACITY)
        for block in self.layout.header:
            self._text(block, None)
        self.day_label = self._text(self.layout.day, OUTLINE_COLOUR)
        self._text(self.layout.footer, OUTLINE_COLOUR)
        self._draw_legend()
        self.axes = self._map_axes(self.layout.map_box)
        self._draw_city()
        renderer = self.figure.canvas.get_renderer()
        self.scale_bar = self._draw_scale_bar(renderer)
        self.labels = self._draw_labels(renderer)

    def _size_px(self, reference_px: float) -> float:
        """A text size for this picture: scaled with it, never under ``MIN_TEXT_PX``."""
        return max(MIN_TEXT_PX, reference_px * self.scale)

    def _text(self, block: TextBlock, colour: str | None) -> Text:
        """A block of text; ``colour`` ``None`` is matplotlib's text colour."""
        return self.figure.text(
            self.margin / self.width_px,
            block.top_px / self.height_px,
            "\n".join(block.lines),
            fontsize=_points(block.size_px),
            fontweight="bold" if block.bold else "normal",
            linespacing=_LINE_HEIGHT_EM,
            parse_math=False,
            verticalalignment="top",
            color=colour,
        )

    def _legend_handles(self) -> list[Artist]:
        handles: list[Artist] = []
        for style in self.legend:
            fill = _fill(style)
            handle = mpatches.Patch(
                facecolor=to_rgba(fill.face, style.opacity),
                hatch=fill.hatch,
                hatchcolor=to_rgba(fill.hatch_colour, style.opacity),
                edgecolor=OUTLINE_COLOUR,
                linewidth=_points(_OUTLINE_WIDTH_PX * self.scale),
                label=style.label,
            )
            handle.set_hatch_linewidth(_points(fill.hatch_width_px * self.scale))
            handles.append(handle)
        if _draws_landmarks(self.city):
            # A dot in the first two fills, as in the browser's legend: the dots
            # take the colours above. Outlined, as white would not show on white.
            first, second = self.legend[0].fill, self.legend[1].fill
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker="o",
                    markersize=_points(2 * _LANDMARK_RADIUS_PX * self.scale),
                    fillstyle="left",
                    markerfacecolor=first,
                    markerfacecoloralt=second,
                    markeredgecolor=OUTLINE_COLOUR,
                    markeredgewidth=_points(_OUTLINE_WIDTH_PX * self.scale),
                    label=LANDMARK_RING.label,
                )
            )
        return handles

    def _draw_legend(self) -> None:
        """The map's legend classes (``_legend_labels``) and the landmarks' dot."""
        x, y = self.layout.legend_anchor
        legend = self.figure.legend(
            handles=self._legend_handles(),
            loc="upper left",
            bbox_to_anchor=(x / self.width_px, y / self.height_px),
            ncols=self.layout.legend_columns,
            fontsize=_points(self.layout.legend_px),
            frameon=False,
            borderaxespad=0,
            borderpad=0,
            handletextpad=0.5,
            columnspacing=1.5,
        )
        for text in legend.get_texts():
            text.set_parse_math(False)
        for patch, style in zip(legend.get_patches(), self.legend, strict=True):
            patch.set_hatch_linewidth(_points(_fill(style).hatch_width_px * self.scale))

    def _map_axes(self, box: Bbox) -> Axes:
        axes = self.figure.add_axes(
            (
                box.x0 / self.width_px,
                box.y0 / self.height_px,
                box.width / self.width_px,
                box.height / self.height_px,
            ),
            label=MAP_AXES_LABEL,
        )
        axes.set_axis_off()
        self.box_px = (box.width, box.height)
        return axes

    def _draw_city(self) -> None:
        """River, district outlines and landmark points, in the map's projection.

        The view is fitted to the districts, so landmarks far outside them do not
        shrink the city into a corner.
        """
        features = self.city.districts.to_crs(PICTURE_CRS)
        areas = features[features["kind"] == FeatureKind.DISTRICT]
        points = features[features["kind"] == FeatureKind.LANDMARK]
        fitted = areas if len(areas) else features
        self.fitted_bounds = tuple(fitted.total_bounds)
        x_limits, y_limits = _fitted_limits(self.fitted_bounds, *self.box_px)
        self.axes.set_xlim(*x_limits)
        self.axes.set_ylim(*y_limits)
        if self.city.river is not None:
            self._draw_river(self.city.river.to_crs(PICTURE_CRS))
        self.areas = areas
        self.patches = {
            district_id: self.axes.add_artist(
                PathPatch(
                    _polygon_path(geometry),
                    edgecolor=OUTLINE_COLOUR,
                    linewidth=_points(_OUTLINE_WIDTH_PX * self.scale),
                    zorder=2,
                )
            )
            for district_id, geometry in areas.geometry.items()
        }
        points = points[self._whole_in_frame(points)]
        self.points = points
        self.landmark_ids = list(points.index)
        self.landmarks = self.axes.scatter(
            points.geometry.x,
            points.geometry.y,
            s=_points(2 * _LANDMARK_RADIUS_PX * self.scale) ** 2,
            edgecolors=LANDMARK_RING.colour,
            linewidths=_points(LANDMARK_RING.weight * self.scale),
            zorder=3,
        )

    def _whole_in_frame(self, points: gpd.GeoDataFrame) -> np.ndarray:
        """Which landmarks' dots lie whole inside the map's frame.

        One far outside is not drawn anyway; one on the frame's edge would be
        cut to a sliver of colour, which reads as a smudge in print.
        """
        x, y = self.axes.transData.transform(
            shapely.get_coordinates(points.geometry.to_numpy())
        ).T
        frame, radius = self.axes.get_window_extent(), _LANDMARK_RADIUS_PX * self.scale
        return (
            (x - radius >= frame.x0)
            & (x + radius <= frame.x1)
            & (y - radius >= frame.y0)
            & (y + radius <= frame.y1)
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

    def _draw_scale_bar(self, renderer: object) -> list[Artist]:
        """A bar of a round length in true metres, clear of the districts if it can be.

        It goes under a legend beside the map, else below the districts, else in
        the map's lower left corner on a backing.

        Web Mercator stretches lengths by 1 / cos(latitude); the bar is drawn for
        the latitude of the map's centre.
        """
        (west, east), (south, north) = self.axes.get_xlim(), self.axes.get_ylim()
        centre = gpd.GeoSeries(
            [shapely.Point((west + east) / 2, (south + north) / 2)], crs=PICTURE_CRS
        ).to_crs("EPSG:4326")[0]
        stretch = 1 / math.cos(math.radians(centre.y))
        metres = _round_length((east - west) * _SCALE_BAR_SHARE / stretch)
        pixel = (east - west) / self.box_px[0]
        size = self._size_px(_SMALL_PX)
        box, footer_top = self.layout.map_box, self.layout.footer.top_px
        legend_x, legend_top = self.layout.legend_anchor
        under_legend = (
            legend_top
            - len(_legend_labels(self.city)) * self.layout.legend_px * _LEGEND_ROW_EM
            - self.margin
            - 1.6 * size
        )
        districts_west, districts_south = self.fitted_bounds[:2]
        if (
            legend_x >= box.x1
            and under_legend - 0.4 * size >= footer_top
            and legend_x + metres * stretch / pixel <= self.width_px - self.margin
        ):
            x0 = west + (legend_x - box.x0) * pixel
            y0 = south + (under_legend - box.y0) * pixel
        elif districts_south - south >= 2.6 * size * pixel:
            x0 = max(west + self.margin * pixel, districts_west)
            y0 = districts_south - 2.2 * size * pixel
        else:
            x0, y0 = west + self.margin * pixel, south + self.margin * pixel
        line = self.axes.plot(
            [x0, x0, x0 + metres * stretch, x0 + metres * stretch],
            [y0 + size * 0.4 * pixel, y0, y0, y0 + size * 0.4 * pixel],
            color=OUTLINE_COLOUR,
            linewidth=_points(2 * self.scale),
            solid_capstyle="butt",
            clip_on=False,
            zorder=5,
        )[0]
        label = self.axes.text(
            x0,
            y0 + size * 0.6 * pixel,
            _length_label(metres),
            fontsize=_points(size),
            parse_math=False,
            clip_on=False,
            zorder=5,
        )
        extent = Bbox.union(
            [line.get_window_extent(renderer), label.get_window_extent(renderer)]
        ).padded(size * 0.4)
        inverse = self.axes.transData.inverted()
        (left, bottom), (right, top) = inverse.transform(extent.get_points())
        backing = self.axes.add_patch(
            Rectangle(
                (left, bottom),
                right - left,
                top - bottom,
                facecolor=self.backing,
                linewidth=0,
                clip_on=False,
                zorder=4,
            )
        )
        self.scale_bar_extent = extent
        return [backing, line, label]

    def _draw_labels(self, renderer: object) -> list[Text]:
        """District names, largest districts first, then landmark names.

        Written as the browser map writes them (``label_text``), in English:
        matplotlib does not join Arabic letters. A name that would overlap one
        already placed, a landmark's dot, the scale bar or the map's edge is left
        out. Estimated boxes are checked first, so a city of thousands of
        districts measures only the few names that may fit.
        """
        size = self._size_px(_LABEL_PX)
        frame = self.axes.get_window_extent(renderer)
        radius = _LANDMARK_RADIUS_PX * self.scale
        dots = self.axes.transData.transform(
            shapely.get_coordinates(self.points.geometry.to_numpy())
        )
        placed = [
            self.scale_bar_extent,
            *(
                Bbox.from_extents(x - radius, y - radius, x + radius, y + radius)
                for x, y in dots
            ),
        ]
        return [
            *self._district_labels(renderer, size, frame, placed),
            *self._landmark_labels(renderer, size, frame, placed, dots),
        ]

    def _district_labels(
        self, renderer: object, size: float, frame: Bbox, placed: list[Bbox]
    ) -> list[Text]:
        """Each district's name at a point inside it, if it is not too wide for it.

        "Too wide": over ``_LABEL_OVERHANG`` times the district's width.
        """
        order = self.areas.geometry.area.sort_values(ascending=False).index
        areas = self.areas.loc[order]
        anchors = shapely.point_on_surface(areas.geometry.to_numpy())
        pixels = self.axes.transData.transform(shapely.get_coordinates(anchors))
        west, _, east, _ = shapely.bounds(areas.geometry.to_numpy()).T
        widths_px = (east - west) * self.box_px[0] / np.ptp(self.axes.get_xlim())
        labels = []
        for name, (x, y), width_px in zip(
            _english_labels(areas), pixels, widths_px, strict=True
        ):
            too_wide = _estimated_width(name, size) > _LABEL_OVERHANG * width_px
            if not name or too_wide:
                continue
            label = self._label(renderer, name, (x, y), _CENTRED, size, frame, placed)
            if label is not None:
                labels.append(label)
        return labels

    def _landmark_labels(
        self,
        renderer: object,
        size: float,
        frame: Bbox,
        placed: list[Bbox],
        dots: np.ndarray,
    ) -> list[Text]:
        """Each drawn landmark's name under its dot, else right of, left of or above."""
        # Two pixels clear of the dot, with the margin kept around every name.
        gap = _LANDMARK_RADIUS_PX * self.scale + _LABEL_MARGIN_EM * size + 2
        sides = (
            _Anchor((0, -gap), "center", "top"),
            _Anchor((gap, 0), "left", "center"),
            _Anchor((-gap, 0), "right", "center"),
            _Anchor((0, gap), "center", "bottom"),
        )
        labels = []
        for name, point in zip(_english_labels(self.points), dots, strict=True):
            if not name:
                continue
            for side in sides:
                label = self._label(
                    renderer, name, point, side, size, frame, placed, "italic"
                )
                if label is not None:
                    labels.append(label)
                    break
        return labels

    def _label(
        self,
        renderer: object,
        name: str,
        point: tuple[float, float],
        anchor: _Anchor,
        size: float,
        frame: Bbox,
        placed: list[Bbox],
        style: str = "normal",
    ) -> Text | None:
        """``name`` on the page's backing at ``anchor`` from ``point`` (pixels).

        Drawn only if it fits inside ``frame`` and clear of everything ``placed``
        (``_Anchor.inner_box`` is checked before it is drawn and measured); its
        box is then added to ``placed``. None where it does not fit.
        """
        if not self._fits(anchor.inner_box(name, point, size), frame, placed):
            return None
        label = self.axes.annotate(
            name,
            xy=self.axes.transData.inverted().transform(point),
            xytext=anchor.offset,
            textcoords="offset pixels",
            fontsize=_points(size),
            fontstyle=style,
            parse_math=False,
            horizontalalignment=anchor.horizontal,
            verticalalignment=anchor.vertical,
            annotation_clip=False,
            zorder=4,
            bbox={
                "boxstyle": "round,pad=0.15",
                "facecolor": self.backing,
                "linewidth": 0,
            },
        )
        extent = label.get_window_extent(renderer).padded(_LABEL_MARGIN_EM * size)
        if not self._fits(extent, frame, placed):
            label.remove()
            return None
        placed.append(extent)
        return label

    @staticmethod
    def _fits(extent: Bbox, frame: Bbox, placed: list[Bbox]) -> bool:
        """Whether ``extent`` lies inside ``frame`` and overlaps nothing ``placed``."""
        inside = frame.contains(extent.x0, extent.y0) and frame.contains(
            extent.x1, extent.y1
        )
        return inside and not any(extent.overlaps(other) for other in placed)

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
            fill = _fill(style)
            patch.set_facecolor(to_rgba(fill.face, opacity))
            patch.set_hatch(fill.hatch)
            patch.set_hatchcolor(to_rgba(fill.hatch_colour, opacity))
            patch.set_hatch_linewidth(_points(fill.hatch_width_px * self.scale))
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
        copied under each frame; the districts are redrawn, then what lies on them.
        """
        canvas = self.figure.canvas
        changing = [
            *self.patches.values(),
            self.landmarks,
            *self.scale_bar,
            *self.labels,
            self.day_label,
        ]
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
