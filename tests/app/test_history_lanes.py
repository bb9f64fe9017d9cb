"""The district history chart: a row for the map and each source, a line at the day."""

from datetime import date
from pathlib import Path

from geo.colours import FADED_OPACITY_SHARE
from geo.compare import ALL_SOURCES, history_of
from geo.io import load_city
from tests.conftest import TWO_SQUARES, report, write_city
from ui.charts import history_chart


def test_the_maps_lane_and_a_sources_lane_are_separate_rows(tmp_path: Path):
    reports = [report("r1", "2020-01-05", "west", "held", actor="blue")]
    city = load_city(write_city(tmp_path / "city", TWO_SQUARES, reports))

    spec = history_chart(city, history_of(city, "west"), date(2020, 1, 6)).to_dict()

    assert spec["height"] == {"step": 32}
    lanes = spec["layer"][0]["encoding"]["y"]["scale"]["domain"]
    assert lanes == [ALL_SOURCES, "Test source"]
    assert spec["layer"][1]["encoding"]["y"] == spec["layer"][0]["encoding"]["y"]


def test_a_line_across_every_lane_marks_the_day_the_map_shows(tmp_path: Path):
    reports = [report("r1", "2020-01-05", "west", "held", actor="blue")]
    city = load_city(write_city(tmp_path / "city", TWO_SQUARES, reports))

    spec = history_chart(city, history_of(city, "west"), date(2020, 1, 9)).to_dict()

    [rule] = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rule"]
    assert "y" not in rule["encoding"], "across every lane"
    [day] = spec["datasets"][rule["data"]["name"]]
    assert day["day"].startswith("2020-01-09")


def test_a_lane_pales_once_its_latest_report_is_over_14_days_old(tmp_path: Path):
    reports = [
        report("r1", "2020-01-01", "west", "held", actor="blue"),
        report("r2", "2020-01-30", "east", "held", actor="blue"),  # the city runs on
    ]
    city = load_city(write_city(tmp_path / "city", TWO_SQUARES, reports))

    spec = history_chart(city, history_of(city, "west"), date(2020, 1, 9)).to_dict()

    bars = spec["layer"][0]
    parts = [
        (row["drawn_from"][:10], row["drawn_until"][:10], row["reports_are"])
        for row in spec["datasets"][bars["data"]["name"]]
        if row["source"] == "Test source"
    ]
    assert parts == [
        ("2020-01-01", "2020-01-15", "recent"),
        ("2020-01-15", "2020-02-01", "over 14 days old"),  # the day after the last
    ]
    opacity = bars["encoding"]["opacity"]["scale"]
    assert dict(zip(opacity["domain"], opacity["range"], strict=True)) == {
        "recent": 1,
        "over 14 days old": FADED_OPACITY_SHARE,
    }
