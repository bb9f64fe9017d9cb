"""Schematic districts: Voronoi cells around named points, clipped, each row checked.

Every place here is made up for the tests.
"""

import csv
import io

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import box

from geo.citybuild import SourceFile, schematic_districts
from geo.citybuild.checks import overlap_problems
from geo.geometry import WGS84
from geo.projections import metric_crs
from geo.report_csv import TextEncoding
from tests.citybuild.testville import (
    OUTLINE_BOX,
    POINTS_CSV,
    messages,
    outline,
    points,
)


def place_of(district_id: str) -> shapely.Point:
    row = next(
        row
        for row in csv.DictReader(io.StringIO(POINTS_CSV))
        if row["id"] == district_id
    )
    return shapely.Point(float(row["lon"]), float(row["lat"]))


def metric(frame: gpd.GeoDataFrame) -> gpd.GeoSeries:
    return frame.to_crs(metric_crs(frame)).geometry


def test_points_become_cells_that_fill_the_outline_exactly_without_overlap():
    checked = schematic_districts(points(), outline=outline(*OUTLINE_BOX))

    assert not checked.problems
    cells = metric(checked.districts)
    area = gpd.GeoSeries([box(*OUTLINE_BOX)], crs=WGS84).to_crs(cells.crs).iloc[0]
    assert cells.union_all().symmetric_difference(area).area < 1e-6 * area.area
    assert cells.area.sum() == pytest.approx(area.area, rel=1e-9)
    assert overlap_problems(checked.districts, {}, "places.csv") == ([], {})
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
