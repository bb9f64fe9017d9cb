"""The ledger beside the map: every claim behind a district's colour, up to the day."""

from datetime import date

import streamlit as st

from geo.city import City
from geo.days import format_day
from geo.escaping import is_web_url
from geo.resolution import claims_behind


def ledger_panel(city: City, day: date) -> None:
    """The district picker (key ``district``) and its claims up to ``day``.

    The picker is the map's selection too: a click on the map sets it.
    """
    district_id = st.selectbox(
        "District",
        city.district_labels,
        key="district",
        format_func=city.district_labels.__getitem__,
        index=None,
        placeholder="Click one on the map, or pick it here",
        help="Every claim behind the district's colour, up to the day shown.",
    )
    if district_id is None:
        return
    ledger = claims_behind(city, district_id, day)
    st.caption(
        f"{len(ledger)} report(s) up to {format_day(day)}, "
        "newest first. A denied claim stops counting from the denial."
    )
    ledger["link"] = [url if is_web_url(url) else None for url in ledger["url"]]
    st.dataframe(
        ledger[["day", "says", "role", "source", "kind", "link", "note"]],
        hide_index=True,
        column_config={
            "day": st.column_config.DateColumn(
                "Day", format="D MMM YYYY", width="small"
            ),
            "says": st.column_config.TextColumn("Says", width="medium"),
            "role": st.column_config.TextColumn("Role today", width="small"),
            "source": st.column_config.TextColumn("Source", width="medium"),
            "kind": st.column_config.TextColumn("Kind", width="small"),
            "link": st.column_config.LinkColumn(
                "Link", display_text="open", width="small"
            ),
            "note": st.column_config.TextColumn("Note", width="large"),
        },
    )
