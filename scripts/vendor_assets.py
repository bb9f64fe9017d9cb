"""Copy Leaflet from the pinned XStatic package into static/vendor/leaflet.

The map must work with no internet, so the app serves Leaflet itself instead of
loading it from a CDN.
"""

import shutil
from pathlib import Path

import xstatic.pkg.leaflet

TARGET = Path(__file__).resolve().parent.parent / "static" / "vendor" / "leaflet"


def main() -> None:
    """Copy leaflet.js, leaflet.css and its images when they are missing or stale."""
    source = Path(xstatic.pkg.leaflet.BASE_DIR)
    for name in ("leaflet.js", "leaflet.css", "images"):
        origin, copy = source / name, TARGET / name
        if origin.is_dir():
            shutil.copytree(origin, copy, dirs_exist_ok=True)
        elif not copy.exists() or copy.stat().st_size != origin.stat().st_size:
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origin, copy)


if __name__ == "__main__":
    main()
