"""From an article to claims: paste or upload it, review the proposals, accept."""

from datetime import date

import pandas as pd
import streamlit as st

from geo.escaping import html_text, is_web_url, markdown_text
from geo.extraction.extractor import (
    EXTRACTOR_VERSION,
    MAX_ARTICLE_CHARACTERS,
    UPLOAD_SUFFIXES,
    Extraction,
    ExtractionError,
    Proposal,
    decode_article,
    extract_reports,
)
from geo.schema import REPORT_COLUMNS
from geo.status import DatePrecision, Extent, Kind, ReportStatus, SourceType
from storage.reports import ReportsRefusedError, add_reports, new_report_id
from ui import auth, loading
from ui.messages import show_problems

city = loading.city(auth.admitted_city())
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


def propose() -> None:
    """Run the extractor on the inputs; keep its result or its refusal.

    A callback runs before the page: it reads the widgets' current values from
    the session, not the page's variables of the previous run.
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


st.button("Propose claims", type="primary", on_click=propose)
if "extraction_error" in st.session_state:
    st.error(markdown_text(st.session_state.extraction_error))
extraction: Extraction | None = st.session_state.get("extraction")
if extraction is None:
    st.stop()


def highlighted(text: str, proposal: Proposal) -> str:
    """The evidence sentence, escaped, with the district and the cue marked."""
    start = proposal.evidence.start
    marks = sorted(
        (span.start - start, span.end - start)
        for span in (proposal.district_name, proposal.status_cue)
        if span.end > span.start
    )
    sentence = text[proposal.evidence.start : proposal.evidence.end]
    pieces, position = [], 0
    for begin, end in marks:
        if begin < position:
            continue
        pieces.append(html_text(sentence[position:begin]))
        pieces.append(f"<mark>{html_text(sentence[begin:end])}</mark>")
        position = end
    pieces.append(html_text(sentence[position:]))
    return "".join(pieces)


if not extraction.proposals:
    st.warning("No control claim found in this article.")
for skipped in extraction.skipped:
    st.caption(
        markdown_text(f"Not proposed: {skipped.district_name.text} ({skipped.reason})")
    )
if not extraction.proposals:
    st.stop()

st.subheader(f"{len(extraction.proposals)} proposal(s)")
for number, proposal in enumerate(extraction.proposals, start=1):
    reasons = "; ".join(proposal.reasons)
    st.html(
        f"<div style='font-size:0.9rem'><b>{number}.</b> "
        f"{highlighted(extraction.text, proposal)}"
        f"<br><small>confidence {proposal.confidence:.2f}: "
        f"{html_text(reasons)}</small></div>"
    )

review = pd.DataFrame(
    [
        {
            "accept": proposal.confidence >= 0.5,
            **proposal.row(),
            "denies": "",
            "rejects": proposal.denial_target,
            "speaker": proposal.speaker,
            "confidence": round(proposal.confidence, 2),
        }
        for proposal in extraction.proposals
    ]
)
review["date"] = pd.to_datetime(review["date"]).dt.date
edited = st.data_editor(
    review[
        [
            "accept",
            "district_id",
            "date",
            "date_precision",
            "status",
            "actor",
            "extent",
            "kind",
            "denies",
            "rejects",
            "source",
            "source_type",
            "speaker",
            "confidence",
            "note",
        ]
    ],
    hide_index=True,
    key="review_table",
    disabled=["rejects", "speaker", "confidence"],
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
            "Denies (report id)", help="For a denial: the id of the report it rejects."
        ),
        "rejects": st.column_config.TextColumn("Rejected claim (from the text)"),
        "source_type": st.column_config.SelectboxColumn(
            "Source type", options=list(SourceType)
        ),
        "note": st.column_config.TextColumn("Note (your own words)", width="large"),
    },
)

accepted = edited[edited["accept"]]
if st.button(f"Add {len(accepted)} accepted report(s)", disabled=accepted.empty):
    source_url, published_on = st.session_state.extracted_from
    rows = accepted.drop(columns=["accept", "rejects", "speaker", "confidence"])
    days = [day.isoformat() if isinstance(day, date) else day for day in rows["date"]]
    rows = rows.assign(
        report_id=[new_report_id() for _ in range(len(rows))],
        date=days,
        url=source_url,
        published=[
            "" if day == published_on.isoformat() else published_on.isoformat()
            for day in days
        ],
    )
    evidence = [
        extraction.text[proposal.evidence.start : proposal.evidence.end]
        for proposal, keep in zip(extraction.proposals, edited["accept"], strict=True)
        if keep
    ]
    try:
        added = add_reports(
            loading.database(),
            identity,
            city,
            rows[list(REPORT_COLUMNS)].assign(evidence=evidence).reset_index(drop=True),
            origin=f"extractor {EXTRACTOR_VERSION}: {source_url}",
        )
    except ReportsRefusedError as error:
        show_problems(error, "Nothing was added.")
    else:
        st.success(
            f"Added {len(added)} report(s): {', '.join(added)}. Every open map shows "
            "them on its next refresh."
        )
