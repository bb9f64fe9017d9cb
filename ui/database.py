"""The app's one database engine per URL, and the change number every session shares.

The engines live in this module, not in a Streamlit cache: anything in
``st.cache_resource`` is dropped when a cache is cleared, and a dropped engine
kept its pooled connections open (40 clear-cache messages left 106 open files
on SQLite; 45 exhausted PostgreSQL's connections). An engine made here lives as
long as the process, so a server holds at most one pool per database URL.

This module imports no Streamlit page code, so ``serve.py``'s routes can use it
without slowing the server's start.
"""

import threading
import time

from sqlalchemy import Engine

from storage.database import data_version, database_url, open_database

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


SHARED_CHECK_SECONDS = 0.5
"""How long one reading of a city's change number answers every open map's check
on this server: 100 open maps ask the database twice a second, not 100 times."""

_checked: dict[tuple[str, str], tuple[float, int]] = {}
_checking = threading.Lock()


def latest_change(city_name: str, *, fresh: bool = False) -> int:
    """The number of the latest stored change to the named city's reports.

    One indexed query (``storage.database.data_version``) per
    ``SHARED_CHECK_SECONDS``, shared by every session and route of this server:
    cheap enough for every open map to ask each second whether it is out of
    date, and an edit still reaches it within that second plus this half.
    ``fresh``: read it now (a page about to draw the city, an editor's own edit
    included), and share that reading, so the page's check right after agrees.
    """
    key = (database_url(), city_name)
    with _checking:
        read_at, number = _checked.get(key, (-SHARED_CHECK_SECONDS, 0))
    if not fresh and time.monotonic() - read_at < SHARED_CHECK_SECONDS:
        return number
    number = data_version(database_at(key[0]), city_name)
    with _checking:
        _checked[key] = (time.monotonic(), number)
    return number
