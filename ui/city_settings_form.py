"""The Streamlit form of a city's settings: what an editor may change without a shell.

``app_pages/city_settings.py`` wires it; checking and writing are
``geo.city_settings``'s. The sides are one editable table: a row per side, its
aliases separated by ";".
"""

import pandas as pd
import streamlit as st

from geo.boundaries import BoundaryKind
from geo.city_settings import ZOOM_RANGE, CityFileSettings
from geo.colours import Actor
from geo.frontline import MAX_STATED_STREET_WIDTH_M, Neighbours

SIDE_COLUMNS = ("id", "label", "colour", "aliases")
BOUNDARY_LABELS = {
    BoundaryKind.SCHEMATIC: "schematic: cells drawn around named points",
    BoundaryKind.SURVEYED: "surveyed: real boundaries from a file",
}
LEAVE_MIXED = "mixed"
"""The boundary choice that leaves districts of both kinds as they are."""


def _sides_table(sides: tuple[Actor, ...]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "id": side.id,
                "label": side.label,
                "colour": side.colour,
                "aliases": "; ".join(side.aliases),
            }
            for side in sides
        ],
        columns=list(SIDE_COLUMNS),
    )


def _cell(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value).strip()


def _sides(table: pd.DataFrame) -> tuple[Actor, ...]:
    """The edited rows as sides; rows left wholly empty are dropped."""
    sides = []
    for row in table.itertuples(index=False):
        cells = [_cell(getattr(row, column)) for column in SIDE_COLUMNS]
        if not any(cells):
            continue
        side_id, label, colour, aliases = cells
        spellings = tuple(
            alias.strip() for alias in aliases.split(";") if alias.strip()
        )
        sides.append(Actor(side_id, label, colour, spellings))
    return tuple(sides)


def _street_width_help(in_use: Neighbours) -> str:
    """Which street width the front line uses now, and where it comes from."""
    where = (
        "stated here"
        if in_use.stated
        else "worked out from the gaps between the districts"
    )
    return (
        f"Now districts within {in_use.tolerance_m:g} m of each other count as "
        f"neighbours ({where}). Leave empty to work it out; 0 when the districts "
        f"touch; at most {MAX_STATED_STREET_WIDTH_M:g} m."
    )


def settings_form(
    current: CityFileSettings, key: str, streets_in_use: Neighbours
) -> CityFileSettings | None:
    """The settings as the editor leaves them, once saved; None until then.

    ``streets_in_use`` says how neighbours are found now, beside the street width.
    """
    with st.form(f"{key}_form"):
        shown, heading = st.columns([1, 2])
        display_name = shown.text_input(
            "Name in the city picker",
            current.display_name,
            key=f"{key}_display_name",
        )
        title = heading.text_input(
            "Title over the map and on exports", current.title, key=f"{key}_title"
        )
        first, last, opening = st.columns(3)
        first_day = first.date_input("First day", current.first_day, key=f"{key}_first")
        last_day = last.date_input("Last day", current.last_day, key=f"{key}_last")
        default_day = opening.date_input(
            "Day the map opens on", current.default_day, key=f"{key}_default"
        )
        st.markdown(
            "**Sides**: id (lower-case letters, digits, _), label, colour as "
            "#rrggbb, other names writers use separated by ;"
        )
        sides = st.data_editor(
            _sides_table(current.sides),
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            key=f"{key}_sides",
        )
        latitude, longitude, zoom = st.columns(3)
        centre = (
            latitude.number_input(
                "Map centre: latitude",
                -90.0,
                90.0,
                float(current.center[0]),
                format="%.4f",
                key=f"{key}_lat",
            ),
            longitude.number_input(
                "longitude",
                -180.0,
                180.0,
                float(current.center[1]),
                format="%.4f",
                key=f"{key}_lon",
            ),
        )
        opening_zoom = zoom.slider(
            "Opening zoom", *ZOOM_RANGE, current.zoom, key=f"{key}_zoom"
        )
        street_width = st.number_input(
            "Streets up to this many metres wide lie between neighbouring districts",
            value=current.street_width_m,
            step=1.0,
            placeholder="worked out from the districts",
            format="%g",
            key=f"{key}_street_width",
        )
        st.caption(_street_width_help(streets_in_use))
        credits = st.text_area(
            "Credits: who made the boundaries and reports",
            current.credits,
            key=f"{key}_credits",
        )
        options = [
            *BOUNDARY_LABELS,
            *([LEAVE_MIXED] if current.boundary is None else []),
        ]
        boundary = st.radio(
            "Boundaries",
            options,
            index=options.index(current.boundary or LEAVE_MIXED),
            format_func=lambda choice: BOUNDARY_LABELS.get(
                choice, "mixed: leave each district as it is"
            ),
            horizontal=True,
            key=f"{key}_boundary",
        )
        if not st.form_submit_button("Save the settings", type="primary"):
            return None
    return CityFileSettings(
        title=title,
        display_name=display_name,
        first_day=first_day,
        last_day=last_day,
        default_day=default_day,
        sides=_sides(sides),
        center=centre,
        zoom=int(opening_zoom),
        credits=credits,
        boundary=None if boundary == LEAVE_MIXED else BoundaryKind(boundary),
        street_width_m=street_width,
    )
