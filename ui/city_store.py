"""The checked city kept on disk, so a restarted server does not check it again.

Checking ``reports.csv`` row by row is the longest part of loading a big city
(200 000 reports: seconds). Once a city's files have passed ``load_city``, its
clean reports are kept as Parquet (data only, never code) in a private folder,
under a name made from the content of every file of the city and of the code
that checks them: a changed file or a new version of the checks gives a new
name, so a kept table is only ever used for the very files it came from.

The folder is ``FRONTLINE_CACHE_DIR``, or ``cache`` beside a SQLite database,
or ``~/.cache/frontline``. It is never under ``static/`` (served to anyone), and
it is used only when it belongs to this user and nobody else may write to it:
a table planted there would skip the checks. Each city keeps its
``KEPT_VERSIONS`` latest tables; older ones are deleted.
"""

import hashlib
import os
import stat
from functools import lru_cache
from pathlib import Path

import pandas as pd

from geo.city import City
from geo.io import load_city
from geo.schema import REPORT_COLUMNS

KEPT_VERSIONS = 3
_SUFFIX = ".reports.parquet"


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


def _keep(path: Path, reports: pd.DataFrame) -> None:
    """Write the table whole or not at all, then drop the city's oldest tables."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    reports.to_parquet(temporary, index=False)
    temporary.replace(path)
    kept = sorted(
        path.parent.glob(f"*{_SUFFIX}"), key=lambda file: file.stat().st_mtime_ns
    )
    for old in kept[:-KEPT_VERSIONS]:
        old.unlink(missing_ok=True)


def checked_city(folder: Path, database_url: str) -> City:
    """``load_city(folder)``, with the reports' check skipped when kept from before.

    Raises ``CityDataError`` as ``load_city`` does; nothing is kept for a city
    with problems.
    """
    root = cache_dir(database_url)
    store = root / folder.name
    if not (_private(root) and _private(store)):
        return load_city(folder)
    path = store / f"{content_key(folder)}{_SUFFIX}"
    kept = _read_kept(path)
    if kept is not None:
        os.utime(path)  # the most recently used tables are the ones kept
        return load_city(folder, checked_reports=kept)
    city = load_city(folder)
    _keep(path, city.reports)
    return city


def _read_kept(path: Path) -> pd.DataFrame | None:
    """The kept table at ``path``, or None when there is none or it is unusable."""
    try:
        reports = pd.read_parquet(path)
    except (OSError, ValueError):
        return None
    return reports if tuple(reports.columns) == REPORT_COLUMNS else None
