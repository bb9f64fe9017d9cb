"""Published maps (snapshots): stored whole, read by id, listed, republished.

A snapshot keeps no copy of the data: it names the ``sequence`` of the report
revisions it was published at, and ``storage.reports.current_reports`` with
``as_of_sequence`` reads the data as it stood then. Of the city's files it keeps
their fingerprints, so a reader is told when settings or outlines changed since.
Republishing stores the next version and points the old one at it, in one
transaction; old links keep working.
"""

import secrets
from collections.abc import Mapping
from datetime import date

from sqlalchemy import Engine, select

from geo.city import City
from geo.problems import Problem, ProblemsError
from geo.snapshots import (
    CityFiles,
    Publication,
    Snapshot,
    city_files,
    publication_problems,
)
from geo.view_state import Layer, ViewState
from storage.access import Identity, require_editor
from storage.database import latest_sequence, now_text, writing
from storage.tables import snapshots

ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
"""Letters and digits a reader cannot confuse (no 0/o, 1/l/i) and a URL keeps as is."""
ID_LENGTH = 10


class SnapshotRefusedError(ProblemsError):
    """The publication did not pass its checks; nothing was stored."""

    heading = "(nothing was published)"


def new_snapshot_id() -> str:
    """A fresh, unguessable snapshot id from ``ID_ALPHABET``."""
    return "".join(secrets.choice(ID_ALPHABET) for _ in range(ID_LENGTH))


def _refused(field: str, message: str) -> SnapshotRefusedError:
    return SnapshotRefusedError([Problem("publication", "", field, message)])


def _row_values(publication: Publication) -> dict[str, object]:
    view = publication.view
    assert view.day is not None
    first, last = publication.span or (None, None)
    return {
        "city": publication.city,
        "day": view.day.isoformat(),
        "district": view.district or "",
        "source": view.source,
        "source_type": view.source_type,
        "layers": ",".join(sorted(view.layers)),
        "centre": ",".join(str(part) for part in view.centre) if view.centre else "",
        "title": publication.title.strip(),
        "subtitle": publication.subtitle.strip(),
        "byline": publication.byline.strip(),
        "notes": publication.notes.strip(),
        "first_day": first.isoformat() if first else "",
        "last_day": last.isoformat() if last else "",
    }


def _snapshot(row: Mapping) -> Snapshot:
    centre = None
    if row["centre"]:
        latitude, longitude, zoom = row["centre"].split(",")
        centre = (float(latitude), float(longitude), int(zoom))
    view = ViewState(
        day=date.fromisoformat(row["day"]),
        district=row["district"] or None,
        source=row["source"],
        source_type=row["source_type"],
        layers=frozenset(Layer(name) for name in row["layers"].split(",") if name),
        centre=centre,
    )
    span = None
    if row["first_day"] and row["last_day"]:
        span = (
            date.fromisoformat(row["first_day"]),
            date.fromisoformat(row["last_day"]),
        )
    files = None
    if row["settings_digest"] and row["districts_digest"]:
        files = CityFiles(row["settings_digest"], row["districts_digest"])
    return Snapshot(
        id=row["id"],
        publication=Publication(
            city=row["city"],
            view=view,
            title=row["title"],
            subtitle=row["subtitle"],
            byline=row["byline"],
            notes=row["notes"],
            span=span,
        ),
        data_sequence=row["data_sequence"],
        published_by=row["published_by"],
        published_at=row["published_at"],
        first_id=row["first_id"],
        version=row["version"],
        replaced_by=row["replaced_by"],
        files=files,
    )


def publish_snapshot(
    engine: Engine,
    identity: Identity,
    city: City,
    publication: Publication,
    *,
    data_sequence: int,
    replaces: str | None = None,
) -> Snapshot:
    """Store ``publication`` pinned to ``data_sequence`` (the data the editor saw).

    The fingerprints of ``city``'s settings and districts files are stored with
    it, to tell its readers later when they changed. With ``replaces`` it is the
    next version of that snapshot, which then points to it. Raises
    ``SnapshotRefusedError`` with every problem (nothing stored), or
    ``NotAllowedError`` for anyone but an editor.
    """
    author = require_editor(identity)
    problems = publication_problems(publication, city)
    if problems:
        raise SnapshotRefusedError(problems)
    files = city_files(city.folder)
    with writing(engine) as connection:
        if not 0 < data_sequence <= latest_sequence(connection, city.name):
            raise _refused("data", f"there is no data revision {data_sequence} yet")
        first_id, version, new_id = None, 1, new_snapshot_id()
        if replaces is not None:
            old = connection.execute(
                select(snapshots).where(snapshots.c.id == replaces)
            ).mappings()
            previous = old.first()
            if previous is None:
                raise _refused("snapshot", f"no published map has the id '{replaces}'")
            if previous["replaced_by"]:
                raise _refused(
                    "snapshot",
                    f"'{replaces}' was already republished as "
                    f"'{previous['replaced_by']}'; republish that one",
                )
            first_id, version = previous["first_id"], previous["version"] + 1
            claimed = connection.execute(
                snapshots.update()
                .where(snapshots.c.id == replaces, snapshots.c.replaced_by.is_(None))
                .values(replaced_by=new_id)
            )
            if claimed.rowcount != 1:
                raise _refused("snapshot", f"'{replaces}' was republished meanwhile")
        values = {
            "id": new_id,
            **_row_values(publication),
            "data_sequence": data_sequence,
            "published_by": author,
            "published_at": now_text(),
            "first_id": first_id or new_id,
            "version": version,
            "replaced_by": None,
            "settings_digest": files.settings,
            "districts_digest": files.districts,
        }
        connection.execute(snapshots.insert().values(**values))
    return _snapshot(values)


def snapshot(engine: Engine, snapshot_id: str) -> Snapshot | None:
    """The snapshot with this id, or None if there is none."""
    with engine.connect() as connection:
        row = (
            connection.execute(select(snapshots).where(snapshots.c.id == snapshot_id))
            .mappings()
            .first()
        )
    return _snapshot(row) if row else None


def newest_version(engine: Engine, first: Snapshot) -> Snapshot:
    """The newest version of the line of snapshots ``first`` belongs to."""
    with engine.connect() as connection:
        row = (
            connection.execute(
                select(snapshots)
                .where(snapshots.c.first_id == first.first_id)
                .order_by(snapshots.c.version.desc())
                .limit(1)
            )
            .mappings()
            .one()
        )
    return _snapshot(row)


def published_snapshots(engine: Engine, city_name: str | None = None) -> list[Snapshot]:
    """Every snapshot (of one city if named), newest publication first."""
    query = select(snapshots).order_by(
        snapshots.c.published_at.desc(), snapshots.c.version.desc()
    )
    if city_name is not None:
        query = query.where(snapshots.c.city == city_name)
    with engine.connect() as connection:
        return [_snapshot(row) for row in connection.execute(query).mappings()]
