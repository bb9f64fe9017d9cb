"""Serve Frontline: the app with its login route and precompressed bundles.

``streamlit run serve.py`` serves app.py through ``st.App`` with, beside it:
``ui.auth.session_routes()``, which keeps a password login across reloads
(``ui/auth.py`` explains the mechanism and its limits); ``ui.edit_watch``'s
route, which open maps ask once a second whether their city changed; and
``PrecompressedFiles``, which sends map bundles as the gzip copy made once; and
``PrepareOnPageRequest``, which starts making a city's first map as the browser
asks for the page. ``streamlit run app.py`` serves the same app without them: a
reload then logs a password login out, each open map's edit check is a rerun of
its page's check, Streamlit compresses each bundle again for every new reader,
and a city's first map is started only once the page's script runs.
"""

import streamlit as st
from starlette.middleware import Middleware

from ui.auth import session_routes
from ui.edit_watch import change_routes
from ui.prepare_ahead import PrepareOnPageRequest
from ui.static_files import PrecompressedFiles

app = st.App(
    "app.py",
    routes=session_routes() + change_routes(),
    middleware=[Middleware(PrecompressedFiles), Middleware(PrepareOnPageRequest)],
)
