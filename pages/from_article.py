"""From an article to claims: paste or upload it, review the proposals, accept."""

import streamlit as st

from geo.escaping import markdown_text
from geo.extraction import (
    EXTRACTOR_VERSION,
    MAX_ARTICLE_CHARACTERS,
    UPLOAD_SUFFIXES,
    Extraction,
    reports_to_add,
)
from storage.reports import ReportsRefusedError, add_reports, new_report_id
from ui import article_review, auth, city_cache
from ui.database import database
from ui.messages import show_problems

city = city_cache.city(auth.admitted_city())
identity = auth.current_identity()

st.title(f"From an article · {markdown_text(city.title)}")
if not identity.can_edit:
    st.info("Turning articles into reports needs an editor login (sidebar).")
    st.stop()

st.caption(
    "Paste an article (or upload a .txt, .md or .html file). Frontline proposes the "
    "dated control claims it finds, each with the sentence it came from; nothing is "
    "stored until you accept it, and accepted rows are checked like any other report."
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
if not extraction.proposals:
    st.stop()

edited = article_review.review_editor(extraction, city)
accepted = int(edited["accept"].sum())
if st.button(f"Add {accepted} accepted report(s)", disabled=not accepted):
    source_url, published_on = st.session_state.extracted_from
    rows = reports_to_add(
        edited,
        extraction,
        url=source_url,
        published=published_on,
        new_report_id=new_report_id,
    )
    try:
        added = add_reports(
            database(),
            identity,
            city,
            rows,
            origin=f"extractor {EXTRACTOR_VERSION}: {source_url}",
        )
    except ReportsRefusedError as error:
        show_problems(error, "Nothing was added.")
    else:
        st.success(
            f"Added {len(added)} report(s): {', '.join(added)}. Every open map shows "
            "them on its next refresh."
        )
