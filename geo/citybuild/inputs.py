"""What the user gives the city builder, and the limits every upload is held to."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

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

    ``actors`` are (id, label) pairs; their colours come from ``ACTOR_PALETTE``.
    """

    name: str
    title: str = ""
    first_day: date | None = None
    last_day: date | None = None
    default_day: date | None = None
    actors: tuple[tuple[str, str], ...] = ()
    credits: str = ""


def folder_name(name: str) -> str:
    """A city's folder name: its name in lower-case Latin letters, digits and _."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def actor_entry(text: str) -> tuple[str, str]:
    """An actor written as ``id = label`` (or just ``id``) as (id, label)."""
    actor_id, _, label = text.partition("=")
    return actor_id.strip(), (label.strip() or actor_id.strip())


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
