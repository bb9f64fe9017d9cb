"""A quick picture of a new city's districts, to check them before writing."""

import io

import geopandas as gpd
import numpy as np
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from geo.colours import OUTLINE_COLOUR
from geo.frontline import district_polygons
from geo.projections import PICTURE_CRS
from geo.status import FeatureKind

_LABELLED_DISTRICTS = 60
"""Up to this many districts are labelled with their ids; more would be a blur."""
_PREVIEW_PX = 640
_DPI = 100
_OUTLINE_WIDTH_PT = 0.6
_LABEL_SIZE_PT = 7
_LANDMARK_SIZE_PT2 = 12


def preview_png(districts: gpd.GeoDataFrame) -> bytes:
    """A quick picture of the districts' outlines, to check them before writing.

    Web Mercator, like the map; a few dozen districts are labelled with their ids.
    """
    figure = Figure(figsize=(_PREVIEW_PX / _DPI, _PREVIEW_PX / _DPI), dpi=_DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    axes.set_aspect("equal")
    projected = districts.to_crs(PICTURE_CRS)
    polygons = district_polygons(projected)
    rings = [
        np.asarray(ring.coords)
        for geometry in polygons.geometry
        for polygon in shapely.get_parts(geometry)
        for ring in (polygon.exterior, *polygon.interiors)
    ]
    axes.add_collection(
        LineCollection(rings, colors=OUTLINE_COLOUR, linewidths=_OUTLINE_WIDTH_PT)
    )
    landmarks = projected[projected["kind"] == FeatureKind.LANDMARK]
    axes.scatter(
        landmarks.geometry.x,
        landmarks.geometry.y,
        s=_LANDMARK_SIZE_PT2,
        c=OUTLINE_COLOUR,
    )
    if len(polygons) <= _LABELLED_DISTRICTS:
        for key, point in polygons.geometry.representative_point().items():
            axes.annotate(
                str(key), (point.x, point.y), fontsize=_LABEL_SIZE_PT, ha="center"
            )
    axes.autoscale_view()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
