"""Where the app finds its cities: the project folder and the cities folder."""

import os
from pathlib import Path

from geo.io import CITY_FILE

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CITY = "raqqa"


def cities_dir() -> Path:
    """The folder whose sub-folders are cities: ``FRONTLINE_CITIES_DIR`` or ``data``."""
    return Path(os.environ.get("FRONTLINE_CITIES_DIR") or ROOT / "data")


def available_cities() -> list[str]:
    """Names of the city folders that hold a ``city.toml``, Raqqa first."""
    names = sorted(path.parent.name for path in cities_dir().glob(f"*/{CITY_FILE}"))
    return sorted(names, key=lambda name: name != DEFAULT_CITY)


def city_to_open(requested: str | None = None) -> str | None:
    """The city a page opens: ``requested`` if the folder has it, else the first.

    The first of ``available_cities`` (Raqqa when present); None with no city.
    One rule for the page, its pages run alone, and what is prepared ahead.
    """
    cities = available_cities()
    if requested in cities:
        return requested
    return cities[0] if cities else None
