"""AppTest of the 'bring your own city' page: who may use it, and a city made on it.

The page is run inside a small harness with the real login panel, so the test
does not depend on where app.py lists it. Testville is made up for the tests.
"""

import json

from shapely.geometry import box, mapping
from streamlit.testing.v1 import AppTest

from geo.io import load_city
from tests.app.conftest import EDITOR_PASSWORD, log_in, open_app
from tests.citybuild.testville import blocks
from tests.conftest import ROOT

PAGE = ROOT / "app_pages" / "new_city.py"
HARNESS = f"""
import streamlit as st
from ui import auth

with st.sidebar:
    auth.login_panel()
st.navigation([st.Page({str(PAGE)!r}, title="New city")]).run()
"""
POINTS_CSV = """id,name_en,lat,lon
north,North Quarter,0.0190,39.0100
south,South Quarter,0.0010,39.0100
centre,Centre,0.0100,39.0100
"""


def new_city_page() -> AppTest:
    return AppTest.from_string(HARNESS, default_timeout=60).run()


def test_a_viewer_is_told_that_creating_a_city_needs_an_editor(cities_dir):
    app = new_city_page()

    assert not app.exception
    assert "needs an editor login" in app.info[0].value
    assert not app.file_uploader


def test_an_editor_makes_a_city_from_points_and_the_app_lists_it(
    cities_dir, editor_account
):
    app = log_in(new_city_page(), editor_account, EDITOR_PASSWORD)
    app.radio(key="byo_mode").set_value("points").run()
    app.file_uploader(key="byo_points").upload(
        "places.csv", POINTS_CSV.encode("utf-8"), "text/csv"
    ).run()
    app.text_input(key="byo_name").input("Testville")
    app.date_input(key="byo_first_day").set_value("2020-01-01")
    app.date_input(key="byo_last_day").set_value("2020-01-31")
    app.text_area(key="byo_actors").input("blue = Blue army").run()

    assert not app.exception
    assert not app.error, [error.value for error in app.error]
    assert len(app.dataframe[0].value) == 3
    app = app.button(key="byo_create").click().run()

    assert "Pick it in the sidebar" in app.success[0].value
    assert (cities_dir / "testville" / "city.toml").exists()
    picker = open_app().sidebar.selectbox(key="city_picker")
    assert picker.options == ["Raqqa", "Testville"]
    map_page = open_app(city="testville")
    assert not map_page.exception
    assert "Testville" in map_page.title[0].value


def test_an_editor_maps_a_boundary_files_properties_and_sees_its_districts(
    cities_dir, editor_account
):
    squares = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": code, "label": label},
                "geometry": mapping(box(39.0 + offset, 0.0, 39.01 + offset, 0.01)),
            }
            for code, label, offset in (("a", "Alpha", 0.0), ("b", "Beta", 0.01))
        ],
    }
    app = log_in(new_city_page(), editor_account, EDITOR_PASSWORD)
    app.file_uploader(key="byo_boundaries").upload(
        "testville.geojson", json.dumps(squares).encode(), "application/geo+json"
    ).run()

    assert app.selectbox(key="byo_id").value == "code"
    assert app.selectbox(key="byo_name_en").value is None
    app.selectbox(key="byo_name_en").set_value("label").run()
    districts = app.dataframe[-1].value
    assert list(districts["name_en"]) == ["Alpha", "Beta"]
    assert set(districts["boundary"]) == {"supplied"}


def test_the_page_lists_problems_and_offers_no_create_button(
    cities_dir, editor_account
):
    app = log_in(new_city_page(), editor_account, EDITOR_PASSWORD)
    app.radio(key="byo_mode").set_value("points").run()
    app.file_uploader(key="byo_points").upload(
        "places.csv", (POINTS_CSV + "pole,Pole,95,39.01\n").encode(), "text/csv"
    ).run()
    app.text_input(key="byo_name").input("Raqqa").run()

    problems = app.dataframe[0].value
    rows = list(zip(problems["where"], problems["field"], strict=True))
    assert ("row 5 'pole'", "lat") in rows
    assert ("", "first_day") in rows
    assert any("already exists" in text for text in problems["problem"])
    assert not [button for button in app.button if button.key == "byo_create"]
    assert sorted(path.name for path in cities_dir.iterdir()) == ["raqqa"]


def test_an_editor_is_asked_whether_features_sharing_an_id_are_one_district(
    cities_dir, editor_account
):
    parts = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": code, "name": name},
                "geometry": mapping(box(39.0 + x, y, 39.01 + x, y + 0.01)),
            }
            for code, name, x, y in (
                ("93", "Old Town", 0.0, 0.0),
                ("94", "New Town", 0.01, 0.0),
                ("93", "Old Town", 0.0, 0.02),
            )
        ],
    }
    app = log_in(new_city_page(), editor_account, EDITOR_PASSWORD)
    app.file_uploader(key="byo_boundaries").upload(
        "parts.geojson", json.dumps(parts).encode(), "application/geo+json"
    ).run()

    question = app.radio(key="byo_shared_ids")
    assert "'93': feature 1, feature 3" in question.label
    assert "'93' is the id of 2 features" in app.dataframe[0].value["problem"][0]
    app = question.set_value("merge").run()

    districts = app.dataframe[-1].value
    assert list(districts["id"]) == ["93", "94"]
    assert any(
        "merged into one district of 2 parts" in note.value for note in app.warning
    )


def test_an_editor_states_the_street_width_and_the_city_keeps_it(
    cities_dir, editor_account
):
    app = log_in(new_city_page(), editor_account, EDITOR_PASSWORD)
    app.file_uploader(key="byo_boundaries").upload(
        "blocks.geojson", blocks(street_m=8), "application/geo+json"
    ).run()
    app.selectbox(key="byo_name_en").set_value("label")
    app.text_input(key="byo_name").input("Testville")
    app.date_input(key="byo_first_day").set_value("2020-01-01")
    app.date_input(key="byo_last_day").set_value("2020-01-31")
    app.text_area(key="byo_actors").input("blue = Blue army").run()
    derived = [warning.value for warning in app.warning]

    app.number_input(key="byo_street_width").set_value(250).run()
    refused = app.dataframe[0].value
    app.number_input(key="byo_street_width").set_value(8).run()
    stated = [warning.value for warning in app.warning]
    app = app.button(key="byo_create").click().run()

    assert any("worked out from the gaps in the data" in note for note in derived)
    assert list(zip(refused["field"], refused["problem"], strict=True)) == [
        (
            "street_width_m",
            "250 m is not a street width: give 0 to 200 m (0 when the districts touch)",
        )
    ]
    assert any(
        note.startswith("Street width as stated") and "streets up to 8 m" in note
        for note in stated
    )
    assert "Pick it in the sidebar" in app.success[0].value
    assert load_city(cities_dir / "testville").street_width_m == 8
