"""The desk: every stored report, filtered and sorted, with history and edits."""

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from geo.days import parse_day
from geo.escaping import markdown_text
from geo.report_filter import ReportFilter
from geo.resolution import describe
from geo.schema import NOTE_MAX_LENGTH, REPORT_COLUMNS
from geo.status import (
    DatePrecision,
    Extent,
    Kind,
    ReportStatus,
    SourceType,
    Verification,
)
from storage.access import Identity
from storage.reports import (
    EditConflictError,
    ReportsRefusedError,
    add_reports,
    as_stored_text,
    current_reports,
    edit_report,
    new_report_id,
    report_history,
    set_retracted,
    set_verification,
    stored_report,
    undo_last_change,
)
from ui import auth, loading
from ui.labels import report_label
from ui.messages import show_problems

city = loading.city(auth.admitted_city())
engine = loading.database()
identity: Identity = auth.current_identity()
reports = current_reports(engine, city.name, include_retracted=True)
labels = city.actor_labels
districts = list(city.district_labels)
map_day = parse_day(st.session_state.get("kept_day")) or city.default_day

st.title(f"Reports · {markdown_text(city.title)}")
if not identity.can_edit:
    st.info(
        "You can read every report and its history. Log in as an editor (sidebar) "
        "to add, edit, deny, verify or retract reports."
    )


def report_fields_form(prefix: str, initial: dict) -> dict[str, str]:
    """The report's fields as widgets, returned as the text cells of a report row."""
    left, right = st.columns(2)
    district = left.selectbox(
        "District (English, Arabic or alias)",
        districts,
        index=districts.index(initial["district_id"])
        if initial.get("district_id") in districts
        else None,
        format_func=city.district_search_labels.__getitem__,
        key=f"{prefix}_district",
        placeholder="Type a name…",
    )
    day = right.date_input(
        "Day the claim is about",
        value=initial.get("date") or map_day,
        min_value=city.first_day,
        max_value=city.last_day,
        key=f"{prefix}_date",
    )

    def pick(
        column: DeltaGenerator,
        label: str,
        options: list[str],
        field: str,
        default: str,
        **more: Callable[[str], str],
    ) -> str:
        current = initial.get(field) or default
        return column.selectbox(
            label,
            options,
            index=options.index(current) if current in options else 0,
            key=f"{prefix}_{field}",
            **more,
        )

    status = pick(left, "Status", list(ReportStatus), "status", ReportStatus.HELD)
    actor = pick(
        right,
        "Held by (for status held)",
        list(labels),
        "actor",
        "",
        format_func=labels.get,
    )
    extent = pick(left, "Extent", list(Extent), "extent", Extent.FULL)
    precision = pick(
        right,
        "Date precision",
        list(DatePrecision),
        "date_precision",
        DatePrecision.DAY,
    )
    source = left.text_input(
        "Source (who said it)", value=initial.get("source", ""), key=f"{prefix}_source"
    )
    source_type = pick(
        right, "Source type", list(SourceType), "source_type", SourceType.MEDIA
    )
    url = left.text_input(
        "URL (http or https)", value=initial.get("url", ""), key=f"{prefix}_url"
    )
    published = right.date_input(
        "Published (if not the same day)",
        value=date.fromisoformat(initial["published"])
        if initial.get("published")
        else None,
        key=f"{prefix}_published",
    )
    note = st.text_area(
        "Note: a short paraphrase in your own words",
        value=initial.get("note", ""),
        max_chars=NOTE_MAX_LENGTH,
        key=f"{prefix}_note",
    )
    return {
        "district_id": district or "",
        "date": day.isoformat() if day else "",
        "status": status,
        "actor": actor if status == ReportStatus.HELD else "",
        "extent": extent,
        "date_precision": precision,
        "source": source,
        "source_type": source_type,
        "url": url,
        "published": published.isoformat() if published else "",
        "note": note,
    }


def add_form() -> None:
    with st.form("add_report", clear_on_submit=False):
        fields = report_fields_form("add", {})
        kind = st.radio(
            "Kind",
            [Kind.CLAIM, Kind.ASSESSMENT],
            horizontal=True,
            key="add_kind",
            help="A claim: a party or outlet says so. An assessment: an "
            "independent monitor or analyst.",
        )
        submitted = st.form_submit_button("Add report", type="primary")
    if submitted:
        row = {**dict.fromkeys(REPORT_COLUMNS, ""), **fields, "kind": kind}
        row["report_id"] = new_report_id()
        try:
            add_reports(
                engine,
                identity,
                city,
                pd.DataFrame([row], columns=REPORT_COLUMNS),
                origin="reports page",
            )
        except ReportsRefusedError as error:
            show_problems(error, "Not saved.", by_field=True)
        else:
            st.success(
                f"Added {row['report_id']}. Every open map shows it from "
                f"{row['date']} on its next refresh."
            )


if identity.can_edit:
    with st.expander("Add a report", icon=":material/add:"):
        add_form()

with st.container(border=True):
    top = st.columns(3)
    chosen_districts = top[0].multiselect(
        "District",
        districts,
        format_func=city.district_labels.__getitem__,
        key="filter_districts",
    )
    chosen_sources = top[1].multiselect(
        "Source", sorted(set(reports["source"])), key="filter_sources"
    )
    span = top[2].date_input(
        "Days",
        value=(city.first_day, city.last_day),
        min_value=city.first_day,
        max_value=city.last_day,
        key="filter_days",
    )
    bottom = st.columns(4)
    chosen_kinds = bottom[0].multiselect("Kind", list(Kind), key="filter_kinds")
    chosen_statuses = bottom[1].multiselect(
        "Status", list(ReportStatus), key="filter_statuses"
    )
    chosen_verifications = bottom[2].multiselect(
        "Desk check", list(Verification), key="filter_verifications"
    )
    show_retracted = bottom[3].toggle("Show retracted", key="filter_retracted")

shown = ReportFilter(
    districts=chosen_districts,
    sources=chosen_sources,
    kinds=chosen_kinds,
    statuses=chosen_statuses,
    verifications=chosen_verifications,
    first_day=span[0] if len(span) > 0 else None,
    last_day=span[1] if len(span) > 1 else None,
    include_retracted=show_retracted,
).apply(reports)

st.caption(f"{len(shown)} of {len(reports)} reports. Click a column to sort.")
st.dataframe(
    pd.DataFrame(
        {
            "report_id": shown["report_id"],
            "day": shown["date"],
            "district": [
                city.districts.loc[district_id, "name_en"]
                for district_id in shown["district_id"]
            ],
            "says": [
                describe(status, labels.get(actor, ""), extent)
                for status, actor, extent in zip(
                    shown["status"], shown["actor"], shown["extent"], strict=True
                )
            ],
            "kind": shown["kind"],
            "source": shown["source"],
            "check": shown["verification"],
            "retracted": shown["retracted"],
            "link": shown["url"],
            "note": shown["note"],
        }
    ),
    hide_index=True,
    column_config={
        "report_id": st.column_config.TextColumn("Report"),
        "day": st.column_config.DateColumn("Day", format="D MMM YYYY"),
        "link": st.column_config.LinkColumn("Link", display_text="open"),
        "retracted": st.column_config.CheckboxColumn("Retracted"),
        "note": st.column_config.TextColumn("Note", width="large"),
    },
)

records = {row["report_id"]: row for row in shown.to_dict("records")}
opened = st.selectbox(
    "Open a report",
    list(records),
    index=None,
    format_func=lambda report_id: report_label(city, records[report_id]),
    key="opened_report",
    placeholder="Pick a report to read its history…",
)


def start_from_latest(report_id: str) -> None:
    """Remember the revision the editor is looking at, to detect others' saves."""
    latest = stored_report(engine, city.name, report_id)
    st.session_state.base_revision = (report_id, latest["revision"])


def attempt(change: Callable[[], object], done: str, report_id: str) -> None:
    """Run one change; keep its outcome to show after the rerun that follows."""
    try:
        change()
    except EditConflictError as error:
        st.session_state.outcome = ("conflict", str(error))
    except ReportsRefusedError as error:
        st.session_state.outcome = ("refused", error)
    else:
        start_from_latest(report_id)
        st.session_state.outcome = ("done", done)
    st.rerun()


def show_outcome(report_id: str) -> None:
    kind, payload = st.session_state.pop("outcome", ("", None))
    if kind == "done":
        st.success(markdown_text(payload))
    elif kind == "refused":
        show_problems(payload, "Not saved.", by_field=True)
    elif kind == "conflict":
        st.error(markdown_text(payload))
        st.button(
            "Load the latest version",
            on_click=start_from_latest,
            args=(report_id,),
        )


def report_actions(report: dict) -> None:
    report_id = report["report_id"]
    if st.session_state.get("base_revision", ("", 0))[0] != report_id:
        start_from_latest(report_id)
    base = st.session_state.base_revision[1]
    show_outcome(report_id)

    edit, deny, check, retract = st.tabs(
        ["Edit", "Deny this", "Desk check", "Retract or undo"]
    )
    with edit, st.form(f"edit_{report_id}"):
        fields = report_fields_form("edit", report)
        reason = st.text_input("Why this change?", key="edit_reason")
        if st.form_submit_button("Save as a new revision", type="primary"):
            stored = as_stored_text(report)
            changes = {
                field: value
                for field, value in fields.items()
                if value != stored[field]
            }
            attempt(
                lambda: edit_report(
                    engine,
                    identity,
                    city,
                    report_id,
                    changes,
                    base_revision=base,
                    reason=reason,
                ),
                f"Saved {report_id} as a new revision.",
                report_id,
            )
    with deny, st.form(f"deny_{report_id}"):
        st.caption(
            f"File a denial of {report_id}: someone rejects it. From the denial's "
            "day the report stops counting on the map."
        )
        source = st.text_input("Who denies it", key="deny_source")
        source_type = st.selectbox("Source type", list(SourceType), key="deny_type")
        day = st.date_input(
            "Day of the denial",
            value=report["date"],
            min_value=city.first_day,
            max_value=city.last_day,
            key="deny_date",
        )
        url = st.text_input("URL of the denial", key="deny_url")
        note = st.text_area("Note", max_chars=NOTE_MAX_LENGTH, key="deny_note")
        if st.form_submit_button("File the denial"):
            denial = {
                **dict.fromkeys(REPORT_COLUMNS, ""),
                "report_id": new_report_id(),
                "date": day.isoformat(),
                "district_id": report["district_id"],
                "kind": Kind.DENIAL,
                "denies": report_id,
                "source": source,
                "source_type": source_type,
                "url": url,
                "note": note,
            }
            attempt(
                lambda: add_reports(
                    engine,
                    identity,
                    city,
                    pd.DataFrame([denial], columns=REPORT_COLUMNS),
                    origin="reports page",
                ),
                f"Filed {denial['report_id']}, denying {report_id}.",
                report_id,
            )
    with check, st.form(f"check_{report_id}"):
        verification = st.radio(
            "What the desk established",
            list(Verification),
            index=list(Verification).index(report["verification"]),
            horizontal=True,
            key="check_value",
        )
        reason = st.text_input("On what grounds?", key="check_reason")
        if st.form_submit_button("Record"):
            attempt(
                lambda: set_verification(
                    engine,
                    identity,
                    city,
                    report_id,
                    verification,
                    base_revision=base,
                    reason=reason,
                ),
                f"Marked {verification} by {identity.name}.",
                report_id,
            )
    with retract, st.form(f"retract_{report_id}"):
        reason = st.text_input("Why?", key="retract_reason")
        left, right = st.columns(2)
        flip = left.form_submit_button(
            "Put back on the map" if report["retracted"] else "Retract"
        )
        undo = right.form_submit_button("Undo the latest revision")
        if flip:
            attempt(
                lambda: set_retracted(
                    engine,
                    identity,
                    city,
                    report_id,
                    not report["retracted"],
                    base_revision=base,
                    reason=reason,
                ),
                "Put back on the map." if report["retracted"] else "Retracted.",
                report_id,
            )
        if undo:
            attempt(
                lambda: undo_last_change(
                    engine,
                    identity,
                    city,
                    report_id,
                    base_revision=base,
                    reason=reason,
                ),
                "Undone, as a new revision.",
                report_id,
            )


if opened:
    report = records[opened]
    st.subheader(markdown_text(report_label(city, report)))
    shown_fields = (*REPORT_COLUMNS, "verification", "verified_by", "origin")
    st.dataframe(
        pd.DataFrame(
            {
                "field": shown_fields,
                "value": [str(report[field]) for field in shown_fields],
            }
        ),
        hide_index=True,
    )
    st.markdown("**History** (oldest first; nothing is ever overwritten)")
    history = report_history(engine, city.name, opened)
    st.dataframe(
        history[["revision", "action", "author", "recorded_at", "reason", "changed"]],
        hide_index=True,
    )
    if identity.can_edit:
        report_actions(report)
