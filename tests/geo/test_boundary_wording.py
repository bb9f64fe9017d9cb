"""A city drawn from a surveyed boundary file is never called schematic.

Every text a reader sees about the outlines comes from ``geo.boundaries``: the
map's credits, the measurement caveat and each export (GeoJSON, CSV, pictures,
the standalone page). Raqqa, whose districts are cells around hand-placed
points, still says "Schematic boundaries" everywhere.
"""

import io
import json
import shutil
from datetime import date

import pytest
from PIL import Image

from geo.boundaries import BoundaryKind
from geo.city_settings import districts_with_boundary
from geo.export import (
    ExportFormat,
    ExportOptions,
    control_csv,
    control_geojson,
    day_picture,
    frontline_csv,
    frontline_geojson,
    standalone_html,
)
from geo.io import DISTRICTS_FILE, load_city
from geo.maplayer.bundle import map_bundle
from geo.measures import measurement_caveat
from tests.conftest import RAQQA, feature, report, square

DAY = date(2017, 8, 1)


def surveyed_copy(folder):
    """A copy of Raqqa whose districts are marked as surveyed, as the settings save."""
    shutil.copytree(RAQQA, folder)
    districts = folder / DISTRICTS_FILE
    districts.write_text(
        districts_with_boundary(
            districts.read_text(encoding="utf-8"), BoundaryKind.SURVEYED
        ),
        encoding="utf-8",
    )
    return load_city(folder)


@pytest.fixture(scope="module")
def surveyed(tmp_path_factory):
    return surveyed_copy(tmp_path_factory.mktemp("cities") / "raqqa")


def reader_texts(city) -> dict[str, str]:
    """Every export and map text a reader may see, by where it is shown."""
    svg = ExportOptions(format=ExportFormat.SVG)
    png = Image.open(io.BytesIO(day_picture(city, DAY, ExportOptions())))
    return {
        "map credits": map_bundle(city)["attribution"],
        "map bundle": json.dumps(map_bundle(city), ensure_ascii=False),
        "control GeoJSON": control_geojson(city, DAY).decode(),
        "control CSV": control_csv(city, DAY).decode(),
        "front line GeoJSON": frontline_geojson(city, DAY).decode(),
        "front line CSV": frontline_csv(city, DAY).decode(),
        "SVG picture": day_picture(city, DAY, svg).decode(),
        "PNG description": png.text["Description"],
        "standalone page": standalone_html(city),
    }


def test_a_surveyed_city_is_never_called_schematic(surveyed):
    texts = reader_texts(surveyed)

    called_schematic = [where for where, text in texts.items() if "chematic" in text]
    assert called_schematic == []
    assert texts["map credits"].startswith("Surveyed boundaries")
    assert json.loads(texts["control GeoJSON"])["boundaries"].startswith(
        "Surveyed boundaries: each district's outline comes from the city's own"
    )
    assert "Surveyed boundaries" in texts["PNG description"]
    assert "Surveyed boundaries" in texts["standalone page"]
    assert measurement_caveat(surveyed) == ""


def test_raqqa_still_says_its_boundaries_are_schematic(raqqa):
    texts = reader_texts(raqqa)

    for where in (
        "map credits",
        "control GeoJSON",
        "front line GeoJSON",
        "SVG picture",
        "PNG description",
        "standalone page",
    ):
        assert "Schematic boundaries" in texts[where], where
    assert "measured on schematic district boundaries" in texts["front line CSV"]


def test_a_city_with_both_kinds_says_its_boundaries_are_partly_schematic(make_city):
    city = make_city(
        [report("r1", "2020-01-02", "west", "held", actor="red")],
        [
            feature("west", square(0, 0), boundary="supplied"),
            feature("east", square(1, 0), boundary="schematic"),
        ],
    )

    assert map_bundle(city)["attribution"].startswith("Boundaries partly schematic")
    assert json.loads(control_geojson(city, date(2020, 1, 2)))["boundaries"].startswith(
        "Boundaries partly schematic: districts marked schematic are drawn around"
    )
    assert "some are schematic" in measurement_caveat(city)
