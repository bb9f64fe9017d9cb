"""Building a new city folder from a boundary file or a list of named points.

Two ways in: a boundary file (any format of ``geo.citybuild.formats``: GeoJSON,
Esri JSON, KML, GeoPackage, FlatGeobuf, Shapefile..., in any coordinate
reference system) whose properties the user maps to ours (``read_boundaries``);
or a CSV of named points, around which schematic districts are drawn as Voronoi
cells clipped to an outline or a buffer (``schematic_districts``). ``build_city``
then checks everything together, optional reports included, and
``write_city_folder`` writes the folder.

Rule: every choice made on the user's behalf (coordinate system, repairs, cells
drawn around points) is reported, and a city folder is written whole or not at all.

Importers use the names below, from ``geo.citybuild``; the modules inside are its
own. The one exception is ``geo.citybuild.preview.preview_png``, imported from its
module so that building a city from the command line never loads matplotlib.
"""

from geo.citybuild.boundaries import (
    PropertyNames,
    boundary_fields,
    read_boundaries,
    shared_id_features,
    suggested_properties,
)
from geo.citybuild.cells import MAX_BUFFER_M, schematic_districts
from geo.citybuild.draft import CityDraft, build_city
from geo.citybuild.extent import CITY_EXTENT_KM, MAX_EXTENT_KM
from geo.citybuild.folder import target_problems, write_city_folder
from geo.citybuild.formats import BOUNDARY_SUFFIXES, READ_FORMATS
from geo.citybuild.inputs import (
    MAX_FEATURES,
    MAX_SOURCE_BYTES,
    CitySettings,
    SourceFile,
    actor_entry,
    folder_name,
)
from geo.citybuild.parts import SHARED_IDS_LABELS, SharedIds
from geo.citybuild.reports_file import place_names

__all__ = [
    "BOUNDARY_SUFFIXES",
    "CITY_EXTENT_KM",
    "MAX_BUFFER_M",
    "MAX_EXTENT_KM",
    "MAX_FEATURES",
    "MAX_SOURCE_BYTES",
    "READ_FORMATS",
    "SHARED_IDS_LABELS",
    "CityDraft",
    "CitySettings",
    "PropertyNames",
    "SharedIds",
    "SourceFile",
    "actor_entry",
    "boundary_fields",
    "build_city",
    "folder_name",
    "place_names",
    "read_boundaries",
    "schematic_districts",
    "shared_id_features",
    "suggested_properties",
    "target_problems",
    "write_city_folder",
]
