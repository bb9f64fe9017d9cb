"""The app's one database engine per URL, shared by every session."""

import streamlit as st
from sqlalchemy import Engine

from storage.database import database_url, open_database


@st.cache_resource(show_spinner="Opening the database…")
def database_at(url: str) -> Engine:
    """The engine for ``url``, opened (and its schema brought up to date) once."""
    return open_database(url)


def database() -> Engine:
    """The engine for ``FRONTLINE_DATABASE_URL`` (or the default SQLite file)."""
    return database_at(database_url())
