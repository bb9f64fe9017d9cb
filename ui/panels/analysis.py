"""The analysis views below the map: one at a time, picked in a segmented control."""

from collections.abc import Collection
from datetime import date

import streamlit as st

from geo.city import City
from geo.days import latest_on_or_before
from geo.view_state import ViewState
from ui import address, city_cache
from ui.panels.changes import Outlines, changes_panel, history_panel
from ui.panels.figures import figures_panel
from ui.panels.share import share_panel
from ui.panels.territory import area_panel, front_panel

PANELS = (
    "Who holds how much",
    "Front line",
    "What changed",
    "District history",
    "Figures",
    "Share",
)


def analysis_panel(
    city: City,
    version: city_cache.CityVersion,
    view: ViewState,
    day: date,
    outlines: Outlines,
    source_types: Collection[str],
) -> None:
    """The analysis view the reader picked (key ``panel``); only it is computed."""
    panel = st.segmented_control(
        "Analysis", PANELS, key="panel", label_visibility="collapsed"
    )
    if panel == "Who holds how much":
        series = city_cache.area_series(version, view.claimant)
        # The areas are measured on report days: a day between them shows the last.
        measured = latest_on_or_before(sorted(set(series["day"])), day)
        area_panel(city, series, measured or day, view.claimant)
    elif panel == "Front line":
        front_panel(city_cache.claimed_city(version, view.claimant), day)
    elif panel == "What changed":
        changes_panel(city, version, outlines, view, day, source_types)
    elif panel == "District history":
        history_panel(city, view.district, day)
    elif panel == "Figures":
        figures_panel(city, day)
    elif panel == "Share":
        share_panel(address.shared_query(view))
