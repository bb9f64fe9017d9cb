"""Log in with a desk account (the password login); after it, the map opens."""

import streamlit as st

from ui import auth

st.title("Log in")
st.caption("Editors log in to add, check and import reports. Reading needs no login.")
auth.login_panel()
