"""The app's one database engine per URL, shared by every session of the process.

The engines live in this module, not in a Streamlit cache: anything in
``st.cache_resource`` is dropped when a cache is cleared, and a dropped engine
kept its pooled connections open (40 clear-cache messages left 106 open files
on SQLite; 45 exhausted PostgreSQL's connections). An engine made here lives as
long as the process, so a server holds at most one pool per database URL.
"""

import threading

from sqlalchemy import Engine

from storage.database import database_url, open_database

_engines: dict[str, Engine] = {}
_opening = threading.Lock()


def database_at(url: str) -> Engine:
    """The engine for ``url``, opened (and its schema brought up to date) once."""
    with _opening:
        if url not in _engines:
            _engines[url] = open_database(url)
        return _engines[url]


def database() -> Engine:
    """The engine for ``FRONTLINE_DATABASE_URL`` (or the default SQLite file)."""
    return database_at(database_url())
