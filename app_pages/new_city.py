"""Bring your own city: build a city folder from a districts file or named points."""

import streamlit as st

from geo.citybuild import build_city, folder_name, target_problems, write_city_folder
from geo.problems import CityDataError
from ui import auth, new_city_form
from ui.settings import cities_dir


def _start_again() -> None:
    st.session_state.pop("byo_created", None)


st.title("Bring your own city")
if not auth.current_identity().can_edit:
    st.info(
        "Creating a city needs an editor login (sidebar): it adds a folder to the "
        "server's cities, which every reader of this desk then sees."
    )
    st.stop()
if created := st.session_state.get("byo_created"):
    st.success(
        f"Created the city folder {created}/. Pick it in the sidebar's City list "
        "(it is there from now on), then review its city.toml."
    )
    st.button("Create another city", on_click=_start_again, key="byo_again")
    st.stop()

st.caption(
    "Give the districts, either as a boundary file or as a list of named points, "
    "and optionally the reports. Every problem is listed by file, feature or row "
    "and field; nothing is written until there are none. See 'Bring your own "
    "city' in data/README.md."
)
features = new_city_form.district_features()
reports = new_city_form.reports_upload()
settings = new_city_form.city_settings()
if features is None:
    st.stop()

draft = build_city(
    features,
    settings,
    reports=reports.file,
    encoding=reports.encoding,
    date_order=reports.date_order,
)
target = cities_dir() / folder_name(settings.name)
problems = list(draft.problems)
if folder_name(settings.name):
    problems += target_problems(target, settings.name)
new_city_form.show_check(draft, problems)
if problems:
    st.stop()

st.markdown(f"**city.toml** (review it after creating; it goes in `{target}`)")
st.code(draft.settings_toml, language="toml")
if st.button(f"Create the city in {target.name}/", type="primary", key="byo_create"):
    try:
        write_city_folder(draft, target)
    except CityDataError as error:
        st.error(str(error))
    else:
        st.session_state.byo_created = target.name
        st.rerun()
