"""The Reports page's forms: filtering, adding a report, and acting on one report.

Rows are built by ``geo.desk``; saving, and every check on what is saved, is
``storage.reports``'s. A change's outcome is kept in session state and shown after
the rerun it triggers, so the page then shows the report as it is now stored.
"""

from collections.abc import Callable, Mapping
from datetime import date
from typing import NamedTuple

import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from streamlit.delta_generator import DeltaGenerator

from geo.city import City
from geo.desk import ReportDraft, denial_of, report_frame
from geo.escaping import markdown_text
from geo.places import PlaceError, PlaceParts, place_parts
from geo.problems import Problem
from geo.report_filter import ReportFilter
from geo.schema import NOTE_MAX_LENGTH
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
    edit_report,
    new_report_id,
    set_retracted,
    set_verification,
    stored_report,
    undo_last_change,
)
from ui.messages import show_problems

ORIGIN = "reports page"
"""How the revision log names reports added here."""


def place_choices(city: City) -> dict[str, str]:
    """Where a report may be, as a picker lists it: the city, its groups, districts."""
    return {
        "city": "The whole city (every district)",
        **{group.name: f"Group: {group.label}" for group in city.groups},
        **city.district_search_labels,
    }


def place_refusal(error: PlaceError) -> ReportsRefusedError:
    """A place whose parts contradict, refused like any other field."""
    return ReportsRefusedError([Problem(ORIGIN, "", "place", str(error))])


class Desk(NamedTuple):
    """One city's reports desk: the city, its database, and who sits at it."""

    city: City
    engine: Engine
    identity: Identity


def report_fields_form(
    city: City, prefix: str, initial: Mapping[str, object], default_day: date
) -> ReportDraft:
    """A report's fields as widgets keyed ``{prefix}_{field}``, set from ``initial``.

    ``default_day`` is the claim's day when ``initial`` names none.
    """
    stored = initial.get("district_id")
    parts = place_parts(city.place(str(stored))) if stored else PlaceParts()
    wheres = place_choices(city)
    left, right = st.columns(2)
    where = left.selectbox(
        "Place: a district (English, Arabic or alias), a group or the whole city",
        wheres,
        index=list(wheres).index(parts.where) if parts.where in wheres else None,
        format_func=wheres.__getitem__,
        key=f"{prefix}_district",
        placeholder="Type a name…",
    )
    day = right.date_input(
        "Day the claim is about",
        value=initial.get("date") or default_day,
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
        list(city.actor_labels),
        "actor",
        "",
        format_func=city.actor_labels.get,
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
    with st.expander(
        "One statement about several districts, or a place not on the map",
        expanded=bool(parts.more or parts.excluded or parts.unplaced),
    ):
        labels = city.district_search_labels
        more = st.multiselect(
            "More districts the same statement names",
            list(labels),
            default=list(parts.more),
            format_func=labels.__getitem__,
            key=f"{prefix}_more",
        )
        excluded = st.multiselect(
            "Except (with the whole city or a group)",
            list(labels),
            default=list(parts.excluded),
            format_func=labels.__getitem__,
            key=f"{prefix}_except",
        )
        unplaced = st.text_input(
            "Or a place the map cannot show, in the source's words",
            value=parts.unplaced,
            key=f"{prefix}_unplaced",
            help="Kept and listed beside the map on its day, never drawn.",
        )
    return ReportDraft(
        place=PlaceParts(where, tuple(more), tuple(excluded), unplaced),
        day=day,
        status=status,
        actor=actor,
        extent=extent,
        date_precision=precision,
        source=source,
        source_type=source_type,
        url=url,
        published=published,
        note=note,
    )


def add_form(desk: Desk, default_day: date) -> None:
    """The form that adds one report, and what became of the last one added."""
    with st.form("add_report", clear_on_submit=False):
        draft = report_fields_form(desk.city, "add", {}, default_day)
        kind = st.radio(
            "Kind",
            [Kind.CLAIM, Kind.ASSESSMENT],
            horizontal=True,
            key="add_kind",
            help="A claim: a party or outlet says so. An assessment: an "
            "independent monitor or analyst.",
        )
        submitted = st.form_submit_button("Add report", type="primary")
    if not submitted:
        return
    try:
        row = draft.as_new_report(report_id=new_report_id(), kind=kind)
        add_reports(
            desk.engine, desk.identity, desk.city, report_frame(row), origin=ORIGIN
        )
    except PlaceError as error:
        show_problems(place_refusal(error), "Not saved.", by_field=True)
    except ReportsRefusedError as error:
        show_problems(error, "Not saved.", by_field=True)
    else:
        st.success(
            f"Added {row['report_id']}. Every open map shows it from "
            f"{row['date']} on its next refresh."
        )


def report_filter(city: City, reports: pd.DataFrame) -> ReportFilter:
    """The listing's filters (districts, sources, days, kinds, statuses, checks)."""
    with st.container(border=True):
        top = st.columns(3)
        chosen_districts = top[0].multiselect(
            "District",
            list(city.district_labels),
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
    return ReportFilter(
        districts=chosen_districts,
        sources=chosen_sources,
        kinds=chosen_kinds,
        statuses=chosen_statuses,
        verifications=chosen_verifications,
        first_day=span[0] if len(span) > 0 else None,
        last_day=span[1] if len(span) > 1 else None,
        include_retracted=show_retracted,
    )


def _start_from_latest(desk: Desk, report_id: str) -> None:
    """Remember the revision the editor is looking at, to detect others' saves."""
    latest = stored_report(desk.engine, desk.city.name, report_id)
    st.session_state.base_revision = (report_id, latest["revision"])


def _attempt(
    desk: Desk, change: Callable[[], object], done: str, report_id: str
) -> None:
    """Run one change; keep its outcome to show after the rerun that follows."""
    try:
        change()
    except EditConflictError as error:
        st.session_state.outcome = ("conflict", str(error))
    except ReportsRefusedError as error:
        st.session_state.outcome = ("refused", error)
    except PlaceError as error:
        st.session_state.outcome = ("refused", place_refusal(error))
    else:
        _start_from_latest(desk, report_id)
        st.session_state.outcome = ("done", done)
    st.rerun()


def _show_outcome(desk: Desk, report_id: str) -> None:
    """What became of the last change: saved, refused, or overtaken by another's."""
    kind, payload = st.session_state.pop("outcome", ("", None))
    if kind == "done":
        st.success(markdown_text(payload))
    elif kind == "refused":
        show_problems(payload, "Not saved.", by_field=True)
    elif kind == "conflict":
        st.error(markdown_text(payload))
        st.button(
            "Load the latest version",
            on_click=_start_from_latest,
            args=(desk, report_id),
        )


def report_actions(desk: Desk, report: Mapping[str, object], default_day: date) -> None:
    """Tabs to edit, deny, check, retract or undo ``report``, each one a form.

    Every change is made against the revision first shown, so an editor's save
    never silently overwrites another's (``EditConflictError``).
    """
    report_id = str(report["report_id"])
    if st.session_state.get("base_revision", ("", 0))[0] != report_id:
        _start_from_latest(desk, report_id)
    base = st.session_state.base_revision[1]
    _show_outcome(desk, report_id)
    edit, deny, check, retract = st.tabs(
        ["Edit", "Deny this", "Desk check", "Retract or undo"]
    )
    with edit:
        _edit_form(desk, report, base, default_day)
    with deny:
        _deny_form(desk, report)
    with check:
        _check_form(desk, report, base)
    with retract:
        _retract_form(desk, report, base)


def _edit_form(
    desk: Desk, report: Mapping[str, object], base: int, default_day: date
) -> None:
    """Save the report's fields as a new revision, with the reason given."""
    report_id = str(report["report_id"])
    with st.form(f"edit_{report_id}"):
        draft = report_fields_form(desk.city, "edit", report, default_day)
        reason = st.text_input("Why this change?", key="edit_reason")
        if st.form_submit_button("Save as a new revision", type="primary"):
            _attempt(
                desk,
                lambda: edit_report(
                    desk.engine,
                    desk.identity,
                    desk.city,
                    report_id,
                    draft.changes_from(as_stored_text(report)),
                    base_revision=base,
                    reason=reason,
                ),
                f"Saved {report_id} as a new revision.",
                report_id,
            )


def _deny_form(desk: Desk, report: Mapping[str, object]) -> None:
    """File a denial of the report by someone who rejects it."""
    report_id = str(report["report_id"])
    with st.form(f"deny_{report_id}"):
        kind = st.radio(
            "Who rejects it?",
            [Kind.DENIAL, Kind.RETRACTION],
            format_func={
                Kind.DENIAL: "Another party denies it: the report stays on the "
                "map and the district is shown disputed",
                Kind.RETRACTION: "Its own source withdraws or corrects it: the "
                "report stops counting from that day",
            }.__getitem__,
            key="deny_kind",
        )
        source = st.text_input("Who says so", key="deny_source")
        source_type = st.selectbox("Source type", list(SourceType), key="deny_type")
        day = st.date_input(
            "Day of the denial",
            value=report["date"],
            min_value=desk.city.first_day,
            max_value=desk.city.last_day,
            key="deny_date",
        )
        url = st.text_input("URL of the denial", key="deny_url")
        note = st.text_area("Note", max_chars=NOTE_MAX_LENGTH, key="deny_note")
        if st.form_submit_button("File the denial"):
            denial = denial_of(
                report,
                kind=kind,
                report_id=new_report_id(),
                day=day,
                source=source,
                source_type=source_type,
                url=url,
                note=note,
            )
            _attempt(
                desk,
                lambda: add_reports(
                    desk.engine,
                    desk.identity,
                    desk.city,
                    report_frame(denial),
                    origin=ORIGIN,
                ),
                f"Filed {denial['report_id']}: "
                f"{'a denial of' if kind == Kind.DENIAL else 'withdrawing'} "
                f"{report_id}.",
                report_id,
            )


def _check_form(desk: Desk, report: Mapping[str, object], base: int) -> None:
    """Record what the desk established about the report, and on what grounds."""
    report_id = str(report["report_id"])
    with st.form(f"check_{report_id}"):
        verification = st.radio(
            "What the desk established",
            list(Verification),
            index=list(Verification).index(report["verification"]),
            horizontal=True,
            key="check_value",
        )
        reason = st.text_input("On what grounds?", key="check_reason")
        if st.form_submit_button("Record"):
            _attempt(
                desk,
                lambda: set_verification(
                    desk.engine,
                    desk.identity,
                    desk.city,
                    report_id,
                    verification,
                    base_revision=base,
                    reason=reason,
                ),
                f"Marked {verification} by {desk.identity.name}.",
                report_id,
            )


def _retract_form(desk: Desk, report: Mapping[str, object], base: int) -> None:
    """Take the report off the map or put it back, or undo its latest revision."""
    report_id = str(report["report_id"])
    retracted = bool(report["retracted"])
    with st.form(f"retract_{report_id}"):
        reason = st.text_input("Why?", key="retract_reason")
        left, right = st.columns(2)
        flip = left.form_submit_button(
            "Put back on the map" if retracted else "Retract"
        )
        undo = right.form_submit_button("Undo the latest revision")
        if flip:
            _attempt(
                desk,
                lambda: set_retracted(
                    desk.engine,
                    desk.identity,
                    desk.city,
                    report_id,
                    not retracted,
                    base_revision=base,
                    reason=reason,
                ),
                "Put back on the map." if retracted else "Retracted.",
                report_id,
            )
        if undo:
            _attempt(
                desk,
                lambda: undo_last_change(
                    desk.engine,
                    desk.identity,
                    desk.city,
                    report_id,
                    base_revision=base,
                    reason=reason,
                ),
                "Undone, as a new revision.",
                report_id,
            )
