"""The Streamlit parts of the article review page: proposing, showing, deciding, saving.

``app_pages/from_article.py`` wires these together; what they show and store is
computed in ``geo.extraction`` (the review helpers), which never imports
Streamlit. Safe by default: no proposal is accepted until the editor says so,
and nothing is saved before the editor has seen what it changes on the map.
"""

import hashlib

import pandas as pd
import streamlit as st

from geo.city import City
from geo.escaping import is_web_url, markdown_text
from geo.extraction import (
    EXTRACTOR_VERSION,
    READ_ONLY_COLUMNS,
    Decision,
    Extraction,
    ExtractionError,
    Target,
    decode_article,
    extract_reports,
    figures_csv,
    figures_table,
    map_changes,
    place_options,
    proposal_html,
    reports_to_add,
    review_table,
)
from geo.problems import ProblemsError
from geo.status import DatePrecision, Extent, Kind, ReportStatus, SourceType
from geo.wording import counted
from storage.access import Identity
from storage.reports import ReportsRefusedError, add_reports, new_report_id
from ui.database import database
from ui.messages import show_problems

_DECISION_LABELS = {
    Decision.UNDECIDED: "— decide —",
    Decision.ACCEPT: "accept",
    Decision.REJECT: "reject",
}
_CHECKED = "checked_changes"


def propose(city: City) -> None:
    """Run the extractor on the inputs; keep its result or its refusal.

    A button callback runs before the page: it reads the widgets' current values
    from the session, not the page's variables of the previous run.
    """
    state = st.session_state
    for key in ("extraction", "extraction_error", _CHECKED, "review_table"):
        state.pop(key, None)
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
    """The proposals, each with its marked sentence and level, and the names skipped."""
    if not extraction.proposals:
        st.warning("No control claim found in this article.")
    if extraction.skipped:
        with st.expander(f"Named but not proposed ({len(extraction.skipped)})"):
            for skipped in extraction.skipped:
                st.caption(
                    markdown_text(f"{skipped.district_name.text}: {skipped.reason}")
                )
    if not extraction.proposals:
        return
    st.subheader(counted(len(extraction.proposals), "proposal"))
    st.caption(
        "Numbered as in the article; the table below lists them from the surest "
        "down. None is accepted until you choose 'accept'."
    )
    for number, proposal in enumerate(extraction.proposals, start=1):
        st.html(proposal_html(number, extraction.text, proposal))


def show_figures(extraction: Extraction) -> None:
    """The proposed casualty and displacement figures, as figures.csv rows."""
    if not extraction.figures:
        return
    figures = figures_table(extraction)
    st.subheader(counted(len(figures), "figure"))
    st.caption(
        "Casualty and displacement figures, each as one source states it. They are "
        "not stored here: check them, then add the rows to the city's figures.csv "
        "(give each a figure_id)."
    )
    st.dataframe(figures, hide_index=True)
    st.download_button(
        "Download as figures.csv rows",
        figures_csv(figures),
        file_name="figures-proposed.csv",
        mime="text/csv",
    )


def review_editor(
    extraction: Extraction, city: City, targets: dict[int, tuple[Target, ...]]
) -> pd.DataFrame:
    """The review table for the editor to decide and correct; returns it as edited."""
    places = place_options(extraction, city)
    offered = {
        target.key: target.label for found in targets.values() for target in found
    }
    return st.data_editor(
        review_table(extraction),
        hide_index=True,
        key="review_table",
        disabled=list(READ_ONLY_COLUMNS),
        column_config={
            "decision": st.column_config.SelectboxColumn(
                "Decision",
                options=list(Decision),
                format_func=_DECISION_LABELS.__getitem__,
                help="Only accepted rows are saved.",
            ),
            "number": st.column_config.NumberColumn("#", help="As numbered above."),
            "level": st.column_config.TextColumn("Sure", help="high, medium or low"),
            "evidence": st.column_config.TextColumn("Sentence", width="large"),
            "district_id": st.column_config.SelectboxColumn(
                "Place",
                options=list(places),
                format_func=places.__getitem__,
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
            "denies": st.column_config.SelectboxColumn(
                "Rejects report",
                options=["", *offered],
                format_func=lambda key: offered.get(key, key),
                help="For a denial or retraction: a stored report (or this "
                "article's proposal) that matches its place and the month before it.",
            ),
            "rejects": st.column_config.TextColumn("Rejected claim (from the text)"),
            "source_type": st.column_config.SelectboxColumn(
                "Source type", options=list(SourceType)
            ),
            "note": st.column_config.TextColumn("Note (your own words)", width="large"),
        },
    )


def _fingerprint(review: pd.DataFrame) -> str:
    return hashlib.sha256(review.to_csv(index=False).encode()).hexdigest()


def check_and_save(
    edited: pd.DataFrame,
    extraction: Extraction,
    targets: dict[int, tuple[Target, ...]],
    city: City,
    identity: Identity,
) -> None:
    """First show what the accepted rows change on the map, then save on a click.

    The summary belongs to the table as it was checked: any later edit asks
    for a new check before anything can be saved.
    """
    accepted = int((edited["decision"] == Decision.ACCEPT).sum())
    if not accepted:
        st.info("Choose 'accept' for the rows to save; nothing is accepted yet.")
        return
    state = st.session_state
    source_url, published_on = state.extracted_from
    fingerprint = _fingerprint(edited)
    if st.button(
        f"Check what {counted(accepted, 'accepted report')} would change on the map"
    ):
        rows, problems = reports_to_add(
            edited,
            extraction,
            targets,
            url=source_url,
            published=published_on,
            new_report_id=new_report_id,
        )
        changes, refused = map_changes(city, rows) if not problems else (None, [])
        state[_CHECKED] = (fingerprint, rows, changes, problems + refused)
    checked = state.get(_CHECKED)
    if checked is None or checked[0] != fingerprint:
        st.caption(
            "Check the changes first: nothing is saved before you have seen them."
        )
        return
    _, rows, changes, problems = checked
    if problems:
        show_problems(ProblemsError(problems), "Nothing can be saved yet.")
        return
    _show_changes(changes)
    if st.button(f"Add {len(rows)} report(s)", type="primary"):
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
            state.pop(_CHECKED, None)
            st.success(
                f"Added {counted(len(added), 'report')}: {', '.join(added)}. Every "
                "open map shows them on its next refresh."
            )


def _show_changes(changes: pd.DataFrame) -> None:
    """What saving would change on the map, district by district and day by day."""
    changed = changes[changes["before"] != changes["after"]]
    days = changed["day"].nunique()
    st.subheader("What will change on the map")
    st.write(
        f"{counted(changed['district'].nunique(), 'district')} would change colour "
        f"on {counted(days, 'day')}; "
        f"{counted(len(changes) - len(changed), 'district-day')} would stay as "
        "they are. "
        "Each change lasts until the district's next report."
    )
    st.dataframe(
        changes.rename(
            columns={
                "day": "Day",
                "district": "District",
                "before": "Now",
                "after": "After saving",
                "report": "New report",
            }
        ),
        hide_index=True,
    )
