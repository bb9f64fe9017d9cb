import json

import pandas as pd
import pytest

from geo.io import _read_reports, load_city
from geo.problems import CityDataError
from tests.conftest import TWO_SQUARES, feature, report, square, write_city


def problems_of(tmp_path, reports, features=TWO_SQUARES) -> str:
    with pytest.raises(CityDataError) as caught:
        load_city(write_city(tmp_path / "city", features, reports))
    return str(caught.value)


def test_valid_city_loads_in_wgs84_with_report_days(make_city):
    city = make_city(
        [
            report("r1", "2020-01-05", "west", "held", actor="blue"),
            report("r2", "2020-01-03", "east", "contested"),
        ]
    )

    assert city.districts.crs.to_epsg() == 4326
    assert list(city.districts.index) == ["west", "east"]
    assert [day.isoformat() for day in city.days] == ["2020-01-03", "2020-01-05"]


def test_unknown_district_names_the_row_and_suggests_a_name(tmp_path):
    message = problems_of(tmp_path, [report("r1", "2020-01-05", "wset", "contested")])

    assert "reports.csv (row 2, district_id): unknown district 'wset'" in message
    assert "did you mean west?" in message


def test_district_alias_resolves_to_its_id(make_city):
    features = [
        feature("west", square(0, 0), aliases="al-Gharb; Westside"),
        feature("east", square(1, 0)),
    ]

    city = make_city([report("r1", "2020-01-05", "Westside", "contested")], features)

    assert list(city.reports["district_id"]) == ["west"]


def test_every_problem_is_listed_in_one_error(tmp_path):
    message = problems_of(
        tmp_path,
        [
            report("r1", "05/01/2020", "west", "held", actor="green"),
            report("r1", "2020-03-01", "east", "taken", url="javascript:alert(1)"),
            report("r3", "2020-01-05", "east", "", kind="denial", denies="r9"),
        ],
    )

    assert "7 problems" in message
    assert "(row 2, date): '05/01/2020' is not an ISO date" in message
    assert "(row 2, actor): 'green' must be one of the city's actors" in message
    assert "(row 3, report_id): 'r1' is used by an earlier row" in message
    assert "(row 3, date): 2020-03-01 is outside the city's range" in message
    assert "(row 3, status): 'taken' is not one of" in message
    assert "(row 3, url): 'javascript:alert(1)' is not an http(s) address" in message
    assert "(row 4, denies): 'r9' is not a report id in this file" in message


def test_missing_column_is_named(tmp_path):
    folder = write_city(tmp_path / "city", TWO_SQUARES, [])
    (folder / "reports.csv").write_text("report_id,date\nr1,2020-01-02\n")

    with pytest.raises(
        CityDataError,
        match=r"header.*missing columns: "
        r"date_precision, district_id",
    ):
        load_city(folder)


def test_self_intersecting_polygon_is_repaired_and_noted(make_city):
    bowtie = {
        "type": "Polygon",
        "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]],
    }

    city = make_city([], [feature("west", bowtie), feature("east", square(1, 0))])

    assert city.districts.loc["west"].geometry.is_valid
    assert city.districts.loc["west"].geometry.area == pytest.approx(0.5)
    assert "feature 1 'west'" in city.repairs[0]
    assert "Self-intersection" in city.repairs[0]


def test_projected_coordinates_are_refused_by_feature(tmp_path):
    utm = feature("east", square(500000, 3980000, 500))

    message = problems_of(tmp_path, [], [feature("west", square(0, 0)), utm])

    assert "feature 2 'east', geometry" in message
    assert "projected" in message


def test_duplicate_ids_and_wrong_shapes_are_refused(tmp_path):
    point = {"type": "Point", "coordinates": [0.5, 0.5]}

    message = problems_of(
        tmp_path,
        [],
        [
            feature("west", square(0, 0)),
            feature("west", square(1, 0)),
            feature("hill", point),
        ],
    )

    assert "(feature 2 'west', id): 'west' is used by an earlier feature" in message
    assert "(feature 3 'hill', geometry): a district must be a" in message


def test_non_wgs84_crs_member_is_refused(tmp_path):
    folder = write_city(tmp_path / "city", TWO_SQUARES, [])
    path = folder / "districts.geojson"
    collection = json.loads(path.read_text())
    collection["crs"] = {"type": "name", "properties": {"name": "EPSG:32637"}}
    path.write_text(json.dumps(collection))

    with pytest.raises(CityDataError, match="must be WGS84 lon/lat, not EPSG:32637"):
        load_city(folder)


def test_broken_geojson_is_reported_not_crashed(tmp_path):
    folder = write_city(tmp_path / "city", TWO_SQUARES, [])
    (folder / "districts.geojson").write_text("[" * 100_000)

    with pytest.raises(CityDataError, match=r"districts\.geojson: is not readable"):
        load_city(folder)


def test_coordinates_written_as_text_are_refused_by_feature(tmp_path):
    text_square = {
        "type": "Polygon",
        "coordinates": [[[str(x), str(y)] for x, y in square(1, 0)["coordinates"][0]]],
    }

    message = problems_of(
        tmp_path, [], [feature("west", square(0, 0)), feature("east", text_square)]
    )

    assert "(feature 2 'east', geometry): has a coordinate written as text" in message


def test_latitude_beyond_90_is_named_as_swapped_axes(tmp_path):
    swapped = {"type": "Polygon", "coordinates": [[[0, 95], [1, 95], [1, 96], [0, 95]]]}

    message = problems_of(
        tmp_path, [], [feature("west", square(0, 0)), feature("east", swapped)]
    )

    assert "(feature 2 'east', geometry): latitude 96 is beyond ±90" in message
    assert "look swapped" in message


def test_polygon_without_area_is_refused_instead_of_kept_as_a_line(tmp_path):
    flat = {"type": "Polygon", "coordinates": [[[1, 0], [2, 0], [3, 0], [1, 0]]]}

    message = problems_of(
        tmp_path, [], [feature("west", square(0, 0)), feature("east", flat)]
    )

    assert "(feature 2 'east', geometry): is invalid" in message
    assert "has no area left once repaired" in message


@pytest.mark.parametrize("text", ["[]", '"districts"', '{"type": "Feature"}'])
def test_json_that_is_not_a_feature_collection_is_reported_not_crashed(tmp_path, text):
    folder = write_city(tmp_path / "city", TWO_SQUARES, [])
    (folder / "districts.geojson").write_text(text)

    with pytest.raises(CityDataError, match="is not a GeoJSON FeatureCollection"):
        load_city(folder)


def test_text_that_is_not_utf8_is_named_by_feature_and_property(tmp_path):
    folder = write_city(tmp_path / "city", TWO_SQUARES, [])
    path = folder / "districts.geojson"
    path.write_bytes(path.read_bytes().replace(b'"East"', b'"\xc7\xe1East"'))

    with pytest.raises(
        CityDataError, match=r"\(feature 2, name_en\): is not UTF-8 text \(bytes c7"
    ):
        load_city(folder)


def test_an_address_with_a_hidden_direction_mark_is_refused_and_shown_written_out(
    tmp_path,
):
    disguised = "https://example.org/\u202egnp.exe"
    message = problems_of(
        tmp_path, [report("r1", "2020-01-05", "west", "contested", url=disguised)]
    )

    assert "(row 2, url): 'https://example.org/<U+202E>gnp.exe' contains" in message
    assert "invisible formatting character (U+202E)" in message
    assert "\u202e" not in message


HEADER = "report_id,date,district_id,status\n"
REPORT_FILES = {
    "plain": HEADER + "r1,2020-01-05,west,held\n",
    "short row": HEADER + "r1,2020-01-05\n",
    "line of spaces": HEADER + "   \nr1,2020-01-05,west,held\n",
    "row with an extra cell": HEADER + "r1,2020-01-05,west,held,more\n",
    "newline in a quoted note": HEADER + 'r1,2020-01-05,west,"held\nstill"\n',
    "blank lines": HEADER + "\n\nr1,2020-01-05,west,held\n\n",
    "byte order mark": "\ufeff" + HEADER + "r1,2020-01-05,west,held\n",
    "Windows line ends": HEADER.replace("\n", "\r\n") + "r1,2020-01-05,west,held\r\n",
    "words pandas could take for missing": HEADER + "NA,null,NaN,None\n",
    "repeated column": "report_id,report_id,date\nr1,r2,2020-01-05\n",
    "quoted empty line": HEADER + '""\nr1,2020-01-05,west,held\n',
    "unclosed quote": HEADER + 'r1,"2020-01-05,west,held\n',
    "header only": HEADER,
}


@pytest.mark.parametrize("content", REPORT_FILES.values(), ids=REPORT_FILES)
def test_reports_csv_reads_exactly_as_pandas_own_reader_reads_it(tmp_path, content):
    (tmp_path / "reports.csv").write_text(content, encoding="utf-8")
    try:
        expected = pd.read_csv(
            tmp_path / "reports.csv", dtype=str, keep_default_na=False
        )
    except pd.errors.ParserError as error:
        expected = f"cannot be read: {error}"

    read = _read_reports(tmp_path)

    if isinstance(expected, str):
        assert read.message == expected
    else:
        pd.testing.assert_frame_equal(read, expected)


def test_a_reports_csv_not_in_utf8_is_refused_in_pandas_words(tmp_path):
    latin_1 = (HEADER + "r1,2020-01-05,café,held\n").encode("latin-1")
    (tmp_path / "reports.csv").write_bytes(latin_1)

    assert _read_reports(tmp_path).message.startswith("cannot be read: 'utf-8' codec")
