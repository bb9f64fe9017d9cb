"""The map page's address (``st.query_params``) and the view kept in session state.

This is the one Python module that reads or writes the page's address, and the
one that keeps the view's widgets in step with it:

- on a city's first visit the widgets start from the address, so a shared link
  opens its view (``open_view``);
- Streamlit forgets a widget's value when the reader opens another page, so each
  run ends by copying the view's widgets into ``kept_*`` keys, which
  ``open_view`` puts back on return (``keep_view``);
- each run also writes the view into the address (``keep_address``).

The browser writes one thing itself. After a timeline step, a pan or a zoom, the
map's script (``shareViewInAddress`` in ``geo/maplayer/assets/frontline_map.js``)
writes ``day``, ``lat``, ``lon`` and ``zoom`` into the address, so that a pan
costs no rerun and a step no address message. Streamlit does not read back an
address the browser rewrote, so the map's centre reaches Python only when a
panel that needs it sends the address's position (``note_map_position``); until
then it is the one the page opened with (``current_view``). ``keep_address``
leaves an address alone that already says all but the day.

Reading an address and checking its values against the city is
``geo.view_state``'s job; this module only connects it to Streamlit.
"""

from collections.abc import Mapping
from datetime import date

import streamlit as st

from geo.compare import EVERY_SOURCE
from geo.snapshots import Snapshot
from geo.view_state import (
    Layer,
    ViewChoices,
    ViewState,
    centre_from_query,
    view_to_query,
)

KEPT = (
    "district",
    "compare",
    "claimant",
    "versus_a",
    "versus_b",
    "frontline",
    "events",
    "panel",
    "street_tiles",
)
"""Keys of the view's widgets, whose values survive a visit to another page."""


def open_view(
    choices: ViewChoices, default_day: date, published: Snapshot | None = None
) -> None:
    """Set the page's day and the view's widgets before any of them is drawn.

    On a city's first visit they come from the address (``default_day`` when it
    names no day), or from the ``published`` snapshot the address names; after
    a visit to another page, from their kept values. A day the city's timeline
    no longer spans (its days were edited meanwhile) moves to its nearer end.
    """
    shown = (st.session_state.city, published.id if published else None)
    st.session_state.shown_snapshot = shown[1]
    if st.session_state.get("view_city") != shown:
        st.session_state.view_city = shown
        _start_from_address(choices, default_day, published)
    for key in KEPT:
        if key not in st.session_state:
            st.session_state[key] = st.session_state.get(f"kept_{key}")
    if st.session_state.day not in choices.calendar_labels:
        requested = date.fromisoformat(st.session_state.day)
        pick_day(choices.on_timeline(requested).isoformat())


def _start_from_address(
    choices: ViewChoices, default_day: date, published: Snapshot | None
) -> None:
    """Put the view the address (or its snapshot) describes into the kept values."""
    shared = (
        published.publication.view
        if published
        else choices.view_from(st.query_params.to_dict())
    )
    versus = shared.versus or (None, None)
    st.session_state.update(
        day=choices.opening_day(shared, default_day).isoformat(),
        kept_district=shared.district,
        kept_compare=shared.compare.isoformat() if shared.compare else None,
        kept_claimant=shared.claimant,
        kept_versus_a=versus[0],
        kept_versus_b=versus[1],
        kept_frontline=Layer.FRONTLINE in shared.layers,
        kept_events=Layer.EVENTS in shared.layers,
        kept_street_tiles=Layer.STREETS in shared.layers,
        opening_centre=shared.centre,
        noted_centre=None,
    )


def pick_day(day: str) -> None:
    """Show ``day`` (ISO, any day of the timeline) from the next map drawing on."""
    st.session_state.day = day


def pick_district(district_id: str | None) -> None:
    """Select ``district_id`` on the map and in the ledger; None keeps the selection."""
    st.session_state.district = district_id or st.session_state.district


def shown_day() -> date:
    """The day the page shows: any day of the timeline, with or without reports."""
    return date.fromisoformat(st.session_state.day)


def opening_centre() -> tuple[float, float, int] | None:
    """Where the map opened: the shared link's centre and zoom, if it had them."""
    return st.session_state.opening_centre


def note_map_position(address_query: Mapping[str, str]) -> None:
    """Keep the centre and zoom that the browser's address has now (the map's).

    ``address_query`` is that address's query, read in the browser; a value that
    is no valid position is ignored, as in any address.
    """
    centre = centre_from_query(address_query)
    if centre is not None:
        st.session_state.noted_centre = centre


def current_view(choices: ViewChoices) -> ViewState:
    """The view as the widgets now set it, with the map's latest known centre."""
    state = st.session_state
    versus = (state.versus_a, state.versus_b)
    switched_on = {
        Layer.FRONTLINE: state.frontline,
        Layer.EVENTS: state.events,
        Layer.STREETS: state.street_tiles,
    }
    claimant = state.claimant or EVERY_SOURCE
    return ViewState(
        day=shown_day(),
        compare=date.fromisoformat(state.compare) if state.compare else None,
        district=state.district,
        source=claimant.source,
        source_type=claimant.source_type,
        versus=versus if all(versus) and versus[0] != versus[1] else None,
        layers=frozenset(layer for layer, on in switched_on.items() if on),
        centre=state.get("noted_centre")
        or choices.view_from(st.query_params.to_dict()).centre,
    )


def snapshot_id() -> str | None:
    """The published map the address names (``?snapshot=<id>``), if any."""
    return st.query_params.get("snapshot") or None


def shared_query(view: ViewState) -> dict[str, str]:
    """The query parameters of a link that reopens ``view`` (and its snapshot)."""
    query = {"city": st.session_state.city, **view_to_query(view)}
    if st.session_state.get("shown_snapshot"):
        query["snapshot"] = st.session_state.shown_snapshot
    return query


def keep_view(view: ViewState, choices: ViewChoices) -> None:
    """Keep the widgets' values for the next visit, and ``view`` in the address."""
    for key in KEPT:
        st.session_state[f"kept_{key}"] = st.session_state[key]
    keep_address(view, choices)


def keep_address(view: ViewState, choices: ViewChoices) -> None:
    """Write the view into the page's address, unless it already says all but the day.

    A slider step changes only the day, and the map writes that into the address
    itself (see the module's docstring): a step then costs no address message.
    """
    wanted = shared_query(view)
    address = st.query_params.to_dict()
    stepped_only = {**address, "day": wanted["day"]} == wanted
    if not stepped_only or address.get("day") not in choices.calendar_labels:
        st.query_params.from_dict(wanted)
