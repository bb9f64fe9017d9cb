"""Pictures for the graphics desk: the PNG of a day and the GIF of a span of days.

Sizes, texts, SVG and PDF are in test_sizes.py.

Tiny cities are one-degree squares near the equator (tests/conftest.py); texts
and labels written here are test texts. Raqqa checks use its bundled reports.
"""

import html
import io
import itertools
import re
from datetime import date

import pytest
from matplotlib.colors import to_rgb
from matplotlib.transforms import Bbox
from PIL import Image

from geo.city import LabelLanguage
from geo.colours import (
    DISPUTED_COLOURS,
    FILL_OPACITY,
    LANDMARK_RING,
    NO_REPORT_DOTS,
    PARTIAL_FILL_OPACITY,
)
from geo.export import (
    MAP_AXES_LABEL,
    MIN_FINAL_PAUSE_SECONDS,
    PICTURE_CRS,
    ExportOptions,
    SizePreset,
    animated_gif,
    data_version,
    day_figure,
    day_picture,
    day_png,
)
from geo.maplayer.bundle import map_bundle
from geo.maplayer.places import label_text
from tests.conftest import CITY_TOML, feature, report, square

DISTRICT_ZORDER = 2
"""Districts are drawn at this zorder; labels and the scale bar above it."""
SMALL = ExportOptions(size=SizePreset.CUSTOM, width_px=640, height_px=480)

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


def pixel_inside(
    city, district_id: str, day: date, options: ExportOptions | None = None
) -> tuple[int, int]:
    """The picture's pixel (column, row) at a point inside the district, clear of
    the labels and the scale bar drawn over the map.
    """
    figure = day_figure(city, day, options)
    axes = next(axes for axes in figure.axes if axes.get_label() == MAP_AXES_LABEL)
    renderer = figure.canvas.get_renderer()
    drawn_over = [
        artist.get_window_extent(renderer).padded(4)
        for artist in [*axes.texts, *axes.patches]
        if artist.get_zorder() > DISTRICT_ZORDER
    ]
    district = city.districts.to_crs(PICTURE_CRS).geometry[district_id]
    inner = district.buffer(-0.15 * district.area**0.5).exterior
    for share in range(20):
        point = inner.interpolate(share / 20, normalized=True)
        x, y = axes.transData.transform(point.coords[0])
        if not any(extent.contains(x, y) for extent in drawn_over):
            return round(x), round(figure.bbox.height - y)
    raise AssertionError(f"{district_id}: every point is under a label")


def png_image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    return image.convert("RGB")


# PNG


def test_png_has_the_requested_size(make_city):
    city = make_city([report("r1", "2020-01-02", "west", "held", actor="blue")])

    options = ExportOptions(size=SizePreset.CUSTOM, width_px=721, height_px=503)

    image = png_image(day_png(city, date(2020, 1, 2), options))

    assert image.size == (721, 503)


def test_png_fills_each_district_with_its_holder_colour(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="blue"),
            report("r2", "2020-01-02", "east", "held", actor="red", extent="partial"),
        ]
    )
    day = date(2020, 1, 2)

    image = png_image(day_png(city, day, SMALL))

    west = image.getpixel(pixel_inside(city, "west", day, SMALL))
    east = image.getpixel(pixel_inside(city, "east", day, SMALL))
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


def test_png_dots_a_district_without_a_report_as_the_map_does(make_city):
    city = make_city([report("r1", "2020-01-02", "east", "held", actor="blue")])
    day = date(2020, 1, 2)

    image = png_image(day_png(city, day))

    column, row = pixel_inside(city, "west", day)
    window = image.crop((column - 20, row - 20, column + 20, row + 20))
    colours = {colour for _, colour in window.getcolors(maxcolors=40 * 40)}
    assert (255, 255, 255) in colours
    dot = blended(NO_REPORT_DOTS.dot, 1.0)
    assert any(close(colour, dot, HATCH_TOLERANCE) for colour in colours)


def test_svg_legend_and_a_district_without_a_report_share_the_dots(make_city):
    city = make_city([report("r1", "2020-01-02", "east", "held", actor="blue")])

    svg = day_picture(city, date(2020, 1, 2), ExportOptions(format="svg")).decode()

    patterns = re.findall(r'<pattern id="(\w+)".*?</pattern>', svg, re.DOTALL)
    bodies = re.findall(r"<pattern .*?</pattern>", svg, re.DOTALL)
    dots = [
        pattern_id
        for pattern_id, body in zip(patterns, bodies, strict=True)
        if f"fill: {NO_REPORT_DOTS.dot}" in body
        and f'fill="{NO_REPORT_DOTS.background}"' in body
    ]
    assert len(dots) == 1
    # One fill for the legend's "No report yet", one for the west district.
    assert svg.count(f"fill: url(#{dots[0]})") == 2


def test_png_writes_dollar_signs_as_text_not_formulas(make_city):
    city = make_city(
        [report("r1", "2020-01-02", "west", "held", actor="blue")],
        city_toml=CITY_TOML.replace(
            'label = "Blue army"', 'label = "Blue $\\\\notacommand$ army"'
        ),
    )

    image = png_image(day_png(city, date(2020, 1, 2), SMALL))

    assert image.size == SMALL.size_px


def test_png_writes_district_and_landmark_names_with_dollars_as_text(make_city):
    names = {"west": "West $\\notacommand$ side", "well": "The $x^2$ well"}
    city = make_city(
        [report("r1", "2020-01-02", "west", "held", actor="blue")],
        [
            feature("west", square(0, 0), name_en=names["west"]),
            feature("east", square(1, 0)),
            feature(
                "well",
                {"type": "Point", "coordinates": [1.5, 0.5]},
                name_en=names["well"],
                kind="landmark",
            ),
        ],
    )

    figure = day_figure(city, date(2020, 1, 2))
    axes = next(axes for axes in figure.axes if axes.get_label() == MAP_AXES_LABEL)
    figure.canvas.draw()

    written = {text.get_text() for text in axes.texts}
    assert set(names.values()) <= written


def test_raqqa_png_shows_the_sdf_colour_where_the_sdf_holds(raqqa):
    sdf = raqqa.actor("sdf").colour
    # al-Andalus: rq-110 (ANF, 16 Oct) says the SDF took all of it.
    october = png_image(day_png(raqqa, date(2017, 10, 17)))
    # Hisham bin Abdulmalik: rq-070 (3 Aug) says the SDF holds most of it.
    august = png_image(day_png(raqqa, date(2017, 8, 3)))

    assert october.size == ExportOptions().size_px
    andalus = october.getpixel(pixel_inside(raqqa, "andalus", date(2017, 10, 17)))
    hisham = august.getpixel(
        pixel_inside(raqqa, "hisham_bin_abdulmalik", date(2017, 8, 3))
    )
    assert close(andalus, blended(sdf, FILL_OPACITY), COLOUR_TOLERANCE)
    assert close(hisham, blended(sdf, PARTIAL_FILL_OPACITY), COLOUR_TOLERANCE)


def test_raqqa_png_rings_each_landmark_in_white_and_lists_it_in_the_legend(raqqa):
    # On 1 Aug 2017 IS holds the centre: a landmark there is a grey dot on
    # grey, which an outline in the districts' grey left all but invisible.
    day = date(2017, 8, 1)
    figure = day_figure(raqqa, day)
    axes = next(axes for axes in figure.axes if axes.get_label() == MAP_AXES_LABEL)
    image = png_image(day_png(raqqa, day))
    landmarks = raqqa.districts[raqqa.districts["kind"] == "landmark"]
    points = landmarks.to_crs(PICTURE_CRS).geometry
    in_view = 0
    for point in points:
        x, y = axes.transData.transform(point.coords[0])
        column, row = round(x), round(figure.bbox.height - y)
        if not (0 <= column < image.width and 0 <= row < image.height):
            continue  # an outlying landmark, left out of the frame
        in_view += 1
        # Above the centre, across the dot's edge: some pixel is the ring's white.
        above = [image.getpixel((column, row - step)) for step in range(5, 10)]
        assert max(min(pixel) for pixel in above) >= 235, (point, above)
    assert in_view >= 5
    labels = [text.get_text() for text in figure.legends[0].get_texts()]
    assert labels[-1] == LANDMARK_RING.label


def test_raqqa_picture_draws_no_landmark_cut_by_the_maps_edge(raqqa):
    # In the portrait preset Division 17 base, north of the districts, sat on
    # the map's top edge: a sliver of its dot showed under the day's line.
    options = ExportOptions(size="portrait", subtitle="Who held which district")
    figure = day_figure(raqqa, date(2017, 8, 3), options)
    axes = next(axes for axes in figure.axes if axes.get_label() == MAP_AXES_LABEL)
    frame = axes.get_window_extent()
    (dots,) = [
        collection for collection in axes.collections if collection.get_zorder() == 3
    ]
    radius = (dots.get_sizes()[0] ** 0.5) / 2 * figure.dpi / 72

    drawn = axes.transData.transform(dots.get_offsets())

    assert len(drawn) >= 5
    for x, y in drawn:
        dot = Bbox.from_extents(x - radius, y - radius, x + radius, y + radius)
        assert frame.containsx(dot.x0), (x, y)
        assert frame.containsx(dot.x1), (x, y)
        assert frame.containsy(dot.y0), (x, y)
        assert frame.containsy(dot.y1), (x, y)


def test_raqqa_picture_legend_lists_what_the_maps_legend_lists(raqqa):
    # The picture's legend had "(partly)" rows, which named every district
    # faded by the age of its report "held in part"; the map's legend has one
    # row per side and says what paler means, as the picture's note does.
    figure = day_figure(raqqa, date(2017, 8, 3))
    on_the_map = [
        html.unescape(entry["label"]) for entry in map_bundle(raqqa)["legend"]
    ]

    in_print = [text.get_text() for text in figure.legends[0].get_texts()]

    assert in_print == [*on_the_map, LANDMARK_RING.label]
    assert not [row for row in in_print if "partly" in row]


def test_raqqa_png_names_landmarks_beside_their_dots_as_the_map_does(raqqa):
    # Print named only districts: the places the reports speak of (the National
    # Hospital, the stadium) were nameless dots, and districts were written
    # with their glosses ("Old City (al-Rafiqa)") where the map writes "Old City".
    figure = day_figure(raqqa, date(2017, 8, 3))
    axes = next(axes for axes in figure.axes if axes.get_label() == MAP_AXES_LABEL)
    renderer = figure.canvas.get_renderer()
    written = {text.get_text(): text.get_window_extent(renderer) for text in axes.texts}
    landmarks = raqqa.districts[raqqa.districts["kind"] == "landmark"]
    dots = {
        place_id: axes.transData.transform(point.coords[0])
        for place_id, point in landmarks.to_crs(PICTURE_CRS).geometry.items()
    }
    frame = axes.get_window_extent(renderer)
    named = 0
    for place_id, (x, y) in dots.items():
        name = label_text(landmarks.loc[place_id], LabelLanguage.ENGLISH)
        if name not in written or not frame.contains(x, y):
            continue
        named += 1
        extent = written[name]
        # Within a dot's width of its own dot, and over no dot.
        assert extent.padded(20).contains(x, y), name
        for other_x, other_y in dots.values():
            assert not extent.overlaps(
                Bbox.from_extents(other_x - 6, other_y - 6, other_x + 6, other_y + 6)
            ), name
    assert named >= 4
    assert "Old City" in written
    assert not [text for text in written if "(" in text]


def gif_frames(data: bytes) -> tuple[Image.Image, list[int]]:
    """The GIF and each frame's duration in milliseconds."""
    gif = Image.open(io.BytesIO(data))
    assert gif.format == "GIF"
    durations = []
    for number in range(gif.n_frames):
        gif.seek(number)
        durations.append(gif.info["duration"])
    gif.seek(0)
    return gif, durations


def test_gif_frames_last_as_long_as_the_days_to_the_next_report(make_city):
    days = ["2020-01-02", "2020-01-04", "2020-01-06", "2020-01-09"]
    city = make_city(
        [
            report("r1", days[0], "west", "held", actor="blue"),
            report("r2", days[1], "east", "held", actor="red"),
            report("r3", days[2], "east", "contested"),
            report("r4", days[3], "west", "contested"),
        ]
    )
    seconds_per_day, pause = 0.1, 2.5

    gif, durations = gif_frames(
        animated_gif(
            city,
            date(2020, 1, 3),
            date(2020, 1, 9),
            options=SMALL,
            seconds_per_day=seconds_per_day,
            final_pause_seconds=pause,
        )
    )

    shown = [date.fromisoformat(day) for day in days[1:]]
    gaps = [(later - earlier).days for earlier, later in itertools.pairwise(shown)]
    assert gif.n_frames == len(shown)
    assert gif.size == SMALL.size_px
    assert durations[:-1] == [round(gap * seconds_per_day * 1000) for gap in gaps]
    assert durations[-1] == pause * 1000
    assert gif.info["loop"] == 0
    assert data_version(city) in gif.info["comment"].decode("utf-8")


def test_gif_without_a_range_shows_every_report_day_and_pauses_at_the_end(
    make_city,
):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="blue"),
            report("r2", "2020-01-20", "east", "held", actor="red"),
        ]
    )

    gif, durations = gif_frames(animated_gif(city, options=SMALL))

    assert gif.n_frames == len(city.days)
    assert durations[-1] >= MIN_FINAL_PAUSE_SECONDS * 1000


def test_gif_pace_and_pause_out_of_bounds_are_refused(make_city):
    city = make_city([report("r1", "2020-01-02", "west", "held", actor="blue")])

    with pytest.raises(ValueError, match=r"final pause: 1\.0 s; it must be at least"):
        animated_gif(city, final_pause_seconds=1.0)
    with pytest.raises(ValueError, match="seconds per day: 0; it must be from"):
        animated_gif(city, seconds_per_day=0)


def test_gif_range_without_reports_is_refused_with_the_city_range(make_city):
    city = make_city([report("r1", "2020-01-02", "west", "held", actor="blue")])

    with pytest.raises(ValueError, match="no report from 2020-01-10 to 2020-01-20"):
        animated_gif(city, date(2020, 1, 10), date(2020, 1, 20))
