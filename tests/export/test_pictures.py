"""Pictures for the graphics desk: the PNG of a day and the GIF of a span of days.

Tiny cities are one-degree squares near the equator (tests/conftest.py); texts
and labels written here are test texts. Raqqa checks use its bundled reports.
"""

import io
from datetime import date

import pytest
from matplotlib.colors import to_rgb
from PIL import Image

from geo.colours import (
    DISPUTED_COLOURS,
    FILL_OPACITY,
    PARTIAL_FILL_OPACITY,
)
from geo.export import (
    MAP_AXES_LABEL,
    PICTURE_CRS,
    animated_gif,
    day_figure,
    day_png,
)
from tests.conftest import CITY_TOML, report

COLOUR_TOLERANCE = 3
HATCH_TOLERANCE = 8
"""Matplotlib lays a hatch over its see-through face, so stripes come out a few
levels darker than the browser's; antialiasing blurs their edges further."""


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
