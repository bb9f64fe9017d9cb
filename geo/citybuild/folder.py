"""Writing a new city's folder whole or not at all, where no other city is in the way.

The folder is written in a staging folder inside the cities' folder, loaded once
with ``geo.io.load_city`` there, and only then renamed into place.
"""

import csv
import io
import json
import os
import shutil
import tempfile
import tomllib
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from geo.citybuild.draft import CityDraft
from geo.citybuild.inputs import SETTINGS
from geo.io import CITY_FILE, DISTRICTS_FILE, REPORTS_FILE, load_city
from geo.problems import CityDataError, Problem
from geo.schema import REPORT_COLUMNS

STAGING_DIR = ".new-cities"
"""Where a folder is written before it is renamed into place: one level deeper than
a city, so the sidebar never lists a half-written folder."""
_FOLDER_MODE = 0o755
"""A written city folder is readable by all, like one copied into data/ by hand
(``mkdtemp`` makes its folders private)."""


def target_problems(target: Path, name: str) -> list[Problem]:
    """Why a new city cannot go to ``target``: the folder exists, or the name is used.

    Stored reports are keyed by the city's name, so two folders may not share one.
    """
    if target.exists():
        return [
            Problem(
                SETTINGS,
                "",
                "folder",
                f"{target} already exists; choose another name or move it away",
            )
        ]
    problems = []
    for settings_file in sorted(target.parent.glob(f"*/{CITY_FILE}")):
        try:
            other = tomllib.loads(settings_file.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        other_name = str(other.get("name", "")).strip()
        if other_name.casefold() == name.strip().casefold():
            problems.append(
                Problem(
                    SETTINGS,
                    "",
                    "name",
                    f"the city in {settings_file.parent.name}/ is already called "
                    f"'{other_name}'; stored reports are kept by name, so choose "
                    "another",
                )
            )
    return problems


def districts_geojson(districts: gpd.GeoDataFrame) -> str:
    """The districts as a FeatureCollection, one feature per line, UTF-8 text."""
    lines = []
    for row in districts.itertuples(index=False):
        properties = {
            "id": row.id,
            "name_en": row.name_en,
            "name_ar": row.name_ar,
            "aliases": row.aliases,
            "kind": row.kind,
            "precision_m": None if pd.isna(row.precision_m) else int(row.precision_m),
            "basis": row.basis,
            "boundary": row.boundary,
            "boundary_method": row.boundary_method,
        }
        feature = {
            "type": "Feature",
            "properties": properties,
            "geometry": shapely.geometry.mapping(row.geometry),
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def reports_text(reports: pd.DataFrame) -> str:
    """Reports as the plain UTF-8 CSV ``load_city`` reads (header only when none)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(REPORT_COLUMNS)
    for row in reports[list(REPORT_COLUMNS)].itertuples(index=False):
        writer.writerow(
            value.isoformat() if isinstance(value, date) else value for value in row
        )
    return buffer.getvalue()


def write_city_folder(draft: CityDraft, target: Path) -> Path:
    """Write the city to ``target`` all at once, or raise ``CityDataError``.

    The files go to a staging folder beside it, must load with ``load_city``
    there, and only then is the folder renamed to ``target``: a failure never
    leaves a half-written city behind.
    """
    problems = list(draft.problems) + target_problems(target, draft.name)
    if problems:
        raise CityDataError(problems)
    staging = target.parent / STAGING_DIR
    staging.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{target.name}-", dir=staging))
    try:
        (folder / DISTRICTS_FILE).write_text(
            districts_geojson(draft.districts), encoding="utf-8"
        )
        (folder / REPORTS_FILE).write_text(
            reports_text(draft.reports), encoding="utf-8"
        )
        (folder / CITY_FILE).write_text(draft.settings_toml, encoding="utf-8")
        load_city(folder)
        folder.chmod(_FOLDER_MODE)
        os.rename(folder, target)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        _remove_if_empty(staging)
    return target


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        return
