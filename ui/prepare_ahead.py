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
from collections.abc import Mapping
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Receive, Scope, Send

from geo.view_state import view_choices
from ui import auth, city_cache
from ui.background import OneWorker
from ui.memory import collection_paused
from ui.settings import available_cities, city_to_open

_LOG = logging.getLogger(__name__)
_WORKER = OneWorker("frontline-prepare")


def prepare(city_name: str, query: Mapping[str, str]) -> None:
    """Make what the city's first map needs: its checked city and its map bundle.

    What the map page asks for a reader with no map yet, for the view the
    page's address ``query`` opens (its day and source), in the same cached
    functions, so the page gets these very values. Nothing on a private desk.
    Without garbage scans (``collection_paused``): the page waits for all of it.
    """
    if auth.settings().private:
        return
    with collection_paused():
        version = city_cache.city_version(city_name, while_seeding=True)
        city = city_cache.city_at(version)
        drawn = city_cache.kept_map_version(None, version)
        choices = view_choices(city)
        view = choices.view_from(query)
        day = choices.opening_day(view, city.default_day)
        first_day = city_cache.first_bundle_day(drawn, view.claimant, False, day)
        city_cache.map_bundle_url(
            drawn, view.claimant, False, first_day, build_whole=False
        )


def _prepare_quietly(city_name: str, query: Mapping[str, str]) -> None:
    """``prepare``, whose problems are the page's to show its reader, not ours."""
    try:
        prepare(city_name, query)
    except Exception:  # the page meets the same problem and tells its reader
        _LOG.info("Could not prepare %s ahead of its page", city_name, exc_info=True)


def prepare_soon(city_name: str, query: Mapping[str, str] | None = None) -> bool:
    """Queue ``prepare`` for a city of the cities folder; whether it was queued.

    Not while the city's last preparation waits or runs: a city is queued at
    most once, however many readers ask for its page meanwhile (for the view
    the first one's address ``query`` opens).
    """
    if city_name not in available_cities():
        return False
    asked = dict(query or {})
    return _WORKER.submit(city_name, lambda: _prepare_quietly(city_name, asked))


def _page_request(scope: Scope) -> tuple[str, dict[str, str]] | None:
    """The city a browser's request for a page opens, and its query; None for others.

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
    city_name = city_to_open(named[0] if named else None)
    if city_name is None:
        return None
    # The last of a repeated parameter, as st.query_params reads it.
    return city_name, {name: values[-1] for name, values in query.items()}


class PrepareOnPageRequest:
    """ASGI middleware: queue the page's city (``prepare_soon``), then serve as ever."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Queue the city a page request opens; pass every request on unchanged."""
        page = _page_request(scope)
        if page is not None:
            prepare_soon(*page)
        await self.app(scope, receive, send)
