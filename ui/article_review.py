"""The Streamlit parts of the article review page: proposing, showing, editing.

``pages/from_article.py`` wires these together; what they show and store is
computed in ``geo.extraction`` (the review helpers), which never imports Streamlit.
"""

import pandas as pd
import streamlit as st

from geo.city import City
from geo.escaping import is_web_url, markdown_text
from geo.extraction import (
    READ_ONLY_COLUMNS,
    Extraction,
    ExtractionError,
    decode_article,
    extract_reports,
    proposal_html,
    review_table,
)
from geo.status import DatePrecision, Extent, Kind, ReportStatus, SourceType


def propose(city: City) -> None:
    """Run the extractor on the inputs; keep its result or its refusal.

    A button callback runs before the page: it reads the widgets' current values
    from the session, not the page's variables of the previous run.
    """
    state = st.session_state
    state.pop("extraction", None)
    state.pop("extraction_error", None)
    upload = state.get("article_file")
    try:
        if not is_web_url(state.article_url):
            raise ExtractionError("Give the article's http(s) address first.")
        content = (
            decode_article(upload.getvalue(), upload.name)
            if upload
            else state.article_text
        )
        state.extracted_from = (state.article_url.strip(), state.article_published)
        state.extraction = extract_reports(
            content,
            url=state.article_url.strip(),
            published=state.article_published,
            outlet=state.article_outlet.strip(),
            city=city,
        )
    except ExtractionError as error:
        state.extraction_error = str(error)


def show_findings(extraction: Extraction) -> None:
    """The proposals, each with its marked sentence, and the names not proposed."""
    if not extraction.proposals:
        st.warning("No control claim found in this article.")
    for skipped in extraction.skipped:
        st.caption(
            markdown_text(
                f"Not proposed: {skipped.district_name.text} ({skipped.reason})"
            )
        )
    if not extraction.proposals:
        return
    st.subheader(f"{len(extraction.proposals)} proposal(s)")
    for number, proposal in enumerate(extraction.proposals, start=1):
        st.html(proposal_html(number, extraction.text, proposal))


def review_editor(extraction: Extraction, city: City) -> pd.DataFrame:
    """The review table for the editor to tick and correct; returns it as edited."""
    return st.data_editor(
        review_table(extraction),
        hide_index=True,
        key="review_table",
        disabled=list(READ_ONLY_COLUMNS),
        column_config={
            "accept": st.column_config.CheckboxColumn("Accept"),
            "district_id": st.column_config.SelectboxColumn(
                "District",
                options=list(city.district_labels),
                format_func=city.district_labels.__getitem__,
                required=True,
            ),
            "date": st.column_config.DateColumn("Day", format="D MMM YYYY"),
            "date_precision": st.column_config.SelectboxColumn(
                "Precision", options=list(DatePrecision)
            ),
            "status": st.column_config.SelectboxColumn(
                "Status", options=["", *ReportStatus]
            ),
            "actor": st.column_config.SelectboxColumn(
                "Held by", options=["", *(actor.id for actor in city.actors)]
            ),
            "extent": st.column_config.SelectboxColumn("Extent", options=list(Extent)),
            "kind": st.column_config.SelectboxColumn("Kind", options=list(Kind)),
            "denies": st.column_config.TextColumn(
                "Denies (report id)",
                help="For a denial: the id of the report it rejects.",
            ),
            "rejects": st.column_config.TextColumn("Rejected claim (from the text)"),
            "source_type": st.column_config.SelectboxColumn(
                "Source type", options=list(SourceType)
            ),
            "note": st.column_config.TextColumn("Note (your own words)", width="large"),
        },
    )
