"""A restarted server takes a city's checked reports from the kept table.

Each server gets a new, empty database, so it stores the city's reports again
from what loading the city gave. Between the servers the test writes a marker
into the kept table: the second server's popup can only show it if that server
took the table as kept instead of checking ``reports.csv`` again. An edited
``reports.csv`` is checked again: the third server shows the edit, not the marker.
A server restarted on the same database takes the reports it read back from the
table kept for the database's latest change, not from the database again (its
kept map bundle is removed first, so the map is drawn from those reports).
"""

from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from tests.conftest import TWO_SQUARES, report, write_city
from tests.e2e.conftest import MAP_FRAME, ROOT, start_streamlit
from ui.static_files import remove_generated

CITY = "keptcheck"
MARKER = "Kept table, not checked again"


@pytest.fixture
def cities(tmp_path: Path) -> Path:
    folder = tmp_path / "cities"
    write_city(
        folder / CITY,
        TWO_SQUARES,
        [report("r1", "2020-01-02", "west", "held", actor="red", source="Wire")],
    )
    yield folder
    for bundle in (ROOT / "static" / "generated").glob(f"{CITY}-*.json"):
        remove_generated(bundle)


def west_popup_text(page: Page, url: str) -> str:
    page.goto(f"{url}/?day=2020-01-02")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("body")).to_have_attribute(
        "data-frontline-day", "2020-01-02", timeout=60_000
    )
    frame.locator('path[data-district="west"]').click()
    popup = frame.locator(".leaflet-popup-content").last
    expect(popup).to_contain_text("West")
    return popup.inner_text()


def serve_once(page: Page, database: Path, cities: Path, cache: Path) -> str:
    server = start_streamlit(database, cities, FRONTLINE_CACHE_DIR=str(cache))
    try:
        return west_popup_text(page, next(server))
    finally:
        server.close()


def test_a_restarted_server_does_not_check_the_same_files_again(
    page: Page, cities: Path, tmp_path: Path
):
    cache = tmp_path / "cache"
    assert "Wire" in serve_once(page, tmp_path / "first.sqlite3", cities, cache)
    [table] = (cache / CITY).glob("*.reports.parquet")
    reports = pd.read_parquet(table)
    reports.loc[reports["report_id"] == "r1", "source"] = MARKER
    reports.to_parquet(table, index=False)

    assert MARKER in serve_once(page, tmp_path / "second.sqlite3", cities, cache)

    edited = pd.read_csv(
        cities / CITY / "reports.csv", dtype=str, keep_default_na=False
    )
    edited.loc[edited["report_id"] == "r1", "source"] = "Edited wire"
    edited.to_csv(cities / CITY / "reports.csv", index=False)
    shown = serve_once(page, tmp_path / "third.sqlite3", cities, cache)
    assert "Edited wire" in shown
    assert MARKER not in shown


def test_a_restarted_server_does_not_read_the_same_stored_reports_again(
    page: Page, cities: Path, tmp_path: Path
):
    cache, database = tmp_path / "cache", tmp_path / "same.sqlite3"
    assert "Wire" in serve_once(page, database, cities, cache)
    [table] = (cache / CITY).glob("*.stored.parquet")
    reports = pd.read_parquet(table)
    reports.loc[reports["report_id"] == "r1", "source"] = MARKER
    reports.to_parquet(table, index=False)
    for bundle in (ROOT / "static" / "generated").glob(f"{CITY}-*.json"):
        remove_generated(bundle)

    assert MARKER in serve_once(page, database, cities, cache)
