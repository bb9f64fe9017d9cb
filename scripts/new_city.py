"""Create a city folder from a districts file or from a CSV of named points.

From a boundary file (GeoJSON, Esri JSON, TopoJSON, KML, GeoPackage, FlatGeobuf,
Shapefile or a .zip of one, any CRS):

    python -m scripts.new_city data/mosul --districts mosul.gpkg \
        --id-property code --name-property name_en --local-name-property name_ar

From named points (schematic Voronoi districts, clipped to an outline or a buffer):

    python -m scripts.new_city data/bakhmut --points places.csv --buffer-m 800 \
        --reports reports.csv

Every problem is printed (file, row or feature, field) and the exit code is 2;
nothing is written then. The folder appears whole, or not at all. Review the
city.toml it writes: days, actors, colours and map view are suggestions.
"""

import argparse
import sys
from datetime import date
from pathlib import Path

from geo.citybuild import (
    CITY_EXTENT_KM,
    CitySettings,
    PropertyNames,
    SharedIds,
    SourceFile,
    actor_entry,
    build_city,
    read_boundaries,
    schematic_districts,
    target_problems,
    write_city_folder,
)
from geo.geometry import CheckedFeatures
from geo.problems import CityDataError, Problem
from geo.report_csv import DateOrder, TextEncoding
from geo.status import FeatureKind

PROBLEMS_EXIT = 2


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.new_city",
        description=__doc__.split("\n\n")[0],
        epilog="Exit codes: 0 written, 2 problems (nothing written).",
    )
    parser.add_argument(
        "target", type=Path, help="the new city folder, e.g. data/mosul"
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--districts",
        type=Path,
        help="boundary file: .geojson, .json, .topojson, .kml, .kmz, .gpkg, .fgb, "
        ".shp (its .shx/.dbf/.prj/.cpg are "
        "taken from beside it) or a .zip",
    )
    source.add_argument(
        "--points",
        type=Path,
        help="CSV with id, name_en, lat, lon (optional: name_ar, aliases, kind, "
        "precision_m, basis)",
    )
    boundary = parser.add_argument_group("with --districts")
    boundary.add_argument(
        "--id-property",
        default="id",
        help='default: id; "" makes ids from the names',
    )
    boundary.add_argument("--name-property", default="name_en", help="default: name_en")
    boundary.add_argument("--local-name-property", default="", help="stored as name_ar")
    boundary.add_argument("--aliases-property", default="")
    boundary.add_argument(
        "--crs", default="", help="the file's CRS when it does not say, e.g. EPSG:32638"
    )
    boundary.add_argument("--layer", default="", help="GeoPackage or KML layer to read")
    boundary.add_argument(
        "--extent-km",
        type=float,
        help=f"how far from their middle districts may lie (default: a city's "
        f"{CITY_EXTENT_KM:.0f} km; more for a regional file)",
    )
    boundary.add_argument(
        "--shared-ids",
        choices=[SharedIds.MERGE.value, SharedIds.SEPARATE.value],
        default=SharedIds.ASK.value,
        help="features sharing an id: merge them into one district, or keep them "
        "as separate districts with numbered ids (default: list them as problems)",
    )
    points = parser.add_argument_group("with --points (give one)")
    points.add_argument("--outline", type=Path, help="GeoJSON polygon the cells fill")
    points.add_argument("--buffer-m", type=float, help="metres around the points")
    reports = parser.add_argument_group("reports and settings")
    reports.add_argument("--reports", type=Path, help="reports CSV (optional)")
    reports.add_argument(
        "--encoding",
        choices=[encoding.value for encoding in TextEncoding],
        default=TextEncoding.UTF_8.value,
        help="of the points and reports CSVs (a byte order mark overrides it)",
    )
    reports.add_argument(
        "--date-order",
        choices=[order.value for order in DateOrder],
        default=DateOrder.ISO.value,
    )
    reports.add_argument("--name", help="the city's name (default: from the folder)")
    reports.add_argument("--title", default="")
    for day in ("first-day", "last-day", "default-day"):
        reports.add_argument(
            f"--{day}", type=date.fromisoformat, help="YYYY-MM-DD (default: reports)"
        )
    reports.add_argument(
        "--actor",
        action="append",
        default=[],
        metavar="ID=LABEL[=#COLOUR[=ALIAS;ALIAS]]",
        help="a side; repeat for each (default: the reports' actor ids)",
    )
    reports.add_argument("--credits", default="")
    reports.add_argument(
        "--street-width-m",
        type=float,
        help="the widest street between neighbouring districts, 0 to 200 "
        "(default: worked out from the gaps between the districts)",
    )
    return parser


def _source_files(path: Path) -> list[SourceFile]:
    """The file, and for a Shapefile every file beside it sharing its stem."""
    paths = [path]
    if path.suffix.lower() == ".shp":
        paths = sorted(path.parent.glob(f"{path.stem}.*"))
    return [SourceFile(part.name, part.read_bytes()) for part in paths]


def _features(options: argparse.Namespace) -> CheckedFeatures:
    if options.districts is not None:
        names = PropertyNames(
            options.id_property,
            options.name_property,
            options.local_name_property,
            options.aliases_property,
        )
        return read_boundaries(
            _source_files(options.districts),
            names,
            stated_crs=options.crs,
            layer=options.layer,
            shared_ids=SharedIds(options.shared_ids),
            extent_km=options.extent_km,
        )
    outline = options.outline
    return schematic_districts(
        SourceFile(options.points.name, options.points.read_bytes()),
        encoding=TextEncoding(options.encoding),
        outline=SourceFile(outline.name, outline.read_bytes()) if outline else None,
        buffer_m=options.buffer_m,
    )


def _print_problems(problems: list[Problem]) -> None:
    count = len(problems)
    print(
        f"{count} problem{'s' if count != 1 else ''}; nothing written:", file=sys.stderr
    )
    for problem in problems:
        print(f"- {problem}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Build and write the city; return the exit code."""
    options = _arguments().parse_args(argv)
    target: Path = options.target
    name = options.name or target.name.replace("_", " ").title()
    settings = CitySettings(
        name=name,
        title=options.title,
        first_day=options.first_day,
        last_day=options.last_day,
        default_day=options.default_day,
        actors=tuple(actor_entry(text) for text in options.actor),
        credits=options.credits,
        street_width_m=options.street_width_m,
    )
    reports = options.reports
    try:
        features = _features(options)
        report_file = (
            SourceFile(reports.name, reports.read_bytes()) if reports else None
        )
    except OSError as error:
        _print_problems([Problem(str(error.filename), "", "", str(error.strerror))])
        return PROBLEMS_EXIT
    draft = build_city(
        features,
        settings,
        reports=report_file,
        encoding=TextEncoding(options.encoding),
        date_order=DateOrder(options.date_order),
    )
    for note in draft.notes:
        print(f"note: {note}")
    problems = list(draft.problems) + target_problems(target, name)
    if problems:
        _print_problems(problems)
        return PROBLEMS_EXIT
    try:
        write_city_folder(draft, target)
    except CityDataError as error:
        _print_problems(list(error.problems))
        return PROBLEMS_EXIT
    kinds = draft.districts["kind"].value_counts()
    print(
        f"wrote {target}: {kinds.get(FeatureKind.DISTRICT, 0)} districts, "
        f"{kinds.get(FeatureKind.LANDMARK, 0)} landmarks, {len(draft.reports)} "
        f"reports. Review {target / 'city.toml'}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
