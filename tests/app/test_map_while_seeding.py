"""A new city's map is drawn from its files while its reports are being stored.

Storing a big city's ``reports.csv`` in a new database (its seed) takes seconds
(200 000 reports: 2-3 s). The map page does not wait for it: it draws the city
as its files give it (change 0), and once the seed is stored its change reads
as that one: the same bundle file, no patch, no new map. Each test holds the
database's write lock from another connection, as a slow disk or another
writer would, so the seed cannot finish before the page is drawn.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import streamlit as st

from app_pages.map import DRAWN_MAP_VERSION
from geo.compare import EVERY_SOURCE
from storage.reports import current_reports
from tests.app.conftest import day_shown, open_app
from ui import city_cache, map_component
from ui.database import database, database_at, latest_change

DAY = date(2017, 8, 1)


@contextmanager
def writes_held(database_url: str) -> Iterator[None]:
    """Keep every other writer of the SQLite database waiting until the end."""
    database_at(database_url)  # opened, as on a running server
    holder = sqlite3.connect(database_url.removeprefix("sqlite:///"))
    holder.isolation_level = None
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def bundle_names(version: city_cache.CityVersion) -> str:
    """The map page's rendered map of ``version``, as the text it sends the page."""
    rendered = map_component.rendered_map(
        version, EVERY_SOURCE, False, None, DAY, private=False
    )
    return repr(rendered.parts)


def test_the_map_is_drawn_while_the_seed_waits(database_url):
    with writes_held(database_url):
        app = open_app()

        assert day_shown(app) == DAY.isoformat()
        assert not app.exception
        drawn = app.session_state[DRAWN_MAP_VERSION]
        assert drawn.stored == 0
        assert latest_change("Raqqa", fresh=True) == 0
        assert current_reports(database(), "Raqqa").empty

    city_cache.city("raqqa")  # waits for the seed, as the Reports page does
    assert city_cache.city_version("raqqa").stored > 0
    drawn_from = city_cache.city_at(drawn).reports
    assert drawn_from.equals(current_reports(database(), "Raqqa"))


def test_the_seed_stored_keeps_the_map_drawn_from_the_files(database_url, generated):
    with writes_held(database_url):
        from_files = city_cache.city_version("raqqa", while_seeding=True)
        assert from_files.stored == 0
        first = bundle_names(from_files)
    (bundle,) = generated.glob("raqqa-*.json")
    assert bundle.name in first

    city_cache.city("raqqa")
    seeded = city_cache.city_version("raqqa")

    assert seeded.stored > 0
    # The map page reads the seed's change as the files' one: nothing made again.
    assert city_cache.city_version("raqqa", while_seeding=True) == from_files
    assert city_cache.change_number(from_files) == seeded.stored
    # And a page given the stored number gets the same map, unpatched.
    assert city_cache.kept_map_version(from_files, seeded) == from_files
    assert city_cache.kept_map_version(None, seeded) == from_files
    assert city_cache.map_patch(from_files, seeded, EVERY_SOURCE) is None

    # A restarted server, knowing nothing of the files' map, finds it kept.
    st.cache_resource.clear()
    city_cache._built.clear()
    city_cache._followed.clear()
    city_cache._newest.clear()
    city_cache._seeded.clear()
    city_cache._seed_changes.clear()
    bundle.unlink()
    bundle.with_suffix(".json.gz").unlink(missing_ok=True)
    bundle.write_text("kept")
    assert bundle.name in bundle_names(city_cache.city_version("raqqa"))
    assert bundle.read_text() == "kept"


def test_every_other_page_waits_for_the_seed(database_url, generated):
    """Pages that read the stored reports never find a city half stored."""
    with writes_held(database_url):
        bundle_names(city_cache.city_version("raqqa", while_seeding=True))
    reports = city_cache.city("raqqa").reports  # as the Reports page asks
    assert len(current_reports(database(), "Raqqa")) == len(reports) > 0
