"""Hostile text may be a name or a note, never an id (issue 17, items 8 and 9).

Report and district ids reach page addresses, desk messages shown as Markdown and
the map script's lookup tables. Every entry point refuses an id outside
``[A-Za-z0-9._-]{1,64}`` and the names every JavaScript object has: a city's
files, the CSV import, the desk's storage call and the new-city builder's check.
"""

import json

import pandas as pd
import pytest

from geo.geometry import RawFeature, check_features
from geo.io import load_city
from geo.problems import CityDataError
from geo.report_csv import DateOrder, TextEncoding, check_import
from geo.schema import REPORT_COLUMNS
from storage.access import Identity, Role
from storage.database import open_database
from storage.reports import ReportsRefusedError, add_reports, current_reports
from tests.conftest import TWO_SQUARES, feature, report, square, write_city
from tests.security.corpus import SHORT_PAYLOADS

SCRIPT_NAMES = ("constructor", "toString", "__proto__")
"""Ids that broke the map script for every reader (issue 17, item 9)."""
MARKDOWN_IDS = (
    "https://evil.example/login",
    "![pixel](https://evil.example/p.gif)",
    "desk@evil.example",
)
"""Ids that became a live link or a tracking pixel in a desk message. (An id such as
``www.evil.example`` fits the alphabet: ``geo.escaping.markdown_text`` defuses it.)"""
HOSTILE_IDS = (*SCRIPT_NAMES, *MARKDOWN_IDS, *(p.text for p in SHORT_PAYLOADS))
EDITOR = Identity("editor", Role.EDITOR)


def problem_ids(error: CityDataError, field: str) -> list[str]:
    return [problem.location for problem in error.problems if problem.field == field]


def test_a_city_whose_districts_have_hostile_ids_is_refused_feature_by_feature(
    tmp_path,
):
    features = [
        feature(hostile, square(number, 0))
        for number, hostile in enumerate(HOSTILE_IDS)
    ]
    write_city(tmp_path / "city", features, [])

    with pytest.raises(CityDataError) as refused:
        load_city(tmp_path / "city")

    refusals = problem_ids(refused.value, "id")
    assert refusals == [f"feature {number + 1}" for number in range(len(HOSTILE_IDS))]


def test_a_hostile_district_id_is_never_repeated_whole_in_the_problem():
    long_id = "<img src=x onerror=alert(1)>" + "A" * 10_000
    raw = RawFeature("feature 1", {"id": long_id, "name_en": "A"}, None)

    checked = check_features([raw], "districts.geojson")

    (refusal,) = [p for p in checked.problems if p.field == "id"]
    assert refusal.location == "feature 1"
    assert len(refusal.message) < 200


def test_raqqa_style_ids_are_accepted(tmp_path):
    features = [
        feature("nazlat_shahada", square(0, 0)),
        feature("old-city.2", square(1, 0)),
    ]
    reports = [report("rq-065", "2020-01-02", "nazlat_shahada", "contested")]

    city = load_city(write_city(tmp_path / "city", features, reports))

    assert set(city.districts.index) == {"nazlat_shahada", "old-city.2"}


def test_a_city_whose_reports_have_hostile_ids_is_refused_row_by_row(tmp_path):
    reports = [
        report(hostile, "2020-01-02", "west", "contested") for hostile in HOSTILE_IDS
    ]
    write_city(tmp_path / "city", TWO_SQUARES, reports)

    with pytest.raises(CityDataError) as refused:
        load_city(tmp_path / "city")

    rows = [f"row {number + 2}" for number in range(len(HOSTILE_IDS))]
    assert problem_ids(refused.value, "report_id") == rows


def _csv(rows: list[dict]) -> bytes:
    return pd.DataFrame(rows, columns=REPORT_COLUMNS).to_csv(index=False).encode()


@pytest.fixture
def city(tmp_path):
    plain = [report("r1", "2020-01-02", "west", "contested")]
    return load_city(write_city(tmp_path / "city", TWO_SQUARES, plain))


@pytest.mark.parametrize("hostile", [*SCRIPT_NAMES, *MARKDOWN_IDS])
def test_the_csv_import_refuses_a_hostile_report_id(city, hostile):
    data = _csv([report(hostile, "2020-01-03", "east", "contested")])

    preview = check_import(
        data, encoding=TextEncoding.UTF_8, date_order=DateOrder.ISO, city=city
    )

    assert [problem.field for problem in preview.problems] == ["report_id"]


@pytest.mark.parametrize("hostile", [*SCRIPT_NAMES, *MARKDOWN_IDS])
def test_the_desk_stores_no_report_with_a_hostile_id(city, tmp_path, hostile):
    engine = open_database(f"sqlite:///{tmp_path / 'frontline.sqlite3'}")
    row = pd.DataFrame([report(hostile, "2020-01-03", "east", "contested")])

    with pytest.raises(ReportsRefusedError):
        add_reports(engine, EDITOR, city, row, origin="desk")

    assert current_reports(engine, city.name).empty


def test_the_hostile_test_city_keeps_its_payloads_out_of_ids(tmp_path):
    from tests.security.hostile_city import write_hostile_city

    hostile = write_hostile_city(tmp_path / "hostileville")

    city = load_city(hostile.folder)

    assert set(city.districts.index) == set(hostile.district_ids)
    names = json.dumps(list(city.districts["name_en"]), ensure_ascii=False)
    assert "pwned" in names
