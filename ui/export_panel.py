"""The export half of the import and export page: one download button per file."""

from datetime import date

import streamlit as st
from sqlalchemy import Engine

from geo.city import City
from geo.days import format_day, parse_day, report_day_on_or_before
from geo.escaping import markdown_text
from geo.export import (
    INLINE_LEAFLET,
    Download,
    LeafletSource,
    LeafletUrls,
    animation_download,
    day_downloads,
    page_download,
)
from geo.report_csv import reports_csv
from storage.reports import current_reports

_LEAFLET_CHOICES = {
    "inline": "Inside the file (works offline)",
    "urls": "From our own addresses",
}


def _download_button(download: Download) -> None:
    st.download_button(
        download.label,
        data=download.data,
        file_name=download.file_name,
        mime=download.mime,
        icon=":material/download:",
    )


def _day_label(iso_day: str) -> str:
    return format_day(date.fromisoformat(iso_day))


def _picked_day(city: City) -> date:
    """The day of the one-day files; it opens on the day kept from the map."""
    kept_day = parse_day(st.session_state.get("kept_day")) or city.default_day
    day_text = st.select_slider(
        "One day",
        [day.isoformat() for day in city.days],
        value=report_day_on_or_before(city.days, kept_day).isoformat(),
        format_func=_day_label,
        key="export_day",
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


def _page_button(city: City, day: date) -> None:
    """The standalone page's button, or why its Leaflet addresses are refused."""
    leaflet = _picked_leaflet()
    try:
        download = page_download(city, leaflet, day)
    except ValueError as error:
        st.error(markdown_text(error))
    else:
        _download_button(download)


def _animation_button(city: City) -> None:
    """The GIF's button, for the span of report days the user picks."""
    days = [day.isoformat() for day in city.days]
    first, last = st.select_slider(
        "Animation from / to",
        days,
        value=(days[0], days[-1]),
        format_func=_day_label,
        key="export_span",
    )
    _download_button(
        animation_download(city, date.fromisoformat(first), date.fromisoformat(last))
    )


def show_exports(city: City, engine: Engine) -> None:
    """Every export: the current reports, the files of one day, the whole battle."""
    _download_button(
        Download(
            "Every current report (CSV, opens in Excel with Arabic intact)",
            f"{city.name}-reports.csv",
            "text/csv",
            lambda: reports_csv(current_reports(engine, city.name)),
        )
    )
    day = _picked_day(city)
    downloads = day_downloads(city, day)
    for column, download in zip(st.columns(len(downloads)), downloads, strict=True):
        with column:
            _download_button(download)
    st.markdown("**The whole battle**")
    page_column, animation_column = st.columns(2)
    with page_column:
        _page_button(city, day)
    with animation_column:
        _animation_button(city)
