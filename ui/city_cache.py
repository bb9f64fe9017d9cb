"""Cities and their map files, computed once per version of the city's data.

Validation and resolution live in ``geo``, storage in ``storage``; this module
only decides what is computed once per version of a city's files and stored
reports. The stored version is asked for on every rerun, so one editor's change
reaches every session on its next rerun.
"""

import hashlib
import json
import logging
import os
import re
import threading
from datetime import date
from glob import escape as glob_escape
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import streamlit as st

from geo.area import area_by_control
from geo.city import City
from geo.compare import Claimant, changes_between, disagreements_on, reports_from
from geo.frontline import frontline_on
from geo.incremental import with_changed_reports
from geo.maplayer.bundle import (
    CityDrawing,
    city_drawing,
    first_day_bundle,
    map_bundle,
    timeline_patch,
)
from geo.maplayer.contract import TimelinePatch
from geo.snapshots import changes_since as snapshot_changes
from geo.view_state import view_choices
from storage.database import database_url
from storage.reports import (
    Seed,
    change_stamp,
    is_seeded,
    reports_changed_since,
    seed_of,
    seed_stamp,
)
from ui.background import OneWorker
from ui.city_store import checked_city, code_digest, seed_and_keep, stored_reports
from ui.database import database_at, latest_change
from ui.memory import collection_paused, kept
from ui.settings import cities_dir
from ui.static_files import (
    GENERATED_DIR,
    data_url,
    fetched,
    remove_generated,
    static_url,
    write_generated,
)

_LOG = logging.getLogger(__name__)


def _version(folder: Path) -> str:
    """Changes whenever a file of the city changes, so caches follow edits."""
    stats = [
        (path.name, path.stat().st_mtime_ns, path.stat().st_size)
        for path in sorted(folder.iterdir())
        if path.is_file()
    ]
    return hashlib.sha256(repr(stats).encode()).hexdigest()[:16]


_Source = tuple[str, str, str]
"""A city's folder, files version and database: what its change numbers count."""
_newest: dict[_Source, tuple[int, City]] = {}
"""The newest live city read per source, with its change number: edits start there."""
_followed: dict[_Source, dict[int, tuple[int, frozenset[str]]]] = {}
"""Per source, each change number reached by applying edits to an older city:
the number it started from and the districts the edits touched (a seed's change:
from 0, none touched)."""


@st.cache_resource(show_spinner="Loading the city…", max_entries=8)
def _checked_folder(folder: str, files: str, url: str) -> City:
    """The city as its files give it, checked: its reports not yet the stored ones."""
    return checked_city(Path(folder), url)


@st.cache_resource(max_entries=8)
def _seed(folder: str, files: str, url: str) -> Seed:
    """What the city's seed stores, made once: its files' map may come first."""
    return seed_of(_checked_folder(folder, files, url))


_seeded: set[_Source] = set()
"""Sources whose reports this server found stored, or stored itself."""
_seed_changes: dict[_Source, int] = {}
"""The change number each seed this server stored reached: the map reads it as 0."""


@st.cache_resource(show_spinner="Loading the city…", max_entries=8)
def _load_folder(folder: str, files: str, url: str) -> City:
    """The checked city, with its reports seeded in the database if they were not.

    The seed's change reads as change 0, the city as its files gave it
    (``city_version``), so a map drawn from its files meanwhile needs no new
    bundle, patch or panel once the seed is stored.
    """
    city = _checked_folder(folder, files, url)
    engine = database_at(url)
    source = (folder, files, url)
    if not is_seeded(engine, city.name):
        change = seed_and_keep(engine, city, url, _seed(folder, files, url))
        if change:
            _seed_changes[source] = change
            _followed.setdefault(source, {})[change] = (0, frozenset())
            held = _newest.get(source)
            if held is not None and held[0] == 0:
                _newest[source] = (change, held[1])
    _seeded.add(source)
    return city


class CityVersion(NamedTuple):
    """Everything a city's cached data depends on: its files, database, stored changes.

    Asked for once per run (a folder listing and one indexed query), then passed to
    the cached functions below, so one editor's change reaches every session on its
    next rerun and a slider step pays for the question only once.
    """

    folder: str
    files: str
    database_url: str
    stored: int
    pinned: bool = False
    """A published snapshot's data: as of revision ``stored``, not the latest."""


def city_version(
    name: str, as_of: int | None = None, *, while_seeding: bool = False
) -> CityVersion:
    """The current version of the city called ``name``, or its data as of ``as_of``.

    ``as_of`` is a published snapshot's data revision (``storage.snapshots``).
    A city whose reports are not in the database yet (a new city, a new
    database) has them stored first, its seed (200 000 reports: 2-3 s).
    ``while_seeding`` (the map page, which reads no report from the database):
    for such a city, at once its change 0, the city as its files give it; its
    map stores the seed in the background (``map_bundle_url``). The seed's
    change, once stored, is still change 0 here, so what was computed for the
    map before is used after (``change_number`` gives the stored number).
    """
    folder = cities_dir() / name
    url = database_url()
    source = (str(folder), _version(folder), url)
    if (
        as_of is None
        and while_seeding
        and source not in _seeded
        and latest_change(_checked_folder(*source).name, fresh=True) == 0
    ):
        return CityVersion(*source, 0)
    city_name = _load_folder(*source).name
    if as_of is not None:
        return CityVersion(*source, as_of, pinned=True)
    stored = latest_change(city_name, fresh=True)
    if while_seeding and stored == _seed_changes.get(source):
        stored = 0
    return CityVersion(*source, stored)


def _from_files(version: CityVersion) -> bool:
    """Whether ``version`` is change 0: the city as its files give it, as seeded."""
    return version.stored == 0 and not version.pinned


def change_number(version: CityVersion) -> int:
    """The database's change number for ``version``: its seed's for change 0."""
    if _from_files(version):
        return _seed_changes.get(_source(version), 0)
    return version.stored


def files_city(name: str) -> City:
    """The city called ``name`` as its files give it, checked; nothing stored read.

    Raises ``CityDataError`` for files with problems, as ``city`` does.
    """
    folder = cities_dir() / name
    return _checked_folder(str(folder), _version(folder), database_url())


def _source(version: CityVersion) -> _Source:
    return (version.folder, version.files, version.database_url)


@st.cache_resource(show_spinner="Reading the reports…", max_entries=8)
def city_at(version: CityVersion) -> City:
    """The city at ``version``: after an edit, only the changed reports are read.

    A live version newer than one already read takes that city and applies the
    reports changed since (``geo.incremental``), instead of reading all of them
    (1.3 s at 50 000 reports), and notes the districts the edits touched, which
    is all an open map needs to be patched (``map_patch``).
    """
    source = _source(version)
    held = None if version.pinned else _newest.get(source)
    engine = database_at(version.database_url)
    if _from_files(version):
        city = _checked_folder(*source).with_reports(_seed(*source).reports)
    elif held is not None and held[0] == version.stored:
        city = held[1]
    elif held is not None and held[0] < version.stored:
        changed = reports_changed_since(engine, held[1].name, held[0], version.stored)
        city, touched = with_changed_reports(held[1], changed)
        _followed.setdefault(source, {})[version.stored] = (held[0], touched)
    else:
        city = _load_folder(*source)
        city = city.with_reports(
            stored_reports(engine, city, version.stored, version.database_url)
        )
    if not version.pinned and (held is None or held[0] < version.stored):
        _newest[source] = (version.stored, city)
    return kept(city)


def _touched_between(drawn: CityVersion, version: CityVersion) -> frozenset[str] | None:
    """The districts edits touched from ``drawn`` to ``version``; None if unknown."""
    if drawn.pinned or version.pinned or _source(drawn) != _source(version):
        return None
    steps = _followed.get(_source(version), {})
    stored, touched = version.stored, set()
    while stored > drawn.stored and stored in steps:
        stored, districts = steps[stored]
        touched |= districts
    return frozenset(touched) if stored == drawn.stored else None


PATCHED_DISTRICTS_LIMIT = 200
"""An open map is patched for edits touching up to this many districts in all.

The patch covers every edit since the map was built and goes with each step's
day view, so past this the map is built anew (one new frame) instead."""


_built: dict[_Source, CityVersion] = {}
"""Per source, the newest live version whose map bundle this server has at hand."""


def kept_map_version(drawn: CityVersion | None, version: CityVersion) -> CityVersion:
    """The version whose map a page shows, patched, while ``version`` is current.

    ``drawn``, the version its open map was built from, or for a page with no
    map yet the newest version whose bundle the server already has: as long as
    the edits since are known district by district and few enough, the map is
    then patched (``map_patch``), not rebuilt. An open map keeps the reader's
    zoom, pan and popup; a new reader after an edit gets the kept bundle at
    once instead of waiting for a new one (2.9 s at 4 000 districts).
    Otherwise (another city, a snapshot, a server restart, a long day of
    edits) ``version`` itself.
    """
    base = drawn if drawn is not None else _built.get(_source(version))
    touched = None if base is None else _touched_between(base, version)
    if touched is None or len(touched) > PATCHED_DISTRICTS_LIMIT:
        return version
    return base


@st.cache_resource(max_entries=64)
def map_patch(
    drawn: CityVersion, version: CityVersion, claimant: Claimant
) -> TimelinePatch | None:
    """What brings a map built at ``drawn`` up to ``version``; None when equal.

    Only the districts the edits touched are resolved again (``timeline_patch``).
    """
    touched = _touched_between(drawn, version)
    if not touched:
        return None
    return timeline_patch(
        claimed_city(version, claimant), touched, change=version.stored
    )


def city(name: str, as_of: int | None = None) -> City:
    """The city called ``name`` with its stored reports (now, or as of ``as_of``)."""
    return city_at(city_version(name, as_of))


@st.cache_resource(max_entries=32)
def changes_since(
    pinned: CityVersion,
    live: CityVersion,
    day: date,
    claimant: Claimant,
    last_day: date | None = None,
) -> list[str]:
    """What the live data now shows differently than a snapshot's data.

    On ``day``, or on any day from ``day`` to ``last_day`` for a published span.
    """
    return snapshot_changes(city_at(pinned), city_at(live), day, claimant, last_day)


@st.cache_resource(max_entries=32)
def claimed_city(version: CityVersion, claimant: Claimant) -> City:
    """The city as one source or source type tells it ("as claimed by").

    Every source's city is the loaded city itself, already kept (``kept``):
    not scanned again (4 000 districts: 0.1 s of a first map).
    """
    city = city_at(version)
    claimed = reports_from(
        city,
        source=claimant.source or None,
        source_type=claimant.source_type or None,
    )
    return claimed if claimed is city else kept(claimed)


@st.cache_resource(max_entries=32)
def area_series(version: CityVersion, claimant: Claimant) -> pd.DataFrame:
    """Area and share held per control category on every day (cached per change)."""
    return area_by_control(claimed_city(version, claimant))


@st.cache_resource(max_entries=256)
def changes(
    version: CityVersion, claimant: Claimant, day_a: date, day_b: date
) -> pd.DataFrame:
    """``geo.compare.changes_between`` the two days (cached per pair of days).

    At 4 000 districts one costs 0.4 s, at the three-year war 1.7 s: a reader
    stepping with "What changed" open pays it once per day, not on every rerun.
    """
    return changes_between(claimed_city(version, claimant), day_a, day_b)


@st.cache_resource(max_entries=256)
def disagreements(
    version: CityVersion, day: date, source_a: str, source_b: str
) -> pd.DataFrame:
    """``geo.compare.disagreements_on`` the day (cached per day and pair of sources).

    Two sources' states on a day cost 0.46 s at 4 000 districts, 1.0 s for the
    war: the outline of where they disagree was paid on every rerun.
    """
    return disagreements_on(city_at(version), day, source_a, source_b)


@st.cache_resource(max_entries=256)
def frontline_geojson(version: CityVersion, claimant: Claimant, day: date) -> dict:
    """The day's front lines as GeoJSON for the map layer (cached per day)."""
    lines = frontline_on(claimed_city(version, claimant), day)
    return json.loads(lines.to_json(drop_id=True))


@st.cache_resource(max_entries=64)
def _kept_bundle_name(version: CityVersion, claimant: Claimant) -> str:
    """The bundle's file name, from everything its content depends on.

    The city's files (their version), its stored reports as of the version's
    change (the database's stamp for it, ``storage.reports.change_stamp``, not
    the bare number: another database can reach the same number with other
    reports), the claimant and the code. The same name therefore always holds
    the same bundle, so a restarted server, or another replica on the same
    database, serves a kept file without building it again, and browsers may
    keep it for good. Naming it costs two indexed queries, not a pass over
    every report.
    """
    source = _source(version)
    if _from_files(version):
        stamp = seed_stamp(_seed(*source).recorded_at)
    else:
        engine = database_at(version.database_url)
        stamp = change_stamp(engine, _checked_folder(*source).name, version.stored)
    digest = hashlib.sha256()
    digest.update(code_digest(__file__).encode())
    digest.update(
        repr((version.files, version.database_url, stamp, tuple(claimant))).encode()
    )
    return f"{Path(version.folder).name}-{digest.hexdigest()[:20]}.json"


BUNDLES_KEPT_PER_CITY = 24
"""Bundle files a city keeps in ``static/generated``, the most recently used.

A reader can ask for a bundle per published map and per source ("As claimed
by"), and each data version makes new ones (7.7 MB each at 4 000 districts), so
without a bound the folder would grow with every edit and every choice. At most
this many files per city are kept; an older one is built again when asked for.
"""
_BUNDLE_NAME = re.compile(r"(?P<city>.+)-[0-9a-f]{20}(?:-\d{4}-\d{2}-\d{2})?\.json")
"""A whole bundle's file name, or a first bundle's (``_first_day_bundle_url``)."""


def _keep(name: str, content: bytes) -> None:
    """Write ``content`` as ``name`` in ``static/generated``, whole or not at all.

    Then drop the city's least recently used bundles beyond the bound.
    """
    write_generated(name, content)
    city = _BUNDLE_NAME.fullmatch(name).group("city")
    kept = [
        path
        for path in GENERATED_DIR.glob(f"{glob_escape(city)}-*.json")
        if (found := _BUNDLE_NAME.fullmatch(path.name)) and found["city"] == city
    ]
    kept.sort(key=lambda path: path.stat().st_mtime_ns, reverse=True)
    for stale in kept[BUNDLES_KEPT_PER_CITY:]:
        remove_generated(stale)


def bundle_on_disk(url: str) -> bool:
    """Whether a bundle URL still names a file (a ``data:`` URL always does)."""
    return url.startswith("data:") or (GENERATED_DIR / url.rpartition("/")[2]).exists()


@st.cache_resource(max_entries=8)
def _drawing(folder: str, files: str, url: str) -> CityDrawing:
    """The city's shapes, names and label points: made once per version of its files.

    Every bundle of the city draws them the same, whatever its reports, so a new
    bundle after an edit or for one source ("As claimed by") does not make them
    again (4 000 districts: about a third of the bundle's build).
    """
    return kept(city_drawing(_checked_folder(folder, files, url)))


@st.cache_resource(show_spinner="Preparing the map…", max_entries=16)
def bundle_url(version: CityVersion, claimant: Claimant, embedded: bool) -> str:
    """URL of the map bundle (geometry and whole timeline), built per change.

    Every calendar day the timeline can show gets its label in the bundle, so the
    map names a day between reports as it names a report day.

    A file in ``static/generated``, fetched once by every reader, and kept: a
    fresh server finds it there by name (``_kept_bundle_name``) and does not
    build it again. ``embedded`` (a private desk): a ``data:`` URL inside the
    map, never written to disk, so only a logged-in session gets it. The newest
    live version with a bundle is noted for new readers (``kept_map_version``).
    """
    name = None if embedded else _kept_bundle_name(version, claimant)
    if name is not None and (GENERATED_DIR / name).exists():
        os.utime(GENERATED_DIR / name)
        url = static_url(f"generated/{name}")
    else:
        bundle = map_bundle(
            claimed_city(version, claimant),
            shown_days=view_choices(city_at(version)).calendar,
            drawing=_drawing(version.folder, version.files, version.database_url),
        )
        content = json.dumps(bundle, ensure_ascii=False, separators=(",", ":"))
        if name is None:
            url = data_url(content.encode("utf-8"), "application/json")
        else:
            _keep(name, content.encode("utf-8"))
            url = static_url(f"generated/{name}")
    built = _built.get(_source(version))
    if not version.pinned and (built is None or built.stored < version.stored):
        _built[_source(version)] = version
    return url


_AFTER_FIRST_MAP = OneWorker("frontline-after-first-map")
"""Builds whole bundles and stores seeds behind a first map, one at a time, in turn."""
_first_days: dict[tuple[CityVersion, Claimant], date] = {}
"""The day of each first bundle made, until its whole bundle is built."""
_first_days_lock = threading.Lock()


def _build_whole(version: CityVersion, claimant: Claimant) -> None:
    """``bundle_url``, in the background: an open map fetches the file it writes.

    Without garbage scans (``collection_paused``): the war's took 3.7-4.0 s
    instead of 5.3-5.7 s, in which its map shows only its first day.
    """
    try:
        with collection_paused():
            bundle_url(version, claimant, False)
    except Exception:  # the map says it cannot load its other days
        _LOG.warning("Could not build the map bundle of %s", version, exc_info=True)
    finally:
        with _first_days_lock:
            _first_days.pop((version, claimant), None)


def _build_whole_soon(version: CityVersion, claimant: Claimant) -> None:
    """Queue the whole bundle's build, unless it is queued or under way already.

    It starts once a map has drawn its first bundle and asks for the whole one
    (answered 404 until it is written), or after ``WHOLE_BUILD_WAIT_SECONDS``.
    Built while the map's frame loaded, it held the server's Python back (the
    war's first map: 1.1-1.6 s from frame to paint instead of 0.7-0.8 s);
    built while the map drew the first bundle, it still slowed the drawing by
    its CPU (frame to paint 1.07-1.13 s against 0.68-0.74 s). What it can be
    asked for is bounded by the city's sources times the versions its editors
    make, each built once, as a reader's first map built them before.
    """
    asked_for = fetched(_kept_bundle_name(version, claimant))

    def build() -> None:
        asked_for.wait(WHOLE_BUILD_WAIT_SECONDS)
        _build_whole(version, claimant)

    _AFTER_FIRST_MAP.submit((version, claimant), build)


WHOLE_BUILD_WAIT_SECONDS = 3
"""The longest a whole bundle's build waits for a map to ask for it."""


def _seed_quietly(source: _Source) -> None:
    """``_load_folder`` in the background; a page that needs the seed waits for it.

    Without garbage scans, as ``_build_whole``.

    A failure is logged: the next page asking for the stored reports meets it
    again and tells its reader, and the next map from the files queues a new try.
    """
    try:
        with collection_paused():
            _load_folder(*source)
    except Exception:
        _LOG.warning("Could not store the reports of %s", source[0], exc_info=True)


def _store_seed_soon(version: CityVersion) -> None:
    """Queue the seed of a city whose map was drawn from its files (change 0).

    Behind its whole bundle, if that is queued: the first map, then every day,
    waits for neither. A page that reads the stored reports waits for it.
    """
    source = _source(version)
    if _from_files(version) and source not in _seeded:
        _AFTER_FIRST_MAP.submit(source, lambda: _seed_quietly(source))


FIRST_BUNDLE_FROM_CLAIMS = 20_000
"""A city's map opens on a first bundle (``first_bundle_day``) from this many claims.

Measured on a brand-new database, first maps alternating with the threshold at
100 000: the 4 000-district city (50 000 claims) painted its first map in
3.53-3.69 s against 4.42-5.54 s (two identical servers alternating:
4.35-6.66 s), with every day on the map as soon as before (4.51-4.70 s against
4.47-5.57 s): its whole bundle is built once the first bundle has been sent, so
it no longer holds that map back. The 400-district city (5 000) gained nothing
beyond the noise (1.72-2.28 s against 1.78-2.47 s): a small city's whole bundle
is quick to build, and a first bundle only adds a second fetch.
"""


def first_bundle_day(
    version: CityVersion, claimant: Claimant, embedded: bool, day: date
) -> date | None:
    """The day a new map's first bundle holds alone, or None: the whole bundle.

    None when the whole bundle is at hand (kept in ``static/generated``), quick
    to build (``FIRST_BUNDLE_FROM_CLAIMS``), or ``embedded`` (a private desk's
    bundle travels inside the map, built at once). Otherwise the map opens on a
    first bundle and fetches the whole one once it is built, in the background
    (``map_bundle_url``).

    One first bundle per whole one: the first map asked for gives its ``day``,
    and a map of another day opened before the whole bundle is built opens on
    that one, shows its day and says it is loading. Readers could otherwise
    have the server build one for every day of the calendar (the war: about a
    second each) in the seconds before the whole bundle is there.
    """
    if (
        embedded
        or (GENERATED_DIR / _kept_bundle_name(version, claimant)).exists()
        or len(claimed_city(version, claimant).claims) < FIRST_BUNDLE_FROM_CLAIMS
    ):
        return None
    with _first_days_lock:
        return _first_days.setdefault((version, claimant), day)


@st.cache_resource(show_spinner="Preparing the map…", max_entries=32)
def _first_day_bundle_url(version: CityVersion, claimant: Claimant, day: date) -> str:
    """Write the first bundle of ``day`` (``first_day_bundle``) beside the whole one."""
    whole = _kept_bundle_name(version, claimant)
    name = f"{whole.removesuffix('.json')}-{day.isoformat()}.json"
    bundle = first_day_bundle(
        claimed_city(version, claimant),
        day,
        whole_url=static_url(f"generated/{whole}"),
        shown_days=view_choices(city_at(version)).calendar,
        drawing=_drawing(version.folder, version.files, version.database_url),
    )
    _keep(name, json.dumps(bundle, ensure_ascii=False, separators=(",", ":")).encode())
    return static_url(f"generated/{name}")


def map_bundle_url(
    version: CityVersion,
    claimant: Claimant,
    embedded: bool,
    first_day: date | None,
    *,
    build_whole: bool = True,
) -> str:
    """The bundle a new map loads: the whole one, or the first of ``first_day``.

    ``first_day`` comes from ``first_bundle_day``. With a first bundle, the
    whole one is built next, in the background, unless not ``build_whole``:
    ``ui.prepare_ahead`` makes the first bundle as the browser asks for the
    page, and the page queues the whole one as it draws the map that will
    fetch it (a browser test then sees the first bundle for certain, without a
    hook to slow the build). A file dropped from ``static/generated`` since (it
    keeps the most recently used) is written again under the same name.
    """
    if first_day is None:
        url = bundle_url(version, claimant, embedded)
        if not bundle_on_disk(url):
            bundle_url.clear(version, claimant, embedded)
            url = bundle_url(version, claimant, embedded)
        _store_seed_soon(version)
        return url
    url = _first_day_bundle_url(version, claimant, first_day)
    if not bundle_on_disk(url):
        _first_day_bundle_url.clear(version, claimant, first_day)
        url = _first_day_bundle_url(version, claimant, first_day)
    if build_whole:
        _build_whole_soon(version, claimant)
        _store_seed_soon(version)
    return url
