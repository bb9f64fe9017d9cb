"""Which map a page shows after edits: the kept one patched, or past a bound a new one.

An edit touching a few districts is sent to a map as a patch; a new reader gets
the bundle the server already has, patched too. Edits touching more districts
than ``PATCHED_DISTRICTS_LIMIT`` in all get a new map instead, so a patch sent
with every step never grows without bound.
"""

from datetime import date

import pandas as pd
import pytest

from geo.compare import EVERY_SOURCE
from geo.io import load_city
from geo.schema import REPORT_COLUMNS
from storage.access import Identity, Role
from storage.reports import add_reports
from tests.conftest import report
from ui import city_cache, map_component
from ui.database import database_at

DAY = date(2017, 8, 1)

EDITOR = Identity("Another desk", Role.EDITOR, "password")


pytestmark = pytest.mark.usefixtures("generated")


def shown_version() -> city_cache.CityVersion:
    """The city's current version, read as a page run reads it."""
    version = city_cache.city_version("raqqa")
    city_cache.city("raqqa")
    return version


def store(cities_dir, database_url, districts: list[str]) -> None:
    """Another desk says each district is held by the SDF on 1 Aug 2017."""
    rows = pd.DataFrame(
        [
            report(f"edit-{district}", "2017-08-01", district, "held", actor="sdf")
            for district in districts
        ],
        columns=REPORT_COLUMNS,
    )
    city = load_city(cities_dir / "raqqa")
    add_reports(database_at(database_url), EDITOR, city, rows, origin="test")


def test_a_new_reader_after_an_edit_gets_the_kept_map_and_a_patch(
    cities_dir, database_url
):
    before = shown_version()
    map_component.rendered_map(before, EVERY_SOURCE, False, None, DAY, private=False)
    store(cities_dir, database_url, ["andalus"])
    after = shown_version()

    assert after.stored > before.stored
    assert city_cache.kept_map_version(None, after) == before
    patch = city_cache.map_patch(before, after, EVERY_SOURCE)
    assert set(patch["timeline"]) == {"andalus"}
    assert patch["change"] == after.stored


def test_edits_past_the_patch_bound_get_a_new_map(
    cities_dir, database_url, monkeypatch
):
    monkeypatch.setattr(city_cache, "PATCHED_DISTRICTS_LIMIT", 2)
    before = shown_version()
    map_component.rendered_map(before, EVERY_SOURCE, False, None, DAY, private=False)
    store(cities_dir, database_url, ["andalus", "badu"])
    two = shown_version()
    assert city_cache.kept_map_version(before, two) == before
    store(cities_dir, database_url, ["hurriya"])
    three = shown_version()

    assert city_cache.kept_map_version(before, three) == three
    assert city_cache.kept_map_version(None, three) == three
