"""Pictures for the graphics desk: one day as PNG, SVG or PDF, a span as a GIF.

All are the ``DayPicture`` drawing at the size ``ExportOptions`` asks for; a GIF
repaints it for each report day instead of drawing the city again. Each file
carries its data version in its metadata, so a picture can be traced to the
reports it was drawn from. SVG and PDF keep their texts as searchable text.
"""

import io
from dataclasses import replace
from datetime import date

import matplotlib
from matplotlib.figure import Figure
from PIL import Image

from geo.city import City
from geo.days import format_day
from geo.export.day_picture import DPI, DayPicture
from geo.export.notes import reader_note
from geo.export.options import ExportFormat, ExportOptions
from geo.export.pacing import calendar_durations_ms
from geo.export.provenance import provenance, provenance_text
from geo.snapshots import Snapshot

_GIF_COLOURS = 64
_PALETTE_FRAMES = 4
"""GIF frames share one palette of ``_GIF_COLOURS``, made from this many frames."""
MIN_SECONDS_PER_DAY = 0.02
"""Browsers show a GIF frame shorter than 20 ms for 100 ms instead."""
MAX_SECONDS_PER_DAY = 5.0
MIN_FINAL_PAUSE_SECONDS = 2.0
MAX_GIF_PIXELS = 120_000_000
"""All of a GIF's frames together, in pixels. Its time and memory grow with them
(the encoder keeps each frame, a byte a pixel): Raqqa's whole battle at the social
size is 43 million; a city with 365 report days, at 800 x 600 (175 million), took
36 s and 1.2 GB before frames were streamed and this limit set. The social size
allows 148 frames, 4000 x 4000 seven."""
_SEARCHABLE_TEXT = {"svg.fonttype": "none", "pdf.fonttype": 42, "svg.hashsalt": "0"}
"""Texts stay text in SVG and PDF (TrueType), and SVG ids do not change per run."""


def day_figure(city: City, day: date, options: ExportOptions | None = None) -> Figure:
    """The picture of ``day`` as a matplotlib figure (Agg) of ``options``' size.

    Its map axes (label ``MAP_AXES_LABEL``) are in ``PICTURE_CRS`` metres.
    """
    picture = DayPicture(city, options or ExportOptions())
    picture.paint(day)
    return picture.figure


def _metadata(
    city: City, day: date, options: ExportOptions, found: Snapshot | None
) -> dict[str, str | None]:
    """The file's metadata in each format's own keys, with its ``provenance``."""
    title = city.title if options.title is None else options.title
    note = reader_note(city)
    origin = provenance(city, found)
    description = f"{title}, {format_day(day)}. {note} {provenance_text(city, found)}"
    published = (
        {
            "Snapshot": origin["snapshot"],
            "Snapshot revision": origin["snapshot_revision"],
            "Published": origin["published"],
        }
        if found
        else {}
    )
    if options.format == ExportFormat.PNG:
        return {
            "Title": title,
            "Description": description,
            "Source": city.credits,
            "Author": options.byline,
            "Software": "Frontline",
            "Data version": origin["data_version"],
            **published,
        }
    keywords = "; ".join(
        f"{name.lower()} {value}"
        for name, value in {"Data version": origin["data_version"], **published}.items()
    )
    if options.format == ExportFormat.SVG:
        return {
            "Title": title,
            "Description": description,
            "Source": city.credits,
            "Creator": options.byline,
            "Identifier": found.id if found else origin["data_version"],
            "Keywords": keywords,
            "Date": found.published_at if found else None,
        }
    return {
        "Title": title,
        "Subject": description,
        "Author": options.byline,
        "Keywords": keywords,
        "Creator": "Frontline",
    }


def day_picture(
    city: City,
    day: date,
    options: ExportOptions | None = None,
    snapshot: Snapshot | None = None,
) -> bytes:
    """The control on ``day`` as a PNG, SVG or PDF, as ``options`` ask.

    Made from ``snapshot`` (``city`` then holds its data), the file's metadata
    also names the snapshot, its revision and publish time.

    Districts, river, labels, scale bar, legend, title, day, notes and credits;
    colours, hatching and fading are the browser map's (``geo.colours``). A PDF
    page is the picture's size at ``DPI`` pixels per inch.

    Raises:
        ValueError: if the texts leave no room for the map (``picture_layout``).
    """
    options = options or ExportOptions()
    buffer = io.BytesIO()
    with matplotlib.rc_context(_SEARCHABLE_TEXT):
        day_figure(city, day, options).savefig(
            buffer,
            format=str(options.format),
            dpi=DPI,
            metadata=_metadata(city, day, options, snapshot),
        )
    return buffer.getvalue()


def day_png(city: City, day: date, options: ExportOptions | None = None) -> bytes:
    """``day_picture`` as a PNG, whatever format ``options`` name."""
    png = replace(options or ExportOptions(), format=ExportFormat.PNG)
    return day_picture(city, day, png)


def report_days_between(city: City, first_day: date, last_day: date) -> list[date]:
    """The report days from ``first_day`` to ``last_day``, both included."""
    if first_day > last_day:
        raise ValueError(
            f"days: the first day ({first_day.isoformat()}) is after the last "
            f"({last_day.isoformat()})"
        )
    days = [day for day in city.days if first_day <= day <= last_day]
    if not days:
        raise ValueError(
            f"days: no report from {first_day.isoformat()} to {last_day.isoformat()}; "
            f"{city.name} has reports from {city.days[0].isoformat()} to "
            f"{city.days[-1].isoformat()}"
        )
    return days


def gif_days(
    city: City,
    first_day: date | None = None,
    last_day: date | None = None,
    options: ExportOptions | None = None,
) -> list[date]:
    """The report days a GIF of this span and size shows, one frame each.

    The span is the city's first to last report day when not given.

    Raises:
        ValueError: a span without report days, or more frames than
            ``MAX_GIF_PIXELS`` allows at ``options``' size.
    """
    days = report_days_between(
        city, first_day or city.days[0], last_day or city.days[-1]
    )
    width, height = (options or ExportOptions()).size_px
    most = max(1, MAX_GIF_PIXELS // (width * height))
    if len(days) > most:
        raise ValueError(
            f"days: {len(days)} report days; a GIF of {width} x {height} pixels may "
            f"show at most {most}: pick a shorter span or a smaller size"
        )
    return days


def _palette_days(days: list[date]) -> list[date]:
    """A few days spread over the span, the last included: the palette's sample."""
    step = max(1, (len(days) - 1) // (_PALETTE_FRAMES - 1))
    return [*days[::step][: _PALETTE_FRAMES - 1], days[-1]]


def _shared_palette(frames: list[Image.Image]) -> Image.Image:
    """One palette for every frame, so colours do not flicker from frame to frame.

    It is made from a few frames spread over the range (``_palette_days``), at
    full size so that thin lines and type keep their own colours. The frames of
    the GIF are then painted and indexed one at a time, never all held in colour.
    """
    width, height = frames[0].size
    sample = Image.new("RGB", (width, height * len(frames)))
    for number, frame in enumerate(frames):
        sample.paste(frame, (0, number * height))
    return sample.quantize(colors=_GIF_COLOURS, method=Image.Quantize.FASTOCTREE)


def animated_gif(
    city: City,
    first_day: date | None = None,
    last_day: date | None = None,
    *,
    options: ExportOptions | None = None,
    seconds_per_day: float = 0.2,
    final_pause_seconds: float = 3.0,
    snapshot: Snapshot | None = None,
) -> bytes:
    """A looping GIF with one frame per report day from ``first_day`` to ``last_day``.

    The span is the city's first to last report day when not given. Each frame
    shows for as long as the calendar days until the next report day
    (``seconds_per_day`` each), so the animation keeps the battle's pace; the
    last frame pauses for ``final_pause_seconds``. Frames are the ``day_picture`` at
    ``options``' size, in one shared palette of a few dozen colours.

    Raises:
        ValueError: a pace or pause out of bounds, a span without report days or
            with more frames than ``MAX_GIF_PIXELS`` allows (``gif_days``), or
            texts that leave no room for the map (``picture_layout``).
    """
    if not MIN_SECONDS_PER_DAY <= seconds_per_day <= MAX_SECONDS_PER_DAY:
        raise ValueError(
            f"seconds per day: {seconds_per_day}; it must be from "
            f"{MIN_SECONDS_PER_DAY} to {MAX_SECONDS_PER_DAY}"
        )
    if not final_pause_seconds >= MIN_FINAL_PAUSE_SECONDS:
        raise ValueError(
            f"final pause: {final_pause_seconds} s; it must be at least "
            f"{MIN_FINAL_PAUSE_SECONDS} s"
        )
    days = gif_days(city, first_day, last_day, options)
    picture = DayPicture(city, options or ExportOptions())
    palette = _shared_palette(list(picture.frames(_palette_days(days))))
    indexed = (
        frame.quantize(palette=palette, dither=Image.Dither.NONE)
        for frame in picture.frames(days)
    )
    buffer = io.BytesIO()
    next(indexed).save(
        buffer,
        format="GIF",
        save_all=True,
        append_images=indexed,
        duration=calendar_durations_ms(days, seconds_per_day, final_pause_seconds),
        loop=0,
        optimize=True,
        comment=provenance_text(city, snapshot),
    )
    return buffer.getvalue()
