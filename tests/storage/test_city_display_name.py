"""A city's name in the picker changes; the key of its stored reports does not.

Runs on SQLite and on a live PostgreSQL server (tests/storage/conftest.py). The
stored reports stay under ``name``, since report revisions are append-only.
"""

from dataclasses import replace

import pandas as pd

from geo.city_settings import display_name, file_digest, save_settings, settings_of
from geo.io import load_city
from geo.schema import REPORT_COLUMNS
from storage.reports import add_reports, current_reports, seed_city
from tests.conftest import CITY_TOML, TWO_SQUARES, report, write_city
from tests.storage.conftest import EDITOR


def shown_as(folder, name: str) -> list[str]:
    before = settings_of(load_city(folder))
    return [
        str(problem)
        for problem in save_settings(
            folder,
            before,
            replace(before, display_name=name),
            read_digest=file_digest(folder),
            editor="alice",
        )
    ]


def test_a_new_name_in_the_picker_keeps_every_stored_report(seeded, city):
    added = pd.DataFrame(
        [report("r3", "2020-01-08", "west", "held", actor="red")],
        columns=REPORT_COLUMNS,
    )
    add_reports(seeded, EDITOR, city, added, origin="form")

    problems = shown_as(city.folder, "Testville (north)")

    renamed = load_city(city.folder)
    assert problems == []
    assert display_name(city.folder) == "Testville (north)"
    assert (renamed.display_name, renamed.name) == ("Testville (north)", "Testville")
    assert seed_city(seeded, renamed) is None
    stored = current_reports(seeded, renamed.name)
    assert sorted(stored["report_id"]) == ["r1", "r2", "r3"]


def test_a_name_another_city_shows_is_refused_and_nothing_is_written(
    seeded, city, tmp_path
):
    write_city(
        tmp_path / "northville",
        TWO_SQUARES,
        [],
        CITY_TOML.replace('name = "Testville"', 'name = "Northville"'),
    )
    text = (city.folder / "city.toml").read_text(encoding="utf-8")

    problems = shown_as(city.folder, "northville")

    assert problems == [
        "city.toml (display_name): 'northville' is the name of the city in "
        "northville/ already; choose another"
    ]
    assert (city.folder / "city.toml").read_text(encoding="utf-8") == text
    assert display_name(city.folder) == "Testville"
    assert sorted(current_reports(seeded, city.name)["report_id"]) == ["r1", "r2"]
