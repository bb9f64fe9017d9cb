"""Frontline: router, page settings and the shared sidebar (city picker)."""

import streamlit as st

from geo.problems import CityDataError
from ui import loading

st.set_page_config(
    page_title="Frontline",
    page_icon=str(loading.STATIC_DIR / "favicon.png"),
    layout="wide",
)

cities = loading.available_cities()
if not cities:
    st.error(f"No city folder with a city.toml was found in {loading.cities_dir()}.")
    st.stop()

requested = st.query_params.get("city")
if st.session_state.get("city") not in cities:
    st.session_state.city = requested if requested in cities else cities[0]


def pick_city() -> None:
    st.session_state.city = st.session_state.city_picker


with st.sidebar:
    st.selectbox(
        "City",
        cities,
        index=cities.index(st.session_state.city),
        key="city_picker",
        on_change=pick_city,
        format_func=str.title,
    )
    st.caption(
        "Colours come from dated, sourced claims; click a district to read them. "
        "Boundaries are schematic."
    )

try:
    loading.city(st.session_state.city)
except CityDataError as error:
    st.error(str(error))
    st.stop()

page = st.navigation(
    [st.Page("pages/map.py", title="Map", icon=":material/map:", default=True)]
)
page.run()
