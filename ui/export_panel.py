"""Exports: one download button per file, of the live data or a published map.

The import and export page exports the live data (``show_exports``); the
Published maps page exports a snapshot as it was published, each file naming
it (``show_snapshot_exports``). Every file is made when its button is pressed,
within ``ui.export_limits``: kept per data version (and snapshot) and options,
slow ones one at a time per server.
"""

import secrets
from collections.abc import Hashable
from datetime import date

import streamlit as st
from sqlalchemy import Engine

from geo.city import City
from geo.days import format_day, parse_day, report_day_on_or_before
from geo.escaping import markdown_text
from geo.export import (
    INLINE_LEAFLET,
    MAX_SIDE_PX,
    MIN_SIDE_PX,
    PRESET_LABELS,
    PRESET_SIZES_PX,
    Download,
    ExportFormat,
    ExportOptions,
    LeafletSource,
    LeafletUrls,
    SizePreset,
    animation_download,
    day_downloads,
    page_download,
)
from geo.report_csv import reports_csv
from geo.snapshots import Publication, Snapshot, filter_line
from geo.view_state import ViewState
from storage.reports import current_reports
from ui.city_cache import city_version, claimed_city
from ui.export_limits import exported

_LEAFLET_CHOICES = {
    "inline": "Inside the file (works offline)",
    "urls": "From our own addresses",
}


TABLE_TYPES = frozenset({"text/csv", "application/geo+json"})
"""Files quick to make (tables); the others are pictures or pages, made one at a
time."""
SLOW_CAPTION = (
    "Pictures, the web page and the GIF are made one at a time for all readers: "
    "if a button says the download failed, another is being made; try again in a "
    "few seconds."
)


def _session_name() -> str:
    """A name for this session, so its exports can be counted."""
    return st.session_state.setdefault("export_session", secrets.token_hex(8))


def _download_button(download: Download, key: Hashable, *, slow: bool) -> None:
    """The button for ``download``, its file kept under ``key`` once made."""
    make = download.data
    session = _session_name()
    st.download_button(
        download.label,
        data=lambda: exported(key, make, session=session, slow=slow),
        file_name=download.file_name,
        mime=download.mime,
        icon=":material/download:",
    )


def _day_label(iso_day: str) -> str:
    return format_day(date.fromisoformat(iso_day))


def _picked_day(
    city: City, opening: date | None = None, snapshot_id: str | None = None
) -> date:
    """The day of the one-day files; it opens on ``opening`` or the map's day."""
    kept_day = (
        opening or parse_day(st.session_state.get("kept_day")) or city.default_day
    )
    day_text = st.select_slider(
        "One day",
        [day.isoformat() for day in city.days],
        value=report_day_on_or_before(city.days, kept_day).isoformat(),
        format_func=_day_label,
        key=_key("export_day", snapshot_id),
    )
    return date.fromisoformat(day_text)


def _picked_leaflet() -> LeafletSource:
    """Leaflet inside the page, or from the addresses the user types."""
    choice = st.radio(
        "Leaflet in the web page",
        list(_LEAFLET_CHOICES),
        format_func=_LEAFLET_CHOICES.get,
        key="export_leaflet",
    )
    if choice != "urls":
        return INLINE_LEAFLET
    return LeafletUrls(
        st.text_input("leaflet.js address", key="export_leaflet_js"),
        st.text_input("leaflet.css address", key="export_leaflet_css"),
    )


def _key(name: str, published: str | None) -> str:
    """A widget's key; a snapshot's export has keys of its own, per snapshot."""
    return name if published is None else f"{name}_{published}"


def _picture_options(
    city: City, words: Publication | None = None, snapshot_id: str | None = None
) -> ExportOptions | None:
    """The size, format and texts of the pictures, or None (and why) if refused.

    The texts start as a snapshot's ``words`` (its filter named after the
    subtitle) when given, else the city's title.
    """
    size_column, format_column = st.columns(2)
    size = size_column.selectbox(
        "Picture size",
        list(SizePreset),
        format_func=PRESET_LABELS.get,
        key=_key("export_size", snapshot_id),
    )
    picture_format = format_column.radio(
        "Picture format",
        list(ExportFormat),
        format_func=str.upper,
        horizontal=True,
        key=_key("export_format", snapshot_id),
    )
    width = height = None
    if size == SizePreset.CUSTOM:
        width_column, height_column = st.columns(2)
        default_width, default_height = PRESET_SIZES_PX[SizePreset.SOCIAL]
        width, height = (
            column.number_input(
                f"{side} (pixels, {MIN_SIDE_PX} to {MAX_SIDE_PX})",
                value=default,
                step=10,
                key=_key(f"export_{side.lower()}", snapshot_id),
            )
            for column, side, default in (
                (width_column, "Width", default_width),
                (height_column, "Height", default_height),
            )
        )
    words = words or Publication(city.name, ViewState(), city.title)
    title = st.text_input(
        "Title", value=words.title, key=_key("export_title", snapshot_id)
    )
    # A filtered snapshot's pictures name the filter, as its embed does.
    subtitle_words = [words.subtitle, filter_line(words.view.claimant)]
    subtitle = st.text_input(
        "Subtitle",
        value=" · ".join(filter(None, subtitle_words)),
        key=_key("export_subtitle", snapshot_id),
    )
    byline = st.text_input(
        "Byline", value=words.byline, key=_key("export_byline", snapshot_id)
    )
    notes = st.text_area(
        "Notes (printed above the credits)",
        value=words.notes,
        key=_key("export_notes", snapshot_id),
    )
    try:
        return ExportOptions(
            size=size,
            width_px=width,
            height_px=height,
            format=picture_format,
            title=title,
            subtitle=subtitle,
            byline=byline,
            notes=notes,
        )
    except ValueError as error:
        st.error(markdown_text(error))
        return None


def _page_button(
    city: City, version: Hashable, day: date, snapshot: Snapshot | None
) -> None:
    """The standalone page's button, or why its Leaflet addresses are refused."""
    leaflet = _picked_leaflet()
    try:
        download = page_download(city, leaflet, day, snapshot)
    except ValueError as error:
        st.error(markdown_text(error))
    else:
        _download_button(download, ("page", version, leaflet, day), slow=True)


def _animation_button(
    city: City,
    version: Hashable,
    options: ExportOptions | None,
    snapshot: Snapshot | None,
) -> None:
    """The GIF's button, for the span of report days the user picks."""
    days = [day.isoformat() for day in city.days]
    first, last = st.select_slider(
        "Animation from / to",
        days,
        value=(days[0], days[-1]),
        format_func=_day_label,
        key=_key("export_span", snapshot.id if snapshot else None),
    )
    if options is None:
        return
    span = (date.fromisoformat(first), date.fromisoformat(last))
    try:
        download = animation_download(city, *span, options, snapshot)
    except ValueError as error:
        st.error(markdown_text(error))
    else:
        _download_button(download, ("gif", version, span, options), slow=True)


def _day_and_battle_exports(
    city: City, version: Hashable, snapshot: Snapshot | None
) -> None:
    """The files of one day, then the page and the GIF of the whole battle."""
    snapshot_id = snapshot.id if snapshot else None
    day = _picked_day(city, snapshot.day if snapshot else None, snapshot_id)
    options = _picture_options(
        city, snapshot.publication if snapshot else None, snapshot_id
    )
    try:
        downloads = day_downloads(city, day, options, snapshot)
    except ValueError as error:
        st.error(markdown_text(error))
        options = None
        downloads = day_downloads(city, day, options, snapshot)
    for column, download in zip(st.columns(len(downloads)), downloads, strict=True):
        with column:
            table = download.mime in TABLE_TYPES
            key = (download.file_name, version, None if table else options)
            _download_button(download, key, slow=not table)
    st.markdown("**The whole battle**")
    page_column, animation_column = st.columns(2)
    with page_column:
        _page_button(city, version, day, snapshot)
    with animation_column:
        _animation_button(city, version, options, snapshot)
    st.caption(SLOW_CAPTION)


def show_exports(city: City, engine: Engine) -> None:
    """Every export: the current reports, the files of one day, the whole battle."""
    version = city_version(st.session_state.city)
    _download_button(
        Download(
            "Every current report (CSV, opens in Excel with Arabic intact)",
            f"{city.name}-reports.csv",
            "text/csv",
            lambda: reports_csv(current_reports(engine, city.name)),
        ),
        ("reports", version),
        slow=False,
    )
    _day_and_battle_exports(city, version, None)


def show_snapshot_exports(found: Snapshot) -> None:
    """The files of a published map: its data, its filter and its words.

    They are drawn from the data as published (the snapshot's revision), as
    its source filter tells it, and each names the snapshot, its revision and
    publish time in its metadata.
    """
    pinned = city_version(found.publication.city, found.data_sequence)
    city = claimed_city(pinned, found.publication.view.claimant)
    _day_and_battle_exports(city, (pinned, found.id), found)
