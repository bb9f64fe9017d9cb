"""Moving reports in and out: a checked CSV import, and CSV / GeoJSON exports."""

from datetime import date

import pandas as pd
import streamlit as st

from geo.days import format_day, parse_day, report_day_on_or_before
from geo.export import control_csv, control_geojson
from geo.report_csv import DateOrder, TextEncoding, check_import, reports_csv
from storage.reports import (
    ReportsRefusedError,
    RevisionAction,
    add_reports,
    current_reports,
    stored_report_ids,
)
from ui import auth, loading

city = loading.city(st.session_state.city)
engine = loading.database()
identity = auth.current_identity()

st.title(f"Import & export · {city.title}")

st.subheader("Export")
left, right = st.columns(2)
with left:
    st.markdown("**Every current report** (CSV, opens in Excel with Arabic intact)")
    st.download_button(
        "Download reports.csv",
        data=reports_csv(current_reports(engine, city.name)),
        file_name=f"{city.name}-reports.csv",
        mime="text/csv",
        icon=":material/download:",
    )
with right:
    day_text = st.select_slider(
        "Control on",
        [day.isoformat() for day in city.days],
        value=report_day_on_or_before(
            city.days, parse_day(st.session_state.get("kept_day")) or city.default_day
        ).isoformat(),
        format_func=lambda iso: format_day(date.fromisoformat(iso)),
        key="export_day",
    )
    day = date.fromisoformat(day_text)
    stem = f"{city.name}-control-{day_text}"
    csv_column, geojson_column = st.columns(2)
    csv_column.download_button(
        "Control as CSV",
        data=control_csv(city, day),
        file_name=f"{stem}.csv",
        mime="text/csv",
        icon=":material/download:",
    )
    geojson_column.download_button(
        "Control as GeoJSON",
        data=control_geojson(city, day),
        file_name=f"{stem}.geojson",
        mime="application/geo+json",
        icon=":material/download:",
    )

st.subheader("Import")
if not identity.can_edit:
    st.info("Importing reports needs an editor login (sidebar).")
    st.stop()

st.caption(
    "Upload a CSV with the report columns (see the data README). Nothing is "
    "stored until every row passes; then all rows go in together, or none."
)
upload = st.file_uploader("Reports CSV", type=["csv", "txt"], key="import_file")
encoding_column, order_column = st.columns(2)
encoding = encoding_column.selectbox(
    "Text encoding",
    list(TextEncoding),
    format_func=lambda choice: choice.label,
    key="import_encoding",
    help="A byte-order mark in the file overrides this choice.",
)
date_order = order_column.radio(
    "Dates in the file are written",
    list(DateOrder),
    format_func={
        DateOrder.ISO: "year-month-day (2017-07-03)",
        DateOrder.DAY_FIRST: "day/month/year (03/07/2017)",
    }.get,
    horizontal=True,
    key="import_date_order",
)
if upload is None:
    st.stop()

preview = check_import(
    upload.getvalue(),
    encoding=encoding,
    date_order=date_order,
    city=city,
    existing_report_ids=stored_report_ids(engine, city.name),
    file=upload.name,
)
if preview.problems:
    st.error(
        f"{len(preview.problems)} problem(s) in {upload.name}; nothing will be "
        "stored until the file is fixed."
    )
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "where": problem.location,
                    "field": problem.field,
                    "problem": problem.message,
                }
                for problem in preview.problems
            ]
        ),
        hide_index=True,
        width="stretch",
    )
if preview.ignored_columns:
    st.warning(f"Columns not imported: {', '.join(preview.ignored_columns)}")
if not preview.reports.empty:
    st.caption(f"{len(preview.reports)} row(s) read:")
    st.dataframe(preview.reports, use_container_width=True)
if preview.ready_to_store:
    reason = st.text_input("Where do these reports come from?", key="import_reason")
    if st.button(f"Import {len(preview.reports)} reports", type="primary"):
        try:
            added = add_reports(
                engine,
                identity,
                city,
                preview.reports,
                origin=upload.name,
                action=RevisionAction.IMPORT,
                reason=reason,
            )
        except ReportsRefusedError as error:
            st.error(str(error))
        else:
            st.success(f"Imported {len(added)} reports. Every open map shows them.")
