"""The ledger beside the map: every claim behind a district's colour, up to the day."""

from datetime import date

import pandas as pd
import streamlit as st

from geo.city import City
from geo.colours import explained_label
from geo.days import format_day, report_day_on_or_before
from geo.escaping import html_text, is_web_url, link_html
from geo.resolution import claims_behind, describe
from geo.status import Control
from geo.wording import counted
from ui.city_cache import CityVersion

LISTED_REPORTS = 12
"""The newest reports listed as text beside the map; the table holds every one."""
DAY_LISTS_KEPT = 2048
"""Days' lists kept, over all cities and versions: a three-year war's every
report day fits (about 2 kB each)."""
_LIST_STYLE = (
    "<style>.frontline-list{padding-left:1.1rem;margin:0;font-size:0.875rem;"
    "line-height:1.4}.frontline-list li{margin-bottom:0.4rem}</style>"
)


def _list_html(items: list[str]) -> str:
    """Items as a list that wraps in a narrow column: beside the map, or under it."""
    return f"{_LIST_STYLE}<ul class='frontline-list'>{''.join(items)}</ul>"


def ledger_panel(city: City, version: CityVersion, day: date) -> None:
    """The district picker (key ``district``) and its claims up to ``day``.

    The picker is the map's selection too: a click on the map sets it.
    ``version`` is the city's (``city_cache.city_version``): what the day's
    list, shown until a district is picked, is kept for.
    """
    district_id = st.selectbox(
        "District",
        city.district_labels,
        key="district",
        format_func=city.district_labels.__getitem__,
        index=None,
        placeholder="Click one on the map, or pick it here",
        help=(
            "Every claim behind the district's colour, up to the day shown. "
            f"{explained_label(Control.CONTESTED)}; "
            f"{explained_label(Control.DISPUTED).lower()}. When another party "
            "denies a report, both stay and the district is disputed; a report its "
            "own source withdraws stops counting."
        ),
    )
    if district_id is None:
        day_reports_panel(city, version, day)
        return
    ledger = claims_behind(city, district_id, day)
    listed = len(ledger) > LISTED_REPORTS
    # How the colour is decided is in the picker's help: beside the map, five
    # lines of it above every district's list pushed the list below the map.
    st.caption(
        f"{counted(len(ledger), 'report')} up to {format_day(day)}, newest first"
        f"{f' (the {LISTED_REPORTS} newest here)' if listed else ''}."
    )
    st.html(ledger_html(ledger))
    ledger["link"] = [url if is_web_url(url) else None for url in ledger["url"]]
    with st.expander(f"All {len(ledger)} as a table, with notes"):
        _ledger_table(ledger)


def ledger_html(ledger: pd.DataFrame) -> str:
    """The newest reports of ``claims_behind`` as a list that wraps in a column.

    Each reads "<day> · <source> (<type>, <kind>): <what it says>", the source
    linked, then its role in the colour: who said what, and what it counts for,
    where a table that narrow showed only the day and what was said. Every piece
    is escaped text.
    """
    items = [
        f"<li>{html_text(format_day(day))} · {link_html(url, source)} "
        f"({html_text(source_type)}, {html_text(kind)}): {html_text(says)}"
        f"{f' (about {html_text(about)})' if about else ''}"
        f"<br><i>{html_text(role)}</i></li>"
        for day, url, source, source_type, kind, says, about, role in zip(
            *(
                ledger[column].head(LISTED_REPORTS)
                for column in (
                    "day",
                    "url",
                    "source",
                    "source_type",
                    "kind",
                    "says",
                    "about",
                    "role",
                )
            ),
            strict=True,
        )
    ]
    return _list_html(items)


def _ledger_table(ledger: pd.DataFrame) -> None:
    """Every report of the ledger, sortable, with its link and note."""
    st.dataframe(
        ledger[["day", "says", "about", "role", "source", "kind", "link", "note"]],
        hide_index=True,
        column_config={
            "day": st.column_config.DateColumn(
                "Day", format="D MMM YYYY", width="small"
            ),
            "says": st.column_config.TextColumn("Says", width="medium"),
            "about": st.column_config.TextColumn(
                "About", width="small", help="A statement about several districts"
            ),
            "role": st.column_config.TextColumn("Role today", width="small"),
            "source": st.column_config.TextColumn("Source", width="medium"),
            "kind": st.column_config.TextColumn("Kind", width="small"),
            "link": st.column_config.LinkColumn(
                "Link", display_text="open", width="small"
            ),
            "note": st.column_config.TextColumn("Note", width="large"),
        },
    )


def day_reports_panel(city: City, version: CityVersion, day: date) -> None:
    """What the latest reports on ``day`` say, until a district is picked.

    On a day between reports the map shows the latest report day before it;
    its reports are the ones listed then, and the heading says which day.
    """
    shown = report_day_on_or_before(city.days, day)
    listed, count = _day_list(city, version, shown)
    if not count:
        return
    heading = "Reported this day" if shown == day else "Latest reports"
    # One element, not a heading and a list: each costs every step a message.
    st.html(f"<p><strong>{heading}, {format_day(shown)}</strong></p>{listed}")
    if count > LISTED_REPORTS:
        st.caption(
            f"The first {LISTED_REPORTS} of {count}. Pick a district for "
            "every claim behind its colour."
        )


@st.cache_resource(max_entries=DAY_LISTS_KEPT, show_spinner=False)
def _day_list(_city: City, version: CityVersion, day: date) -> tuple[str, int]:
    """The list of ``day``'s first reports, and how many it has, per city version.

    Made once: under 100 readers stepping, making it on each step (pandas rows,
    then the escaped list) was in 12 % of the server's busy samples (py-spy),
    far more than its 0.2 ms alone, as every step's threads wait on one
    another for Python's lock; kept, 2 %.
    """
    reports = _city.reported_on(day)
    return day_reports_html(_city, reports.iloc[:LISTED_REPORTS]), len(reports)


def day_reports_html(city: City, reports: pd.DataFrame) -> str:
    """One day's reports as a list: where, who (linked), of what kind, what it says.

    Every piece is escaped text.
    """
    labels = city.actor_labels
    items = [
        f"<li><b>{html_text(city.place_words(place))}</b>: "
        f"{link_html(url, source)} ({html_text(source_type)}, {html_text(kind)}): "
        f"{html_text(describe(status, labels.get(actor, ''), extent))}</li>"
        for place, url, source, source_type, kind, status, actor, extent in zip(
            *(
                reports[column]
                for column in (
                    "district_id",
                    "url",
                    "source",
                    "source_type",
                    "kind",
                    "status",
                    "actor",
                    "extent",
                )
            ),
            strict=True,
        )
    ]
    return _list_html(items)


def unplaced_html(city: City, unplaced: pd.DataFrame) -> str:
    """Reports the map cannot draw as a list that wraps in a narrow column.

    Each reads "<place in the source's words>: <what it says>. <source>", the
    source linked to the report, then its note. Every piece is escaped text.
    """
    labels = city.actor_labels
    items = [
        f"<li><b>{html_text(city.place(place).words)}</b>: "
        f"{html_text(describe(status, labels.get(actor, ''), extent))}. "
        f"{link_html(url, source)}"
        f"{f'<br><small>{html_text(note)}</small>' if note else ''}</li>"
        for place, status, actor, extent, source, url, note in zip(
            unplaced["district_id"],
            unplaced["status"],
            unplaced["actor"],
            unplaced["extent"],
            unplaced["source"],
            unplaced["url"],
            unplaced["note"],
            strict=True,
        )
    ]
    return _list_html(items)


def unplaced_panel(city: City, day: date) -> None:
    """Reports of ``day`` whose place the source named but the map cannot draw."""
    # Most days have none: a set answers that for each slider step, where even
    # comparing the table's days (let alone taking no rows) costs pandas' overhead.
    if day not in city.unplaced_days:
        return
    unplaced = city.unplaced[city.unplaced["date"] == day]
    st.markdown("**Reports we could not place on the map**")
    st.html(unplaced_html(city, unplaced))
