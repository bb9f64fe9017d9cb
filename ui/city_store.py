"""The checked city kept on disk, so a restarted server does not check it again.

Reading and checking ``reports.csv`` and the districts' GeoJSON are the longest
parts of loading a big city (200 000 reports: about 0.8 s; 4 000 districts:
about 0.4 s). Once a city's files have passed ``load_city``, its clean reports
and districts are kept as Parquet (data only, never code; shapes as WKB) in
a private folder, under a name made from the content of every file of the city
and of the code that checks them: a changed file or a new version of the checks
gives a new name, so a kept table is only ever used for the very files it came
from.

The folder is ``FRONTLINE_CACHE_DIR``, or ``cache`` beside a SQLite database,
or ``~/.cache/frontline``. It is never under ``static/`` (served to anyone), and
it is used only when it belongs to this user and nobody else may write to it:
a table planted there would skip the checks. Each city keeps its
``KEPT_VERSIONS`` latest tables; older ones are deleted.

The reports as stored in the database are kept there too (``stored_reports``):
reading 200 000 of them back takes seconds, a kept table a twentieth of that.
"""

import hashlib
import os
import stat
from functools import lru_cache
from pathlib import Path

import pandas as pd
import shapely
from sqlalchemy import Engine

from geo.city import City
from geo.geometry import DISTRICT_COLUMNS, CheckedFeatures, district_frame
from geo.incremental import merged_reports
from geo.io import load_city
from geo.schema import REPORT_COLUMNS
from storage import reports as stored
from storage.reports import (
    STORED_REPORT_COLUMNS,
    Seed,
    change_stamp,
    current_reports,
    reports_changed_since,
    seed_city,
)

KEPT_VERSIONS = 3
_SUFFIX = ".reports.parquet"
_DISTRICTS_SUFFIX = ".districts.parquet"
_DISTRICT_TABLE_COLUMNS = (*DISTRICT_COLUMNS, "geometry")
_STORED_SUFFIX = ".stored.parquet"


def cache_dir(database_url: str) -> Path:
    """Where checked cities are kept for the database at ``database_url``."""
    configured = os.environ.get("FRONTLINE_CACHE_DIR")
    if configured:
        return Path(configured)
    if database_url.startswith("sqlite:///"):
        return Path(database_url.removeprefix("sqlite:///")).parent / "cache"
    return Path.home() / ".cache" / "frontline"


@lru_cache(maxsize=4)
def code_digest(module_file: str) -> str:
    """Changes with any code of ``geo`` or of ``module_file``, the module asking.

    What a kept file's name carries, so that new code never reads a file that
    older code wrote (the checked reports here, the bundles in ``city_cache``).
    """
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1] / "geo"
    for path in [*sorted(package.rglob("*.py")), Path(module_file).resolve()]:
        digest.update(path.as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def content_key(folder: Path) -> str:
    """A name for the city's files as they are now: names, bytes and the code."""
    digest = hashlib.sha256(code_digest(__file__).encode())
    for path in sorted(folder.iterdir()):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:32]


def _private(folder: Path) -> bool:
    """Make ``folder`` (only this user may enter); whether it is safely ours."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        status = folder.stat()
    except OSError:
        return False
    others_may_write = status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    return status.st_uid == os.getuid() and not others_may_write


def _keep(path: Path, table: pd.DataFrame, suffix: str = _SUFFIX) -> None:
    """Write the table whole or not at all, then drop the city's oldest tables."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    table.to_parquet(temporary, index=False)
    temporary.replace(path)
    kept = sorted(
        path.parent.glob(f"*{suffix}"), key=lambda file: file.stat().st_mtime_ns
    )
    for old in kept[:-KEPT_VERSIONS]:
        old.unlink(missing_ok=True)


def _city_store(database_url: str, city_name: str) -> Path | None:
    """The city's folder of kept tables, or None when it is not safely ours."""
    root = cache_dir(database_url)
    store = root / city_name
    return store if _private(root) and _private(store) else None


def checked_city(folder: Path, database_url: str) -> City:
    """``load_city(folder)``, with the reports' check skipped when kept from before.

    Raises ``CityDataError`` as ``load_city`` does; nothing is kept for a city
    with problems.
    """
    store = _city_store(database_url, folder.name)
    if store is None:
        return load_city(folder)
    key = content_key(folder)
    path, districts_path = (
        store / f"{key}{_SUFFIX}",
        store / f"{key}{_DISTRICTS_SUFFIX}",
    )
    kept = _read_kept(path)
    kept_districts = _read_kept_districts(districts_path)
    if kept is not None and kept_districts is not None:
        for used in (path, districts_path):
            os.utime(used)  # the most recently used tables are the ones kept
        return load_city(folder, checked_reports=kept, checked_districts=kept_districts)
    city = load_city(folder)
    _keep(path, city.reports)
    _keep(districts_path, _district_table(city), _DISTRICTS_SUFFIX)
    return city


def _district_table(city: City) -> pd.DataFrame:
    """The city's checked districts as a plain table: shapes as WKB, repairs noted.

    The repairs the check made are kept in the table's ``attrs``, which pandas
    writes into the Parquet file, so the city read back tells readers of them.
    """
    table = pd.DataFrame(city.districts[list(DISTRICT_COLUMNS)]).reset_index(drop=True)
    table["geometry"] = shapely.to_wkb(city.districts.geometry.array)
    table.attrs["repairs"] = list(city.repairs)
    return table


def _read_kept_districts(path: Path) -> CheckedFeatures | None:
    """The checked districts kept at ``path``, or None when there are none.

    A table whose shapes cannot all be read back is unusable: the city's files
    are then checked again, as for a table that is not there.
    """
    table = _read_kept(path, _DISTRICT_TABLE_COLUMNS)
    if table is None:
        return None
    try:
        shapes = shapely.from_wkb(table["geometry"].to_numpy())
    except (TypeError, shapely.errors.ShapelyError):
        return None
    if shapely.is_missing(shapes).any():
        return None
    table["geometry"] = shapes
    records = table.to_dict("records")
    return CheckedFeatures(
        district_frame(records), [], list(table.attrs.get("repairs", []))
    )


def _read_kept(
    path: Path, columns: tuple[str, ...] = REPORT_COLUMNS
) -> pd.DataFrame | None:
    """The kept table at ``path``, or None when there is none or it is unusable."""
    try:
        reports = pd.read_parquet(path)
    except (OSError, ValueError):
        return None
    return reports if tuple(reports.columns) == columns else None


def _stored_name(engine: Engine, city_name: str, sequence: int, url: str) -> str | None:
    """The kept table's name for the city's reports as of change ``sequence``.

    It starts with the change number, so an older table can be found and brought
    up to date, and goes on with a digest of the database's stamp for that
    change (``storage.reports.change_stamp``), its address and the code: a table
    is only ever used for the very database and change it was read from.
    """
    stamp = change_stamp(engine, city_name, sequence)
    if stamp is None:
        return None
    digest = hashlib.sha256(code_digest(stored.__file__).encode())
    digest.update(repr((url, stamp)).encode())
    return f"{sequence}-{digest.hexdigest()[:24]}{_STORED_SUFFIX}"


def _kept_sequences(store: Path, sequence: int) -> list[int]:
    """Change numbers up to ``sequence`` with a kept table, the newest first."""
    found = {
        int(number)
        for path in store.glob(f"*{_STORED_SUFFIX}")
        if (number := path.name.partition("-")[0]).isdigit()
    }
    return sorted((number for number in found if number <= sequence), reverse=True)


def stored_reports(
    engine: Engine, city: City, sequence: int, database_url: str
) -> pd.DataFrame:
    """The city's current reports as of change ``sequence``, kept on disk.

    Equal to ``current_reports(engine, city.name, as_of_sequence=sequence)``.
    A table kept for this change is read as it is; one kept for an earlier
    change of the same database gets the reports changed since
    (``reports_changed_since``, as an open map follows an edit); otherwise every
    report is read from the database. The result is kept for next time.
    """
    city_name = city.name
    store = _city_store(database_url, city.folder.name)
    name = store and _stored_name(engine, city_name, sequence, database_url)
    if name is None:
        return current_reports(engine, city_name, as_of_sequence=sequence)
    reports = None
    for earlier in _kept_sequences(store, sequence):
        earlier_name = (
            name
            if earlier == sequence
            else _stored_name(engine, city_name, earlier, database_url)
        )
        if earlier_name is None:
            continue
        reports = _read_kept(store / earlier_name, STORED_REPORT_COLUMNS)
        if reports is not None:
            os.utime(store / earlier_name)
            if earlier == sequence:
                return reports
            changed = reports_changed_since(engine, city_name, earlier, sequence)
            reports = merged_reports(reports, changed)
            break
    if reports is None:
        reports = current_reports(engine, city_name, as_of_sequence=sequence)
    _keep(store / name, reports, _STORED_SUFFIX)
    return reports


def seed_and_keep(engine: Engine, city: City, database_url: str, seed: Seed) -> int:
    """Store the city's ``seed`` (``seed_city``) and keep its reports; the change.

    The seed's reports are kept as ``stored_reports`` keeps what it reads back,
    so the first map of a new city or database does not read back every report
    it has just written (200 000 reports: 2.6 s). The change number the seed
    reached, or 0 when the city was seeded already.
    """
    seeded = seed_city(engine, city, seed)
    if seeded is None:
        return 0
    store = _city_store(database_url, city.folder.name)
    name = (
        None
        if store is None
        else _stored_name(engine, city.name, seeded.change, database_url)
    )
    if name is not None:
        _keep(store / name, seeded.reports, _STORED_SUFFIX)
    return seeded.change
