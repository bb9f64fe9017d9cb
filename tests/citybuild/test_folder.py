"""Writing a new city's folder: whole and loadable, or not at all.

Every place, report and source here is made up for the tests.
"""

from datetime import date

import pytest

from geo.citybuild import (
    CitySettings,
    build_city,
    schematic_districts,
    target_problems,
    write_city_folder,
)
from geo.io import load_city
from geo.problems import CityDataError
from geo.resolution import control_on
from geo.schema import REPORT_COLUMNS
from tests.citybuild.testville import (
    OUTLINE_BOX,
    SETTINGS,
    outline,
    points,
    report_row,
    reports_file,
)


def test_built_folder_loads_and_its_control_is_resolved(tmp_path):
    reports = reports_file(
        report_row("t1", "2020-01-05", "North Quarter", "held", "blue"),
        report_row("t2", "2020-01-06", "الحي الشمالي", "contested"),
    )
    features = schematic_districts(points(), outline=outline(*OUTLINE_BOX))
    draft = build_city(features, SETTINGS, reports=reports)

    folder = write_city_folder(draft, tmp_path / "cities" / "testville")
    city = load_city(folder)

    assert city.name == "Testville"
    assert set(city.districts.index) == {"north", "south", "east", "west", "centre"}
    on_fifth = control_on(city, date(2020, 1, 5))
    assert (on_fifth.loc["north", "control"], on_fifth.loc["north", "actor"]) == (
        "held",
        "blue",
    )
    assert control_on(city, date(2020, 1, 6)).loc["north", "control"] == "contested"
    assert control_on(city, date(2020, 1, 6)).loc["south", "control"] == "unknown"
    assert sorted(path.name for path in (tmp_path / "cities").iterdir()) == [
        "testville"
    ]


def test_city_without_reports_gets_an_empty_reports_file(tmp_path):
    draft = build_city(schematic_districts(points(), buffer_m=600), SETTINGS)

    folder = write_city_folder(draft, tmp_path / "testville")

    assert (folder / "reports.csv").read_text().strip() == ",".join(REPORT_COLUMNS)
    assert load_city(folder).reports.empty


def test_nothing_is_written_while_problems_remain(tmp_path):
    draft = build_city(schematic_districts(points(), buffer_m=600), CitySettings("T"))

    with pytest.raises(CityDataError, match="first_day"):
        write_city_folder(draft, tmp_path / "t")

    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_or_city_name_is_refused(tmp_path):
    draft = build_city(schematic_districts(points(), buffer_m=600), SETTINGS)
    write_city_folder(draft, tmp_path / "testville")

    assert "already exists" in str(target_problems(tmp_path / "testville", "X")[0])
    assert "is already called 'Testville'" in str(
        target_problems(tmp_path / "other", "testville")[0]
    )
    with pytest.raises(CityDataError, match="already exists"):
        write_city_folder(draft, tmp_path / "testville")
