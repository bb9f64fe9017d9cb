"""Altair charts beside the map, drawn in the map's own colours (geo.colours)."""

import json
from datetime import date

import altair as alt
import pandas as pd

from geo.city import City
from geo.colours import (
    FADED_OPACITY_SHARE,
    OUTLINE_COLOUR,
    STALE_AFTER_DAYS,
    as_drawn,
    legend_labels,
    legend_styles,
)
from geo.compare import cited, report_citations

NARROW_PIXELS = 480
"""Below this width (a phone), a chart's legend lists its entries in one column."""
LEGEND_COLUMNS = alt.ExprRef(f"containerSize()[0] < {NARROW_PIXELS} ? 1 : 2")
"""Legend entries in two columns, or one on a phone, where two would be cut off."""
LEGEND_LABEL_PIXELS = 260
"""Wide enough for "Contested (fighting reported)" and one column within 390 px."""
LANE_LABEL_PIXELS = alt.ExprRef("clamp(containerSize()[0] * 0.35, 90, 260)")
"""Room for a source's name beside its lane: a third of the chart, up to 260 px."""
DAY_FORMAT = "%-d %b %Y"
"""A day in a tooltip as the rest of the page writes it: 3 Aug 2017."""
REPORTS_TOOLTIP = alt.Tooltip("reports:N", title="Reports")
"""The deciding reports, each as its source and day."""
RECENT, OLD = "recent", f"over {STALE_AFTER_DAYS} days old"
"""A span's part while its reports are recent, and after: the map's "paler"."""


def _legend(city: City) -> tuple[list[str], list[str]]:
    """Labels and colours of the full-extent map classes, in legend order.

    Each colour is the class's fill as the map shows it (``as_drawn``), so a
    chart's area and a district of the same class look alike.
    """
    styles = legend_styles(city.actors)
    return [style.label for style in styles], [
        as_drawn(style.fill, style.opacity) for style in styles
    ]


def _colour(labels: list[str], colours: list[str]) -> alt.Color:
    """The ``who`` field in the map's colours (``_legend``), its legend under it.

    Each legend symbol is outlined as districts are on the map: "No report
    yet" is white there too, and without an outline its symbol could not be
    seen.
    """
    return alt.Color(
        "who:N",
        scale=alt.Scale(domain=labels, range=colours),
        legend=alt.Legend(
            orient="bottom",
            title=None,
            columns=LEGEND_COLUMNS,
            labelLimit=LEGEND_LABEL_PIXELS,
            symbolStrokeColor=OUTLINE_COLOUR,
            symbolStrokeWidth=1,
        ),
    )


def _day_rule(day: date) -> alt.Chart:
    """A black line at the slider's day, across the whole chart."""
    return (
        alt.Chart(pd.DataFrame({"day": [pd.Timestamp(day)]}))
        .mark_rule(color="black", strokeWidth=2)
        .encode(x="day:T")
    )


def area_chart(city: City, series: pd.DataFrame, day: date) -> alt.LayerChart:
    """Share of the city by control over time, with a rule at the slider's day."""
    table = series.assign(
        who=legend_labels(city.actors, series["control"], series["actor"]),
        day=pd.to_datetime(series["day"]),
    )
    labels, colours = _legend(city)
    areas = (
        alt.Chart(table)
        .mark_area(interpolate="step-after")
        .encode(
            x=alt.X("day:T", title=None),
            y=alt.Y(
                "share:Q", stack="normalize", axis=alt.Axis(format="%"), title=None
            ),
            color=_colour(labels, colours),
            order=alt.Order("who_order:Q"),
            tooltip=[
                alt.Tooltip("day:T", format=DAY_FORMAT),
                "who:N",
                alt.Tooltip("area_km2:Q", format=".2f", title="km²"),
                alt.Tooltip("share:Q", format=".1%"),
            ],
        )
        .transform_calculate(who_order=f"indexof({json.dumps(labels)}, datum.who)")
    )
    return (areas + _day_rule(day)).properties(height=260, width="container")


def _by_age(spans: pd.DataFrame) -> pd.DataFrame:
    """Each span cut where its reports turn ``STALE_AFTER_DAYS`` old, as the map pales.

    ``drawn_from`` and ``drawn_until`` bound each part; ``reports_are`` says
    which part it is (``RECENT`` or ``OLD``).
    """
    stale_from = spans["start"] + pd.Timedelta(days=STALE_AFTER_DAYS)
    goes_stale = stale_from < spans["end"]
    recent = spans.assign(
        drawn_from=spans["start"],
        drawn_until=stale_from.where(goes_stale, spans["end"]),
        reports_are=RECENT,
    )
    old = spans[goes_stale].assign(
        drawn_from=stale_from[goes_stale], drawn_until=spans["end"], reports_are=OLD
    )
    return pd.concat([recent, old], ignore_index=True)


def history_chart(city: City, history: pd.DataFrame, day: date) -> alt.LayerChart:
    """Who held a district when, one lane per source, with the reports as marks.

    A span is paler once its reports are over ``STALE_AFTER_DAYS`` old, as the
    map is: a source that last spoke in June does not read as holding on to
    October. A line across the lanes marks the slider's day. Tooltips name the
    deciding reports by source and day, never by id.
    """
    citations = report_citations(city.all_reports)
    table = history.assign(
        who=legend_labels(city.actors, history["control"], history["actor"]),
        start=pd.to_datetime(history["start"]),
        end=pd.to_datetime(history["end"]),
        reports=["; ".join(cited(ids, citations)) for ids in history["report_ids"]],
    ).drop(columns="report_ids")  # the chart's data reaches the browser: no ids
    labels, colours = _legend(city)
    # Each lane gets its own 32 px row, in order, the map's first: a fixed chart
    # height was not kept by st.altair_chart, which folded the map's lane and a
    # source's lane into one row.
    lanes = list(dict.fromkeys(table["source"]))
    lane = alt.Y(
        "source:N",
        title=None,
        sort=lanes,
        scale=alt.Scale(domain=lanes, paddingInner=0.3),
        axis=alt.Axis(labelLimit=LANE_LABEL_PIXELS),
    )
    bars = (
        alt.Chart(_by_age(table))
        .mark_bar(height=14)
        .encode(
            x=alt.X("drawn_from:T", title=None),
            x2="drawn_until:T",
            y=lane,
            color=_colour(labels, colours),
            opacity=alt.Opacity(
                "reports_are:N",
                scale=alt.Scale(domain=[RECENT, OLD], range=[1, FADED_OPACITY_SHARE]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("source:N", title="Lane"),
                alt.Tooltip("label:N", title="Held"),
                alt.Tooltip("start:T", title="From", format=DAY_FORMAT),
                alt.Tooltip("end:T", title="Until", format=DAY_FORMAT),
                alt.Tooltip("reports_are:N", title="Latest report"),
                REPORTS_TOOLTIP,
            ],
        )
    )
    marks = (
        alt.Chart(table)
        .mark_tick(color="black", thickness=2, size=18)
        .encode(x="start:T", y=lane, tooltip=[REPORTS_TOOLTIP])
    )
    return (bars + marks + _day_rule(day)).properties(
        height=alt.Step(32), width="container"
    )
