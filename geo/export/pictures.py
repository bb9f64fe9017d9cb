"""Pictures for the graphics desk: one day as PNG, a span of days as a looping GIF.

Both are the ``DayPicture`` drawing; a GIF repaints it for each report day
instead of drawing the city again.
"""

import io
from datetime import date

from matplotlib.figure import Figure
from PIL import Image

from geo.city import City
from geo.export.day_picture import DPI, REFERENCE_SIZE_PX, DayPicture

_GIF_SIZE_PX = (800, 600)
_GIF_COLOURS = 64
_PALETTE_FRAMES = 4
"""GIF frames share one palette of ``_GIF_COLOURS``, made from this many frames."""


def day_figure(
    city: City,
    day: date,
    *,
    width_px: int = REFERENCE_SIZE_PX[0],
    height_px: int = REFERENCE_SIZE_PX[1],
) -> Figure:
    """The picture of ``day`` as a matplotlib figure (Agg), e.g. to save as SVG or PDF.

    Its map axes (label ``MAP_AXES_LABEL``) are in ``PICTURE_CRS`` metres.
    """
    picture = DayPicture(city, width_px, height_px)
    picture.paint(day)
    return picture.figure


def day_png(
    city: City,
    day: date,
    *,
    width_px: int = REFERENCE_SIZE_PX[0],
    height_px: int = REFERENCE_SIZE_PX[1],
) -> bytes:
    """A PNG of the control on ``day``: districts, river, legend, title, credits.

    Colours, hatching and fading are the browser map's (``geo.colours``).
    """
    buffer = io.BytesIO()
    day_figure(city, day, width_px=width_px, height_px=height_px).savefig(
        buffer, format="png", dpi=DPI
    )
    return buffer.getvalue()


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


def _shared_palette(frames: list[Image.Image]) -> Image.Image:
    """One palette for every frame, so colours do not flicker from frame to frame.

    It is made from a few frames spread over the range, at full size so that thin
    lines and type keep their own colours.
    """
    step = max(1, (len(frames) - 1) // (_PALETTE_FRAMES - 1))
    chosen = [*frames[::step][: _PALETTE_FRAMES - 1], frames[-1]]
    width, height = frames[0].size
    sample = Image.new("RGB", (width, height * len(chosen)))
    for number, frame in enumerate(chosen):
        sample.paste(frame, (0, number * height))
    return sample.quantize(colors=_GIF_COLOURS, method=Image.Quantize.FASTOCTREE)


def animated_gif(
    city: City,
    first_day: date,
    last_day: date,
    *,
    frame_seconds: float = 0.8,
    width_px: int = _GIF_SIZE_PX[0],
    height_px: int = _GIF_SIZE_PX[1],
) -> bytes:
    """A looping GIF with one frame per report day from ``first_day`` to ``last_day``.

    Frames are the ``day_png`` picture, smaller by default, in one shared
    palette of a few dozen colours to keep the file small.
    """
    if not frame_seconds > 0:
        raise ValueError(f"frame_seconds: {frame_seconds} must be more than 0")
    days = report_days_between(city, first_day, last_day)
    frames = list(DayPicture(city, width_px, height_px).frames(days))
    palette = _shared_palette(frames)
    indexed = [
        frame.quantize(palette=palette, dither=Image.Dither.NONE) for frame in frames
    ]
    buffer = io.BytesIO()
    indexed[0].save(
        buffer,
        format="GIF",
        save_all=True,
        append_images=indexed[1:],
        duration=round(frame_seconds * 1000),
        loop=0,
        optimize=True,
    )
    return buffer.getvalue()
