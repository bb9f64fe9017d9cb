"""Time what a new version of a city's data costs the server, without a browser.

A new city, a new database, an edit past what an open map can be patched for,
or a reader's "As claimed by" choice each make the server build the map bundle
(``geo.maplayer.map_bundle``) and the area series (``geo.area.area_by_control``)
once. For Raqqa and the synthetic cities made by ``bench.synthetic_city`` (400
and 4 000 districts, and with ``--three-year-war`` the three-year war), each is
built ``--repeats`` times in a fresh process and the median is printed, with a
digest of the bundle's JSON.

``--baseline DIR`` builds the same in another checkout (e.g. ``git archive`` of
an older commit), alternating with this one repeat by repeat, so the two are
timed on the same machine at the same moments; equal digests show that both
build the same bundle. Pointing it at this checkout gives the A/A noise.

    python -m bench.build [--repeats 3] [--three-year-war] [--baseline DIR]
"""

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

from bench.synthetic_city import SIZES, city_folder
from bench.table import print_table

ROOT = Path(__file__).resolve().parents[1]

# Run in the checkout being timed (its own geo package), so it names only what
# every version of the code has.
_BUILD = """
import hashlib, json, sys, time
from pathlib import Path
from geo.area import area_by_control
from geo.io import load_city
from geo.maplayer.bundle import map_bundle
from geo.view_state import view_choices

city = load_city(Path(sys.argv[1]))
city.claims
started = time.perf_counter()
bundle = map_bundle(city, shown_days=view_choices(city).calendar)
bundle_seconds = time.perf_counter() - started
started = time.perf_counter()
area_by_control(city)
area_seconds = time.perf_counter() - started
text = json.dumps(bundle, ensure_ascii=False, separators=(",", ":"))
print(json.dumps({
    "bundle": bundle_seconds,
    "area": area_seconds,
    "digest": hashlib.sha256(text.encode()).hexdigest()[:16],
}))
"""


def build_once(root: Path, folder: Path) -> dict:
    """Seconds to build ``folder``'s bundle and area series with ``root``'s code."""
    finished = subprocess.run(
        [sys.executable, "-c", _BUILD, str(folder)],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(finished.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--three-year-war", action="store_true")
    parser.add_argument("--baseline", type=Path, default=None)
    arguments = parser.parse_args()
    folders = [ROOT / "data" / "raqqa", *map(city_folder, SIZES)]
    if arguments.three_year_war:
        folders.append(city_folder())
    sides = {"": ROOT}
    if arguments.baseline is not None:
        sides["baseline "] = arguments.baseline.resolve()
    results = []
    for folder in folders:
        runs = {side: [] for side in sides}
        for _ in range(arguments.repeats):
            for side, root in sides.items():
                runs[side].append(build_once(root, folder))
        result = {"city": folder.name}
        for side, built in runs.items():
            result[f"{side}bundle (s)"] = round(
                statistics.median(run["bundle"] for run in built), 2
            )
            result[f"{side}area series (s)"] = round(
                statistics.median(run["area"] for run in built), 2
            )
            result[f"{side}bundle digest"] = built[-1]["digest"]
        results.append(result)
        print(json.dumps(result), file=sys.stderr)
    print_table(results)


if __name__ == "__main__":
    main()
