"""Who holds how much of the city, and where the sides meet: two analysis panels."""

from datetime import date

import pandas as pd
import streamlit as st

from geo.city import City
from geo.compare import Claimant
from geo.escaping import markdown_text
from geo.frontline import frontline_length, gaps_between_pieces
from geo.resolution import describe
from ui import charts
from ui.labels import claimant_label


def area_panel(city: City, series: pd.DataFrame, day: date, claimant: Claimant) -> None:
    """The share of the city by control over time, and the table for ``day``.

    ``series`` is ``geo.area.area_by_control`` of the city as ``claimant`` tells it.
    """
    st.altair_chart(charts.area_chart(city, series, day), width="stretch")
    today = series[series["day"] == day]
    st.dataframe(
        pd.DataFrame(
            {
                "control": [
                    describe(control, city.actor_labels.get(actor, ""))
                    for control, actor in zip(
                        today["control"], today["actor"], strict=True
                    )
                ],
                "km²": today["area_km2"].round(2),
                "share": (100 * today["share"]).round(1).astype(str) + " %",
            }
        ),
        hide_index=True,
    )
    st.caption(
        f"As claimed by: {markdown_text(claimant_label(claimant))}. A district "
        "held in part counts whole; areas come from schematic boundaries."
    )


def front_panel(shown: City, day: date) -> None:
    """The front line's length on ``day``, and each side cut into separate pieces.

    ``shown`` is the city as the chosen sources tell it ("as claimed by").
    """
    length = frontline_length(shown, day)
    st.metric("Front line", f"{length.total_m / 1000:.1f} km")
    for actor in shown.actors:
        pieces = gaps_between_pieces(shown, day, actor.id)
        if len(pieces.pieces) > 1:
            nearest = pieces.gaps["distance_m"].min()
            st.write(
                f"{markdown_text(actor.label)}: {len(pieces.pieces)} separate "
                f"pieces; the closest two are {nearest:,.0f} m apart."
            )
