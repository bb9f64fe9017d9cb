"""The view's controls above the map: whose claims, which day to compare, layers."""

import streamlit as st

from geo.city import City
from geo.view_state import ViewChoices
from ui.labels import claimant_label, versus_label


def view_controls(city: City, choices: ViewChoices) -> None:
    """The pickers for whose claims and which day to compare, layers, two sources.

    Their keys are ``ui.address.KEPT``'s: the address and the kept values follow.
    """
    claimed, compared, layers = st.columns([3, 2, 3], vertical_alignment="bottom")
    claimed.selectbox(
        "As claimed by",
        choices.claimants,
        key="claimant",
        format_func=claimant_label,
        help="Redraw the map from one source's (or one kind of source's) claims only.",
    )
    compared.selectbox(
        "Compare with",
        [None, *choices.day_labels],
        key="compare",
        format_func=lambda iso: "—" if iso is None else choices.day_labels[iso],
        help="Outline the districts that changed since (or until) that day.",
        on_change=lambda: st.session_state.update(panel="What changed"),
    )
    toggles = layers.container(horizontal=True, wrap=True, gap="small")
    toggles.toggle("Front line", key="frontline", help="Where different sides meet.")
    toggles.toggle(
        "Events",
        key="events",
        help="Strikes, attacks and other dated incidents up to this day, with sources.",
        disabled=city.events is None or city.events.empty,
    )
    toggles.toggle(
        "Street tiles",
        key="street_tiles",
        help="An OpenStreetMap layer under the districts (needs internet).",
    )
    with st.expander(
        "Outline where two sources disagree",
        expanded=st.session_state.versus_a is not None,
    ):
        first, second = st.columns(2)
        options = [None, *choices.source_types, *choices.sources]

        def label(name: str | None) -> str:
            return versus_label(name, choices.source_types)

        first.selectbox("Source", options, key="versus_a", format_func=label)
        second.selectbox("Against", options, key="versus_b", format_func=label)
