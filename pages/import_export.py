"""Moving reports in and out: a checked CSV import, and exports for the desk."""

from datetime import date

import pandas as pd
import streamlit as st

from geo.days import format_day, parse_day, report_day_on_or_before
from geo.escaping import markdown_text
from geo.export.exports import (
    INLINE_LEAFLET,
    LeafletUrls,
    animated_gif,
    control_csv,
    control_geojson,
    day_png,
    frontline_csv,
    frontline_geojson,
    standalone_html,
)
from geo.report_csv import check_import, reports_csv
from storage.reports import (
    ReportsRefusedError,
    RevisionAction,
    add_reports,
    current_reports,
    stored_report_ids,
)
from ui import auth, loading
from ui.messages import show_problems
from ui.upload_options import date_order_picker, encoding_picker

city = loading.city(auth.admitted_city())
engine = loading.database()
identity = auth.current_identity()

st.title(f"Import & export · {markdown_text(city.title)}")

st.subheader("Export")
st.download_button(
    "Every current report (CSV, opens in Excel with Arabic intact)",
    data=lambda: reports_csv(current_reports(engine, city.name)),
    file_name=f"{city.name}-reports.csv",
    mime="text/csv",
    icon=":material/download:",
)

days = [day.isoformat() for day in city.days]
day_text = st.select_slider(
    "One day",
    days,
    value=report_day_on_or_before(
        city.days, parse_day(st.session_state.get("kept_day")) or city.default_day
    ).isoformat(),
    format_func=lambda iso: format_day(date.fromisoformat(iso)),
    key="export_day",
)
day = date.fromisoformat(day_text)
stem = f"{city.name}-{day_text}"
downloads = [
    ("Control (CSV)", lambda: control_csv(city, day), "control.csv", "text/csv"),
    (
        "Control (GeoJSON)",
        lambda: control_geojson(city, day),
        "control.geojson",
        "application/geo+json",
    ),
    ("Front line (CSV)", lambda: frontline_csv(city, day), "frontline.csv", "text/csv"),
    (
        "Front line (GeoJSON)",
        lambda: frontline_geojson(city, day),
        "frontline.geojson",
        "application/geo+json",
    ),
    ("Picture (PNG)", lambda: day_png(city, day), "map.png", "image/png"),
]
for column, (label, make, suffix, mime) in zip(
    st.columns(len(downloads)), downloads, strict=True
):
    column.download_button(
        label,
        data=make,
        file_name=f"{stem}-{suffix}",
        mime=mime,
        icon=":material/download:",
    )

st.markdown("**The whole battle**")
page_column, animation_column = st.columns(2)
with page_column:
    leaflet_choice = st.radio(
        "Leaflet in the web page",
        ["inline", "urls"],
        format_func={
            "inline": "Inside the file (works offline)",
            "urls": "From our own addresses",
        }.get,
        key="export_leaflet",
    )
    addresses = (
        (
            st.text_input("leaflet.js address", key="export_leaflet_js"),
            st.text_input("leaflet.css address", key="export_leaflet_css"),
        )
        if leaflet_choice == "urls"
        else None
    )
    try:
        leaflet = LeafletUrls(*addresses) if addresses else INLINE_LEAFLET
        page = standalone_html(city, leaflet=leaflet, day=day)
    except ValueError as error:
        st.error(markdown_text(error))
    else:
        st.download_button(
            "Web page with its own slider (HTML, no server needed)",
            data=page,
            file_name=f"{city.name}-timeline.html",
            mime="text/html",
            icon=":material/download:",
        )
with animation_column:
    first, last = st.select_slider(
        "Animation from / to",
        days,
        value=(days[0], days[-1]),
        format_func=lambda iso: format_day(date.fromisoformat(iso)),
        key="export_span",
    )
    st.download_button(
        "Animation (GIF, one frame per report day)",
        data=lambda: animated_gif(
            city, date.fromisoformat(first), date.fromisoformat(last)
        ),
        file_name=f"{city.name}-{first}-{last}.gif",
        mime="image/gif",
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
    st.warning(
        markdown_text(f"Columns not imported: {', '.join(preview.ignored_columns)}")
    )
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
            show_problems(error, "Nothing was imported.")
        else:
            st.success(f"Imported {len(added)} reports. Every open map shows them.")
