"""AppTest of the City settings page: who may use it, and a save that keeps comments.

Runs on a copy of the bundled Raqqa folder, inside a small harness with the real
login panel.
"""

import tomllib

from streamlit.testing.v1 import AppTest

from geo.io import load_city
from storage.database import open_database
from storage.reports import current_reports
from tests.app.conftest import EDITOR_PASSWORD, log_in, open_app
from tests.conftest import ROOT, plain

PAGE = ROOT / "app_pages" / "city_settings.py"
HARNESS = f"""
import streamlit as st
from ui import auth

st.session_state.setdefault("city", "raqqa")
with st.sidebar:
    auth.login_panel()
st.navigation([st.Page({str(PAGE)!r}, title="City settings")]).run()
"""


def settings_page() -> AppTest:
    return AppTest.from_string(HARNESS, default_timeout=60).run()


def test_a_viewer_is_told_that_settings_need_an_editor(cities_dir):
    app = settings_page()

    assert not app.exception
    assert "needs an editor login" in app.info[0].value


def test_an_editor_renames_the_title_and_the_comments_stay(cities_dir, editor_account):
    app = log_in(settings_page(), editor_account, EDITOR_PASSWORD)
    app.text_input(key="settings_raqqa_title").input("Raqqa, 2017")
    app = app.button[0].click().run()

    assert not app.exception
    assert app.success[0].value == "Saved."
    text = (cities_dir / "raqqa" / "city.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text)["title"] == "Raqqa, 2017"
    assert "# centroid of the districts, 4 decimals" in text
    assert (cities_dir / "raqqa" / "settings-history.jsonl").exists()


def test_days_that_would_leave_reports_out_are_refused(cities_dir, editor_account):
    app = log_in(settings_page(), editor_account, EDITOR_PASSWORD)
    text = (cities_dir / "raqqa" / "city.toml").read_text(encoding="utf-8")
    app.date_input(key="settings_raqqa_first").set_value("2017-07-01")
    app = app.button[0].click().run()

    assert "Nothing was saved" in app.error[0].value
    assert "is after the first report's day" in app.markdown[-1].value
    assert (cities_dir / "raqqa" / "city.toml").read_text(encoding="utf-8") == text


def test_an_editor_states_a_street_width_and_a_nonsense_one_is_refused(
    cities_dir, editor_account
):
    app = log_in(settings_page(), editor_account, EDITOR_PASSWORD)
    in_use = [caption.value for caption in app.caption]
    city_toml = cities_dir / "raqqa" / "city.toml"
    text = city_toml.read_text(encoding="utf-8")

    app.number_input(key="settings_raqqa_street_width").set_value(-5)
    app = app.button[0].click().run()
    refused = plain(app.markdown[-1].value)
    unchanged = city_toml.read_text(encoding="utf-8")
    app.number_input(key="settings_raqqa_street_width").set_value(12)
    app = app.button[0].click().run()

    assert any("worked out from the gaps between the districts" in c for c in in_use)
    assert refused.startswith("- city.toml (map, street_width_m): -5 m is not a")
    assert unchanged == text
    assert app.success[0].value == "Saved."
    assert tomllib.loads(city_toml.read_text(encoding="utf-8"))["map"] == {
        **tomllib.loads(text)["map"],
        "street_width_m": 12,
    }
    assert any(
        "within 14 m of each other count as neighbours (stated here)" in c.value
        for c in app.caption
    )


def test_an_editor_renames_the_city_in_the_picker_and_its_reports_stay(
    cities_dir, editor_account, database_url
):
    app = log_in(settings_page(), editor_account, EDITOR_PASSWORD)
    app.text_input(key="settings_raqqa_display_name").input("Ar-Raqqa")
    app = app.button[0].click().run()

    assert app.success[0].value == "Saved."
    text = (cities_dir / "raqqa" / "city.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text)["name"] == "Raqqa"
    assert tomllib.loads(text)["display_name"] == "Ar-Raqqa"
    assert open_app().sidebar.selectbox(key="city_picker").options == ["Ar-Raqqa"]
    assert not open_app(city="raqqa").exception
    seeded = len(load_city(cities_dir / "raqqa").reports)
    assert len(current_reports(open_database(database_url), "Raqqa")) == seeded
