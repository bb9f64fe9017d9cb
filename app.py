"""Frontline: router, page settings and the shared sidebar (city picker)."""

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from geo.boundaries import boundary_note
from geo.city_settings import display_name
from geo.problems import CityDataError
from ui import auth, city_cache, settings, static_files
from ui.messages import show_problems
from ui.page_style import style_page
from ui.streamlit_adapter import refuse_client_cache_clearing

refuse_client_cache_clearing()

st.set_page_config(
    page_title="Frontline",
    page_icon=str(static_files.STATIC_DIR / "favicon.png"),
    layout="wide",
    # Streamlit's narrowest sidebar: beside it the map takes 55 % of a laptop's
    # 1440 px screen (50 % beside the default 300 px one). A phone starts closed.
    initial_sidebar_state=200,
)

cities = settings.available_cities()
if not cities:
    st.error(f"No city folder with a city.toml was found in {settings.cities_dir()}.")
    st.stop()

if st.session_state.get("city") not in cities:
    st.session_state.city = settings.city_to_open(st.query_params.get("city"))


def pick_city() -> None:
    st.session_state.city = st.session_state.city_picker


def boundaries_caption() -> str:
    """How the picked city's outlines were made; nothing said of a broken city.

    Read from the city's files alone. The page shows what is wrong with them;
    the sidebar still draws, so its login stays reachable.
    """
    try:
        return boundary_note(city_cache.files_city(st.session_state.city).districts)
    except CityDataError:
        return "Boundaries are in the city's files"


def shut_out() -> bool:
    """A private desk's visitor before login: no city, not even the list of them."""
    return auth.settings().private and not auth.current_identity().logged_in


def sidebar() -> None:
    """The city picker, a line on what the colours are, and who is logged in."""
    with st.sidebar:
        if shut_out():
            auth.sidebar_panel()
            return
        st.selectbox(
            "City",
            cities,
            index=cities.index(st.session_state.city),
            key="city_picker",
            on_change=pick_city,
            format_func=lambda folder: display_name(settings.cities_dir() / folder),
        )
        st.caption(
            "Colours come from dated, sourced claims; click a district to read "
            f"them. {boundaries_caption()}."
        )
        auth.sidebar_panel()


def private_notice() -> None:
    st.title("Frontline")
    st.info("This desk's map is private: log in to see it.")
    auth.login_panel()


def problems_page(error: CityDataError) -> StreamlitPage:
    """The page that lists what is wrong with the city's data (already read once)."""

    def city_problems() -> None:
        st.title("This city's data needs fixing")
        show_problems(error, "The city could not be loaded.")

    return st.Page(city_problems, title="Data problems", default=True)


def visitor_pages() -> list[StreamlitPage]:
    """The pages this visitor may open: a private desk or a broken city gets fewer."""
    if shut_out():
        return [st.Page(private_notice, title="Log in", default=True)]
    always = [
        st.Page(
            "app_pages/new_city.py",
            title="New city",
            icon=":material/add_location_alt:",
        )
    ]
    if auth.has_login_page():
        always.append(
            st.Page("app_pages/log_in.py", title="Log in", icon=":material/login:")
        )
    try:
        city_cache.files_city(st.session_state.city)
    except CityDataError as error:
        return [problems_page(error), *always]
    return [
        st.Page("app_pages/map.py", title="Map", icon=":material/map:", default=True),
        st.Page("app_pages/reports.py", title="Reports", icon=":material/table:"),
        st.Page(
            "app_pages/from_article.py",
            title="From an article",
            icon=":material/article:",
        ),
        st.Page(
            "app_pages/import_export.py",
            title="Import & export",
            icon=":material/swap_vert:",
        ),
        st.Page(
            "app_pages/city_settings.py", title="City settings", icon=":material/tune:"
        ),
        st.Page(
            "app_pages/snapshots.py", title="Published maps", icon=":material/public:"
        ),
        *always,
    ]


embedded = bool(st.context.is_embedded)
style_page(embedded=embedded)
# The navigation first, then the sidebar, then the page: the sidebar's widgets
# keep their identity across reruns (widgets drawn before st.navigation do not),
# and a page that calls st.stop() can no longer take the sidebar with it (a
# finally after the page ran was skipped by st.stop()).
try:
    page = st.navigation(visitor_pages(), position="hidden" if embedded else "sidebar")
finally:
    sidebar()
page.run()
