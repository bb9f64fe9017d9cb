"""Logins and the identity of the person using this session.

The rules (who may edit, how settings are read) live in ``storage.access``; this
module only connects them to Streamlit's session, ``st.user`` and widgets.
"""

import os

import streamlit as st

from geo.escaping import markdown_text
from storage.access import (
    ANONYMOUS,
    AccessSettings,
    Identity,
    LoginMode,
    access_settings,
    provider_identity,
)
from storage.users import LoginRefusedError, authenticate, has_accounts
from ui.database import database
from ui.settings import available_cities

IDENTITY_KEY = "frontline_identity"


def settings() -> AccessSettings:
    """The deployment's access settings (``[frontline]`` in secrets, env wins)."""
    configured = st.secrets.get("frontline", {}) if _has_secrets() else {}
    return access_settings(dict(configured), os.environ)


def _has_secrets() -> bool:
    try:
        return bool(st.secrets.load_if_toml_exists())
    except FileNotFoundError:
        return False


def current_identity() -> Identity:
    """Who this session belongs to: from the password login, st.user or a header."""
    access = settings()
    if access.login == LoginMode.PASSWORD:
        return st.session_state.get(IDENTITY_KEY, ANONYMOUS)
    return provider_identity(st.user.to_dict(), access)


def _log_in_with_password() -> None:
    username = st.session_state.get("login_username", "")
    password = st.session_state.get("login_password", "")
    st.session_state.login_password = ""
    try:
        st.session_state[IDENTITY_KEY] = authenticate(database(), username, password)
        st.session_state.pop("login_error", None)
    except LoginRefusedError as error:
        st.session_state.login_error = str(error)


def _log_out() -> None:
    st.session_state.pop(IDENTITY_KEY, None)


def login_panel() -> None:
    """Show who is logged in with a way out, or the way in for this deployment."""
    access = settings()
    identity = current_identity()
    if identity.logged_in:
        st.caption(
            f"Logged in as **{markdown_text(identity.name)}** ({identity.role})."
        )
        if access.login == LoginMode.PASSWORD:
            st.button("Log out", on_click=_log_out)
        elif access.login == LoginMode.OIDC:
            st.button("Log out", on_click=st.logout)
        return
    if access.login == LoginMode.OIDC:
        st.button("Log in", on_click=st.login, type="primary")
    elif access.login == LoginMode.PASSWORD:
        with st.form("login", border=False):
            st.text_input("Username", key="login_username")
            st.text_input("Password", type="password", key="login_password")
            st.form_submit_button("Log in", on_click=_log_in_with_password)
        if "login_error" in st.session_state:
            st.error(markdown_text(st.session_state.login_error))
        if not has_accounts(database()):
            st.caption(
                "No accounts yet: add one with `python -m storage.users add NAME`."
            )
    else:
        st.caption("Identity comes from the proxy in front of the app: none was sent.")


def has_login_page() -> bool:
    """Whether the password form gets its own page ("Log in" in the sidebar's list).

    Only while nobody is logged in with a password login. The form is kept out of
    the sidebar, where its text inputs made every first visit fetch Streamlit's
    text-input code, which readers never use.
    """
    return settings().login == LoginMode.PASSWORD and not current_identity().logged_in


def sidebar_panel() -> None:
    """The sidebar's part: who is logged in, or a one-click way in (not a form)."""
    if not has_login_page():
        st.divider()
        login_panel()


def admitted_city() -> str:
    """The session's city, after checking that this visitor may see any page.

    ``app.py`` checks this too, but Streamlit can run a script of ``pages/``
    directly (its folder-based navigation, before ``app.py`` has run once), so
    every page calls this first.
    """
    if settings().private and not current_identity().logged_in:
        st.info("This desk's map is private: log in to see it.")
        login_panel()
        st.stop()
    names = available_cities()
    if st.session_state.get("city") not in names:
        st.session_state.city = names[0]
    return st.session_state.city
