"""Log in with a desk account (the password login); after it, the map opens."""

import streamlit as st

from ui import auth

st.title("Log in")
st.caption(
    "Editors log in to add, check and import reports. Reading the map needs no login."
    if not auth.settings().private
    else "This desk's map is private: log in to see it."
)
auth.login_panel()
