"""Exports for readers and the graphics desk: tables, pictures and a standalone page.

Rule: nothing here decides a colour. Every export lays out the control that
``geo.resolution.control_on`` gives, the same the map shows, for another program
(CSV, GeoJSON), as a picture (PNG, SVG, PDF or GIF, sized and titled by
``ExportOptions``) or for a reader's browser (one HTML file), and carries its
day, credits and the schematic-boundaries note. Text from cities
and reports is untrusted and stays text: ``geo.escaping`` for HTML and CSV, no
math in pictures. No Streamlit here. Callers import from ``geo.export`` only.
"""

from geo.export.day_picture import MAP_AXES_LABEL, MIN_TEXT_PX
from geo.export.downloads import (
    Download,
    animation_download,
    day_downloads,
    page_download,
)
from geo.export.leaflet import (
    INLINE_LEAFLET,
    InlineLeaflet,
    LeafletSource,
    LeafletUrls,
    vendored_leaflet,
)
from geo.export.options import (
    MAX_SIDE_PX,
    MAX_TITLE_CHARACTERS,
    MIN_SIDE_PX,
    PRESET_LABELS,
    PRESET_SIZES_PX,
    ExportFormat,
    ExportOptions,
    SizePreset,
)
from geo.export.pictures import (
    MIN_FINAL_PAUSE_SECONDS,
    animated_gif,
    day_figure,
    day_picture,
    day_png,
)
from geo.export.provenance import data_version, provenance, published_line
from geo.export.standalone_page import standalone_html
from geo.export.tables import (
    control_csv,
    control_geojson,
    control_table,
    frontline_csv,
    frontline_geojson,
    frontline_table,
)
from geo.projections import PICTURE_CRS

__all__ = [
    "INLINE_LEAFLET",
    "MAP_AXES_LABEL",
    "MAX_SIDE_PX",
    "MAX_TITLE_CHARACTERS",
    "MIN_FINAL_PAUSE_SECONDS",
    "MIN_SIDE_PX",
    "MIN_TEXT_PX",
    "PICTURE_CRS",
    "PRESET_LABELS",
    "PRESET_SIZES_PX",
    "Download",
    "ExportFormat",
    "ExportOptions",
    "InlineLeaflet",
    "LeafletSource",
    "LeafletUrls",
    "SizePreset",
    "animated_gif",
    "animation_download",
    "control_csv",
    "control_geojson",
    "control_table",
    "data_version",
    "day_downloads",
    "day_figure",
    "day_picture",
    "day_png",
    "frontline_csv",
    "frontline_geojson",
    "frontline_table",
    "page_download",
    "provenance",
    "published_line",
    "standalone_html",
    "vendored_leaflet",
]
