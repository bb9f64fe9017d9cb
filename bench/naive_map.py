"""The naive way, for comparison only: rebuild the whole Folium map on every step.

A plain streamlit-folium app of the kind the benchmark compares against: each
slider step builds a new ``folium.Map`` with every district as styled GeoJSON,
so the browser receives and redraws all the geometry again. Run by
``bench.slider`` with ``FRONTLINE_BENCH_CITY`` naming a city folder.
"""

import base64
import json
import os
from datetime import date
from pathlib import Path

import folium
import streamlit as st
from branca.element import MacroElement
from jinja2 import Template
from streamlit_folium import st_folium

from geo.city import City
from geo.colours import map_styles
from geo.export import vendored_leaflet
from geo.io import load_city
from geo.resolution import control_on


def data_address(media_type: str, text: str) -> str:
    return f"data:{media_type};base64,{base64.b64encode(text.encode()).decode()}"


@st.cache_resource
def city_at(folder: str) -> City:
    return load_city(Path(folder))


city = city_at(os.environ["FRONTLINE_BENCH_CITY"])
fills = {style.key: style.fill for style in map_styles(city.actors)}
days = [day.isoformat() for day in city.days]
day = st.select_slider("Day", days, key="day")
styles = control_on(city, date.fromisoformat(day))["style"]
figure = folium.Map(location=list(city.center), zoom_start=city.zoom, tiles=None)
# Leaflet as data: addresses: this script is not app.py, so static/ is not served.
script, stylesheet = vendored_leaflet()
figure.default_js = [("leaflet", data_address("text/javascript", script))]
figure.default_css = [("leaflet_css", data_address("text/css", stylesheet))]
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
day_marker = MacroElement()
day_marker._template = Template(
    "{% macro script(this, kwargs) %}"
    f"document.body.dataset.naiveDay = {json.dumps(day)};"
    "{% endmacro %}"
)
day_marker.add_to(figure)
st_folium(figure, key="naive", height=560, returned_objects=[])
