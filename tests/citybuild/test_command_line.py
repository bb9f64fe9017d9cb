"""``python -m scripts.new_city`` writes a city that loads, or prints every problem.

Every place here is made up for the tests.
"""

import subprocess
import sys

from geo.io import load_city
from tests.citybuild.testville import POINTS_CSV, blocks
from tests.conftest import ROOT


def run_cli(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scripts.new_city", *map(str, arguments)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_command_line_writes_a_city_that_loads(tmp_path):
    (tmp_path / "places.csv").write_text(POINTS_CSV, encoding="utf-8")

    result = run_cli(
        tmp_path / "testville",
        "--points",
        tmp_path / "places.csv",
        "--buffer-m",
        "600",
        "--first-day",
        "2020-01-01",
        "--last-day",
        "2020-01-31",
        "--actor",
        "blue=Blue army",
    )

    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stdout
    assert "5 districts" in result.stdout
    city = load_city(tmp_path / "testville")
    assert [actor.label for actor in city.actors] == ["Blue army"]


def test_command_line_prints_every_problem_and_writes_nothing(tmp_path):
    (tmp_path / "places.csv").write_text(
        POINTS_CSV + "pole,Pole,,,95,39.01\n", encoding="utf-8"
    )

    result = run_cli(
        tmp_path / "testville", "--points", tmp_path / "places.csv", "--buffer-m", "600"
    )

    assert result.returncode == 2
    assert "places.csv (row 7 'pole', lat): 95 is outside -90..90" in result.stderr
    assert "city settings (first_day): no reports to take it from" in result.stderr
    assert "(actors): none given" in result.stderr
    assert not (tmp_path / "testville").exists()


def test_command_line_help_lists_both_ways_in():
    result = run_cli("--help")

    assert result.returncode == 0
    assert "--districts" in result.stdout
    assert "--points" in result.stdout


def test_command_line_takes_a_stated_street_width_and_refuses_a_nonsense_one(tmp_path):
    (tmp_path / "blocks.geojson").write_bytes(blocks(street_m=8))
    common = (
        "--districts",
        tmp_path / "blocks.geojson",
        "--id-property",
        "code",
        "--name-property",
        "label",
        "--first-day",
        "2020-01-01",
        "--last-day",
        "2020-01-31",
        "--actor",
        "blue=Blue army",
    )

    refused = run_cli(tmp_path / "wide", *common, "--street-width-m", "900")
    stated = run_cli(tmp_path / "testville", *common, "--street-width-m", "8")

    assert refused.returncode == 2
    assert "city settings (street_width_m): 900 m is not a street width" in (
        refused.stderr
    )
    assert not (tmp_path / "wide").exists()
    assert stated.returncode == 0, stated.stderr
    assert "note: Street width as stated: 8 m" in stated.stdout
    assert load_city(tmp_path / "testville").street_width_m == 8
