"""The desk: every stored report, filtered and sorted, with history and edits.

Rows and tables are built by ``geo.desk``; the forms are ``ui.report_forms``' and
``ui.report_actions``'; this page only places them.
"""

import streamlit as st

from geo.days import parse_day
from geo.desk import desk_table, fields_table
from geo.escaping import markdown_text
from storage.reports import current_reports, report_history
from ui import auth, city_cache
from ui.database import database
from ui.labels import report_label
from ui.report_actions import report_actions
from ui.report_forms import Desk, add_form, report_filter

desk = Desk(city_cache.city(auth.admitted_city()), database(), auth.current_identity())
city = desk.city
reports = current_reports(desk.engine, city.name, include_retracted=True)
map_day = parse_day(st.session_state.get("kept_day")) or city.default_day

st.title(f"Reports · {markdown_text(city.title)}")
if not desk.identity.can_edit:
    st.info(
        "You can read every report and its history. Log in as an editor (sidebar) "
        "to add, edit, deny, verify or retract reports."
    )
else:
    with st.expander("Add a report", icon=":material/add:"):
        add_form(desk, map_day)

shown = report_filter(city, reports).apply(reports)
st.caption(f"{len(shown)} of {len(reports)} reports. Click a column to sort.")
st.dataframe(
    desk_table(city, shown),
    hide_index=True,
    column_config={
        "report_id": st.column_config.TextColumn("Report"),
        "day": st.column_config.DateColumn("Day", format="D MMM YYYY"),
        "district": st.column_config.TextColumn("Where"),
        "says": st.column_config.TextColumn("Says"),
        "kind": st.column_config.TextColumn("Kind"),
        "source": st.column_config.TextColumn("Source"),
        "check": st.column_config.TextColumn("Desk check"),
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
if opened:
    report = records[opened]
    st.subheader(markdown_text(report_label(city, report)))
    st.dataframe(fields_table(report), hide_index=True)
    st.markdown("**History** (oldest first; nothing is ever overwritten)")
    history = report_history(desk.engine, city.name, opened)
    st.dataframe(
        history[["revision", "action", "author", "recorded_at", "reason", "changed"]],
        hide_index=True,
    )
    if desk.identity.can_edit:
        report_actions(desk, report, map_day)
