"""Casualty and displacement figures as each source stated them, side by side."""

from datetime import date

import pandas as pd
import streamlit as st

from geo.city import City
from geo.days import format_day
from geo.escaping import is_web_url
from geo.events import figures_on


def figures_panel(city: City, day: date) -> None:
    """Every source's latest figure per measure by ``day``; never added up."""
    if city.figures is None or city.figures.empty:
        st.caption("This city has no figures file.")
        return
    standing = figures_on(city.figures, day)
    st.caption(
        f"Casualty and displacement figures as each source stated them by "
        f"{format_day(day)}. Sources count different things, so their figures "
        "are listed side by side, never added up."
    )
    st.dataframe(
        pd.DataFrame(
            {
                "measure": standing["measure"],
                "source": standing["source"],
                "figure": standing["as_stated"],
                "counts": standing["scope"],
                "as_of": standing["as_of"],
                "link": [url if is_web_url(url) else None for url in standing["url"]],
            }
        ),
        hide_index=True,
        # The figure second: on a phone, the columns beyond the second are off
        # to the right, and a reader came for the number.
        column_order=("measure", "figure", "source", "counts", "as_of", "link"),
        column_config={
            "measure": st.column_config.TextColumn("Measure", width="medium"),
            "figure": st.column_config.TextColumn("Figure", width="large"),
            "source": st.column_config.TextColumn("Source", width="medium"),
            "counts": st.column_config.TextColumn("What it counts", width="large"),
            "as_of": st.column_config.DateColumn("As of", format="D MMM YYYY"),
            "link": st.column_config.LinkColumn("Link", display_text="open"),
        },
    )
