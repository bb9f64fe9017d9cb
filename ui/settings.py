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
