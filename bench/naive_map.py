"""The naive way, for comparison only: rebuild the whole Folium map on every step.

A plain streamlit-folium app of the kind the benchmark compares against: each
slider step builds a new ``folium.Map`` with every district as styled GeoJSON,
so the browser receives and redraws all the geometry again. Run by
``bench.slider`` with ``FRONTLINE_BENCH_CITY`` naming a city folder.
"""

import os
from datetime import date
from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

from geo.city import City
from geo.colours import map_styles
from geo.io import load_city
from geo.resolution import control_on
from ui.loading import map_asset_urls


@st.cache_resource
def city_at(folder: str) -> City:
    return load_city(Path(folder))


city = city_at(os.environ["FRONTLINE_BENCH_CITY"])
fills = {style.key: style.fill for style in map_styles(city.actors)}
days = [day.isoformat() for day in city.days]
day = st.select_slider("Day", days, key="day")
styles = control_on(city, date.fromisoformat(day))["style"]
figure = folium.Map(location=list(city.center), zoom_start=city.zoom, tiles=None)
assets = map_asset_urls()
figure.default_js = [("leaflet", assets["leaflet_js_url"])]
figure.default_css = [("leaflet_css", assets["leaflet_css_url"])]
folium.GeoJson(
    city.districts.assign(
        fill=[fills[styles[index]] for index in city.districts.index]
    )[["fill", "geometry"]],
    style_function=lambda feature: {
        "fillColor": feature["properties"]["fill"],
        "color": "#4d4d4d",
        "weight": 1,
        "fillOpacity": 0.7,
    },
).add_to(figure)
folium.Element(f"<script>document.body.dataset.naiveDay = {day!r};</script>").add_to(
    figure.get_root().html
)
st_folium(figure, key="naive", height=560, returned_objects=[])
