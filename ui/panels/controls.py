"""The view's controls beside the map: whose claims, which day to compare, layers.

They fold into one expander, so the map and the ledger come first (on a phone,
the map is on the first screen). Its label says what is switched on, so a
reader of a filtered map sees it without opening the expander; a link that
switches something on opens it.
"""

import streamlit as st

from geo.city import City
from geo.compare import EVERY_SOURCE
from geo.escaping import markdown_text
from geo.view_state import ViewChoices
from ui.labels import claimant_label, versus_label

OPTIONS = "Map options"
LAYERS = {"frontline": "front line", "events": "events", "street_tiles": "street tiles"}


def options_summary(choices: ViewChoices) -> str:
    """What the controls change from the desk's plain map, in a few words.

    E.g. "as claimed by SOHR · compared with 3 Aug 2017 · front line"; empty
    when nothing is changed. Read from the widgets' values (``ui.address.KEPT``).
    """
    state = st.session_state
    parts = []
    claimant = state.get("claimant") or EVERY_SOURCE
    if claimant != EVERY_SOURCE:
        parts.append(f"as claimed by {claimant_label(claimant)}")
    if state.get("compare"):
        parts.append(f"compared with {choices.day_labels[state.compare]}")
    versus = (state.get("versus_a"), state.get("versus_b"))
    if all(versus) and versus[0] != versus[1]:
        first, second = (versus_label(name, choices.source_types) for name in versus)
        parts.append(f"{first} against {second}")
    parts += [label for key, label in LAYERS.items() if state.get(key)]
    return " · ".join(parts)


CONTROL_KEYS = (
    "claimant",
    "compare",
    "frontline",
    "events",
    "street_tiles",
    "versus_a",
    "versus_b",
)
"""The widgets inside "Map options": ``ui.address.KEPT`` keeps their values."""


def view_controls(city: City, choices: ViewChoices) -> None:
    """The pickers for whose claims and which day to compare, layers, two sources.

    Drawn only while "Map options" is open: every slider step reruns the page's
    fragment, and these seven widgets were a third of a step's server time
    (``bench/load.py``, 100 readers). While they are not drawn their values stay
    as they are, so the map, the address and the panels keep them; their keys
    are ``ui.address.KEPT``'s, so the address and the kept values follow.
    """
    summary = options_summary(choices)
    label = f"{OPTIONS}: {markdown_text(summary)}" if summary else OPTIONS
    # Open when a link (or the reader) changed something, so it shows how.
    options = st.expander(
        label, expanded=bool(summary), key="map_options", on_change="rerun"
    )
    if not options.open:
        # Set again, so Streamlit does not drop the values of widgets not drawn.
        for key in CONTROL_KEYS:
            st.session_state[key] = st.session_state[key]
        return
    with options:
        st.selectbox(
            "As claimed by",
            choices.claimants,
            key="claimant",
            format_func=claimant_label,
            help="Redraw the map from one source's (or one kind of source's)"
            " claims only.",
        )
        st.selectbox(
            "Compare with",
            [None, *choices.day_labels],
            key="compare",
            format_func=lambda iso: "—" if iso is None else choices.day_labels[iso],
            help="Outline the districts that changed since (or until) that day.",
            on_change=lambda: st.session_state.update(panel="What changed"),
        )
        toggles = st.container(horizontal=True, wrap=True, gap="small")
        toggles.toggle(
            "Front line", key="frontline", help="Where different sides meet."
        )
        toggles.toggle(
            "Events",
            key="events",
            help="Strikes, attacks and other dated incidents up to this day,"
            " with sources.",
            disabled=city.events is None or city.events.empty,
        )
        toggles.toggle(
            "Street tiles",
            key="street_tiles",
            help="An OpenStreetMap layer under the districts (needs internet).",
        )
        st.caption("Outline where two sources disagree")
        options = [None, *choices.source_types, *choices.sources]

        def name(source: str | None) -> str:
            return versus_label(source, choices.source_types)

        st.selectbox("Source", options, key="versus_a", format_func=name)
        st.selectbox("Against", options, key="versus_b", format_func=name)
