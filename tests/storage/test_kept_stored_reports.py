"""Reports read back from the database are kept on disk per change, never mixed up.

A restarted server takes the reports kept for the database's latest change
instead of reading every one back, or brings an older kept table up to date
with only the reports changed since. Each test plants a marker in a kept table:
a result can only show it if it came from that table.
"""

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pandas as pd
import pytest

from geo.city import City
from geo.schema import REPORT_COLUMNS
from storage.database import data_version, open_database
from storage.reports import (
    add_reports,
    current_reports,
    seed_city,
    seed_of,
    set_retracted,
)
from tests.conftest import ROOT, report
from tests.storage.conftest import EDITOR
from tests.storage.test_changes_since import the_other_side_takes_r1
from tests.storage.test_concurrency import CHILD
from ui.city_store import seed_and_keep, stored_reports

MARKER = "Kept table, not read again"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FRONTLINE_CACHE_DIR", str(folder))
    return folder


def mark(cache: Path, city: City, report_id: str) -> None:
    """Change the one kept table as no database read would."""
    [table] = cache.glob(f"{city.folder.name}/*.stored.parquet")
    reports = pd.read_parquet(table)
    reports.loc[reports["report_id"] == report_id, "source"] = MARKER
    reports.to_parquet(table, index=False)


def source_of(reports: pd.DataFrame, report_id: str) -> str:
    return reports.set_index("report_id").loc[report_id, "source"]


def test_the_reports_of_the_same_change_are_not_read_again(
    seeded, city, database_url, cache
):
    change = data_version(seeded, city.name)
    first = stored_reports(seeded, city, change, database_url)
    assert first.equals(current_reports(seeded, city.name))
    mark(cache, city, "r1")

    again = stored_reports(seeded, city, change, database_url)

    assert source_of(again, "r1") == MARKER


def test_reports_kept_before_edits_are_brought_up_to_date(
    seeded, city, database_url, cache
):
    stored_reports(seeded, city, data_version(seeded, city.name), database_url)
    mark(cache, city, "r2")
    the_other_side_takes_r1(seeded, city)
    added = pd.DataFrame(
        [
            report("r3", "2020-01-08", "west", "contested"),
            report("r4", "2020-01-09", "east", "contested"),
        ],
        columns=REPORT_COLUMNS,
    )
    add_reports(seeded, EDITOR, city, added, origin="form")
    set_retracted(seeded, EDITOR, city, "r4", True, base_revision=1, reason="Denied")

    caught_up = stored_reports(
        seeded, city, data_version(seeded, city.name), database_url
    )

    fresh = current_reports(seeded, city.name)
    assert source_of(caught_up, "r2") == MARKER  # untouched: from the kept table
    caught_up.loc[caught_up["report_id"] == "r2", "source"] = source_of(fresh, "r2")
    assert caught_up.equals(fresh)
    assert caught_up["report_id"].tolist() == ["r1", "r2", "r3"]
    assert source_of(caught_up, "r1") == source_of(fresh, "r1")


def test_a_new_citys_first_reading_takes_its_seed_not_the_database(
    engine, city, database_url, cache
):
    seed_and_keep(engine, city, database_url, seed_of(city))
    mark(cache, city, "r1")

    first = stored_reports(engine, city, data_version(engine, city.name), database_url)

    assert source_of(first, "r1") == MARKER
    assert first.drop(columns="source").equals(
        current_reports(engine, city.name).drop(columns="source")
    )


def test_another_database_never_takes_the_kept_reports(city, tmp_path, cache):
    first_url = f"sqlite:///{tmp_path / 'first.sqlite3'}"
    second_url = f"sqlite:///{tmp_path / 'second.sqlite3'}"
    first, second = open_database(first_url), open_database(second_url)
    for engine in (first, second):
        seed_city(engine, city)
    change = data_version(first, city.name)
    assert data_version(second, city.name) == change
    stored_reports(first, city, change, first_url)
    mark(cache, city, "r1")

    from_second = stored_reports(second, city, change, second_url)

    assert source_of(from_second, "r1") != MARKER
    assert from_second.equals(current_reports(second, city.name))


def test_a_later_change_is_never_seen_before_an_earlier_one_commits(
    seeded, city, database_url
):
    """Caches named by change number rely on this (``data_version``).

    A child process stores a report and stalls before committing; another
    editor's report meanwhile must wait, not commit under a later number.
    """
    before = data_version(seeded, city.name)
    script = textwrap.dedent(CHILD)
    child = subprocess.Popen(
        [sys.executable, "-c", script, database_url, str(city.folder), "1"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    later = pd.DataFrame(
        [report("r9", "2020-01-08", "west", "contested")], columns=REPORT_COLUMNS
    )
    writer = threading.Thread(
        target=add_reports, args=(seeded, EDITOR, city, later), kwargs={"origin": "f"}
    )
    try:
        assert child.stdout.readline().strip() == "about to commit"
        writer.start()
        writer.join(timeout=2)
        assert writer.is_alive()
        assert data_version(seeded, city.name) == before
    finally:
        child.kill()
        child.wait()
    writer.join(timeout=30)
    assert not writer.is_alive()
    assert "r9" in set(current_reports(seeded, city.name)["report_id"])


def test_a_published_maps_older_change_never_takes_a_newer_kept_table(
    seeded, city, database_url, cache
):
    published = data_version(seeded, city.name)
    added = pd.DataFrame(
        [report("r3", "2020-01-08", "west", "contested")], columns=REPORT_COLUMNS
    )
    add_reports(seeded, EDITOR, city, added, origin="form")
    stored_reports(seeded, city, data_version(seeded, city.name), database_url)

    as_published = stored_reports(seeded, city, published, database_url)

    assert as_published.equals(
        current_reports(seeded, city.name, as_of_sequence=published)
    )
    assert "r3" not in set(as_published["report_id"])
