"""Who holds how much of the city, and where the sides meet: two analysis panels."""

from datetime import date

import pandas as pd
import streamlit as st

from geo.area import sourced_shares
from geo.city import City
from geo.colours import legend_labels
from geo.compare import Claimant
from geo.days import format_day
from geo.escaping import markdown_text
from geo.frontline import frontline_length, gaps_between_pieces
from geo.measures import measurement_caveat, rounded_km, rounded_km2, rounded_percent
from ui.labels import claimant_label


def area_panel(city: City, series: pd.DataFrame, day: date, claimant: Claimant) -> None:
    """The share of the city by control over time, and the table for ``day``.

    ``series`` is ``geo.area.area_by_control`` of the city as ``claimant`` tells it.
    """
    from ui import charts  # Altair: imported by a page that draws a chart (0.2 s)

    st.altair_chart(charts.area_chart(city, series, day), width="stretch")
    today = series[series["day"] == day]
    # In the chart legend's words, and every area to the same 0.1 km².
    st.dataframe(
        pd.DataFrame(
            {
                "who": legend_labels(city.actors, today["control"], today["actor"]),
                "km² (approx.)": [rounded_km2(area) for area in today["area_km2"]],
                "share": [f"{rounded_percent(share)} %" for share in today["share"]],
            }
        ),
        hide_index=True,
        column_config={"km² (approx.)": st.column_config.NumberColumn(format="%.1f")},
    )
    st.caption(
        f"As claimed by: {markdown_text(claimant_label(claimant))}. A district "
        f"held in part counts whole. {measurement_caveat(city)}"
    )
    sourced_shares_table(city, day)


def sourced_shares_table(city: City, day: date) -> None:
    """What the sources themselves said of the city-wide share, beside our area."""
    shares = sourced_shares(city, day)
    if shares.empty:
        return
    st.markdown("**The sources' own figures** (latest of each, up to this day)")
    st.dataframe(
        pd.DataFrame(
            {
                "source": shares["source"],
                "said": shares["as_stated"],
                "of": shares["measure"],
                "as of": [format_day(as_of) for as_of in shares["as_of"]],
                "link": shares["url"],
            }
        ),
        hide_index=True,
        column_config={
            "link": st.column_config.LinkColumn("link", display_text="open")
        },
    )
    st.caption(
        "Each source counts the city its own way; these are their words, not our "
        "measurement, and are never added up."
    )


def front_panel(shown: City, day: date) -> None:
    """The front line's length on ``day``, and each side cut into separate pieces.

    ``shown`` is the city as the chosen sources tell it ("as claimed by").
    """
    length = frontline_length(shown, day)
    st.metric("Front line (approx.)", f"{rounded_km(length.total_m)} km")
    for actor in shown.actors:
        pieces = gaps_between_pieces(shown, day, actor.id)
        if len(pieces.pieces) > 1:
            nearest = pieces.gaps["distance_m"].min()
            st.write(
                f"{markdown_text(actor.label)}: {len(pieces.pieces)} separate "
                f"pieces; the closest two are about {rounded_km(nearest)} km apart."
            )
    st.caption(measurement_caveat(shown))
