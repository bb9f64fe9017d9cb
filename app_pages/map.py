"""The map page: timeline, map, claims behind a district, and the analysis views.

Every view setting lives in the address (``ui.address``), so a copied link
reopens exactly this view; ``?snapshot=<id>`` shows a published one, pinned to
its data (``ui.publish_form``); ``?embed=true`` keeps the heading, slider and map.
"""

import os
import time

import streamlit as st

from geo.lookup import feature_at
from geo.maplayer.bundle import day_script
from geo.view_state import Layer, view_choices
from ui import address, auth, city_cache, publish_form
from ui.edit_watch import follow_edits
from ui.map_component import rendered_map, show_map
from ui.panels.analysis import analysis_panel
from ui.panels.changes import outlines_of
from ui.panels.controls import view_controls
from ui.panels.ledger import ledger_panel, unplaced_panel
from ui.timeline import timeline_control

MAP_KEY = "frontline_map"
# The city version this session's open map was built from; edits since are sent
# to it as a patch (city_cache.map_patch) instead of a new map.
DRAWN_MAP_VERSION = "drawn_map_version"
# Map first: below the heading and timeline it fills the rest of a 900 px tall
# screen, and takes three quarters of the width beside the ledger.
MAP_HEIGHT = 620
MAP_AND_SIDE = [3, 1]
# Beside the map, the side column scrolls within the map's height, so the analysis
# tabs start right under the map however many reports a district has; on a phone,
# where it stands under the map, page.css lets it run its whole length.
SIDE_COLUMN_KEY = "side_column"
# Browser tests slow each step's rerun by this much, to show that the map's paint
# does not wait for the server (tests/e2e/test_client_side_steps.py); 0 otherwise.
# (Comments, not docstrings: Streamlit would write a bare string on the page.)
STEP_DELAY_SECONDS = float(os.environ.get("FRONTLINE_TEST_STEP_DELAY_SECONDS") or 0)

city_name = auth.admitted_city()
published = publish_form.opened_snapshot(city_name)
as_of = published.data_sequence if published else None
# Asked before the city is read: an edit in between costs one extra rerun, not a
# missed edit. A slider step reruns only the timeline fragment below, which keeps
# this run's version instead of asking the database and the city's folder again:
# an edit since is the edit check's to find (ui.edit_watch), and it reruns the page.
# A new city's map is drawn from its files while its reports are stored.
page_version = city_cache.city_version(city_name, as_of, while_seeding=True)
city = city_cache.city_at(page_version)
choices = publish_form.snapshot_choices(view_choices(city), published)
address.open_view(choices, city.default_day, published)
embed = bool(st.context.is_embedded)
private = auth.settings().private


def pick_day(day: str) -> None:
    if STEP_DELAY_SECONDS:
        time.sleep(STEP_DELAY_SECONDS)
    address.pick_day(day)


def select_clicked_district(clicked: dict) -> None:
    address.pick_district(feature_at(city.districts, clicked["lat"], clicked["lng"]))


publish_form.page_heading(city, published)
if published is None:
    # In the sidebar, after its last element: an element with nothing to see still
    # takes the gap between elements, which above the map moved it down 16 px.
    with st.sidebar:
        follow_edits(
            city.name, city_cache.change_number(page_version), public=not private
        )


@st.fragment
def timeline() -> None:
    version = page_version
    drawn = city_cache.kept_map_version(
        st.session_state.get(DRAWN_MAP_VERSION), version
    )
    st.session_state[DRAWN_MAP_VERSION] = drawn
    day = address.shown_day()
    view = address.current_view(choices)
    outlines = outlines_of(version, view, day)

    # The map is drawn first, so its update leaves before the other widgets'.
    controls = st.container()
    map_column, ledger_column = (
        st.columns(MAP_AND_SIDE) if not embed else (st.container(), None)
    )
    with map_column:
        frontline = (
            city_cache.frontline_geojson(version, view.claimant, day)
            if Layer.FRONTLINE in view.layers
            else None
        )
        show_map(
            rendered_map(
                drawn,
                view.claimant,
                Layer.STREETS in view.layers,
                address.opening_centre(),
                day,
                private=private,
            ),
            day_script(
                day,
                view.district,
                changed=outlines.changed_ids,
                disagreeing=outlines.disagreeing_ids,
                frontline=frontline,
                events=Layer.EVENTS in view.layers,
                patch=city_cache.map_patch(drawn, version, view.claimant),
            ),
            key=MAP_KEY,
            height=MAP_HEIGHT,
            on_click=select_clicked_district,
        )
        if embed:
            publish_form.credit_line(city)
    with controls:
        if embed or published:
            publish_form.as_of_caption(day, published, view)
        timeline_control(day.isoformat(), choices, key="timeline", on_pick=pick_day)
    if ledger_column is not None:
        with (
            ledger_column,
            st.container(height=MAP_HEIGHT, border=False, key=SIDE_COLUMN_KEY),
        ):
            # Beside the map on a desktop, under it on a phone: folded away.
            view_controls(city, choices)
            ledger_panel(city, version, day)
            unplaced_panel(city, day)
        analysis_panel(city, version, view, day, outlines, choices.source_types)
    address.keep_view(view, choices)


timeline()
