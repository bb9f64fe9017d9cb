"""Pictures in every size the desk publishes: PNG, SVG and PDF, with their texts.

Tiny cities are one-degree squares near the equator (tests/conftest.py); texts
written here are test texts.
"""

import io
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from PIL import Image
from pypdf import PdfReader

from geo.days import format_day
from geo.export import (
    MAP_AXES_LABEL,
    MAX_SIDE_PX,
    MAX_TITLE_CHARACTERS,
    MIN_SIDE_PX,
    MIN_TEXT_PX,
    PICTURE_CRS,
    PRESET_SIZES_PX,
    ExportFormat,
    ExportOptions,
    SizePreset,
    data_version,
    day_downloads,
    day_figure,
    day_picture,
)
from geo.export.day_picture import DPI, DayPicture
from geo.maplayer.bundle import SCHEMATIC_NOTE
from geo.status import FeatureKind
from tests.conftest import TWO_SQUARES, feature, report, square

DAY = date(2020, 1, 2)
SVG = "{http://www.w3.org/2000/svg}"
POINTS_PER_PIXEL = 72 / DPI
SIZES = [
    *(ExportOptions(size=preset) for preset in PRESET_SIZES_PX),
    ExportOptions(size=SizePreset.CUSTOM, width_px=900, height_px=1600),
]
TEXTS = {
    "title": "Battle of Testville",
    "subtitle": "Who held what",
    "byline": "Map: Test Desk",
    "notes": "Figures are test figures.",
}


@pytest.fixture
def city(make_city):
    return make_city([report("r1", "2020-01-02", "west", "held", actor="blue")])


def options_for(size: ExportOptions, file_format: ExportFormat) -> ExportOptions:
    return ExportOptions(
        size=size.size,
        width_px=size.width_px,
        height_px=size.height_px,
        format=file_format,
        **TEXTS,
    )


def expected_texts(city) -> list[str]:
    """What every picture must say: its texts, day, credits, the schematic note."""
    return [*TEXTS.values(), format_day(DAY), f"Source: {city.credits}", SCHEMATIC_NOTE]


def svg_texts(data: bytes) -> list[str]:
    """The text of every <text> element: what a search in the SVG finds."""
    root = ET.fromstring(data)
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def id_of(size: ExportOptions) -> str:
    return f"{size.size}-{size.size_px[0]}x{size.size_px[1]}"


# Sizes and texts


@pytest.mark.parametrize("size", SIZES, ids=id_of)
def test_png_has_the_size_its_texts_and_its_data_version(city, size):
    options = options_for(size, ExportFormat.PNG)

    image = Image.open(io.BytesIO(day_picture(city, DAY, options)))
    drawn = " ".join(text.get_text() for text in day_figure(city, DAY, options).texts)

    assert image.format == "PNG"
    assert image.size == size.size_px
    for text in expected_texts(city):
        assert text in drawn
    assert image.info["Data version"] == data_version(city)


@pytest.mark.parametrize("size", SIZES, ids=id_of)
def test_svg_has_the_size_and_searchable_texts(city, size):
    data = day_picture(city, DAY, options_for(size, ExportFormat.SVG))

    root = ET.fromstring(data)
    texts = "\n".join(svg_texts(data))
    width_pt, height_pt = (
        float(root.get(side).removesuffix("pt")) for side in ("width", "height")
    )
    assert (width_pt, height_pt) == pytest.approx(
        tuple(side * POINTS_PER_PIXEL for side in size.size_px)
    )
    for text in [*expected_texts(city), "West", "East"]:
        assert text in texts
    assert data_version(city) in data.decode("utf-8")


@pytest.mark.parametrize("size", SIZES, ids=id_of)
def test_pdf_page_has_the_size_and_extractable_texts(city, size):
    data = day_picture(city, DAY, options_for(size, ExportFormat.PDF))

    pdf = PdfReader(io.BytesIO(data))
    page = pdf.pages[0]
    text = " ".join(page.extract_text().split())
    assert len(pdf.pages) == 1
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
        tuple(side * POINTS_PER_PIXEL for side in size.size_px)
    )
    for expected in [*expected_texts(city), "West", "East"]:
        assert " ".join(expected.split()) in text
    assert data_version(city) in pdf.metadata["/Keywords"]


@pytest.mark.parametrize("size", SIZES, ids=id_of)
def test_no_text_is_smaller_than_the_readable_minimum(city, size):
    picture = DayPicture(city, options_for(size, ExportFormat.PNG))
    legend_texts = picture.figure.legends[0].get_texts()
    texts = [*picture.figure.texts, *picture.axes.texts, *legend_texts]

    sizes_px = [text.get_fontsize() / POINTS_PER_PIXEL for text in texts]
    assert min(sizes_px) >= MIN_TEXT_PX - 1e-9


def test_an_empty_title_prints_no_title(city):
    data = day_picture(city, DAY, ExportOptions(format=ExportFormat.SVG, title=""))

    texts = svg_texts(data)
    assert city.title not in "\n".join(texts)
    assert format_day(DAY) in texts


def test_svg_writes_markup_in_a_title_as_text(city):
    title = '<script>alert("x")</script> & $x^2$'

    data = day_picture(city, DAY, ExportOptions(format=ExportFormat.SVG, title=title))

    assert b"<script" not in data
    assert title in svg_texts(data)


def test_the_data_version_changes_with_a_report(make_city, tmp_path):
    city = make_city([report("r1", "2020-01-02", "west", "held", actor="blue")])
    same = make_city([report("r1", "2020-01-02", "west", "held", actor="blue")])
    other = make_city([report("r1", "2020-01-02", "west", "held", actor="red")])

    assert data_version(city) == data_version(same)
    assert data_version(city) != data_version(other)


# The map in its frame


def district_extent_px(picture: DayPicture):
    """The districts' extent and the map's frame, in the picture's pixels."""
    areas = picture.city.districts.to_crs(PICTURE_CRS)
    areas = areas[areas["kind"] == FeatureKind.DISTRICT]
    west, south, east, north = areas.total_bounds
    (x0, y0), (x1, y1) = picture.axes.transData.transform(
        [(west, south), (east, north)]
    )
    return (x0, y0, x1, y1), picture.axes.get_window_extent()


@pytest.mark.parametrize("size", SIZES, ids=id_of)
def test_the_districts_are_centred_and_fill_the_map(make_city, size):
    far_landmark = feature(
        "mast",
        {"type": "Point", "coordinates": [-6.0, 4.0]},
        kind="landmark",
    )
    city = make_city(
        [report("r1", "2020-01-02", "west", "held", actor="blue")],
        features=[*TWO_SQUARES, far_landmark],
    )
    picture = DayPicture(city, options_for(size, ExportFormat.PNG))

    (x0, y0, x1, y1), frame = district_extent_px(picture)

    assert (x0 + x1) / 2 == pytest.approx((frame.x0 + frame.x1) / 2, abs=1)
    assert (y0 + y1) / 2 == pytest.approx((frame.y0 + frame.y1) / 2, abs=1)
    assert max((x1 - x0) / frame.width, (y1 - y0) / frame.height) > 0.9
    assert picture.axes.get_label() == MAP_AXES_LABEL


def test_the_scale_bar_is_as_long_as_it_says(city):
    picture = DayPicture(city, ExportOptions())
    bar, label = picture.scale_bar[1], picture.scale_bar[2]
    number, unit = label.get_text().split()
    metres = float(number) * (1000 if unit == "km" else 1)
    (x0, _, x1, _), _ = district_extent_px(picture)
    # The tiny city is two one-degree squares at the equator: 2 x 111.32 km wide.
    metres_per_pixel = 2 * 111_320 / (x1 - x0)

    (left, _), (right, _) = bar.get_transform().transform(bar.get_xydata()[1:3])

    assert re.fullmatch(r"\d+ k?m", label.get_text())
    assert (right - left) * metres_per_pixel == pytest.approx(metres, rel=0.02)


def test_district_labels_never_overlap(make_city):
    long_name = "District named at more length than it is wide"
    long_names = [
        feature(f"d{number}", square(0.2 * number, 0, 0.2), name_en=long_name)
        for number in range(3)
    ]
    city = make_city(
        [report("r1", "2020-01-02", "d0", "held", actor="blue")], features=long_names
    )
    picture = DayPicture(city, ExportOptions(size=SizePreset.PORTRAIT))
    renderer = picture.figure.canvas.get_renderer()

    extents = [label.get_window_extent(renderer) for label in picture.labels]
    assert 1 <= len(extents) < len(long_names)
    for number, extent in enumerate(extents):
        assert not any(extent.overlaps(other) for other in extents[number + 1 :])


# Bad input


@pytest.mark.parametrize(
    ("width", "height", "message"),
    [
        (MIN_SIDE_PX - 1, 600, f"custom width: {MIN_SIDE_PX - 1} pixels"),
        (800, MAX_SIDE_PX + 1, f"custom height: {MAX_SIDE_PX + 1} pixels"),
        (None, 600, "custom width: None pixels"),
    ],
)
def test_a_custom_size_out_of_range_is_refused(width, height, message):
    with pytest.raises(ValueError, match=f"{message}; it must be from"):
        ExportOptions(size=SizePreset.CUSTOM, width_px=width, height_px=height)


def test_a_title_over_the_limit_is_refused_and_an_empty_one_allowed():
    ExportOptions(title="")
    ExportOptions(title="T" * MAX_TITLE_CHARACTERS)

    with pytest.raises(
        ValueError,
        match=f"title: {MAX_TITLE_CHARACTERS + 1} characters; "
        f"at most {MAX_TITLE_CHARACTERS}",
    ):
        ExportOptions(title="T" * (MAX_TITLE_CHARACTERS + 1))


def test_size_and_format_may_be_named_and_unknown_ones_are_refused(city):
    options = ExportOptions(size="square", format="pdf")

    (picture,) = day_downloads(city, DAY, options)[-1:]

    assert picture.file_name.endswith("-map.pdf")
    assert picture.mime == "application/pdf"
    with pytest.raises(ValueError, match="'tiff' is not a valid ExportFormat"):
        ExportOptions(format="tiff")


def test_a_preset_with_a_width_is_refused():
    with pytest.raises(ValueError, match="give a width and height only with the"):
        ExportOptions(size=SizePreset.SQUARE, width_px=500, height_px=500)


def test_texts_that_leave_no_room_for_the_map_are_refused_before_drawing(city):
    crowded = ExportOptions(
        size=SizePreset.CUSTOM,
        width_px=MIN_SIDE_PX,
        height_px=MIN_SIDE_PX,
        notes="A long note. " * 60,
    )

    with pytest.raises(ValueError, match="leave the map only"):
        day_downloads(city, DAY, crowded)
