"""Bring your own city: boundary files in any CRS, schematic districts from points.

Every place, name and coordinate here is made up for the tests (Testville sits on
the central meridian of UTM zone 37N so its projected coordinates are exact).
"""

import csv
import io
import json
import math
import subprocess
import sys
import zipfile
from datetime import date

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import box

from geo.citybuild.builder import (
    MAX_FEATURES,
    MAX_SOURCE_BYTES,
    CitySettings,
    PropertyNames,
    SourceFile,
    build_city,
    overlap_problems,
    read_boundaries,
    schematic_districts,
    target_problems,
    write_city_folder,
)
from geo.colours import ACTOR_PALETTE, CONTESTED_COLOUR, DISPUTED_COLOURS
from geo.frontline import metric_crs
from geo.geometry import WGS84
from geo.io import load_city
from geo.problems import CityDataError
from geo.report_csv import TextEncoding
from geo.resolution import control_on
from geo.schema import REPORT_COLUMNS
from tests.conftest import ROOT

EARTH_RADIUS_M = 6_378_137.0  # the sphere of Web Mercator (EPSG:3857)
NAMES = PropertyNames("code", "label", "local")
GEOJSON_NAMES = PropertyNames("code", "label")
SETTINGS = CitySettings(
    "Testville",
    first_day=date(2020, 1, 1),
    last_day=date(2020, 1, 31),
    actors=(("blue", "Blue army"),),
)
# Five made-up places about 1 km apart near 0.01 N, 39.01 E.
POINTS_CSV = """id,name_en,name_ar,aliases,lat,lon
north,North Quarter,الحي الشمالي,Shamal,0.0190,39.0100
south,South Quarter,,,0.0010,39.0100
east,East Quarter,,Sharq; Eastside,0.0100,39.0190
west,West Quarter,,,0.0100,39.0010
centre,Centre,,,0.0100,39.0100
"""
OUTLINE_BOX = (39.0, 0.0, 39.02, 0.02)


def collection(*features: dict, crs: str | None = None) -> bytes:
    content: dict = {"type": "FeatureCollection", "features": list(features)}
    if crs:
        content["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(content, ensure_ascii=False).encode("utf-8")


def polygon_feature(code: str, ring: list, **properties: object) -> dict:
    return {
        "type": "Feature",
        "properties": {"code": code, "label": code.title(), **properties},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def square_ring(x: float, y: float, size: float = 0.01) -> list:
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]


def two_squares(*extra: dict) -> bytes:
    return collection(
        polygon_feature("a", square_ring(39.0, 0.0)),
        polygon_feature("b", square_ring(39.01, 0.0)),
        *extra,
    )


def boundaries(data: bytes, name: str = "testville.geojson", **options: str):
    return read_boundaries([SourceFile(name, data)], GEOJSON_NAMES, **options)


def messages(checked) -> str:
    return "\n".join(str(problem) for problem in checked.problems)


def frame_of_testville(crs: str) -> gpd.GeoDataFrame:
    """Two 1 km squares east of (500000, 0) in UTM 37N, in ``crs``."""
    utm = gpd.GeoDataFrame(
        {"code": ["a", "b"], "label": ["Alpha", "Beta"], "local": ["ألف", "باء"]},
        geometry=[box(500_000, 0, 501_000, 1000), box(501_000, 0, 502_000, 1000)],
        crs="EPSG:32637",
    )
    return utm.to_crs(crs)


def first_corner(checked, district_id: str) -> tuple[float, float]:
    ring = checked.districts.loc[district_id].geometry.exterior.coords
    return min(ring)


def mercator(lon: float, lat: float) -> tuple[float, float]:
    """Web Mercator metres of a lon/lat, from its defining formula (not pyproj)."""
    x = EARTH_RADIUS_M * math.radians(lon)
    y = EARTH_RADIUS_M * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return x, y


def test_geopackage_in_web_mercator_is_reprojected_to_lon_lat(tmp_path):
    west, south = mercator(39.0, 36.0)
    east, north = mercator(39.01, 36.01)
    frame = gpd.GeoDataFrame(
        {"code": ["a"], "label": ["Alpha"], "local": ["ألف"]},
        geometry=[box(west, south, east, north)],
        crs="EPSG:3857",
    )
    frame.to_file(tmp_path / "testville.gpkg")

    checked = read_boundaries(
        [SourceFile("testville.gpkg", (tmp_path / "testville.gpkg").read_bytes())],
        NAMES,
    )

    assert not checked.problems
    assert first_corner(checked, "a") == pytest.approx((39.0, 36.0), abs=1e-6)
    row = checked.districts.loc["a"]
    assert (row.name_en, row.name_ar, row.boundary) == ("Alpha", "ألف", "supplied")
    assert "testville.gpkg (EPSG:3857)" in row.boundary_method


def shapefile_parts(tmp_path, frame: gpd.GeoDataFrame) -> list[SourceFile]:
    frame.to_file(tmp_path / "testville.shp", encoding="utf-8")
    return [
        SourceFile(path.name, path.read_bytes())
        for path in sorted(tmp_path.glob("testville.*"))
    ]


def zipped(parts: list[SourceFile]) -> SourceFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part in parts:
            archive.writestr(f"testville/{part.name}", part.data)
    return SourceFile("testville.zip", buffer.getvalue())


def test_zipped_shapefile_in_utm_is_reprojected_to_lon_lat(tmp_path):
    parts = shapefile_parts(tmp_path, frame_of_testville("EPSG:32637"))

    checked = read_boundaries([zipped(parts)], NAMES)

    assert not checked.problems
    # Easting 500000 is the zone's central meridian (39 E); northing 0 the equator.
    assert first_corner(checked, "a") == pytest.approx((39.0, 0.0), abs=1e-9)
    assert checked.districts.loc["b"].geometry.bounds[0] == pytest.approx(
        first_corner(checked, "a")[0] + 1000 / 111_319.49, rel=1e-3
    )
    assert checked.districts.loc["a"].name_ar == "ألف"


def test_shapefile_without_a_crs_is_refused_until_one_is_stated(tmp_path):
    parts = [
        part
        for part in shapefile_parts(tmp_path, frame_of_testville("EPSG:32637"))
        if not part.name.endswith(".prj")
    ]

    refused = read_boundaries(parts, NAMES)
    stated = read_boundaries(parts, NAMES, stated_crs="EPSG:32637")

    assert "testville.shp (crs): does not say its coordinate reference system" in (
        messages(refused)
    )
    assert refused.districts.empty
    assert not stated.problems
    assert first_corner(stated, "a") == pytest.approx((39.0, 0.0), abs=1e-9)


def test_shapefile_missing_its_index_file_says_which_file_is_needed(tmp_path):
    parts = shapefile_parts(tmp_path, frame_of_testville("EPSG:32637"))

    checked = read_boundaries(
        [part for part in parts if not part.name.endswith(".shx")], NAMES
    )

    assert "testville.shp: needs testville.shx beside it" in messages(checked)


def test_shapefile_text_that_is_not_utf8_is_named_by_feature_and_field(tmp_path):
    frame = frame_of_testville("EPSG:32637")
    frame.to_file(tmp_path / "testville.shp", encoding="cp1256")
    parts = [
        SourceFile(path.name, path.read_bytes())
        for path in sorted(tmp_path.glob("testville.*"))
        if path.suffix != ".cpg"
    ]

    checked = read_boundaries(parts, NAMES)

    text = messages(checked)
    assert "testville.shp (feature 1, local): is not utf-8 text (bytes" in text
    assert "no .cpg file" in text
    assert "(feature 2, local)" in text


def test_a_property_the_file_lacks_is_named_with_the_ones_it_has():
    checked = read_boundaries(
        [SourceFile("testville.geojson", two_squares())],
        PropertyNames("code", "NAME_EN"),
    )

    assert (
        "testville.geojson (name_en): is to come from property 'NAME_EN', which "
        "the file does not have; it has: code, label"
    ) in messages(checked)


def test_self_intersecting_polygon_is_repaired_with_a_note():
    bowtie = [[39.0, 0.0], [39.01, 0.01], [39.01, 0.0], [39.0, 0.01], [39.0, 0.0]]

    checked = boundaries(
        collection(
            polygon_feature("a", bowtie), polygon_feature("b", square_ring(39.01, 0))
        )
    )

    assert not checked.problems
    assert checked.districts.loc["a"].geometry.is_valid
    assert (
        "(feature 1 'a'): repaired invalid geometry (Self-intersection"
        in (checked.repairs[0])
    )


def test_polygon_with_no_area_is_refused_not_repaired():
    flat = [[39.0, 0.0], [39.01, 0.0], [39.02, 0.0], [39.0, 0.0]]

    checked = boundaries(two_squares(polygon_feature("c", flat)))

    assert "(feature 3 'c', geometry): is invalid (" in messages(checked)
    assert "has no area left once repaired" in messages(checked)


def test_overlapping_districts_are_named_both():
    overlapping = polygon_feature("c", square_ring(39.005, 0.0))

    checked = boundaries(two_squares(overlapping))

    text = messages(checked)
    assert "(feature 1 'a', geometry): overlaps feature 3 'c' by" in text
    assert "(feature 2 'b', geometry): overlaps feature 3 'c' by" in text
    assert "50% of the smaller" in text


def test_a_sliver_along_a_shared_edge_is_not_an_overlap():
    sliver = 1e-5  # about 1 m of longitude
    neighbour = square_ring(39.01 - sliver, 0.0)

    checked = boundaries(
        collection(
            polygon_feature("a", square_ring(39.0, 0.0)),
            polygon_feature("b", neighbour),
        )
    )

    assert not checked.problems


def test_duplicate_ids_and_empty_geometries_are_named():
    empty = {
        "type": "Feature",
        "properties": {"code": "c", "label": "C"},
        "geometry": {"type": "Polygon", "coordinates": []},
    }

    checked = boundaries(two_squares(polygon_feature("a", square_ring(39, 1)), empty))

    text = messages(checked)
    assert "(feature 3 'a', id): 'a' is used by an earlier feature" in text
    assert "(feature 4 'c', geometry): is empty" in text


def test_latitude_beyond_90_says_latitude_and_longitude_look_swapped():
    swapped = polygon_feature("c", [[y, x] for x, y in square_ring(95.0, 39.0)])

    checked = boundaries(two_squares(swapped))

    assert "(feature 3 'c', geometry): latitude 95.01 is beyond ±90" in (
        messages(checked)
    )
    assert "look swapped" in messages(checked)


def test_one_district_with_swapped_axes_is_found_far_from_the_others():
    swapped = polygon_feature("c", [[y, x] for x, y in square_ring(39.02, 0.0)])

    checked = boundaries(two_squares(swapped))

    assert "(feature 3 'c', geometry): lies 5,868 km from the middle" in (
        messages(checked)
    )
    assert "latitude and longitude look swapped" in messages(checked)


def test_projected_coordinates_in_a_file_claiming_wgs84_are_refused():
    metres = polygon_feature("c", square_ring(500_000, 3_980_000, 500))

    checked = boundaries(two_squares(metres))

    assert "(feature 3 'c', geometry): coordinates such as (500000, 3980000) look " in (
        messages(checked)
    )
    assert "projected" in messages(checked)


def test_geojson_with_a_projected_crs_member_is_reprojected():
    frame = frame_of_testville("EPSG:32637")
    features = json.loads(frame.to_json())["features"]

    checked = read_boundaries(
        [SourceFile("t.geojson", collection(*features, crs="EPSG:32637"))], NAMES
    )

    assert not checked.problems
    assert first_corner(checked, "a") == pytest.approx((39.0, 0.0), abs=1e-9)


def test_coordinates_written_as_text_are_refused():
    text_ring = [[str(x), str(y)] for x, y in square_ring(39.02, 0.0)]

    checked = boundaries(two_squares(polygon_feature("c", text_ring)))

    assert (
        "(feature 3 'c', geometry): has a coordinate written as text ('39.02'), "
        "not a number"
    ) in messages(checked)


def test_deeply_nested_geojson_is_reported_not_crashed():
    checked = boundaries(b'{"type": "FeatureCollection", "features": ' + b"[" * 100_000)

    assert "testville.geojson: is not readable GeoJSON: it nests" in messages(checked)


def test_geojson_text_that_is_not_utf8_is_named_by_feature_and_property():
    data = two_squares().replace(b'"label": "B"', b'"label": "B\xe9ta"')

    checked = boundaries(data)

    assert (
        "testville.geojson (feature 2, label): is not UTF-8 text (bytes e9)"
    ) in messages(checked)


def test_files_over_the_size_limit_are_refused():
    checked = boundaries(b" " * (MAX_SOURCE_BYTES + 1))

    assert "testville.geojson: is 50.0 MB; the limit is 50 MB" in messages(checked)


def test_more_features_than_the_limit_are_refused():
    point = {"type": "Feature", "properties": {}, "geometry": None}

    checked = boundaries(collection(*[point] * (MAX_FEATURES + 1)))

    assert "has 20,001 features; the limit is 20,000" in messages(checked)


def place_of(district_id: str) -> shapely.Point:
    row = next(
        row
        for row in csv.DictReader(io.StringIO(POINTS_CSV))
        if row["id"] == district_id
    )
    return shapely.Point(float(row["lon"]), float(row["lat"]))


def points(text: str = POINTS_CSV, name: str = "places.csv") -> SourceFile:
    return SourceFile(name, text.encode("utf-8"))


def outline(*bounds: float) -> SourceFile:
    ring = shapely.geometry.mapping(box(*bounds))["coordinates"][0]
    feature = {"type": "Feature", "properties": {}, "geometry": None}
    feature["geometry"] = {"type": "Polygon", "coordinates": [ring]}
    return SourceFile("outline.geojson", collection(feature))


def metric(frame: gpd.GeoDataFrame) -> gpd.GeoSeries:
    return frame.to_crs(metric_crs(frame)).geometry


def test_points_become_cells_that_fill_the_outline_exactly_without_overlap():
    checked = schematic_districts(points(), outline=outline(*OUTLINE_BOX))

    assert not checked.problems
    cells = metric(checked.districts)
    area = gpd.GeoSeries([box(*OUTLINE_BOX)], crs=WGS84).to_crs(cells.crs).iloc[0]
    assert cells.union_all().symmetric_difference(area).area < 1e-6 * area.area
    assert cells.area.sum() == pytest.approx(area.area, rel=1e-9)
    assert not overlap_problems(checked.districts, {}, "places.csv")
    for district_id, row in checked.districts.iterrows():
        assert row.boundary == "schematic"
        assert "clipped to the outline in outline.geojson" in row.boundary_method
        assert row.geometry.contains(place_of(district_id))


def test_buffer_cells_reach_no_further_than_the_buffer_from_their_point():
    checked = schematic_districts(points(), buffer_m=600)

    assert not checked.problems
    crs = metric_crs(checked.districts)
    cells = checked.districts.to_crs(crs)
    for district_id, cell in cells.geometry.items():
        centre = gpd.GeoSeries([place_of(district_id)], crs=WGS84).to_crs(crs)[0]
        assert centre.hausdorff_distance(cell.boundary) <= 600 + 1


def test_bad_point_rows_are_named_by_row_and_column():
    rows = (
        POINTS_CSV
        + "far,Far,,,0.0100,38.5\n"  # about 56 km west
        + "flipped,Flipped,,,39.0100,0.0100\n"
        + "pole,Pole,,,95,39.01\n"
        + 'comma,Comma,,,"0,0100",39.01\n'
        + "twin,Twin,,,0.0100,39.0100\n"
    )

    checked = schematic_districts(points(rows), buffer_m=600)

    text = messages(checked)
    assert "places.csv (row 7 'far', lat/lon): lies 57 km from the middle" in text
    assert "check its coordinates" in text
    assert "(row 8 'flipped', lat/lon): lies 5,867 km from the middle" in text
    assert "latitude and longitude look swapped" in text
    assert "(row 9 'pole', lat): 95 is outside -90..90; latitude and longitude" in text
    assert "(row 10 'comma', lat): '0,0100' uses a decimal comma" in text
    assert "(row 11 'twin', lat/lon): is the same place as row 6 ('centre')" in text


def test_a_point_outside_the_outline_is_named():
    checked = schematic_districts(points(), outline=outline(39.0, 0.0, 39.015, 0.02))

    assert "places.csv (row 4 'east', lat/lon): lies outside the outline" in (
        messages(checked)
    )


def test_points_file_that_is_not_utf8_names_the_line():
    data = POINTS_CSV.encode("cp1256")

    checked = schematic_districts(SourceFile("places.csv", data), buffer_m=600)

    assert "places.csv (line 2): cannot be read as UTF-8" in messages(checked)
    read_as_1256 = schematic_districts(
        SourceFile("places.csv", data),
        encoding=TextEncoding.WINDOWS_1256,
        buffer_m=600,
    )
    assert read_as_1256.districts.loc["north"].name_ar == "الحي الشمالي"


def test_landmark_rows_stay_points():
    rows = POINTS_CSV.replace("lat,lon\n", "lat,lon,kind\n", 1) + (
        "well,Old Well,,,0.0150,39.0150,landmark\n"
    )
    rows = rows.replace(",0.0190,39.0100\n", ",0.0190,39.0100,district\n")

    checked = schematic_districts(points(rows), buffer_m=600)

    assert not checked.problems
    assert checked.districts.loc["well"].geometry.geom_type == "Point"
    assert checked.districts.loc["well"].boundary == "supplied"


def report_row(report_id: str, day: str, district: str, status: str, actor: str = ""):
    row = dict.fromkeys(REPORT_COLUMNS, "")
    row.update(
        report_id=report_id,
        date=day,
        district_id=district,
        status=status,
        actor=actor,
        source="Test source (made up for tests)",
        source_type="media",
        url=f"https://example.org/{report_id}",
    )
    return row


def reports_file(*rows: dict) -> SourceFile:
    lines = [",".join(REPORT_COLUMNS)]
    lines += [",".join(row[column] for column in REPORT_COLUMNS) for row in rows]
    return SourceFile("reports.csv", ("\n".join(lines) + "\n").encode("utf-8"))


def test_days_and_actors_come_from_the_reports_with_distinct_colours():
    reports = reports_file(
        report_row("t1", "2020-02-03", "North Quarter", "held", "blue"),
        report_row("t2", "2020-02-05", "Eastside", "held", "red"),
        report_row("t3", "2020-02-09", "centre", "held", "green"),
        report_row("t4", "2020-02-07", "west", "contested"),
    )
    features = schematic_districts(points(), buffer_m=600)

    draft = build_city(features, CitySettings("Testville"), reports=reports)

    assert draft.ready, draft.problems
    settings = __import__("tomllib").loads(draft.settings_toml)
    assert (settings["first_day"], settings["last_day"], settings["default_day"]) == (
        "2020-02-03",
        "2020-02-09",
        "2020-02-09",
    )
    colours = [actor["colour"] for actor in settings["actors"]]
    assert [actor["id"] for actor in settings["actors"]] == ["blue", "red", "green"]
    assert colours == list(ACTOR_PALETTE[:3])
    assert not {CONTESTED_COLOUR, *DISPUTED_COLOURS} & set(ACTOR_PALETTE)
    assert list(draft.reports["district_id"]) == ["north", "east", "centre", "west"]


def test_report_problems_name_the_row_and_offer_close_names():
    reports = reports_file(
        report_row("t1", "2020-01-05", "Nort Quarter", "held", "blue"),
        report_row("t2", "2020-03-01", "south", "contested"),
    )
    features = schematic_districts(points(), buffer_m=600)

    draft = build_city(features, SETTINGS, reports=reports)

    text = "\n".join(str(problem) for problem in draft.problems)
    assert "reports.csv (row 2, district_id): unknown district 'Nort Quarter'" in text
    assert "did you mean north" in text
    assert "reports.csv (row 3, date): 2020-03-01 is outside the city's range" in text
    assert not draft.ready


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
