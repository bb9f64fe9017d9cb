"""A new server imports the libraries the map page needs before its first reader asks.

Streamlit imports none of the app until a reader's page first runs, so the first
reader after a start or restart also waited for pandas, geopandas, SQLAlchemy,
Altair and Folium: over a second on this machine. ``serve.py`` starts
``import_ahead`` with the server; it imports them in a thread while that reader's
browser is still loading Streamlit's page (about a second).

Only libraries, never the app's own modules: importing a module that declares a
Streamlit component outside a page run leaves the component unregistered (its
frame then answers 404). A library never imports the app, so a page run that
needs one the thread is importing waits for it at the library's top and then
goes on; the two threads never wait for each other in turn.
"""

import ast
import importlib
import sys
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_PAGE_SCRIPTS = ("app.py", "app_pages/map.py")
"""What a first visit runs: the router, then the map page."""
_APP_PACKAGES = frozenset({"app_pages", "geo", "storage", "ui"})
_NOT_AHEAD = frozenset({"streamlit", "streamlit_folium"})
"""Libraries that declare Streamlit components or are Streamlit: never ahead."""


def _top_level_imports(path: Path) -> Iterator[str]:
    """Modules ``path`` imports when it loads: functions' own imports stay lazy."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def _app_module_file(name: str, root: Path) -> Path | None:
    """The file of the app's own module ``name``, or None if it is not one."""
    if name.partition(".")[0] not in _APP_PACKAGES:
        return None
    base = root.joinpath(*name.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def first_page_libraries(root: Path = ROOT) -> list[str]:
    """The libraries a first visit to the map imports, in the order it meets them.

    Follows the app's own modules from ``FIRST_PAGE_SCRIPTS`` and keeps the top
    package of every other module they import, leaving out the standard library
    and ``_NOT_AHEAD``.
    """
    libraries: dict[str, None] = {}
    seen: set[Path] = set()
    waiting = [root / script for script in FIRST_PAGE_SCRIPTS]
    while waiting:
        path = waiting.pop(0)
        if path in seen:
            continue
        seen.add(path)
        for name in _top_level_imports(path):
            own = _app_module_file(name, root)
            top = name.partition(".")[0]
            if own is not None:
                waiting.append(own)
            elif top not in _APP_PACKAGES | _NOT_AHEAD | sys.stdlib_module_names:
                libraries[top] = None
    return list(libraries)


def import_first_page_libraries() -> None:
    """Import every library ``first_page_libraries`` names."""
    for name in first_page_libraries():
        importlib.import_module(name)


@asynccontextmanager
async def import_ahead(_app: object) -> AsyncIterator[None]:
    """A server lifespan that imports the map page's libraries in the background."""
    threading.Thread(
        target=import_first_page_libraries, name="frontline-import-ahead", daemon=True
    ).start()
    yield
