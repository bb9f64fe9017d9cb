"""Time and size the reader exports on Raqqa: standalone HTML, PNG, GIF, front lines.

Each timing is the best of a few runs in this process (the first run also pays
for imports and caches, shown separately for the HTML). Prints a table; never fails.

    python -m bench.exports
"""

import gzip
import time
from collections.abc import Callable
from datetime import date

from geo.export import (
    ExportOptions,
    LeafletUrls,
    SizePreset,
    animated_gif,
    day_png,
    frontline_csv,
    frontline_geojson,
    standalone_html,
)
from geo.io import load_city
from tests.conftest import RAQQA

REPEATS = 3
DAY = date(2017, 8, 3)
AUGUST = (date(2017, 8, 1), date(2017, 8, 31))
SMALL = ExportOptions(size=SizePreset.CUSTOM, width_px=600, height_px=600)
CDN = LeafletUrls(
    script_url="https://cdn.example.org/leaflet/1.9.3/leaflet.js",
    stylesheet_url="https://cdn.example.org/leaflet/1.9.3/leaflet.css",
)


def timed(action: Callable[[], bytes | str], repeats: int = REPEATS) -> tuple:
    """The best time in seconds over ``repeats`` runs, and the last result."""
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = action()
        timings.append(time.perf_counter() - start)
    return min(timings), result


def size(result: bytes | str) -> int:
    return len(result.encode("utf-8") if isinstance(result, str) else result)


def main() -> None:
    city = load_city(RAQQA)
    first_html, _ = timed(lambda: standalone_html(city), repeats=1)
    cases = {
        "HTML, Leaflet inlined": lambda: standalone_html(city),
        "HTML, Leaflet from CDN URLs": lambda: standalone_html(city, leaflet=CDN),
        "PNG 1200x675 (social), one day": lambda: day_png(city, DAY),
        "PNG 600x600 (custom), one day": lambda: day_png(city, DAY, SMALL),
        "GIF 1200x675, August": lambda: animated_gif(city, *AUGUST),
        "GIF 1200x675, all days": lambda: animated_gif(
            city, city.days[0], city.days[-1]
        ),
        "front lines GeoJSON, one day": lambda: frontline_geojson(city, DAY),
        "front lines CSV, one day": lambda: frontline_csv(city, DAY),
    }
    print(
        f"Raqqa: {len(city.districts)} features, {len(city.reports)} reports, "
        f"{len(city.days)} report days"
    )
    print(f"first standalone_html call (cold caches): {first_html * 1000:.0f} ms")
    print(f"{'export':32} {'best ms':>9} {'bytes':>10} {'gzip bytes':>11}")
    for name, action in cases.items():
        repeats = 1 if name.startswith("GIF") else REPEATS
        seconds, result = timed(action, repeats)
        data = result.encode("utf-8") if isinstance(result, str) else result
        print(
            f"{name:32} {seconds * 1000:9.0f} {size(result):10,d} "
            f"{len(gzip.compress(data)):11,d}"
        )
    days_in_august = [day for day in city.days if AUGUST[0] <= day <= AUGUST[1]]
    print(f"(August has {len(days_in_august)} report days; all days: {len(city.days)})")


if __name__ == "__main__":
    main()
