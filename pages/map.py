"""The map page: timeline slider, map, and the claims behind the selected district."""

from datetime import date

import streamlit as st
from streamlit_folium import st_folium

from geo.days import format_day, parse_day, report_day_on_or_before
from geo.escaping import is_web_url
from geo.lookup import feature_at
from geo.map_layers import base_map, day_layer
from geo.resolution import claims_behind
from ui import loading
from ui.labels import district_label

PLAY_SECONDS_PER_DAY = 1.0
MAP_KEY = "frontline_map"

city = loading.city(st.session_state.city)
days = [day.isoformat() for day in city.days]


def pretty(iso: str) -> str:
    return format_day(date.fromisoformat(iso))


if st.session_state.get("day_city") != st.session_state.city:
    st.session_state.day_city = st.session_state.city
    st.session_state.kept_day = st.query_params.get("day")
    district = st.query_params.get("district")
    st.session_state.kept_district = (
        district if district in city.districts.index else None
    )
# Streamlit forgets a widget's value while another page runs: the "kept_" copies
# bring the day and district back when the reader returns to the map. A day that
# no longer has reports (one was retracted) snaps to the report day before it.
if st.session_state.get("day") not in days:
    requested = parse_day(st.session_state.kept_day) or city.default_day
    st.session_state.day = report_day_on_or_before(city.days, requested).isoformat()
if "district" not in st.session_state:
    st.session_state.district = st.session_state.kept_district


def step(offset: int) -> None:
    position = days.index(st.session_state.day) + offset
    st.session_state.day = days[min(max(position, 0), len(days) - 1)]


def select_clicked_district() -> None:
    clicked = (st.session_state.get(MAP_KEY) or {}).get("last_object_clicked")
    if clicked:
        found = feature_at(city.districts, clicked["lat"], clicked["lng"])
        st.session_state.district = found or st.session_state.district


st.title(city.title)


playing = bool(st.session_state.get("playing"))


@st.fragment(run_every=PLAY_SECONDS_PER_DAY if playing else None)
def timeline() -> None:
    if bool(st.session_state.get("playing")) != playing:
        st.rerun(scope="app")  # starts or stops the fragment's timer
    if playing:
        if st.session_state.day == days[-1]:
            st.session_state.playing = False
        else:
            step(+1)
    day = date.fromisoformat(st.session_state.day)
    st.markdown(f"#### Situation on {pretty(st.session_state.day)}")

    previous, slider, following, play = st.columns(
        [1, 12, 1, 2], vertical_alignment="center"
    )
    previous.button(
        "◀",
        on_click=step,
        args=(-1,),
        help="Previous report day",
        disabled=st.session_state.day == days[0],
    )
    slider.select_slider(
        "Day", days, key="day", format_func=pretty, label_visibility="collapsed"
    )
    following.button(
        "▶",
        on_click=step,
        args=(+1,),
        help="Next report day",
        disabled=st.session_state.day == days[-1],
    )
    play.toggle("Play", key="playing", help="Advance one report day per second.")

    map_column, ledger_column = st.columns([3, 2])
    with map_column:
        figure = base_map(
            city,
            bundle_url=loading.bundle_url(st.session_state.city),
            street_tiles=st.session_state.get("street_tiles", False),
            **loading.map_asset_urls(),
        )
        st_folium(
            figure,
            key=MAP_KEY,
            height=560,
            use_container_width=True,
            returned_objects=["last_object_clicked"],
            feature_group_to_add=day_layer(day, st.session_state.district),
            on_change=select_clicked_district,
        )
        st.toggle("Street map tiles (needs internet)", key="street_tiles")
    with ledger_column:
        district_id = st.selectbox(
            "District",
            city.districts.sort_values("name_en").index,
            key="district",
            format_func=lambda district_id: district_label(city, district_id),
            index=None,
            placeholder="Pick a district…",
        )
        if district_id is None:
            st.info(
                "Click a district on the map, or pick one above, to read every "
                "claim behind its colour."
            )
        else:
            ledger = claims_behind(city, district_id, day)
            st.caption(
                f"{len(ledger)} report(s) up to {pretty(st.session_state.day)}, "
                "newest first. A denied claim stops counting from the denial."
            )
            ledger["link"] = [url if is_web_url(url) else None for url in ledger["url"]]
            st.dataframe(
                ledger[["day", "says", "role", "source", "kind", "link", "note"]],
                hide_index=True,
                column_config={
                    "day": st.column_config.DateColumn(
                        "Day", format="D MMM YYYY", width="small"
                    ),
                    "says": st.column_config.TextColumn("Says", width="medium"),
                    "role": st.column_config.TextColumn("Role today", width="small"),
                    "source": st.column_config.TextColumn("Source", width="medium"),
                    "kind": st.column_config.TextColumn("Kind", width="small"),
                    "link": st.column_config.LinkColumn(
                        "Link", display_text="open", width="small"
                    ),
                    "note": st.column_config.TextColumn("Note", width="large"),
                },
            )
    st.session_state.kept_day = st.session_state.day
    st.session_state.kept_district = st.session_state.district
    shared = {"city": st.session_state.city, "day": st.session_state.day}
    if st.session_state.district:
        shared["district"] = st.session_state.district
    st.query_params.from_dict(shared)


timeline()
