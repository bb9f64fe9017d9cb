"""Moving reports in and out: a checked CSV import, and exports for the desk."""

import pandas as pd
import streamlit as st

from geo.escaping import markdown_text
from geo.report_csv import check_import
from geo.wording import counted
from storage.reports import (
    ReportsRefusedError,
    RevisionAction,
    add_reports,
    stored_report_ids,
)
from ui import auth, city_cache
from ui.database import database
from ui.export_panel import show_exports
from ui.messages import show_problems
from ui.upload_options import date_order_picker, encoding_picker

city = city_cache.city(auth.admitted_city())
engine = database()
identity = auth.current_identity()

st.title(f"Import & export · {markdown_text(city.title)}")

st.subheader("Export")
show_exports(city, engine)

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
encoding = encoding_picker(encoding_column, "Text encoding", "import_encoding")
date_order = date_order_picker(
    order_column, "Dates in the file are written", "import_date_order"
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
        f"{counted(len(preview.problems), 'problem')} in {markdown_text(upload.name)}; "
        "nothing will be stored until the file is fixed."
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
    st.warning(
        markdown_text(f"Columns not imported: {', '.join(preview.ignored_columns)}")
    )
if not preview.reports.empty:
    st.caption(f"{counted(len(preview.reports), 'row')} read:")
    st.dataframe(preview.reports, use_container_width=True)
if preview.ready_to_store:
    reason = st.text_input("Where do these reports come from?", key="import_reason")
    if st.button(f"Import {counted(len(preview.reports), 'report')}", type="primary"):
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
            show_problems(error, "Nothing was imported.")
        else:
            st.success(
                f"Imported {counted(len(added), 'report')}. Every open map shows them."
            )
