"""What the user gives the city builder, and the limits every upload is held to."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from geo.colours import Actor
from geo.problems import Problem

MAX_SOURCE_BYTES = 50 * 1024 * 1024
"""Largest districts or points upload (unpacked, for a zip): a city's blocks fit."""
MAX_FEATURES = 20_000
"""Most districts one city may have: the map stays usable up to about this many."""
SETTINGS = "city settings"
"""The ``Problem.file`` of problems with the settings rather than an uploaded file."""


@dataclass(frozen=True)
class SourceFile:
    """An uploaded file: its name (for messages and its type) and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class CitySettings:
    """What the user says about the new city; days and actors may come from reports.

    ``actors`` are the sides; one without a colour gets the next free colour of
    ``ACTOR_PALETTE``. ``street_width_m`` is the widest street between
    neighbouring districts, if the user states it; else the front line works it
    out from the gaps in the districts.
    """

    name: str
    title: str = ""
    first_day: date | None = None
    last_day: date | None = None
    default_day: date | None = None
    actors: tuple[Actor, ...] = ()
    credits: str = ""
    street_width_m: float | None = None


def folder_name(name: str) -> str:
    """A city's folder name: its name in lower-case Latin letters, digits and _."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def actor_entry(text: str) -> Actor:
    """A side written as ``id = label = #colour = alias; alias``; all but id optional.

    A side with no label is labelled with its id; with no colour, it gets one
    from the palette when the city is built.
    """
    side_id, label, colour, aliases = [
        *(part.strip() for part in text.split("=", 3)),
        "",
        "",
        "",
    ][:4]
    spellings = tuple(alias.strip() for alias in aliases.split(";") if alias.strip())
    return Actor(side_id, label or side_id, colour, spellings)


def oversize_problem(size: int, file: str, what: str = "is") -> Problem | None:
    """The problem with ``size`` bytes of upload, or None within ``MAX_SOURCE_BYTES``.

    ``what`` starts the message ("is", "unpacks to") after the file's name.
    """
    if size <= MAX_SOURCE_BYTES:
        return None
    limit = MAX_SOURCE_BYTES / 1024 / 1024
    return Problem(
        file,
        "",
        "",
        f"{what} {size / 1024 / 1024:.1f} MB; the limit is {limit:.0f} MB "
        f"(MAX_SOURCE_BYTES)",
    )


def too_many_features_problem(count: int, file: str) -> Problem:
    """The problem with a file holding ``count`` features, over ``MAX_FEATURES``."""
    return Problem(
        file,
        "",
        "",
        f"has {count:,} features; the limit is {MAX_FEATURES:,} (MAX_FEATURES)",
    )
