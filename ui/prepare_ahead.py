"""Start a city's first map when a browser asks for the page, not when its script runs.

A reader's browser asks for the page, then loads Streamlit's scripts and opens
its websocket; only then does the page's script run and ask for the city. On a
city whose map is not made yet (a new database, new files, a restarted server)
the server waited through that second. ``PrepareOnPageRequest`` (added by
``serve.py``) hands the city the page's address names to one background worker
as the page is asked for, so the script finds the checked city and its map
bundle made, or waits for the one computation under way: ``st.cache_resource``
computes each key once, whoever asks.

This module, and so ``city_cache``, never imports streamlit-folium: a component
module imported first outside a page's script is never registered, and the
map's frame would answer 404 (``ui.map_component`` holds the map's rendering).

Bounded: one worker; at most one preparation waiting per city; only cities of
the cities folder; and what it makes is what the city's first reader makes
anyway, once per data version. A private desk makes nothing before a login.
"""

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Receive, Scope, Send

from geo.compare import EVERY_SOURCE
from ui import auth, city_cache
from ui.settings import available_cities, city_to_open
from ui.streamlit_adapter import quiet_outside_scripts

_LOG = logging.getLogger(__name__)
_THREAD_NAME = "frontline-prepare"
_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix=_THREAD_NAME)
quiet_outside_scripts(_THREAD_NAME)
_waiting: set[str] = set()
_waiting_lock = threading.Lock()


def prepare(city_name: str) -> None:
    """Make what the city's first map needs: its checked city and its map bundle.

    What the map page asks for a reader with no map yet, in the same cached
    functions, so the page gets these very values. Nothing on a private desk.
    """
    if auth.settings().private:
        return
    version = city_cache.city_version(city_name)
    city_cache.city_at(version)
    drawn = city_cache.kept_map_version(None, version)
    city_cache.bundle_url(drawn, EVERY_SOURCE, False)


def _prepare_quietly(city_name: str) -> None:
    """``prepare``, whose problems are the page's to show its reader, not ours."""
    try:
        prepare(city_name)
    except Exception:  # the page meets the same problem and tells its reader
        _LOG.info("Could not prepare %s ahead of its page", city_name, exc_info=True)
    finally:
        with _waiting_lock:
            _waiting.discard(city_name)


def prepare_soon(city_name: str) -> bool:
    """Queue ``prepare`` for a city of the cities folder; whether it was queued.

    Not while the city's last preparation waits or runs: a city is queued at
    most once, however many readers ask for its page meanwhile.
    """
    if city_name not in available_cities():
        return False
    with _waiting_lock:
        if city_name in _waiting:
            return False
        _waiting.add(city_name)
    _WORKER.submit(_prepare_quietly, city_name)
    return True


def _page_city(scope: Scope) -> str | None:
    """The city a browser's request for a page of the app opens; None for others.

    A page request is a GET that takes HTML, outside Streamlit's own paths; the
    city is the one the page opens (``city_to_open``). A published snapshot
    (``snapshot``) is drawn from its own data, so nothing is made ahead for it.
    """
    if scope["type"] != "http" or scope["method"] != "GET":
        return None
    if scope["path"].startswith(("/_stcore", "/static", "/component", "/media")):
        return None
    accept = dict(scope["headers"]).get(b"accept", b"")
    if b"text/html" not in accept:
        return None
    query = parse_qs(scope["query_string"].decode("latin-1"))
    if "snapshot" in query:
        return None
    named = query.get("city")
    return city_to_open(named[0] if named else None)


class PrepareOnPageRequest:
    """ASGI middleware: queue the page's city (``prepare_soon``), then serve as ever."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Queue the city a page request opens; pass every request on unchanged."""
        city_name = _page_city(scope)
        if city_name is not None:
            prepare_soon(city_name)
        await self.app(scope, receive, send)
