"""Files for readers and the graphics desk: standalone HTML, PNG, GIF, front lines.

Tiny cities are one-degree squares near the equator (tests/conftest.py); texts
and labels written here are test texts. Raqqa checks use its bundled reports.
"""

import csv
import io
import json
from datetime import date
from html.parser import HTMLParser

import pytest
from matplotlib.colors import to_rgb
from PIL import Image
from pyproj import Geod

from geo.colours import (
    DISPUTED_COLOURS,
    FILL_OPACITY,
    PARTIAL_FILL_OPACITY,
)
from geo.export.exports import (
    MAP_AXES_LABEL,
    PICTURE_CRS,
    LeafletUrls,
    animated_gif,
    day_figure,
    day_png,
    frontline_csv,
    frontline_geojson,
    standalone_html,
)
from tests.conftest import CITY_TOML, TWO_SQUARES, report

PAYLOAD = "</script><script>window.pwned=1</script>"
ONE_MEGABYTE = 1_000_000
PAGE_SCRIPTS = 5
"""Leaflet, the bundle, the page settings, frontline_map.js and the page script."""
COLOUR_TOLERANCE = 3
HATCH_TOLERANCE = 8
"""Matplotlib lays a hatch over its see-through face, so stripes come out a few
levels darker than the browser's; antialiasing blurs their edges further."""


class PageElements(HTMLParser):
    """Every element's tag and attributes, and the text inside each <script>."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def blended(colour: str, opacity: float) -> tuple[int, int, int]:
    """A colour drawn at ``opacity`` over the white page, as 8-bit RGB."""
    return tuple(
        round(255 * (opacity * channel + (1 - opacity))) for channel in to_rgb(colour)
    )


def close(pixel: tuple[int, ...], expected: tuple[int, ...], tolerance: int) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, expected, strict=False))


def pixel_inside(city, district_id: str, day: date, **size) -> tuple[int, int]:
    """The picture's pixel (column, row) at a point inside the district."""
    figure = day_figure(city, day, **size)
    axes = next(axes for axes in figure.axes if axes.get_label() == MAP_AXES_LABEL)
    point = city.districts.to_crs(PICTURE_CRS).geometry[district_id]
    x, y = axes.transData.transform(point.representative_point().coords[0])
    return round(x), round(figure.bbox.height - y)


def png_image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    return image.convert("RGB")


# Standalone HTML


def test_raqqa_page_carries_leaflet_and_loads_nothing_from_the_network(raqqa):
    html = standalone_html(raqqa)

    page = PageElements(html)
    assert len(page.scripts) == PAGE_SCRIPTS
    assert not [tag for tag, _ in page.elements if tag == "link"]
    assert not [
        (tag, attrs)
        for tag, attrs in page.elements
        if "src" in attrs or "href" in attrs
    ]
    assert "Leaflet 1.9.3" in html
    assert ".leaflet-container" in html
    assert "url(images/" not in html
    assert (
        "meta",
        {"name": "viewport", "content": "width=device-width, initial-scale=1"},
    ) in page.elements
    assert "<title>Battle of Raqqa, 2017</title>" in html
    assert "Schematic boundaries" in html
    assert len(html.encode("utf-8")) < ONE_MEGABYTE


def test_page_opens_on_the_report_day_on_or_before_the_requested_day(raqqa):
    html = standalone_html(raqqa, day=date(2017, 8, 2))

    slider = next(attrs for tag, attrs in PageElements(html).elements if tag == "input")
    assert raqqa.days[int(slider["value"])] == date(2017, 8, 1)
    assert int(slider["max"]) == len(raqqa.days) - 1
    assert '<output id="frontline-day-label" for="frontline-slider">1 Aug 2017' in html


def test_page_can_load_leaflet_from_the_newsroom_cdn_instead(make_city):
    city = make_city([report("r1", "2020-01-02", "west", "held", actor="blue")])
    leaflet = LeafletUrls(
        script_url="https://cdn.example.org/leaflet/1.9.3/leaflet.js",
        stylesheet_url="https://cdn.example.org/leaflet/1.9.3/leaflet.css",
        script_integrity="sha384-" + "A" * 64,
    )

    html = standalone_html(city, leaflet=leaflet)

    elements = PageElements(html).elements
    scripts = [attrs for tag, attrs in elements if tag == "script" and "src" in attrs]
    links = [attrs for tag, attrs in elements if tag == "link"]
    assert scripts == [
        {
            "src": "https://cdn.example.org/leaflet/1.9.3/leaflet.js",
            "integrity": "sha384-" + "A" * 64,
            "crossorigin": "anonymous",
        }
    ]
    assert links == [
        {
            "rel": "stylesheet",
            "href": "https://cdn.example.org/leaflet/1.9.3/leaflet.css",
        }
    ]
    assert "Leaflet 1.9.3" not in html


def test_a_leaflet_url_that_is_not_http_is_refused_by_name(make_city):
    city = make_city([report("r1", "2020-01-02", "west", "held", actor="blue")])
    leaflet = LeafletUrls(
        script_url="javascript:alert(1)",
        stylesheet_url="https://cdn.example.org/leaflet.css",
    )

    with pytest.raises(ValueError, match="leaflet script_url: 'javascript:alert"):
        standalone_html(city, leaflet=leaflet)


def test_hostile_note_and_title_stay_text_in_the_page(make_city):
    city = make_city(
        [
            report(
                "r1",
                "2020-01-02",
                "west",
                "held",
                actor="blue",
                note=PAYLOAD,
                source=PAYLOAD,
            )
        ],
        city_toml=CITY_TOML.replace(
            'title = "Battle of Testville"', 'title = "Battle of <b>Testville</b>"'
        ),
    )

    html = standalone_html(city)

    assert PAYLOAD not in html
    assert "<script>window.pwned" not in html
    assert "<b>Testville" not in html
    assert "<title>Battle of &lt;b&gt;Testville&lt;/b&gt;</title>" in html
    page = PageElements(html)
    assert len(page.scripts) == PAGE_SCRIPTS
    bundle = json.loads(
        next(
            page.scripts[number]
            for number, (_, attrs) in enumerate(
                (tag, attrs) for tag, attrs in page.elements if tag == "script"
            )
            if attrs.get("id") == "frontline-bundle"
        )
    )
    assert (
        "&lt;/script&gt;&lt;script&gt;window.pwned=1&lt;/script&gt;" in (bundle["text"])
    )


# PNG


def test_png_has_the_requested_size(make_city):
    city = make_city([report("r1", "2020-01-02", "west", "held", actor="blue")])

    image = png_image(day_png(city, date(2020, 1, 2), width_px=321, height_px=203))

    assert image.size == (321, 203)


def test_png_fills_each_district_with_its_holder_colour(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="blue"),
            report("r2", "2020-01-02", "east", "held", actor="red", extent="partial"),
        ]
    )
    day = date(2020, 1, 2)
    size = {"width_px": 600, "height_px": 450}

    image = png_image(day_png(city, day, **size))

    west = image.getpixel(pixel_inside(city, "west", day, **size))
    east = image.getpixel(pixel_inside(city, "east", day, **size))
    assert close(west, blended("#1f77b4", FILL_OPACITY), COLOUR_TOLERANCE)
    assert close(east, blended("#d62728", PARTIAL_FILL_OPACITY), COLOUR_TOLERANCE)


def test_png_hatches_a_disputed_district_in_both_disputed_colours(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "east", "held", actor="blue"),
            report("r2", "2020-01-02", "east", "held", actor="red"),
        ]
    )
    day = date(2020, 1, 2)

    image = png_image(day_png(city, day))

    column, row = pixel_inside(city, "east", day)
    window = image.crop((column - 20, row - 20, column + 20, row + 20))
    colours = {colour for _, colour in window.getcolors(maxcolors=40 * 40)}
    for hatch_colour in DISPUTED_COLOURS:
        expected = blended(hatch_colour, FILL_OPACITY)
        assert any(close(colour, expected, HATCH_TOLERANCE) for colour in colours)


def test_png_writes_dollar_signs_as_text_not_formulas(make_city):
    city = make_city(
        [report("r1", "2020-01-02", "west", "held", actor="blue")],
        city_toml=CITY_TOML.replace(
            'label = "Blue army"', 'label = "Blue $\\\\notacommand$ army"'
        ),
    )

    image = png_image(day_png(city, date(2020, 1, 2), width_px=400, height_px=300))

    assert image.size == (400, 300)


def test_raqqa_png_shows_the_sdf_colour_where_the_sdf_holds(raqqa):
    sdf = raqqa.actor("sdf").colour
    # al-Andalus: rq-110 (ANF, 16 Oct) says the SDF took all of it.
    october = png_image(day_png(raqqa, date(2017, 10, 17)))
    # Hisham bin Abdulmalik: rq-070 (3 Aug) says the SDF holds most of it.
    august = png_image(day_png(raqqa, date(2017, 8, 3)))

    assert october.size == (1200, 900)
    andalus = october.getpixel(pixel_inside(raqqa, "andalus", date(2017, 10, 17)))
    hisham = august.getpixel(
        pixel_inside(raqqa, "hisham_bin_abdulmalik", date(2017, 8, 3))
    )
    assert close(andalus, blended(sdf, FILL_OPACITY), COLOUR_TOLERANCE)
    assert close(hisham, blended(sdf, PARTIAL_FILL_OPACITY), COLOUR_TOLERANCE)


# GIF


def test_gif_has_one_frame_per_report_day_in_the_range(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="blue"),
            report("r2", "2020-01-04", "east", "held", actor="red"),
            report("r3", "2020-01-06", "east", "contested"),
            report("r4", "2020-01-09", "west", "contested"),
        ]
    )

    data = animated_gif(
        city,
        date(2020, 1, 3),
        date(2020, 1, 8),
        frame_seconds=0.5,
        width_px=240,
        height_px=180,
    )

    gif = Image.open(io.BytesIO(data))
    assert gif.format == "GIF"
    assert gif.n_frames == 2
    assert gif.size == (240, 180)
    assert gif.info["duration"] == 500
    assert gif.info["loop"] == 0


def test_gif_range_without_reports_is_refused_with_the_city_range(make_city):
    city = make_city([report("r1", "2020-01-02", "west", "held", actor="blue")])

    with pytest.raises(ValueError, match="no report from 2020-01-10 to 2020-01-20"):
        animated_gif(city, date(2020, 1, 10), date(2020, 1, 20))


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
    assert properties["length_m"] == pytest.approx(shared_edge_m, rel=1e-3)
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
    assert 110_000 < int(row["length_m"]) < 111_000


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
        ["day", "side_a", "side_a_label", "side_b", "side_b_label", "length_m"]
    ]
