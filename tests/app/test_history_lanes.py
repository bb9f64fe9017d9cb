"""The district history chart gives the map and each source a row of its own."""

from pathlib import Path

from geo.compare import ALL_SOURCES, history_of
from geo.io import load_city
from tests.conftest import TWO_SQUARES, report, write_city
from ui.charts import history_chart


def test_the_maps_lane_and_a_sources_lane_are_separate_rows(tmp_path: Path):
    reports = [report("r1", "2020-01-05", "west", "held", actor="blue")]
    city = load_city(write_city(tmp_path / "city", TWO_SQUARES, reports))

    spec = history_chart(city, history_of(city, "west")).to_dict()

    assert spec["height"] == {"step": 32}
    lanes = spec["layer"][0]["encoding"]["y"]["scale"]["domain"]
    assert lanes == [ALL_SOURCES, "Test source"]
    assert spec["layer"][1]["encoding"]["y"] == spec["layer"][0]["encoding"]["y"]
