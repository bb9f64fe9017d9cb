"""Serve Frontline: the app with its login route, gzip copies and imports ahead.

``streamlit run serve.py`` serves app.py through ``st.App`` with, beside it:
``ui.auth.session_routes()``, which keeps a password login across reloads
(``ui/auth.py`` explains the mechanism and its limits); ``PrecompressedFiles``,
which sends map bundles as the gzip copy made once; and ``import_ahead``, which
imports what the pages need before the first reader asks. ``streamlit run
app.py`` serves the same app without them: a reload then logs a password login
out, and each first visit pays for compression and imports.
"""

import streamlit as st
from starlette.middleware import Middleware

from ui.auth import session_routes
from ui.server_start import import_ahead
from ui.static_files import PrecompressedFiles

app = st.App(
    "app.py",
    routes=session_routes(),
    middleware=[Middleware(PrecompressedFiles)],
    lifespan=import_ahead,
)
