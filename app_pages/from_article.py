"""From an article to claims: paste or upload it, review the proposals, accept."""

import streamlit as st

from geo.escaping import markdown_text
from geo.extraction import (
    MAX_ARTICLE_CHARACTERS,
    UPLOAD_SUFFIXES,
    Extraction,
    denial_targets,
)
from ui import article_review, auth, city_cache

city = city_cache.city(auth.admitted_city())
identity = auth.current_identity()

st.title(f"From an article · {markdown_text(city.title)}")
if not identity.can_edit:
    st.info("Turning articles into reports needs an editor login (sidebar).")
    st.stop()

st.caption(
    "Paste an article (or upload a .txt, .md or .html file). Frontline proposes the "
    "dated control claims and the casualty figures it finds, each with the sentence "
    "it came from. Nothing is accepted for you: decide row by row, see what the "
    "accepted rows change on the map, then save."
)

st.text_area(
    "Article text",
    height=200,
    max_chars=MAX_ARTICLE_CHARACTERS,
    key="article_text",
)
st.file_uploader(
    "…or an article file",
    type=sorted(suffix.lstrip(".") for suffix in UPLOAD_SUFFIXES),
    key="article_file",
)
url_column, day_column, outlet_column = st.columns([3, 1, 2])
url_column.text_input("Article URL (http or https)", key="article_url")
day_column.date_input("Published", value=city.default_day, key="article_published")
outlet_column.text_input("Outlet", key="article_outlet")

st.button(
    "Propose claims", type="primary", on_click=article_review.propose, args=(city,)
)
if "extraction_error" in st.session_state:
    st.error(markdown_text(st.session_state.extraction_error))
extraction: Extraction | None = st.session_state.get("extraction")
if extraction is None:
    st.stop()

article_review.show_findings(extraction)
article_review.show_figures(extraction)
if not extraction.proposals:
    st.stop()

targets = denial_targets(extraction, city)
edited = article_review.review_editor(extraction, city, targets)
article_review.check_and_save(edited, extraction, targets, city, identity)
