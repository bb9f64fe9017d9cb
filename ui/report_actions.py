"""The tabs that act on one opened report: edit, deny, desk check, retract or undo.

Every change is made against the revision first shown (``EditConflictError``
otherwise), and its outcome is kept in session state to be shown after the rerun
it triggers, beside the fields of the tab it came from (see ``ui.report_forms``).
"""

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

import streamlit as st

from geo.desk import denial_of, report_frame
from geo.escaping import markdown_text
from geo.places import PlaceError
from geo.schema import NOTE_MAX_LENGTH
from geo.status import Kind, SourceType, Verification
from storage.reports import (
    AlreadySavedError,
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
from ui.report_forms import (
    FORM_FIELDS,
    ORIGIN,
    REPORT_FORM_FIELDS,
    Desk,
    beside,
    place_refusal,
    problems_by_field,
    report_fields_form,
    show_refusal,
    start_new_filling,
    submission_of,
)


def _start_from_latest(desk: Desk, report_id: str) -> None:
    """Remember the revision the editor is looking at, to detect others' saves."""
    latest = stored_report(desk.engine, desk.city.name, report_id)
    st.session_state.base_revision = (report_id, latest["revision"])


def _load_latest(desk: Desk, report_id: str) -> None:
    """Start over from the latest revision, the edit form filled from it."""
    _start_from_latest(desk, report_id)
    start_new_filling("edit")


class Outcome(NamedTuple):
    """What became of a change to an opened report, shown after the rerun it causes.

    ``kind`` is "done", "already saved", "refused" or "conflict"; ``form`` names
    the tab whose fields a refusal marks.
    """

    kind: str
    payload: object
    form: str = ""


def _attempt(
    desk: Desk,
    change: Callable[[], object],
    done: str,
    report_id: str,
    form: str,
) -> None:
    """Run one change; keep its outcome to show after the rerun that follows."""
    try:
        change()
    except EditConflictError as error:
        st.session_state.outcome = Outcome("conflict", str(error))
    except ReportsRefusedError as error:
        st.session_state.outcome = Outcome("refused", error, form)
    except PlaceError as error:
        st.session_state.outcome = Outcome("refused", place_refusal(error), form)
    except AlreadySavedError as error:
        start_new_filling(form)
        st.session_state.outcome = Outcome("already saved", str(error))
    else:
        start_new_filling(form)
        _start_from_latest(desk, report_id)
        st.session_state.outcome = Outcome("done", done)
    st.rerun()


FORM_SHOWS = {
    "edit": (*REPORT_FORM_FIELDS, "reason"),
    "deny": ("kind", "source", "source_type", "date", "url", "note"),
    "check": ("reason",),
    "retract": ("reason",),
}
"""The fields each tab's form shows, so a refusal marks them there."""


def _show_outcome(desk: Desk, report_id: str) -> dict[str, list[str]]:
    """What became of the last change; returns a refusal's problems for its form."""
    outcome = st.session_state.pop("outcome", Outcome("", None))
    if outcome.kind == "done":
        st.success(markdown_text(outcome.payload))
    elif outcome.kind == "already saved":
        st.info(markdown_text(outcome.payload))
    elif outcome.kind == "refused":
        show_refusal(outcome.payload, FORM_SHOWS[outcome.form])
        return {outcome.form: outcome.payload}
    elif outcome.kind == "conflict":
        st.error(markdown_text(outcome.payload))
        st.button(
            "Load the latest version",
            on_click=_load_latest,
            args=(desk, report_id),
        )
    return {}


def report_actions(desk: Desk, report: Mapping[str, object], default_day: date) -> None:
    """Tabs to edit, deny, check, retract or undo ``report``, each one a form.

    Every change is made against the revision first shown, so an editor's save
    never silently overwrites another's (``EditConflictError``).
    """
    report_id = str(report["report_id"])
    if st.session_state.get("base_revision", ("", 0))[0] != report_id:
        _start_from_latest(desk, report_id)
        for form in FORM_SHOWS:
            start_new_filling(form)
    base = st.session_state.base_revision[1]
    refused = _show_outcome(desk, report_id)
    problems = {form: problems_by_field(refused.get(form)) for form in FORM_SHOWS}
    edit, deny, check, retract = st.tabs(
        ["Edit", "Deny this", "Desk check", "Retract or undo"]
    )
    with edit:
        _edit_form(desk, report, base, default_day, problems["edit"])
    with deny:
        _deny_form(desk, report, problems["deny"])
    with check:
        _check_form(desk, report, base, problems["check"])
    with retract:
        _retract_form(desk, report, base, problems["retract"])


def _reason(prefix: str, problems: Mapping[str, Sequence[str]], label: str) -> str:
    """The reason a change asks for, with what is wrong with it beside it."""
    reason = st.text_input(label, key=f"{prefix}_reason")
    beside(st.error, problems, "reason")
    return reason


def _edit_form(
    desk: Desk,
    report: Mapping[str, object],
    base: int,
    default_day: date,
    problems: Mapping[str, Sequence[str]],
) -> None:
    """Save the report's fields as a new revision, with the reason given."""
    report_id = str(report["report_id"])
    prefix = f"edit_{submission_of('edit')}"
    with st.form(prefix):
        draft = report_fields_form(desk.city, prefix, report, default_day, problems)
        reason = _reason(prefix, problems, FORM_FIELDS["reason"].label)
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
                "edit",
            )


def _deny_form(
    desk: Desk, report: Mapping[str, object], problems: Mapping[str, Sequence[str]]
) -> None:
    """File a denial of the report by someone who rejects it."""
    report_id = str(report["report_id"])
    submission = submission_of("deny")
    prefix = f"deny_{submission}"
    with st.form(prefix):
        kind = st.radio(
            "Who rejects it?",
            [Kind.DENIAL, Kind.RETRACTION],
            format_func={
                Kind.DENIAL: "Another party denies it: the report stays on the "
                "map and the district is shown disputed",
                Kind.RETRACTION: "Its own source withdraws or corrects it: the "
                "report stops counting from that day",
            }.__getitem__,
            key=f"{prefix}_kind",
        )
        beside(st.error, problems, "kind")
        source = st.text_input("Who says so", key=f"{prefix}_source")
        beside(st.error, problems, "source")
        source_type = st.selectbox(
            FORM_FIELDS["source_type"].label, list(SourceType), key=f"{prefix}_type"
        )
        beside(st.error, problems, "source_type")
        day = st.date_input(
            "Day of the denial",
            value=report["date"],
            min_value=desk.city.first_day,
            max_value=desk.city.last_day,
            key=f"{prefix}_date",
        )
        beside(st.error, problems, "date")
        url = st.text_input("URL of the denial", key=f"{prefix}_url")
        beside(st.error, problems, "url")
        note = st.text_area("Note", max_chars=NOTE_MAX_LENGTH, key=f"{prefix}_note")
        beside(st.error, problems, "note")
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
                    submission=submission,
                ),
                f"Filed {denial['report_id']}: "
                f"{'a denial of' if kind == Kind.DENIAL else 'withdrawing'} "
                f"{report_id}.",
                report_id,
                "deny",
            )


def _check_form(
    desk: Desk,
    report: Mapping[str, object],
    base: int,
    problems: Mapping[str, Sequence[str]],
) -> None:
    """Record what the desk established about the report, and on what grounds."""
    report_id = str(report["report_id"])
    prefix = f"check_{submission_of('check')}"
    with st.form(prefix):
        verification = st.radio(
            "What the desk established",
            list(Verification),
            index=list(Verification).index(report["verification"]),
            horizontal=True,
            key=f"{prefix}_value",
        )
        reason = _reason(prefix, problems, "On what grounds?")
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
                "check",
            )


def _retract_form(
    desk: Desk,
    report: Mapping[str, object],
    base: int,
    problems: Mapping[str, Sequence[str]],
) -> None:
    """Take the report off the map or put it back, or undo its latest revision."""
    report_id = str(report["report_id"])
    retracted = bool(report["retracted"])
    prefix = f"retract_{submission_of('retract')}"
    with st.form(prefix):
        reason = _reason(prefix, problems, "Why?")
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
                "retract",
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
                "retract",
            )
