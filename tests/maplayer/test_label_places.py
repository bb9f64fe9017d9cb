"""Names on the map: which name each district's label writes, where, and the river's."""

import json

import pytest
import shapely

from geo.io import load_city
from geo.lookup import feature_at
from geo.maplayer.places import map_places, river_label
from geo.problems import CityDataError
from tests.conftest import CITY_TOML, feature, report, square, write_city

REPORTS = [report("r1", "2020-01-02", "west", "held", actor="blue")]
NAMED = [
    feature(
        "west",
        square(0, 0, size=0.02),
        name_en="al-Hadiqa (White Garden)",
        name_ar="الحديقة",
        aliases="Hadiqa; the garden",
    ),
    feature("east", square(0.02, 0, size=0.01), name_en="Eastside"),
]


def city_with(tmp_path, map_lines: str = "", features=NAMED, river=None):
    settings = CITY_TOML.replace("zoom = 12\n", f"zoom = 12\n{map_lines}")
    folder = write_city(tmp_path / "city", features, REPORTS, city_toml=settings)
    if river is not None:
        lines = {"type": "FeatureCollection", "features": [river]}
        (folder / "river.geojson").write_text(json.dumps(lines), encoding="utf-8")
    return load_city(folder)


def river_from(*coordinates: tuple[float, float]) -> dict:
    line = {"type": "LineString", "coordinates": [list(xy) for xy in coordinates]}
    return {"type": "Feature", "properties": {}, "geometry": line}


def test_labels_are_english_without_the_bracketed_gloss_by_default(tmp_path):
    places = map_places(city_with(tmp_path))

    labels = dict(zip(places["id"], places["label"], strict=True))
    assert labels == {"west": "al-Hadiqa", "east": "Eastside"}
    assert places["rtl"] == [False, False]


def test_local_labels_write_arabic_right_to_left_and_english_where_none(tmp_path):
    places = map_places(city_with(tmp_path, 'labels = "local"\n'))

    by_id = {
        district_id: (label, rtl)
        for district_id, label, rtl in zip(
            places["id"], places["label"], places["rtl"], strict=True
        )
    }
    assert by_id["west"] == ("الحديقة", True)
    assert by_id["east"] == ("Eastside", False)


def test_an_unknown_labels_setting_is_refused_in_words(tmp_path):
    with pytest.raises(CityDataError) as refused:
        city_with(tmp_path, 'labels = "arabic"\n')

    assert "city.toml (map, labels): 'arabic' is neither 'en'" in str(refused.value)


def test_a_hostile_name_is_escaped_in_the_label_but_kept_plain_for_search(tmp_path):
    hostile = "<img src=x onerror=alert`1`>"
    features = [feature("west", square(0, 0), name_en=hostile)]

    places = map_places(city_with(tmp_path, features=features))

    assert places["label"] == ["&lt;img src=x onerror=alert&#96;1&#96;&gt;"]
    assert places["search"][0][0] == hostile


def test_larger_districts_are_labelled_first_then_landmarks(tmp_path):
    features = [
        feature("small", square(0, 0, size=0.005)),
        feature(
            "tower",
            {"type": "Point", "coordinates": [0.03, 0.03]},
            kind="landmark",
            boundary="supplied",
        ),
        feature("large", square(0.01, 0, size=0.02)),
    ]
    reports = [report("r1", "2020-01-02", "small", "held", actor="blue")]
    folder = write_city(tmp_path / "city", features, reports)

    assert map_places(load_city(folder))["id"] == ["large", "small", "tower"]


def test_a_click_on_the_label_point_selects_the_district_not_a_landmark(tmp_path):
    # A landmark sits on the middle of the square, where its label would go.
    features = [
        feature("square", square(0, 0, size=0.01)),
        feature(
            "fountain",
            {"type": "Point", "coordinates": [0.005, 0.005]},
            kind="landmark",
            boundary="supplied",
        ),
    ]
    reports = [report("r1", "2020-01-02", "square", "held", actor="blue")]
    city = load_city(write_city(tmp_path / "city", features, reports))

    places = map_places(city)

    at = {
        district_id: (lat, lon)
        for district_id, lat, lon in zip(
            places["id"], places["lat"], places["lon"], strict=True
        )
    }
    lat, lon = at["square"]
    assert shapely.Point(lon, lat).within(city.districts.geometry["square"])
    assert feature_at(city.districts, lat, lon) == "square"
    assert at["fountain"] == (0.005, 0.005)


def test_search_names_hold_every_name_and_alias_once(tmp_path):
    places = map_places(city_with(tmp_path))

    search = dict(zip(places["id"], places["search"], strict=True))
    assert search["west"] == [
        "al-Hadiqa (White Garden)",
        "الحديقة",
        "Hadiqa",
        "the garden",
    ]


def test_the_river_is_named_along_its_course_when_the_city_names_it(tmp_path):
    rising = river_from((-0.01, -0.01), (0.04, 0.01))

    named = river_label(
        city_with(tmp_path, 'river_label = "Euphrates"\n', river=rising)
    )

    assert named is not None
    assert named["text"] == "Euphrates"
    assert named["rtl"] is False
    # Rising to the east: turned anticlockwise on screen, never upside down.
    assert -90 < named["angle"] < -5
    assert shapely.Point(named["lon"], named["lat"]).distance(
        shapely.LineString([(-0.01, -0.01), (0.04, 0.01)])
    ) == pytest.approx(0, abs=1e-6)


def test_the_river_is_not_named_without_a_river_label(tmp_path):
    flat = river_from((-0.01, -0.001), (0.04, -0.001))

    assert river_label(city_with(tmp_path, river=flat)) is None


def test_a_river_label_that_is_not_text_is_refused_in_words(tmp_path):
    with pytest.raises(CityDataError) as refused:
        city_with(tmp_path, "river_label = 3\n")

    assert "city.toml (map, river_label): 3 is not a name in quotes" in str(
        refused.value
    )
