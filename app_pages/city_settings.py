"""City settings: an editor changes the title, sides, days, view, street width,
credits and boundary kind of the city picked in the sidebar, without a shell."""

import streamlit as st

from geo.city_settings import (
    file_digest,
    reports_problems,
    save_settings,
    settings_of,
)
from geo.escaping import markdown_text
from geo.frontline import district_polygons, neighbours
from geo.problems import CityDataError
from ui import auth, city_cache
from ui.city_settings_form import settings_form
from ui.messages import show_problems
from ui.settings import cities_dir


def city_settings_page() -> None:
    name = st.session_state.city
    st.title("City settings")
    identity = auth.current_identity()
    if not identity.can_edit:
        st.info("Changing a city's settings needs an editor login (sidebar).")
        return
    city = city_cache.city(name)
    folder = cities_dir() / name
    digest_key = f"settings_digest_{name}"
    st.session_state.setdefault(digest_key, file_digest(folder))
    st.caption(
        f"The settings of {markdown_text(city.display_name)} (folder {name}/). Its "
        f"stored reports are kept under the name '{markdown_text(city.name)}', which "
        "never changes (their history is append-only); the name in the picker and "
        "the title may. Every save is checked whole, keeps the comments in "
        "city.toml and is recorded in settings-history.jsonl beside it."
    )
    if saved := st.session_state.pop("settings_saved", None):
        st.success(saved)
    before = settings_of(city)
    streets_in_use = neighbours(district_polygons(city.districts), city.street_width_m)
    after = settings_form(before, key=f"settings_{name}", streets_in_use=streets_in_use)
    if after is None:
        return
    problems = reports_problems(after, city) or save_settings(
        folder,
        before,
        after,
        read_digest=st.session_state[digest_key],
        editor=identity.name,
    )
    if problems:
        show_problems(CityDataError(problems), "Nothing was saved.")
        return
    st.session_state.pop(digest_key)
    st.session_state.settings_saved = (
        "Saved." if after != before else "Nothing had changed."
    )
    st.rerun()


city_settings_page()
