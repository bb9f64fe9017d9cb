"""The Streamlit parts of the 'bring your own city' page: its inputs and its check.

``app_pages/new_city.py`` wires these together; the building and checking happen in
``geo.citybuild``, which never imports Streamlit. Uploads reach the cached
readers as (name, bytes) pairs, which Streamlit can hash.
"""

from dataclasses import dataclass

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from geo.citybuild import (
    BOUNDARY_SUFFIXES,
    CITY_EXTENT_KM,
    MAX_BUFFER_M,
    MAX_EXTENT_KM,
    READ_FORMATS,
    SHARED_IDS_LABELS,
    CityDraft,
    CitySettings,
    PropertyNames,
    SharedIds,
    SourceFile,
    actor_entry,
    boundary_fields,
    place_names,
    read_boundaries,
    schematic_districts,
    shared_id_features,
    suggested_properties,
)
from geo.citybuild.preview import preview_png
from geo.escaping import markdown_text
from geo.frontline import BORDER_TOLERANCE_M, MAX_STATED_STREET_WIDTH_M
from geo.geometry import CheckedFeatures
from geo.localities import picker_labels
from geo.problems import Problem
from geo.report_csv import DateOrder, TextEncoding
from geo.wording import counted
from ui.upload_options import date_order_picker, encoding_picker

Uploads = tuple[tuple[str, bytes], ...]
BOUNDARY_TYPES = [
    *(suffix.lstrip(".") for suffix in BOUNDARY_SUFFIXES),
    *("zip", "shx", "dbf", "prj", "cpg"),
]
NO_PROPERTY = ""
REPORTS_SHOWN = ("report_id", "date", "status", "actor", "source")
"""The columns of the reports preview, beside where each report is filed."""
SHARED_IDS_LISTED = 10
"""Most ids sharing features that the form lists one by one."""


@dataclass(frozen=True)
class ReportsUpload:
    """The optional reports file, and how the user says its text is written."""

    file: SourceFile | None
    encoding: TextEncoding
    date_order: DateOrder


def _files(uploads: Uploads) -> list[SourceFile]:
    return [SourceFile(name, data) for name, data in uploads]


@st.cache_data(max_entries=4, show_spinner="Reading the districts file…")
def _fields(uploads: Uploads, layer: str) -> tuple[str, ...]:
    return boundary_fields(_files(uploads), layer)


@st.cache_data(max_entries=4, show_spinner="Looking for features that share an id…")
def _shared_ids(
    uploads: Uploads, names: PropertyNames, layer: str
) -> dict[str, tuple[str, ...]]:
    return shared_id_features(_files(uploads), names, layer)


@st.cache_data(max_entries=4, show_spinner="Checking the districts…")
def _boundaries(
    uploads: Uploads,
    names: PropertyNames,
    crs: str,
    layer: str,
    shared_ids: SharedIds,
    extent_km: float | None,
) -> CheckedFeatures:
    return read_boundaries(
        _files(uploads),
        names,
        stated_crs=crs,
        layer=layer,
        shared_ids=shared_ids,
        extent_km=extent_km,
    )


@st.cache_data(max_entries=4, show_spinner="Drawing the schematic districts…")
def _schematic(
    points: Uploads, encoding: TextEncoding, outline: Uploads, buffer_m: float | None
) -> CheckedFeatures:
    return schematic_districts(
        _files(points)[0],
        encoding=encoding,
        outline=_files(outline)[0] if outline else None,
        buffer_m=buffer_m,
    )


def _optional_property(
    column: DeltaGenerator,
    label: str,
    fields: list[str],
    suggested: str,
    key: str,
    none: str = "(none)",
) -> str:
    """A picker of the property holding an optional field, or ``none``."""
    options = [NO_PROPERTY, *fields]
    return column.selectbox(
        label,
        options,
        index=options.index(suggested),
        format_func=lambda field: field or none,
        key=key,
    )


def _shared_ids_choice(shared: dict[str, tuple[str, ...]]) -> SharedIds:
    """Ask what features sharing an id are, when some do; ``ASK`` until answered."""
    if not shared:
        return SharedIds.ASK
    listed = [
        f"'{district_id}': {', '.join(places)}"
        for district_id, places in list(shared.items())[:SHARED_IDS_LISTED]
    ]
    if len(shared) > SHARED_IDS_LISTED:
        listed.append(f"and {len(shared) - SHARED_IDS_LISTED:,} more")
    choice = st.radio(
        f"{counted(len(shared), 'id')} shared by several features "
        f"({'; '.join(listed)}). "
        "Each such id is",
        list(SHARED_IDS_LABELS),
        index=None,
        format_func=SHARED_IDS_LABELS.get,
        key="byo_shared_ids",
    )
    return choice or SharedIds.ASK


def district_features() -> CheckedFeatures | None:
    """The districts from the file or points the user gives; None until given."""
    mode = st.radio(
        "Districts from",
        ["boundaries", "points"],
        format_func={
            "boundaries": "A boundary file (GeoJSON, Esri JSON, KML, GeoPackage, "
            "Shapefile, FlatGeobuf)",
            "points": "Named points (CSV): schematic districts are drawn around them",
        }.get,
        key="byo_mode",
    )
    return _boundary_features() if mode == "boundaries" else _schematic_features()


def _boundary_features() -> CheckedFeatures | None:
    uploads = st.file_uploader(
        f"Districts file: {READ_FORMATS}",
        type=BOUNDARY_TYPES,
        accept_multiple_files=True,
        key="byo_boundaries",
    )
    layer = st.text_input(
        "Layer (only for a GeoPackage or KML file with several)", key="byo_layer"
    ).strip()
    crs = st.text_input(
        "Coordinate reference system, if the file does not say (e.g. EPSG:32638)",
        key="byo_crs",
    ).strip()
    extent_km = st.number_input(
        f"Extent: km from the middle the districts may lie (empty: a city's "
        f"{CITY_EXTENT_KM:.0f} km; more for a regional file)",
        min_value=1,
        max_value=int(MAX_EXTENT_KM),
        value=None,
        step=10,
        key="byo_extent_km",
    )
    if not uploads:
        return None
    files: Uploads = tuple((upload.name, upload.getvalue()) for upload in uploads)
    fields = list(_fields(files, layer))
    suggested = suggested_properties(fields)
    id_column, name_column, local_column, aliases_column = st.columns(4)
    name_en = name_column.selectbox(
        "English name",
        fields,
        index=fields.index(suggested.name_en) if suggested.name_en else None,
        placeholder="the property holding the names",
        key="byo_name_en",
    )
    names = PropertyNames(
        id=_optional_property(
            id_column,
            "Id property",
            fields,
            suggested.id,
            "byo_id",
            none="(none: made from the names)",
        ),
        name_en=name_en or "",
        name_ar=_optional_property(
            local_column,
            "Local name (stored as name_ar)",
            fields,
            suggested.name_ar,
            "byo_name_ar",
        ),
        aliases=_optional_property(
            aliases_column,
            "Aliases (;-separated)",
            fields,
            suggested.aliases,
            "byo_aliases",
        ),
    )
    # With no readable properties the pickers are empty: the check then
    # reports why the file could not be read.
    if not fields:
        return _boundaries(
            files, PropertyNames("", ""), crs, layer, SharedIds.ASK, extent_km
        )
    shared_ids = _shared_ids_choice(_shared_ids(files, names, layer))
    return _boundaries(files, names, crs, layer, shared_ids, extent_km)


def _schematic_features() -> CheckedFeatures | None:
    points = st.file_uploader(
        "Points CSV: id, name_en, lat, lon (optional name_ar, aliases, kind, "
        "precision_m, basis)",
        type=["csv", "txt"],
        key="byo_points",
    )
    points_encoding = encoding_picker(st, "Points text encoding", "byo_points_encoding")
    fill = st.radio(
        "The cells fill",
        ["buffer", "outline"],
        format_func={
            "buffer": "a buffer around the points",
            "outline": "an outline polygon (GeoJSON)",
        }.get,
        horizontal=True,
        key="byo_fill",
    )
    outline: Uploads = ()
    buffer_m = None
    if fill == "outline":
        outline_file = st.file_uploader(
            "Outline", type=["geojson", "json"], key="byo_outline"
        )
        if outline_file is not None:
            outline = ((outline_file.name, outline_file.getvalue()),)
    else:
        buffer_m = float(
            st.number_input(
                "Buffer around the points (metres)",
                min_value=50,
                max_value=int(MAX_BUFFER_M),
                value=1000,
                step=50,
                key="byo_buffer",
            )
        )
    if points is None or (buffer_m is None and not outline):
        return None
    return _schematic(
        ((points.name, points.getvalue()),), points_encoding, outline, buffer_m
    )


def reports_upload() -> ReportsUpload:
    """The optional reports file, its text encoding and its date order."""
    st.subheader("Reports (optional)")
    reports = st.file_uploader("Reports CSV", type=["csv", "txt"], key="byo_reports")
    encoding_column, order_column = st.columns(2)
    with encoding_column:
        encoding = encoding_picker(st, "Reports text encoding", "byo_reports_encoding")
    date_order = date_order_picker(
        order_column, "Dates in the reports are written", "byo_date_order"
    )
    file = SourceFile(reports.name, reports.getvalue()) if reports else None
    return ReportsUpload(file, encoding, date_order)


def city_settings() -> CitySettings:
    """What the user says about the new city; empty days and sides are left out."""
    st.subheader("The city")
    name_column, title_column = st.columns(2)
    name = name_column.text_input("Name (its folder is named after it)", key="byo_name")
    title = title_column.text_input("Title (default: the name)", key="byo_title")
    first_column, last_column, default_column = st.columns(3)
    first_day = first_column.date_input("First day", value=None, key="byo_first_day")
    last_day = last_column.date_input("Last day", value=None, key="byo_last_day")
    default_day = default_column.date_input(
        "Day the map opens on", value=None, key="byo_default_day"
    )
    st.caption(
        "Days left empty are taken from the reports (the map opens on the last)."
    )
    actors_text = st.text_area(
        "Sides, one per line as id = label = #colour = alias; alias (colour and "
        "aliases optional; empty: the actor ids in the reports)",
        key="byo_actors",
    )
    credits = st.text_input(
        "Credits (who made the boundaries and reports)", key="byo_credits"
    )
    street_width = st.number_input(
        "Streets up to this many metres wide lie between neighbouring districts",
        value=None,
        step=1.0,
        placeholder="empty: worked out from the gaps between the districts",
        format="%g",
        key="byo_street_width",
    )
    st.caption(
        f"Districts this far apart, plus {BORDER_TOLERANCE_M:g} m, count as "
        "neighbours, so a front line can run between them; 0 when they touch, at most "
        f"{MAX_STATED_STREET_WIDTH_M:g} m. The check below says which width is used."
    )
    return CitySettings(
        name=name,
        title=title,
        first_day=first_day,
        last_day=last_day,
        default_day=default_day,
        actors=tuple(
            actor_entry(line) for line in actors_text.splitlines() if line.strip()
        ),
        credits=credits,
        street_width_m=street_width,
    )


def _problem_table(problems: list[Problem]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "file": problem.file,
                "where": problem.location,
                "field": problem.field,
                "problem": problem.message,
            }
            for problem in problems
        ]
    )


def show_check(draft: CityDraft, problems: list[Problem]) -> None:
    """Every problem in one table, the notes, then a picture and table of districts."""
    st.subheader("Check")
    if problems:
        st.error(
            f"{counted(len(problems), 'problem')}; nothing will be written until "
            "they are fixed."
        )
        st.dataframe(_problem_table(problems), hide_index=True, width="stretch")
    for note in draft.notes:
        st.warning(markdown_text(note))
    if not draft.districts.empty:
        picture_column, table_column = st.columns(2)
        picture_column.image(preview_png(draft.districts), caption="The districts")
        table = pd.DataFrame(draft.districts.drop(columns="geometry"))
        table.insert(1, "picker", picker_labels(draft.districts))
        table_column.dataframe(table, hide_index=True, width="stretch")
    if not draft.reports.empty:
        st.markdown("**Reports**, each filed under the district(s) shown")
        reports = draft.reports[list(REPORTS_SHOWN)].assign(
            filed_under=[
                place_names(place, draft.districts)
                for place in draft.reports["district_id"]
            ]
        )
        st.dataframe(reports, hide_index=True, width="stretch")
