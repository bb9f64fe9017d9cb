"""The Reports page's forms: filtering, adding a report, and their shared fields.

Rows are built by ``geo.desk``; saving, and every check on what is saved, is
``storage.reports``'s. A change's outcome is kept in session state and shown after
the rerun it triggers, so the page then shows the report as it is now stored, and
a refusal is said in words beside each field it concerns (``FORM_FIELDS``).

A form that adds reports (add, deny) is filled under a submission token: its
widgets' keys carry the token, and the save stores it. A save starts a new
filling, so the form comes back empty; a second click that still carries the old
token is refused by the database (``AlreadySavedError``) instead of storing the
report twice.
"""

from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date
from typing import NamedTuple

import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from streamlit.delta_generator import DeltaGenerator

from geo.city import City
from geo.desk import ReportDraft, report_frame
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
    AlreadySavedError,
    ReportsRefusedError,
    add_reports,
    new_report_id,
    new_submission,
)

ORIGIN = "reports page"
"""How the revision log names reports added here."""


class FormField(NamedTuple):
    """A field as a form shows it: its widget's label, and its name in a sentence."""

    label: str
    name: str


FORM_FIELDS = {
    "district_id": FormField(
        "Place: a district (English, Arabic or alias), a group or the whole city",
        "The place",
    ),
    "date": FormField("Day the claim is about", "The day"),
    "status": FormField("Status", "The status"),
    "actor": FormField("Held by (for status held)", "Held by"),
    "extent": FormField("Extent", "The extent"),
    "date_precision": FormField("Date precision", "The date precision"),
    "source": FormField("Source (who said it)", "The source"),
    "source_type": FormField("Source type", "The source type"),
    "url": FormField("URL (http or https)", "The URL"),
    "published": FormField("Published (if not the same day)", "The publication day"),
    "note": FormField("Note: a short paraphrase in your own words", "The note"),
    "kind": FormField("Kind", "The kind"),
    "reason": FormField("Why this change?", "The reason"),
}
"""The one map from a report's field ids to the words the forms use for them."""
REPORT_FORM_FIELDS = (
    "district_id",
    "date",
    "status",
    "actor",
    "extent",
    "date_precision",
    "source",
    "source_type",
    "url",
    "published",
    "note",
)
"""The fields ``report_fields_form`` shows, each with its problems beside it."""


def in_words(problem: Problem) -> str:
    """A problem as a sentence naming its field as the form does, never by its id."""
    field = FORM_FIELDS.get(problem.field)
    name = field.name if field else "This report"
    joiner = " " if problem.message.startswith("is ") else ": "
    ending = "" if problem.message.endswith((".", "?", "!")) else "."
    return f"{name}{joiner}{problem.message}{ending}"


def problems_by_field(error: ReportsRefusedError | None) -> dict[str, list[str]]:
    """A refusal's problems in words, by the field each is about."""
    found: dict[str, list[str]] = {}
    for problem in error.problems if error else ():
        found.setdefault(problem.field, []).append(in_words(problem))
    return found


def beside(
    say: Callable[..., object], problems: Mapping[str, Sequence[str]], field: str
) -> None:
    """Say under a field's widget what is wrong with it; ``say``: its column's error."""
    for sentence in problems.get(field, ()):
        say(markdown_text(sentence), icon=":material/error:")


def show_refusal(error: ReportsRefusedError, shown: Collection[str]) -> None:
    """Say that nothing was saved; list in words the problems no ``shown`` field has."""
    count = len(error.problems)
    beside = sum(problem.field in shown for problem in error.problems)
    marked = " Each is marked beside its field." if beside == count else ""
    st.error(f"Not saved: {count} thing{'s' if count != 1 else ''} to fix.{marked}")
    for problem in error.problems:
        if problem.field not in shown:
            st.error(markdown_text(in_words(problem)))


def place_choices(city: City) -> dict[str, str]:
    """Where a report may be, as a picker lists it: the city, its groups, districts."""
    return {
        "city": "The whole city (every district)",
        **{group.name: f"Group: {group.label}" for group in city.groups},
        **city.district_search_labels,
    }


def place_refusal(error: PlaceError) -> ReportsRefusedError:
    """A place whose parts contradict, refused like any other field."""
    return ReportsRefusedError([Problem(ORIGIN, "", "district_id", str(error))])


class Desk(NamedTuple):
    """One city's reports desk: the city, its database, and who sits at it."""

    city: City
    engine: Engine
    identity: Identity


def report_fields_form(
    city: City,
    prefix: str,
    initial: Mapping[str, object],
    default_day: date,
    problems: Mapping[str, Sequence[str]],
) -> ReportDraft:
    """A report's fields as widgets keyed ``{prefix}_{field}``, set from ``initial``.

    ``default_day`` is the claim's day when ``initial`` names none; ``problems``
    (``problems_by_field``) are said under the fields they concern.
    """
    stored = initial.get("district_id")
    parts = place_parts(city.place(str(stored))) if stored else PlaceParts()
    wheres = place_choices(city)
    left, right = st.columns(2)
    where = left.selectbox(
        FORM_FIELDS["district_id"].label,
        wheres,
        index=list(wheres).index(parts.where) if parts.where in wheres else None,
        format_func=wheres.__getitem__,
        key=f"{prefix}_district",
        placeholder="Type a name…",
    )
    beside(left.error, problems, "district_id")
    day = right.date_input(
        FORM_FIELDS["date"].label,
        value=initial.get("date") or default_day,
        min_value=city.first_day,
        max_value=city.last_day,
        key=f"{prefix}_date",
    )
    beside(right.error, problems, "date")

    def pick(
        column: DeltaGenerator,
        options: list[str],
        field: str,
        default: str,
        **more: Callable[[str], str],
    ) -> str:
        current = initial.get(field) or default
        chosen = column.selectbox(
            FORM_FIELDS[field].label,
            options,
            index=options.index(current) if current in options else 0,
            key=f"{prefix}_{field}",
            **more,
        )
        beside(column.error, problems, field)
        return chosen

    def write(column: DeltaGenerator, field: str) -> str:
        typed = column.text_input(
            FORM_FIELDS[field].label,
            value=initial.get(field, ""),
            key=f"{prefix}_{field}",
        )
        beside(column.error, problems, field)
        return typed

    status = pick(left, list(ReportStatus), "status", ReportStatus.HELD)
    actor = pick(
        right,
        list(city.actor_labels),
        "actor",
        "",
        format_func=city.actor_labels.get,
    )
    extent = pick(left, list(Extent), "extent", Extent.FULL)
    precision = pick(right, list(DatePrecision), "date_precision", DatePrecision.DAY)
    source = write(left, "source")
    source_type = pick(right, list(SourceType), "source_type", SourceType.MEDIA)
    url = write(left, "url")
    published = right.date_input(
        FORM_FIELDS["published"].label,
        value=date.fromisoformat(initial["published"])
        if initial.get("published")
        else None,
        key=f"{prefix}_published",
    )
    beside(right.error, problems, "published")
    note = st.text_area(
        FORM_FIELDS["note"].label,
        value=initial.get("note", ""),
        max_chars=NOTE_MAX_LENGTH,
        key=f"{prefix}_note",
    )
    beside(st.error, problems, "note")
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


def submission_of(form: str) -> str:
    """The token of the filling of ``form`` now on screen (see the module's note)."""
    return st.session_state.setdefault(f"{form}_submission", new_submission())


def start_new_filling(form: str) -> None:
    """After a save: a new token, so the form's widgets come back empty."""
    st.session_state[f"{form}_submission"] = new_submission()


def add_form(desk: Desk, default_day: date) -> None:
    """The form that adds one report, and what became of the last one added."""
    submission = submission_of("add")
    kind_of_outcome, payload = st.session_state.pop("add_outcome", ("", None))
    refusal = payload if kind_of_outcome == "refused" else None
    problems = problems_by_field(refusal)
    prefix = f"add_{submission}"
    with st.form(prefix):
        draft = report_fields_form(desk.city, prefix, {}, default_day, problems)
        kind = st.radio(
            FORM_FIELDS["kind"].label,
            [Kind.CLAIM, Kind.ASSESSMENT],
            horizontal=True,
            key=f"{prefix}_kind",
            help="A claim: a party or outlet says so. An assessment: an "
            "independent monitor or analyst.",
        )
        beside(st.error, problems, "kind")
        submitted = st.form_submit_button(
            "Add report", type="primary", key=f"{prefix}_submit"
        )
    if refusal is not None:
        show_refusal(refusal, (*REPORT_FORM_FIELDS, "kind"))
    elif kind_of_outcome == "saved":
        st.success(markdown_text(payload))
    elif kind_of_outcome == "already saved":
        st.info(markdown_text(payload))
    if submitted:
        _add(desk, draft, kind, submission)


def _add(desk: Desk, draft: ReportDraft, kind: str, submission: str) -> None:
    """Save the add form's report once; keep the outcome for the rerun that follows."""
    try:
        row = draft.as_new_report(report_id=new_report_id(), kind=kind)
        add_reports(
            desk.engine,
            desk.identity,
            desk.city,
            report_frame(row),
            origin=ORIGIN,
            submission=submission,
        )
    except PlaceError as error:
        st.session_state.add_outcome = ("refused", place_refusal(error))
    except ReportsRefusedError as error:
        st.session_state.add_outcome = ("refused", error)
    except AlreadySavedError as error:
        st.session_state.add_outcome = ("already saved", str(error))
        start_new_filling("add")
    else:
        st.session_state.add_outcome = (
            "saved",
            f"Added {row['report_id']}. Every open map shows it from "
            f"{row['date']} on its next refresh.",
        )
        start_new_filling("add")
    st.rerun()


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
