"""A page that shows hostile text through ``markdown_text`` in every Markdown element.

Run by ``test_markdown_text.py`` with ``streamlit run``; the text is the injection
corpus plus addresses Streamlit would turn into links or icons.
"""

import streamlit as st

from geo.escaping import markdown_text
from tests.security.corpus import SHORT_PAYLOADS

# Text Streamlit's Markdown made live before ``markdown_text`` defused it. (A comment:
# Streamlit's "magic" would show a docstring here on the page.)
LINKING_TEXT = (
    "www.evil.example",
    "WWW.Evil.Example/login",
    "https://evil.example/login",
    "http://evil.example",
    "desk@evil.example",
    "File a denial of https://evil.example/phish.",
    "![pixel](https://evil.example/pixel.gif)",
    "<https://evil.example>",
    ":material/home: :red[alarm] :smile:",
)
SHOWN = (*LINKING_TEXT, *(payload.text for payload in SHORT_PAYLOADS))
DONE = "Every text shown."

for text in SHOWN:
    st.markdown(markdown_text(text))
    st.caption(markdown_text(text))
    st.error(markdown_text(text))
st.text(DONE)
