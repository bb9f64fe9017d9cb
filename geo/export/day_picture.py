"""One city drawn with matplotlib (Agg) once, then painted for any day.

The drawing follows the browser map: colours, hatching and fading come from
``geo.colours``, strokes are sized in screen pixels like Leaflet's, and the
control of each district comes from the resolution rule (``geo.resolution``).
Titles, labels and credits are drawn as plain text, never as math.
"""

import math
import textwrap
from collections.abc import Iterable, Iterator
from datetime import date

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
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
    age_opacity_share,
    map_styles,
)
from geo.days import format_day
from geo.export.notes import READER_NOTE
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


def _points(pixels: float) -> float:
    return pixels * _POINTS_PER_INCH / DPI


def _pixels(points: float) -> float:
    return points * DPI / _POINTS_PER_INCH


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


class DayPicture:
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
            width_px * height_px / (REFERENCE_SIZE_PX[0] * REFERENCE_SIZE_PX[1])
        )
        self.figure = Figure(figsize=(width_px / DPI, height_px / DPI), dpi=DPI)
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
