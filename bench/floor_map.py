"""The least a Streamlit + streamlit-folium map can be, for the floor of a restart.

A title and one Folium map holding one polygon, Leaflet from the vendored
package (as ``data:`` addresses: this script is not app.py, so ``static/`` is
not served). ``bench.slider`` times a restarted server's first map of this
beside Frontline's: what any app on this stack pays before its own work (the
server's start, Streamlit's page files, streamlit-folium's frame) on the same
machine, in the same run. ``FRONTLINE_FLOOR_LIBRARIES`` (comma-separated module
names) are imported as well, and nothing is done with them: the slider benchmark
names the data libraries any page of Frontline's kind needs.
"""

import base64
import importlib
import os
from pathlib import Path

import folium
import streamlit as st
import xstatic.pkg.leaflet
from streamlit_folium import st_folium

LEAFLET = Path(xstatic.pkg.leaflet.BASE_DIR)

for library in filter(None, os.environ.get("FRONTLINE_FLOOR_LIBRARIES", "").split(",")):
    importlib.import_module(library)


def data_address(media_type: str, name: str) -> str:
    content = base64.b64encode((LEAFLET / name).read_bytes()).decode()
    return f"data:{media_type};base64,{content}"


st.title("Floor")
figure = folium.Map(location=[35.95, 39.01], zoom_start=13, tiles=None)
figure.default_js = [("leaflet", data_address("text/javascript", "leaflet.js"))]
figure.default_css = [("leaflet_css", data_address("text/css", "leaflet.css"))]
folium.GeoJson(
    {
        "type": "Polygon",
        "coordinates": [[[39.0, 35.94], [39.02, 35.94], [39.02, 35.96], [39.0, 35.94]]],
    }
).add_to(figure)
st_folium(figure, height=400, returned_objects=[])
