"""Serve Frontline with the route that keeps a password login across reloads.

``streamlit run serve.py`` serves app.py through ``st.App`` with
``ui.auth.session_routes()`` beside it; ``streamlit run app.py`` serves the same
app without it, and a reload then logs a password login out. ``ui/auth.py``
explains the mechanism and its limits.
"""

import streamlit as st

from ui.auth import session_routes

app = st.App("app.py", routes=session_routes())
