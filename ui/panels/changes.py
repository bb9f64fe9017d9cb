"""What changed: districts outlined on the map, and one district's history.

Two things are outlined: the districts that changed since (or until) the day in
"Compare with", and those where the two sources picked to compare disagree.
"""

from collections.abc import Collection
from datetime import date
from typing import NamedTuple

import pandas as pd
import streamlit as st

from geo.city import City
from geo.compare import changes_between, disagreements_on, history_of
from geo.days import format_day
from geo.escaping import markdown_text
from geo.resolution import describe
from geo.view_state import ViewState
from ui import charts, city_cache
from ui.labels import versus_label


class Outlines(NamedTuple):
    """The tables behind the outlined districts; None where nothing was asked for."""

    changes: pd.DataFrame | None
    disagreements: pd.DataFrame | None

    @property
    def district_ids(self) -> list[str]:
        """Every outlined district: changed ones first, then disputed ones."""
        return [
            *(self.changes["district_id"] if self.changes is not None else ()),
            *(
                self.disagreements["district_id"]
                if self.disagreements is not None
                else ()
            ),
        ]


def outlines_of(
    city: City, version: city_cache.CityVersion, view: ViewState, day: date
) -> Outlines:
    """What ``view`` outlines on ``day``: changes since its compared day, disputes."""
    changes = (
        changes_between(
            city_cache.claimed_city(version, view.claimant),
            min(view.compare, day),
            max(view.compare, day),
        )
        if view.compare and view.compare != day
        else None
    )
    disagreements = disagreements_on(city, day, *view.versus) if view.versus else None
    return Outlines(changes, disagreements)


def change_table(changes: pd.DataFrame, actor_labels: dict[str, str]) -> pd.DataFrame:
    """One row per changed district: what it said before and after, and why."""

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
            "reports": [" ".join(ids) for ids in changes["caused_by"]],
        }
    )


def changes_panel(
    city: City,
    outlines: Outlines,
    view: ViewState,
    day: date,
    source_types: Collection[str],
) -> None:
    """The outlined districts as tables, or a hint on how to outline some."""
    changes, disagreements = outlines
    if changes is None and disagreements is None:
        st.caption("Pick a day in “Compare with” or two sources to outline.")
    if changes is not None:
        st.caption(
            f"{len(changes)} district(s) changed between "
            f"{format_day(min(view.compare, day))} and "
            f"{format_day(max(view.compare, day))} (outlined on the map)."
        )
        st.dataframe(change_table(changes, city.actor_labels), hide_index=True)
    if disagreements is not None:
        first, second = (versus_label(name, source_types) for name in view.versus)
        st.caption(
            f"{len(disagreements)} district(s) where {markdown_text(first)} and "
            f"{markdown_text(second)} disagree on {format_day(day)}."
        )
        st.dataframe(
            disagreements[["name_en", "control_a", "actor_a", "control_b", "actor_b"]],
            hide_index=True,
        )


def history_panel(city: City, district_id: str | None) -> None:
    """Who held the district when, source by source; a hint without a district."""
    if not district_id:
        st.caption("Select a district to see who held it when, source by source.")
        return
    st.caption(
        "Who held it when, one lane per source (and one for the map itself); "
        "ticks mark the reports."
    )
    st.altair_chart(
        charts.history_chart(city, history_of(city, district_id)), width="stretch"
    )
