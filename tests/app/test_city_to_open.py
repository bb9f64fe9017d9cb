"""Which city a page opens: the one its address names, else the default, for everyone.

The map page, a page run on its own and the preparation ahead of a page all use
``settings.city_to_open``, so they never open different cities for one address.
"""

from pathlib import Path

import pytest

from ui.settings import city_to_open


def folder_of(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *names: str) -> None:
    for name in names:
        (tmp_path / name).mkdir()
        (tmp_path / name / "city.toml").write_text('name = "x"\n')
    monkeypatch.setenv("FRONTLINE_CITIES_DIR", str(tmp_path))


def test_the_named_city_when_the_folder_has_it(tmp_path, monkeypatch):
    folder_of(tmp_path, monkeypatch, "aleppo", "raqqa", "mosul")
    assert city_to_open("mosul") == "mosul"


def test_raqqa_first_when_no_known_city_is_named(tmp_path, monkeypatch):
    folder_of(tmp_path, monkeypatch, "aleppo", "raqqa", "mosul")
    assert city_to_open() == "raqqa"
    assert city_to_open("../mosul") == "raqqa"
    assert city_to_open("homs") == "raqqa"


def test_the_first_by_name_without_raqqa_and_none_without_cities(tmp_path, monkeypatch):
    folder_of(tmp_path, monkeypatch, "mosul", "aleppo")
    assert city_to_open("nowhere") == "aleppo"
    (tmp_path / "mosul" / "city.toml").unlink()
    (tmp_path / "aleppo" / "city.toml").unlink()
    assert city_to_open("aleppo") is None
