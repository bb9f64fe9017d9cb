"""The map page: timeline, map, claims behind a district, and the analysis views.

Every view setting lives in the address (``geo.view_state``), so a copied link
reopens exactly this view; ``?embed=true`` keeps only the map and its slider.
"""

from datetime import date
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from geo.compare import (
    EVERY_SOURCE,
    Claimant,
    changes_between,
    disagreements_on,
    history_of,
)
from geo.days import format_day, report_day_on_or_before
from geo.escaping import is_web_url, markdown_text
from geo.events import figures_on
from geo.frontline import frontline_length, gaps_between_pieces
from geo.lookup import feature_at
from geo.maplayer.bundle import day_script
from geo.resolution import claims_behind, describe
from geo.status import SourceType
from geo.view_state import Layer, ViewState, view_from_query, view_to_query
from ui import auth, charts, loading
from ui.map_component import show_map
from ui.timeline import timeline_control

PLAY_SECONDS_PER_DAY = 1.0
MAP_KEY = "frontline_map"
# Widgets whose values survive a visit to another page (Streamlit forgets them).
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
PANELS = (
    "Who holds how much",
    "Front line",
    "What changed",
    "District history",
    "Figures",
    "Share",
)

city = loading.city(auth.admitted_city())
days = [day.isoformat() for day in city.days]
sources = sorted(set(city.reports["source"]))
source_types = [kind for kind in SourceType if kind in set(city.reports["source_type"])]
claimants = [
    EVERY_SOURCE,
    *(Claimant(source_type=kind) for kind in source_types),
    *(Claimant(source=source) for source in sources),
]
labels = city.actor_labels


day_names = {iso: format_day(day) for iso, day in zip(days, city.days, strict=True)}


def pretty(iso: str) -> str:
    """A report day as readers see it, e.g. "1 Aug 2017" (named once per run)."""
    return day_names[iso]


def claimant_label(claimant: Claimant) -> str:
    if claimant.source_type:
        return f"Every {claimant.source_type} source"
    return claimant.source or "Every source (the desk's map)"


def versus_label(name: str | None) -> str:
    if not name:
        return "—"
    return f"every {name} source" if name in source_types else name


def view_in_address() -> ViewState:
    """The view the page's address describes, anything unknown to this city dropped."""
    return view_from_query(
        st.query_params.to_dict(),
        days=set(city.days),
        district_ids=city.district_ids,
        sources=set(sources),
        source_types=set(source_types),
    )


if st.session_state.get("view_city") != st.session_state.city:
    st.session_state.view_city = st.session_state.city
    shared = view_in_address()
    requested = shared.day or city.default_day
    versus = shared.versus or (None, None)
    st.session_state.update(
        day=report_day_on_or_before(city.days, requested).isoformat(),
        kept_district=shared.district,
        kept_compare=shared.compare.isoformat() if shared.compare else None,
        kept_claimant=Claimant(shared.source, shared.source_type),
        kept_versus_a=versus[0],
        kept_versus_b=versus[1],
        kept_frontline=Layer.FRONTLINE in shared.layers,
        kept_events=Layer.EVENTS in shared.layers,
        kept_street_tiles=Layer.STREETS in shared.layers,
        opening_centre=shared.centre,
    )
for key in KEPT:
    if key not in st.session_state:
        st.session_state[key] = st.session_state.get(f"kept_{key}")
if st.session_state.day not in day_names:  # its report was deleted meanwhile
    st.session_state.day = report_day_on_or_before(
        city.days, date.fromisoformat(st.session_state.day)
    ).isoformat()
embed = bool(st.context.is_embedded)


def select_clicked_district(clicked: dict) -> None:
    found = feature_at(city.districts, clicked["lat"], clicked["lng"])
    st.session_state.district = found or st.session_state.district


def current_view() -> ViewState:
    """The view as the widgets now set it, plus the map centre the browser reported."""
    address = view_in_address()
    versus = (st.session_state.versus_a, st.session_state.versus_b)
    switched_on = {
        Layer.FRONTLINE: st.session_state.frontline,
        Layer.EVENTS: st.session_state.events,
        Layer.STREETS: st.session_state.street_tiles,
    }
    layers = {layer for layer, on in switched_on.items() if on}
    claimant = st.session_state.claimant or EVERY_SOURCE
    return ViewState(
        day=date.fromisoformat(st.session_state.day),
        compare=date.fromisoformat(st.session_state.compare)
        if st.session_state.compare
        else None,
        district=st.session_state.district,
        source=claimant.source,
        source_type=claimant.source_type,
        versus=versus if all(versus) and versus[0] != versus[1] else None,
        layers=frozenset(layers),
        centre=address.centre,
    )


def view_controls() -> None:
    claimed, compared, layers = st.columns([3, 2, 3], vertical_alignment="bottom")
    claimed.selectbox(
        "As claimed by",
        claimants,
        key="claimant",
        format_func=claimant_label,
        help="Redraw the map from one source's (or one kind of source's) claims only.",
    )
    compared.selectbox(
        "Compare with",
        [None, *days],
        key="compare",
        format_func=lambda iso: "—" if iso is None else pretty(iso),
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
        options = [None, *source_types, *sources]
        first.selectbox("Source", options, key="versus_a", format_func=versus_label)
        second.selectbox("Against", options, key="versus_b", format_func=versus_label)


def outlined_districts(
    view: ViewState, day: date, version: loading.CityVersion
) -> tuple[list[str], pd.DataFrame | None, pd.DataFrame | None]:
    """Districts to outline, with the change and disagreement tables behind them."""
    changes = (
        changes_between(
            loading.claimed_city(version, Claimant(view.source, view.source_type)),
            min(view.compare, day),
            max(view.compare, day),
        )
        if view.compare and view.compare != day
        else None
    )
    disagreements = disagreements_on(city, day, *view.versus) if view.versus else None
    outlined = [
        *(changes["district_id"] if changes is not None else ()),
        *(disagreements["district_id"] if disagreements is not None else ()),
    ]
    return outlined, changes, disagreements


def ledger_panel(day: date) -> None:
    district_id = st.selectbox(
        "District",
        city.district_labels,
        key="district",
        format_func=city.district_labels.__getitem__,
        index=None,
        placeholder="Click one on the map, or pick it here",
        help="Every claim behind the district's colour, up to the day shown.",
    )
    if district_id is None:
        return
    ledger = claims_behind(city, district_id, day)
    st.caption(
        f"{len(ledger)} report(s) up to {pretty(st.session_state.day)}, "
        "newest first. A denied claim stops counting from the denial."
    )
    ledger["link"] = [url if is_web_url(url) else None for url in ledger["url"]]
    st.dataframe(
        ledger[["day", "says", "role", "source", "kind", "link", "note"]],
        hide_index=True,
        column_config={
            "day": st.column_config.DateColumn(
                "Day", format="D MMM YYYY", width="small"
            ),
            "says": st.column_config.TextColumn("Says", width="medium"),
            "role": st.column_config.TextColumn("Role today", width="small"),
            "source": st.column_config.TextColumn("Source", width="medium"),
            "kind": st.column_config.TextColumn("Kind", width="small"),
            "link": st.column_config.LinkColumn(
                "Link", display_text="open", width="small"
            ),
            "note": st.column_config.TextColumn("Note", width="large"),
        },
    )


def change_table(changes: pd.DataFrame) -> pd.DataFrame:
    def said(when: str) -> list[str]:
        columns = (f"control_{when}", f"actor_{when}", f"extent_{when}")
        return [
            describe(control, labels.get(actor, ""), extent)
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


def area_panel(view: ViewState, day: date, version: loading.CityVersion) -> None:
    claimant = Claimant(view.source, view.source_type)
    series = loading.area_series(version, claimant)
    st.altair_chart(charts.area_chart(city, series, day), width="stretch")
    today = series[series["day"] == day]
    st.dataframe(
        pd.DataFrame(
            {
                "control": [
                    describe(control, labels.get(actor, ""))
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
        "held in part"
        " counts whole; areas come from schematic boundaries."
    )


def front_panel(view: ViewState, day: date, version: loading.CityVersion) -> None:
    shown = loading.claimed_city(version, Claimant(view.source, view.source_type))
    length = frontline_length(shown, day)
    st.metric("Front line", f"{length.total_m / 1000:.1f} km")
    for actor in city.actors:
        pieces = gaps_between_pieces(shown, day, actor.id)
        if len(pieces.pieces) > 1:
            nearest = pieces.gaps["distance_m"].min()
            st.write(
                f"{markdown_text(actor.label)}: {len(pieces.pieces)} separate "
                "pieces; the "
                f"closest two are {nearest:,.0f} m apart."
            )


def changes_panel(
    view: ViewState,
    day: date,
    changes: pd.DataFrame | None,
    disagreements: pd.DataFrame | None,
) -> None:
    if changes is None and disagreements is None:
        st.caption("Pick a day in “Compare with” or two sources to outline.")
    if changes is not None:
        st.caption(
            f"{len(changes)} district(s) changed between "
            f"{format_day(min(view.compare, day))} and "
            f"{format_day(max(view.compare, day))} (outlined on the map)."
        )
        st.dataframe(change_table(changes), hide_index=True)
    if disagreements is not None:
        st.caption(
            f"{len(disagreements)} district(s) where "
            f"{markdown_text(versus_label(view.versus[0]))} and "
            f"{markdown_text(versus_label(view.versus[1]))} "
            f"disagree on {format_day(day)}."
        )
        st.dataframe(
            disagreements[["name_en", "control_a", "actor_a", "control_b", "actor_b"]],
            hide_index=True,
        )


def history_panel(view: ViewState) -> None:
    if view.district:
        st.caption(
            "Who held it when, one lane per source (and one for the map itself); "
            "ticks mark the reports."
        )
        st.altair_chart(
            charts.history_chart(city, history_of(city, view.district)),
            width="stretch",
        )
    else:
        st.caption("Select a district to see who held it when, source by source.")


def share_panel(view: ViewState) -> None:
    address = (st.context.url or "").split("?")[0]
    link = f"{address}?{urlencode(shared_query(view))}"
    st.caption("This view (day, district, filters, layers, map position):")
    st.code(link, language=None)
    embedded = {**shared_query(view), "embed": "true"}
    st.caption("For an iframe in a story (map, slider and legend only):")
    st.code(
        f'<iframe src="{address}?{urlencode(embedded)}" '
        'width="100%" height="700" style="border:0"></iframe>',
        language="html",
    )


def analysis_panel(
    view: ViewState,
    day: date,
    version: loading.CityVersion,
    changes: pd.DataFrame | None,
    disagreements: pd.DataFrame | None,
) -> None:
    """The one analysis view the reader picked; only it is computed and sent."""
    panel = st.segmented_control(
        "Analysis", PANELS, key="panel", label_visibility="collapsed"
    )
    if panel == "Who holds how much":
        area_panel(view, day, version)
    elif panel == "Front line":
        front_panel(view, day, version)
    elif panel == "What changed":
        changes_panel(view, day, changes, disagreements)
    elif panel == "District history":
        history_panel(view)
    elif panel == "Figures":
        figures_panel(day)
    elif panel == "Share":
        share_panel(view)


def figures_panel(day: date) -> None:
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
        column_config={
            "as_of": st.column_config.DateColumn("As of", format="D MMM YYYY"),
            "link": st.column_config.LinkColumn("Link", display_text="open"),
            "counts": st.column_config.TextColumn("What it counts", width="large"),
        },
    )


def shared_query(view: ViewState) -> dict[str, str]:
    return {"city": st.session_state.city, **view_to_query(view)}


def keep_address(view: ViewState) -> None:
    """Write the view into the page's address, unless it already says all but the day.

    A slider step changes only the day, and the map writes that into the address
    itself (``frontline.show``): a step then costs no address message.
    """
    wanted = shared_query(view)
    address = st.query_params.to_dict()
    stepped_only = {**address, "day": wanted["day"]} == wanted
    if not stepped_only or address.get("day") not in day_names:
        st.query_params.from_dict(wanted)


if not embed:
    st.title(markdown_text(city.title))
    # Outside the timeline fragment: a slider step does not resend these widgets.
    view_controls()


@st.fragment
def timeline() -> None:
    version = loading.city_version(st.session_state.city)
    day = date.fromisoformat(st.session_state.day)
    view = current_view()
    claimant = Claimant(view.source, view.source_type)
    outlined, changes, disagreements = outlined_districts(view, day, version)

    # The map is drawn first, so its update leaves before the other widgets'.
    controls = st.container()
    map_column, ledger_column = (
        st.columns([3, 2]) if not embed else (st.container(), None)
    )
    with map_column:
        frontline = (
            loading.frontline_geojson(version, claimant, day)
            if Layer.FRONTLINE in view.layers
            else None
        )
        show_map(
            loading.rendered_map(
                version,
                claimant,
                st.session_state.street_tiles,
                st.session_state.opening_centre,
            ),
            day_script(
                day,
                st.session_state.district,
                outlined=outlined,
                frontline=frontline,
                events=Layer.EVENTS in view.layers,
            ),
            key=MAP_KEY,
            height=560,
            on_click=select_clicked_district,
        )
    with controls:
        timeline_control(
            st.session_state.day,
            day_names,
            loading.timeline_days_url(version),
            key="timeline",
            seconds_per_day=PLAY_SECONDS_PER_DAY,
            on_pick=lambda picked: st.session_state.update(day=picked),
        )
    if ledger_column is not None:
        with ledger_column:
            ledger_panel(day)
        analysis_panel(view, day, version, changes, disagreements)
    for key in KEPT:
        st.session_state[f"kept_{key}"] = st.session_state[key]
    keep_address(view)


timeline()
