"""Time building a limit-sized city: 20,000 schematic cells, then the same as a file.

Everything is SYNTHETIC: random points near Null Island (0° N, 0° E) about 330 m
apart, named p0, p1, ...; their cells are then written as a GeoPackage in Web
Mercator and read back as a boundary file. Prints a table; never fails.

    python -m bench.city_builder
"""

import random
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from geo.citybuild import (
    MAX_FEATURES,
    CitySettings,
    PropertyNames,
    SourceFile,
    actor_entry,
    build_city,
    read_boundaries,
    schematic_districts,
    write_city_folder,
)
from geo.citybuild.preview import preview_png

SPACING_DEGREES = 0.003  # about 330 m
BUFFER_M = 300.0
Result = TypeVar("Result")
SETTINGS = CitySettings(
    "Synthetic benchmark city",
    first_day=date(2030, 1, 1),
    last_day=date(2030, 12, 31),
    actors=(actor_entry("north = North"),),
)


def points_csv(count: int, seed: int = 1) -> bytes:
    generator = random.Random(seed)
    side = SPACING_DEGREES * count**0.5
    lines = ["id,name_en,lat,lon"]
    lines += [
        f"p{number},Place {number},{generator.uniform(0, side):.6f},"
        f"{generator.uniform(0, side):.6f}"
        for number in range(count)
    ]
    return ("\n".join(lines) + "\n").encode()


def timed(label: str, size: str, action: Callable[[], Result]) -> Result:
    start = time.perf_counter()
    result = action()
    print(f"{label:44} {size:>12} {time.perf_counter() - start:8.2f}")
    return result


def main() -> None:
    print(f"{'what':44} {'size':>12} {'seconds':>8}")
    data = points_csv(MAX_FEATURES)
    cells = timed(
        f"{MAX_FEATURES:,} points -> Voronoi cells + checks",
        f"{len(data) / 1e6:.1f} MB",
        lambda: schematic_districts(SourceFile("points.csv", data), buffer_m=BUFFER_M),
    )
    print(f"  problems: {len(cells.problems)}")
    with tempfile.TemporaryDirectory() as folder:
        gpkg = Path(folder) / "cells.gpkg"
        cells.districts[["id", "name_en", "geometry"]].to_crs("EPSG:3857").to_file(gpkg)
        files = [SourceFile("cells.gpkg", gpkg.read_bytes())]
        checked = timed(
            "GeoPackage (EPSG:3857) -> reprojected + checks",
            f"{gpkg.stat().st_size / 1e6:.1f} MB",
            lambda: read_boundaries(files, PropertyNames("id", "name_en")),
        )
        print(f"  problems: {len(checked.problems)}")
        draft = timed(
            "build_city (no reports)", "", lambda: build_city(cells, SETTINGS)
        )
        target = Path(folder) / "city"
        timed(
            "write_city_folder (incl. load_city)",
            "",
            lambda: write_city_folder(draft, target),
        )
        size = (target / "districts.geojson").stat().st_size
        print(f"  districts.geojson: {size / 1e6:.1f} MB")
        timed("preview_png", "", lambda: preview_png(draft.districts))


if __name__ == "__main__":
    main()
