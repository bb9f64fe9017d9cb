"""What the desk asks of a picture: its size, format and the texts printed on it.

``ExportOptions`` checks itself when made, so a bad size or an over-long title is
refused with a message that names the field, before anything is drawn.
"""

from dataclasses import dataclass
from enum import StrEnum


class SizePreset(StrEnum):
    """The sizes the desk publishes at; ``CUSTOM`` takes a width and height."""

    SOCIAL = "social"
    SQUARE = "square"
    PORTRAIT = "portrait"
    CUSTOM = "custom"


PRESET_SIZES_PX: dict[SizePreset, tuple[int, int]] = {
    SizePreset.SOCIAL: (1200, 675),
    SizePreset.SQUARE: (1080, 1080),
    SizePreset.PORTRAIT: (1080, 1350),
}
"""Width and height in pixels of each preset."""
PRESET_LABELS: dict[SizePreset, str] = {
    SizePreset.SOCIAL: "Social (1200 x 675)",
    SizePreset.SQUARE: "Square (1080 x 1080)",
    SizePreset.PORTRAIT: "Portrait (1080 x 1350)",
    SizePreset.CUSTOM: "Custom size",
}
MIN_SIDE_PX = 480
MAX_SIDE_PX = 4000
"""A custom size's sides, in pixels, both included."""
MAX_TITLE_CHARACTERS = 200
MAX_LINE_CHARACTERS = 300
"""The subtitle and byline."""
MAX_NOTES_CHARACTERS = 1000


class ExportFormat(StrEnum):
    """A day's picture's file format, also its file name extension.

    An animation is always a GIF (``animated_gif``) and ignores the format.
    """

    PNG = "png"
    SVG = "svg"
    PDF = "pdf"

    @property
    def mime(self) -> str:
        """The media type of a file in this format."""
        return {
            ExportFormat.PNG: "image/png",
            ExportFormat.SVG: "image/svg+xml",
            ExportFormat.PDF: "application/pdf",
        }[self]


def _check_length(field: str, text: str, limit: int) -> None:
    if len(text) > limit:
        raise ValueError(
            f"{field}: {len(text)} characters; at most {limit} fit on the picture"
        )


@dataclass(frozen=True)
class ExportOptions:
    """A picture's size, format and texts.

    ``size`` is a preset, or ``CUSTOM`` with ``width_px`` and ``height_px``.

    ``title`` ``None`` prints the city's title; ``""`` prints none. ``notes`` are
    printed above the credits and the schematic-boundaries note, which are always
    printed. Texts are untrusted and drawn as plain text.

    ``size`` and ``format`` may be given as their text values ("square", "pdf").

    Raises:
        ValueError: an unknown size or format, a custom side outside
            ``MIN_SIDE_PX`` to ``MAX_SIDE_PX``, or a text over its limit, naming
            the field.
    """

    size: SizePreset = SizePreset.SOCIAL
    width_px: int | None = None
    height_px: int | None = None
    format: ExportFormat = ExportFormat.PNG
    title: str | None = None
    subtitle: str = ""
    byline: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "size", SizePreset(self.size))
        object.__setattr__(self, "format", ExportFormat(self.format))
        if self.size == SizePreset.CUSTOM:
            for field, side in (("width", self.width_px), ("height", self.height_px)):
                if side is None or not MIN_SIDE_PX <= side <= MAX_SIDE_PX:
                    raise ValueError(
                        f"custom {field}: {side} pixels; it must be from "
                        f"{MIN_SIDE_PX} to {MAX_SIDE_PX}"
                    )
        elif self.width_px is not None or self.height_px is not None:
            raise ValueError(
                f"size: {self.size} is {self.size_px[0]} x {self.size_px[1]} "
                "pixels; give a width and height only with the custom size"
            )
        _check_length("title", self.title or "", MAX_TITLE_CHARACTERS)
        _check_length("subtitle", self.subtitle, MAX_LINE_CHARACTERS)
        _check_length("byline", self.byline, MAX_LINE_CHARACTERS)
        _check_length("notes", self.notes, MAX_NOTES_CHARACTERS)

    @property
    def size_px(self) -> tuple[int, int]:
        """Width and height in pixels."""
        if self.size == SizePreset.CUSTOM:
            return (self.width_px or 0, self.height_px or 0)
        return PRESET_SIZES_PX[self.size]
