"""How an open map learns of another session's edit, for one small request a second.

Each open map's page holds a component with nothing to see
(``assets/edit_watch.js``) that asks ``serve.py``'s route ``frontline/change``
once a second for the city's change number. Only when the number has moved
does it wake the page, which then reads the changed reports and patches the
open map (``ui.city_cache.map_patch``): no reader action, the frame, zoom and
open popup stay. The route answers from the number every session shares
(``ui.database.latest_change``), so a request costs the server a dictionary
lookup, and the database is asked at most twice a second per city whatever
the number of readers. Before, the check was a Streamlit rerun per reader per
second (``bench/idle_readers.py`` priced it).

The route answers only for a city that a page of this server has shown in a
deployment whose map is public (``follow_edits``); anything else gets 404, and the
script then falls back to the old way: it wakes the page's check every second.
So a private desk, or ``streamlit run app.py`` without ``serve.py``, still
follows edits, at the old price.
"""

from pathlib import Path

import streamlit as st
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from streamlit.components.v2.types import ComponentRenderer

from ui.database import latest_change

CHANGE_PATH = "/frontline/change"
CHECK_SECONDS = 1
"""How often an open map asks whether its city's reports changed."""
WATCHER_KEY = "edit_watch"
_SCRIPT = Path(__file__).parent / "assets" / "edit_watch.js"
_NOT_CACHED = {"Cache-Control": "no-store"}

_public: set[str] = set()
"""Cities a page of this server has shown on a public map: all the route answers for."""


def _change_number(request: Request) -> JSONResponse:
    """``GET frontline/change?city=NAME``: ``{"change": n}``, or 404."""
    name = request.query_params.get("city", "")
    if name not in _public:
        return JSONResponse({"change": None}, status_code=404, headers=_NOT_CACHED)
    return JSONResponse({"change": latest_change(name)}, headers=_NOT_CACHED)


def change_routes() -> list[Route]:
    """The route ``serve.py`` adds beside the app (``st.App(routes=...)``)."""
    return [Route(CHANGE_PATH, _change_number, methods=["GET"])]


@st.cache_resource
def _watcher() -> ComponentRenderer:
    return st.components.v2.component(
        "frontline_edit_watch", js=_SCRIPT.read_text(encoding="utf-8")
    )


@st.fragment
def follow_edits(city_name: str, drawn: int, *, public: bool) -> None:
    """Rerun the page when the city's reports have changed since ``drawn``.

    ``drawn`` is the change number the page was drawn from. The component wakes
    this fragment when the route's number differs (or every second where the
    route does not answer); the fragment asks the shared number itself, so only
    a real change reruns the whole page.
    """
    if public:
        _public.add(city_name)
    _watcher()(
        key=WATCHER_KEY,
        data={
            "city": city_name,
            "drawn": drawn,
            "route": CHANGE_PATH.lstrip("/"),
            "seconds": CHECK_SECONDS,
        },
    )
    if latest_change(city_name) != drawn:
        st.rerun(scope="app")
