"""Tables for the graphics desk: control and front lines of one day, CSV and GeoJSON.

Tiny cities are one-degree squares near the equator (tests/conftest.py); texts
and labels written here are test texts. Raqqa checks use its bundled reports.
"""

import codecs
import csv
import io
import json
from datetime import date

import pytest
from pyproj import Geod

from geo.export import (
    control_csv,
    control_geojson,
    control_table,
    frontline_csv,
    frontline_geojson,
)
from tests.conftest import CITY_TOML, TWO_SQUARES, feature, report, square

THREE_SQUARES = [
    feature("west", square(0, 0), name_ar="الغربي"),  # made-up Arabic test name
    feature("east", square(1, 0)),
    feature("north", square(0, 1)),
]
TEST_REPORTS = [
    report("r1", "2020-01-02", "west", "held", actor="blue"),
    report("r2", "2020-01-04", "west", "held", actor="red", extent="partial"),
    report("r3", "2020-01-03", "east", "contested", source="=test source"),
    report("r4", "2020-01-03", "east", "held", actor="blue"),
    report("r5", "2020-01-05", "west", "", kind="denial", denies="r2"),
]


def test_control_geojson_has_one_feature_per_district_with_its_control(make_city):
    city = make_city(TEST_REPORTS, THREE_SQUARES)

    collection = json.loads(control_geojson(city, date(2020, 1, 4)))

    assert collection["type"] == "FeatureCollection"
    assert collection["city"] == "Testville"
    assert collection["day"] == "2020-01-04"
    assert collection["credits"] == "Test data"
    assert collection["boundaries"].startswith("Schematic boundaries")
    features = {item["id"]: item for item in collection["features"]}
    assert set(features) == {"west", "east", "north"}
    west = features["west"]["properties"]
    assert (west["control"], west["actor"], west["extent"]) == (
        "held",
        "red",
        "partial",
    )
    assert west["actor_label"] == "Red army"
    assert west["name_ar"] == "الغربي"
    assert (west["as_of"], west["days_since_report"]) == ("2020-01-04", 0)
    east = features["east"]["properties"]
    assert east["control"] == "disputed"
    assert east["deciding_reports"] == ["r3", "r4"]
    assert east["deciding_sources"] == ["=test source", "Test source"]
    assert east["days_since_report"] == 1
    north = features["north"]["properties"]
    assert (north["control"], north["as_of"], north["deciding_reports"]) == (
        "unknown",
        None,
        [],
    )
    assert features["north"]["geometry"]["type"] == "Polygon"


def test_a_denial_shows_as_a_dispute_and_a_retraction_as_withdrawn(make_city):
    retraction = report("r6", "2020-01-06", "west", "", kind="retraction", denies="r2")
    city = make_city([*TEST_REPORTS, retraction], THREE_SQUARES)

    disputed = control_table(city, date(2020, 1, 5)).set_index("district_id")
    withdrawn = control_table(city, date(2020, 1, 6)).set_index("district_id")

    assert disputed.loc["west", "control"] == "disputed"
    assert disputed.loc["west", "deciding_reports"] == ("r2",)
    assert disputed.loc["west", "disputed_by"] == ("r5",)
    assert withdrawn.loc["west", "control"] == "held"
    assert withdrawn.loc["west", "actor"] == "blue"
    assert withdrawn.loc["west", "retracted_reports"] == ("r2",)
    assert withdrawn.loc["west", "days_since_report"] == 4


def test_control_csv_is_utf8_with_bom_and_neutralises_formulas(make_city):
    city = make_city(TEST_REPORTS, THREE_SQUARES)

    data = control_csv(city, date(2020, 1, 4))

    assert data.startswith(codecs.BOM_UTF8)
    rows = {
        row["district_id"]: row
        for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    }
    assert rows["east"]["deciding_sources"] == "'=test source | Test source"
    assert rows["east"]["deciding_reports"] == "r3 r4"
    assert rows["west"]["name_ar"] == "الغربي"
    assert rows["north"]["days_since_report"] == ""


def test_raqqa_on_1_august_2017_follows_its_reports(raqqa):
    collection = json.loads(control_geojson(raqqa, date(2017, 8, 1)))
    features = {item["id"]: item["properties"] for item in collection["features"]}

    assert len(collection["features"]) == len(raqqa.districts)
    # Nazlat al-Shahada: rq-065 (the SDF's Mustafa Bali via Syria Direct, 1 Aug)
    # denies the SOHR reports rq-064 and rq-069 of that day: a dispute, all listed.
    nazlat = features["nazlat_shahada"]
    assert nazlat["control"] == "disputed"
    assert sorted(nazlat["deciding_reports"]) == ["rq-064", "rq-065", "rq-069"]
    assert nazlat["disputed_by"] == ["rq-065"]
    assert nazlat["retracted_reports"] == []
    assert (
        "Syria Direct, quoting SDF media head Mustafa Bali"
        in (nazlat["deciding_sources"])
    )
    # al-Sinaa: the last reports up to then are SOHR's statement of 24 July about
    # eight districts the SDF held in full (rq-058b) and Wikipedia's list of the
    # same day (rq-062b): both say held by the SDF.
    sinaa = features["sinaa"]
    assert (sinaa["control"], sinaa["actor"]) == ("held", "sdf")
    assert (sinaa["as_of"], sinaa["days_since_report"]) == ("2017-07-24", 8)
    assert sinaa["deciding_reports"] == ["rq-058b", "rq-062b"]
    assert collection["credits"].startswith("Frontline, from public reports")


# Front lines


def test_two_squares_of_two_actors_meet_along_one_line(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="blue"),
            report("r2", "2020-01-02", "east", "held", actor="red"),
        ],
        TWO_SQUARES,
    )
    shared_edge_m = Geod(ellps="WGS84").line_length([1, 1], [0, 1])

    collection = json.loads(frontline_geojson(city, date(2020, 1, 2)))

    assert collection["day"] == "2020-01-02"
    assert collection["boundaries"].startswith("Schematic boundaries")
    [line] = collection["features"]
    properties = line["properties"]
    assert (properties["side_a"], properties["side_b"]) == ("blue", "red")
    assert properties["side_a_label"] == "Blue army"
    assert properties["length_km"] == round(shared_edge_m / 1000, 1)
    assert properties["caveat"].startswith("Approximate: measured on schematic")
    coordinates = line["geometry"]["coordinates"]
    longitudes = [point[0] for point in coordinates]
    latitudes = sorted(point[1] for point in coordinates)
    assert longitudes == pytest.approx([1.0] * len(coordinates))
    assert (latitudes[0], latitudes[-1]) == pytest.approx((0.0, 1.0))


def test_frontline_csv_lists_the_sides_and_neutralises_formula_labels(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="blue"),
            report("r2", "2020-01-02", "east", "held", actor="red"),
        ],
        city_toml=CITY_TOML.replace('label = "Red army"', 'label = "=Red army"'),
    )

    data = frontline_csv(city, date(2020, 1, 2))

    [row] = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert (row["side_a"], row["side_b"]) == ("blue", "red")
    assert row["side_b_label"] == "'=Red army"
    assert row["length_km"] == "110.6"
    assert row["caveat"].startswith("Approximate")


def test_no_front_on_a_day_when_only_one_side_holds(make_city):
    city = make_city([report("r1", "2020-01-02", "west", "held", actor="blue")])

    collection = json.loads(frontline_geojson(city, date(2020, 1, 2)))
    rows = list(
        csv.reader(
            io.StringIO(frontline_csv(city, date(2020, 1, 2)).decode("utf-8-sig"))
        )
    )

    assert collection["features"] == []
    assert rows == [
        [
            "day",
            "side_a",
            "side_a_label",
            "side_b",
            "side_b_label",
            "length_km",
            "caveat",
        ]
    ]
