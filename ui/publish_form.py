"""Publishing: the form that pins a view to today's data, and what a snapshot shows.

The rules (what may be published, what changed since) are ``geo.snapshots``';
storing is ``storage.snapshots``'. This module only draws them: the Share
panel's form, a snapshot's heading and "as of" line, and an embed's credit line.
"""

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from urllib.parse import urlencode

import streamlit as st

from geo.city import City
from geo.days import format_day, parse_day
from geo.escaping import markdown_text
from geo.snapshots import (
    LIMITS,
    Publication,
    Snapshot,
    as_of_line,
    city_files,
    days_line,
    files_changed_line,
    filter_line,
    published_day,
    span_choices,
)
from geo.view_state import ViewChoices, ViewState, view_choices
from storage.access import NotAllowedError
from storage.snapshots import (
    ID_ALPHABET,
    ID_LENGTH,
    SnapshotRefusedError,
    newest_version,
    publish_snapshot,
    snapshot,
)
from ui import address, auth, city_cache, embed
from ui.database import database
from ui.messages import show_problems


def snapshot_query(found: Snapshot, *, embed: bool = False) -> str:
    """The query of a published map's link (an embed's ``src`` when ``embed``)."""
    query = {"city": found.publication.city, "snapshot": found.id}
    if embed:
        query["embed"] = "true"
    return urlencode(query)


def snapshot_link(found: Snapshot, *, embed: bool = False) -> str:
    """The full address of a published map, as seen from the map page."""
    return (
        f"{(st.context.url or '').split('?')[0]}?{snapshot_query(found, embed=embed)}"
    )


def embed_code(found: Snapshot) -> str:
    """What a story pastes: the published map without the dashboard, sized to fit."""
    return embed.embed_code(snapshot_link(found, embed=True), found.publication.title)


def opened_snapshot(city_name: str) -> Snapshot | None:
    """The snapshot the address names, or None for the live map.

    An id that names no snapshot gets a message and the live map; so does a
    snapshot of another city (the reader picked another one in the sidebar).
    """
    wanted = address.snapshot_id()
    if not wanted:
        return None
    well_formed = len(wanted) == ID_LENGTH and set(wanted) <= set(ID_ALPHABET)
    found = snapshot(database(), wanted) if well_formed else None
    if found is None:
        st.error(
            f"No published map has the id “{markdown_text(wanted)}”: check the "
            "link. The live map is shown instead."
        )
        return None
    return found if found.publication.city == city_name else None


def snapshot_choices(choices: ViewChoices, found: Snapshot | None) -> ViewChoices:
    """What the map page offers: a published span's days only, else every day."""
    if found is None or found.publication.span is None:
        return choices
    return span_choices(choices, *found.publication.span)


def _heading(title: str) -> None:
    """``title`` over the page and on its tab (plain text there, never markup)."""
    st.set_page_config(page_title=f"{title} · Frontline")
    st.title(markdown_text(title))


def page_heading(city: City, found: Snapshot | None) -> None:
    """The city's title on the live map; a snapshot's heading on a published one.

    The browser's tab (and a bookmark of a shared link) is named the same.
    """
    if found is None:
        _heading(city.title)
        return
    words = found.publication
    _heading(words.title)
    if words.subtitle:
        st.subheader(markdown_text(words.subtitle))
    if words.byline:
        st.caption(f"By {markdown_text(words.byline)}")
    if words.notes:
        st.markdown(markdown_text(words.notes))
    if found.replaced_by:
        newest = newest_version(database(), found)
        st.info(
            f"A newer version of this map exists (version {newest.version}, "
            f"{format_day(published_day(newest.published_at))}): "
            f"[open it]({snapshot_link(newest)})."
        )
    files_changed = files_changed_line(found.files, city_files(city.folder))
    if files_changed:
        st.info(files_changed)
    first, last = found.days
    changes = city_cache.changes_since(
        city_cache.city_version(words.city, found.data_sequence),
        city_cache.city_version(words.city),
        first,
        words.view.claimant,
        last if words.span else None,
    )
    if changes:
        count = f"{len(changes)} change{'s' if len(changes) != 1 else ''}"
        shown = days_line(first, last) if words.span else format_day(first)
        with st.expander(f"Updated since publication: {count} — see what changed"):
            st.markdown(
                "\n".join(f"- {markdown_text(line)}" for line in changes)
                + f"\n\nThis map still shows {shown} as it was published; "
                "the live map has the changes."
            )


def as_of_caption(day: date, found: Snapshot | None, view: ViewState) -> None:
    """E.g. "Situation on 1 Aug 2017 · as published 3 Aug 2017 · As claimed by …"."""
    parts = [as_of_line(day, found.published_at if found else None)]
    if filter_line(view.claimant):
        parts.append(filter_line(view.claimant))
    st.caption(markdown_text(" · ".join(parts)))


def credit_line(city: City) -> None:
    """The city's credits, as a story's embed carries them under the map.

    Last on an embed's page, it also keeps telling the story the page's height
    (an element with nothing to see: here it adds no gap between visible ones).
    """
    if city.credits:
        st.caption(f"Source: {markdown_text(city.credits)}")
    embed.report_height()


def publish_form(query: Mapping[str, str]) -> None:
    """For editors: publish the view ``query`` describes, pinned to today's data.

    On a snapshot (``query`` names one) the form publishes its next version.
    """
    if not auth.current_identity().can_edit:
        st.caption(
            "Editors can publish this view: a link and an embed that keep "
            "showing today's data after later changes."
        )
        return
    shown = snapshot(database(), query["snapshot"]) if "snapshot" in query else None
    words = shown.publication if shown else Publication(query["city"], ViewState(), "")
    heading = "Publish a new version" if shown else "Publish this view"
    spanned = st.toggle(
        "Publish a span of days",
        value=words.span is not None,
        key="publish_spanned",
        help="Readers get a timeline from the first to the last day only, "
        "instead of the day shown.",
    )
    with st.form("publish", border=True):
        st.markdown(f"**{heading}**")
        span = _span_inputs(words, query) if spanned else None
        title = st.text_input(
            "Title", words.title, max_chars=LIMITS["title"], key="publish_title"
        )
        subtitle = st.text_input(
            "Subtitle",
            words.subtitle,
            max_chars=LIMITS["subtitle"],
            key="publish_subtitle",
        )
        byline = st.text_input(
            "Byline", words.byline, max_chars=LIMITS["byline"], key="publish_byline"
        )
        notes = st.text_area(
            "Notes", words.notes, max_chars=LIMITS["notes"], key="publish_notes"
        )
        submitted = st.form_submit_button("Publish", type="primary")
    if submitted:
        typed = Publication(
            words.city, ViewState(), title, subtitle, byline, notes, span=span
        )
        _publish(query, shown, typed)


def _span_inputs(words: Publication, query: Mapping[str, str]) -> tuple[date, date]:
    """The first and last day to publish, picked among the city's days.

    They start as the published span, or else the city's first day and the day shown.
    """
    city = city_cache.city(words.city)
    first, last = words.span or (
        city.first_day,
        parse_day(query.get("day")) or city.default_day,
    )
    days = {"min_value": city.first_day, "max_value": city.last_day}
    left, right = st.columns(2)
    chosen_first = left.date_input(
        "First day", first, key="publish_first_day", format="DD/MM/YYYY", **days
    )
    chosen_last = right.date_input(
        "Last day", last, key="publish_last_day", format="DD/MM/YYYY", **days
    )
    return chosen_first, chosen_last


def _publish(
    query: Mapping[str, str], shown: Snapshot | None, words: Publication
) -> None:
    """Check and store the publication; say where it lives, or why it was refused."""
    version = city_cache.city_version(words.city)
    city = city_cache.city(words.city)
    day = parse_day(query.get("day"))
    if words.span and day:
        # A span opens on the day shown, or on its nearer end.
        day = min(max(day, words.span[0]), words.span[1])
    view = replace(
        view_choices(city).view_from(query),
        day=day,
        source=query.get("source", ""),
        source_type=query.get("source_type", ""),
    )
    try:
        published = publish_snapshot(
            database(),
            auth.current_identity(),
            city,
            replace(words, view=view),
            data_sequence=version.stored,
            replaces=newest_version(database(), shown).id if shown else None,
        )
    except SnapshotRefusedError as error:
        show_problems(error, "Nothing was published.", by_field=True)
        return
    except NotAllowedError as error:
        st.error(str(error))
        return
    st.success(
        f"Published “{markdown_text(published.publication.title)}” "
        f"(version {published.version}): {days_line(*published.days)}. "
        "The link keeps showing this data:"
    )
    st.code(snapshot_link(published), language=None)
    st.caption("For an iframe in a story:")
    st.code(embed_code(published), language="html")
