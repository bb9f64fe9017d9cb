"""What changed: districts outlined on the map, and one district's history.

Two things are outlined, each in a line of its own: the districts that changed
since (or until) the day in "Compare with", and those where the two sources picked
to compare disagree. Reports are named by source and day, never by id.
"""

from collections.abc import Collection
from datetime import date, timedelta
from typing import NamedTuple

import pandas as pd
import streamlit as st

from geo.city import City
from geo.colours import STALE_AFTER_DAYS
from geo.compare import (
    cited,
    history_of,
    report_citations,
)
from geo.days import format_day, latest_on_or_before
from geo.escaping import markdown_text
from geo.resolution import describe
from geo.view_state import ViewState
from geo.wording import counted
from ui import city_cache
from ui.labels import versus_label


class Outlines(NamedTuple):
    """The tables behind the outlined districts; None where nothing was asked for."""

    changes: pd.DataFrame | None
    disagreements: pd.DataFrame | None

    @property
    def changed_ids(self) -> list[str]:
        """The districts that changed since the compared day."""
        return [] if self.changes is None else list(self.changes["district_id"])

    @property
    def disagreeing_ids(self) -> list[str]:
        """The districts where the two sources picked disagree."""
        if self.disagreements is None:
            return []
        return list(self.disagreements["district_id"])


def outlines_of(
    version: city_cache.CityVersion, view: ViewState, day: date
) -> Outlines:
    """What ``view`` outlines on ``day``: changes since its compared day, disputes."""
    changes = (
        city_cache.changes(
            version, view.claimant, min(view.compare, day), max(view.compare, day)
        )
        if view.compare and view.compare != day
        else None
    )
    disagreements = (
        city_cache.disagreements(version, day, *view.versus) if view.versus else None
    )
    return Outlines(changes, disagreements)


def change_table(changes: pd.DataFrame, city: City) -> pd.DataFrame:
    """One row per changed district: what it said before and after, and why.

    ``reports`` names the reports behind each change by source and day.
    """
    actor_labels = city.actor_labels
    citations = report_citations(city.all_reports)

    def said(when: str) -> list[str]:
        columns = (f"control_{when}", f"actor_{when}", f"extent_{when}")
        return [
            describe(control, actor_labels.get(actor, ""), extent)
            for control, actor, extent in zip(
                *(changes[column] for column in columns), strict=True
            )
        ]

    return pd.DataFrame(
        {
            "district": changes["name_en"],
            "before": said("before"),
            "after": said("after"),
            "reports": [
                "; ".join(cited(ids, citations)) for ids in changes["caused_by"]
            ],
        }
    )


def disagreement_table(disagreements: pd.DataFrame, city: City) -> pd.DataFrame:
    """One row per district two sources disagree on: what each says, and who."""
    citations = report_citations(city.all_reports)

    def says(suffix: str) -> list[str]:
        columns = [f"{column}_{suffix}" for column in ("control", "actor", "extent")]
        return [
            f"{describe(control, city.actor_labels.get(actor, ''), extent)}: "
            f"{'; '.join(cited(report_ids, citations))}"
            for control, actor, extent, report_ids in zip(
                *(disagreements[column] for column in columns),
                disagreements[f"reports_{suffix}"],
                strict=True,
            )
        ]

    return pd.DataFrame(
        {"name_en": disagreements["name_en"], "says_a": says("a"), "says_b": says("b")}
    )


def _change_list(changes: pd.DataFrame, city: City) -> None:
    st.dataframe(
        change_table(changes, city),
        hide_index=True,
        column_config={
            "district": st.column_config.TextColumn("District"),
            "before": st.column_config.TextColumn("Before"),
            "after": st.column_config.TextColumn("After"),
            "reports": st.column_config.TextColumn(
                "Because of", help="The reports behind the change: source and day"
            ),
        },
    )


def _since_the_report_day_before(
    city: City, version: city_cache.CityVersion, view: ViewState, day: date
) -> None:
    """With nothing outlined: what changed since the report day before ``day``'s."""
    shown = latest_on_or_before(city.days, day)
    before = (
        latest_on_or_before(city.days, shown - timedelta(days=1)) if shown else None
    )
    if before is None:
        st.caption("Pick a day in “Compare with” or two sources to outline.")
        return
    changes = city_cache.changes(version, view.claimant, before, day)
    st.caption(
        f"{counted(len(changes), 'district')} changed since the report day before, "
        f"{format_day(before)}. To outline changes on the map, pick a day in "
        "“Compare with” (Map options)."
    )
    if len(changes):
        _change_list(changes, city)


def changes_panel(
    city: City,
    version: city_cache.CityVersion,
    outlines: Outlines,
    view: ViewState,
    day: date,
    source_types: Collection[str],
) -> None:
    """The outlined districts as tables; with none, the changes since the last day.

    "The last day" is the report day before the one the map shows.
    """
    changes, disagreements = outlines
    if changes is None and disagreements is None:
        _since_the_report_day_before(city, version, view, day)
    if changes is not None:
        st.caption(
            f"{counted(len(changes), 'district')} changed between "
            f"{format_day(min(view.compare, day))} and "
            f"{format_day(max(view.compare, day))} (a dashed outline on the map)."
        )
        _change_list(changes, city)
    if disagreements is not None:
        first, second = (versus_label(name, source_types) for name in view.versus)
        st.caption(
            f"{counted(len(disagreements), 'district')} where "
            f"{markdown_text(first)} and {markdown_text(second)} disagree on "
            f"{format_day(day)} (a dotted outline on the map)."
        )
        st.dataframe(
            disagreement_table(disagreements, city),
            hide_index=True,
            column_config={
                "name_en": st.column_config.TextColumn("District"),
                "says_a": st.column_config.TextColumn(f"{first} says"),
                "says_b": st.column_config.TextColumn(f"{second} says"),
            },
        )


def history_panel(city: City, district_id: str | None, day: date) -> None:
    """Who held the district when, source by source, with a line at ``day``.

    A hint without a district.
    """
    if not district_id:
        st.caption("Select a district to see who held it when, source by source.")
        return
    st.caption(
        "Who held it when, one lane per source (and one for the map itself); "
        "ticks mark the reports, the long line the day the map shows. Paler: "
        f"the lane's latest report is over {STALE_AFTER_DAYS} days old, as on the map."
    )
    from ui import charts  # Altair: imported by a page that draws a chart (0.2 s)

    st.altair_chart(
        charts.history_chart(city, history_of(city, district_id), day),
        width="stretch",
    )
