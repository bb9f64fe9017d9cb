"""Published maps of the picked city: what was published, by whom and when."""

import pandas as pd
import streamlit as st

from geo.snapshots import days_line
from storage.snapshots import published_snapshots
from ui import auth, city_cache
from ui.database import database
from ui.export_panel import show_snapshot_exports
from ui.publish_form import snapshot_query

folder = auth.admitted_city()
city = city_cache.city(folder)
st.title("Published maps")
st.caption(
    "Each link shows the data as it stood when it was published; editors publish "
    "a view from the map's Share tab."
)
published = published_snapshots(database(), folder)
if not published:
    st.info(f"Nothing of {city.title} has been published yet.")
    st.stop()
st.dataframe(
    pd.DataFrame(
        {
            "title": [each.publication.title for each in published],
            "days shown": [days_line(*each.days) for each in published],
            "version": [each.version for each in published],
            "published by": [each.published_by for each in published],
            "published (UTC)": [
                each.published_at.replace("T", " ").removesuffix("Z")
                for each in published
            ],
            "newer version": ["yes" if each.replaced_by else "" for each in published],
            "link": [f"./?{snapshot_query(each)}" for each in published],
        }
    ),
    hide_index=True,
    column_config={"link": st.column_config.LinkColumn("link", display_text="open")},
)

st.subheader("Export a published map")
st.caption(
    "Pictures, tables, the web page and the GIF of a published map show its data "
    "as published and name it, its revision and publish day in their metadata."
)
chosen = st.selectbox(
    "Published map",
    published,
    format_func=lambda each: (
        f"{each.publication.title} · version {each.version} · {days_line(*each.days)}"
    ),
    key="snapshot_export",
)
show_snapshot_exports(chosen)
