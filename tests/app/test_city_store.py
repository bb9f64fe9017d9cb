"""The checked city kept on disk: used again for the same files, never for others."""

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from geopandas.testing import assert_geodataframe_equal

from geo.io import load_city
from geo.problems import CityDataError
from tests.conftest import RAQQA, feature, report, square, write_city
from ui.city_store import KEPT_VERSIONS, checked_city

MARKER = "Kept table, not checked again"


@pytest.fixture
def city_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "cities" / "raqqa"
    shutil.copytree(RAQQA, folder)
    return folder


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FRONTLINE_CACHE_DIR", str(folder))
    return folder


def kept_tables(cache: Path) -> list[Path]:
    return sorted(cache.glob("raqqa/*.reports.parquet"))


def mark_kept_table(table: Path) -> None:
    """Change the kept table as no check of the city's files would."""
    reports = pd.read_parquet(table)
    reports.loc[0, "source"] = MARKER
    reports.to_parquet(table, index=False)


def kept_districts(cache: Path, city: str = "raqqa") -> list[Path]:
    return sorted(cache.glob(f"{city}/*.districts.parquet"))


def edit_first_source(folder: Path, source: str) -> None:
    reports = pd.read_csv(folder / "reports.csv", dtype=str, keep_default_na=False)
    reports.loc[0, "source"] = source
    reports.to_csv(folder / "reports.csv", index=False)


def test_the_same_files_are_not_checked_again(city_folder: Path, cache: Path):
    first = checked_city(city_folder, "sqlite:///unused")
    assert first.reports.equals(load_city(city_folder).reports)
    [table] = kept_tables(cache)
    mark_kept_table(table)

    again = checked_city(city_folder, "sqlite:///unused")

    assert MARKER in set(again.reports["source"])
    assert again.days == first.days


def test_the_same_districts_are_not_read_again(city_folder: Path, cache: Path):
    checked_city(city_folder, "sqlite:///unused")
    [table] = kept_districts(cache)
    districts = pd.read_parquet(table)
    districts.loc[0, "name_en"] = MARKER
    districts.to_parquet(table, index=False)

    again = checked_city(city_folder, "sqlite:///unused")

    assert MARKER in set(again.districts["name_en"])


def test_districts_read_back_are_the_checked_ones_with_their_repairs(
    tmp_path: Path, cache: Path
):
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]],
    }
    folder = write_city(
        tmp_path / "cities" / "tiny",
        [feature("west", bowtie), feature("east", square(1, 0), precision_m=None)],
        [report("r1", "2020-01-05", "west", "held", actor="blue")],
    )
    checked = load_city(folder)
    checked_city(folder, "sqlite:///unused")
    assert kept_districts(cache, "tiny")

    again = checked_city(folder, "sqlite:///unused")

    assert_geodataframe_equal(again.districts, checked.districts)
    assert list(again.districts.dtypes) == list(checked.districts.dtypes)
    assert again.districts.geometry.geom_equals_exact(
        checked.districts.geometry, 0
    ).all()
    assert again.repairs == checked.repairs
    assert "Self-intersection" in again.repairs[0]


@pytest.mark.parametrize("shape", [b"not a shape", None])
def test_a_kept_district_table_with_unreadable_shapes_is_checked_again(
    city_folder: Path, cache: Path, shape: bytes | None
):
    checked_city(city_folder, "sqlite:///unused")
    [table] = kept_districts(cache)
    districts = pd.read_parquet(table)
    districts["name_en"] = MARKER
    districts["geometry"] = districts["geometry"].astype(object)
    districts.loc[0, "geometry"] = shape
    districts.to_parquet(table, index=False)

    again = checked_city(city_folder, "sqlite:///unused")

    assert MARKER not in set(again.districts["name_en"])
    assert again.districts.geometry.equals(load_city(city_folder).districts.geometry)


def test_an_edited_file_is_checked_again(city_folder: Path, cache: Path):
    checked_city(city_folder, "sqlite:///unused")
    [table] = kept_tables(cache)
    mark_kept_table(table)
    edit_first_source(city_folder, "An edited source")

    edited = checked_city(city_folder, "sqlite:///unused")

    assert MARKER not in set(edited.reports["source"])
    assert "An edited source" in set(edited.reports["source"])
    assert len(kept_tables(cache)) == 2


def test_only_the_latest_versions_are_kept(city_folder: Path, cache: Path):
    for number in range(KEPT_VERSIONS + 2):
        edit_first_source(city_folder, f"Source version {number}")
        checked_city(city_folder, "sqlite:///unused")

    tables = kept_tables(cache)
    assert len(tables) == KEPT_VERSIONS
    newest = max(tables, key=lambda table: table.stat().st_mtime_ns)
    assert "Source version 4" in set(pd.read_parquet(newest)["source"])


def test_a_folder_others_may_write_to_is_not_trusted(city_folder: Path, cache: Path):
    (cache / "raqqa").mkdir(parents=True)
    os.chmod(cache, 0o777)

    city = checked_city(city_folder, "sqlite:///unused")

    assert kept_tables(cache) == []
    assert city.reports.equals(load_city(city_folder).reports)


def test_a_city_with_problems_is_not_kept(city_folder: Path, cache: Path):
    edit_first_source(city_folder, "")

    with pytest.raises(CityDataError, match="source"):
        checked_city(city_folder, "sqlite:///unused")

    assert kept_tables(cache) == []


def test_without_a_setting_the_tables_lie_beside_the_database(
    city_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("FRONTLINE_CACHE_DIR", raising=False)
    database = tmp_path / "db" / "frontline.sqlite3"

    checked_city(city_folder, f"sqlite:///{database}")

    assert kept_tables(database.parent / "cache")
    assert not list((Path(__file__).parents[2] / "static").rglob("*.parquet"))
