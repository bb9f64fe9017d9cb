"""The worker that prepares a city ahead of its page: each city queued at most once."""

import gc
import time
from pathlib import Path

import pytest

from tests.conftest import TWO_SQUARES, report, write_city
from ui import prepare_ahead
from ui.background import wait_for_every_worker
from ui.static_files import GENERATED_DIR, remove_generated

CITY = "queueville"


@pytest.fixture
def cities(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cities"
    write_city(
        folder / CITY,
        TWO_SQUARES,
        [
            report(f"r{day}", f"2020-01-{day:02}", "west", "held", actor="red")
            for day in range(1, 29)
        ],
    )
    monkeypatch.setenv("FRONTLINE_CITIES_DIR", str(folder))
    monkeypatch.setenv("FRONTLINE_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    monkeypatch.setenv("FRONTLINE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("FRONTLINE_PRIVATE", raising=False)
    yield folder
    for bundle in GENERATED_DIR.glob(f"{CITY}-*.json"):
        remove_generated(bundle)


def wait_for_bundle() -> Path:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if bundles := sorted(GENERATED_DIR.glob(f"{CITY}-*.json")):
            return bundles[0]
        time.sleep(0.05)
    pytest.fail("the city was not prepared within 60 s")


def test_a_city_is_queued_once_however_often_its_page_is_asked_for(cities: Path):
    assert prepare_ahead.prepare_soon(CITY)
    asked_again = [prepare_ahead.prepare_soon(CITY) for _ in range(100)]

    wait_for_bundle()

    assert not any(asked_again)
    deadline = time.monotonic() + 10
    while not prepare_ahead.prepare_soon(CITY):  # queued again once it is done
        assert time.monotonic() < deadline, "the city stayed queued after its work"
        time.sleep(0.05)


def test_a_name_that_is_no_city_of_the_folder_is_not_queued(cities: Path):
    assert not prepare_ahead.prepare_soon("../queueville")
    assert not prepare_ahead.prepare_soon("nowhere")


def test_a_private_desk_prepares_nothing_before_a_login(
    cities: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    monkeypatch.setenv("FRONTLINE_PRIVATE", "true")

    prepare_ahead.prepare(CITY, {})

    assert not (tmp_path / "db.sqlite3").exists()
    assert not list(GENERATED_DIR.glob(f"{CITY}-*.json"))


def test_a_first_map_made_ahead_is_made_without_a_garbage_scan(cities: Path):
    wait_for_every_worker()
    scans = []
    gc.callbacks.append(lambda phase, info: scans.append(info["generation"]))
    try:
        prepare_ahead.prepare(CITY, {})
    finally:
        gc.callbacks.pop()
        gc.unfreeze()

    assert wait_for_bundle().exists()
    assert scans == []
    wait_for_every_worker()  # the seed stored after it, without scans too
    assert gc.isenabled()
