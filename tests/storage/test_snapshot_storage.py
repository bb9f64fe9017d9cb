"""Published maps: pinned to a data revision, told of later changes, republished."""

from datetime import date

import pandas as pd
import pytest
from sqlalchemy import func, select

from geo.resolution import control_on
from geo.schema import REPORT_COLUMNS
from geo.snapshots import Publication, changes_since
from geo.view_state import Layer, ViewState
from storage.access import NotAllowedError
from storage.database import data_version
from storage.reports import add_reports, current_reports, edit_report
from storage.snapshots import (
    ID_ALPHABET,
    SnapshotRefusedError,
    newest_version,
    publish_snapshot,
    published_snapshots,
    snapshot,
)
from storage.tables import snapshots
from tests.conftest import report
from tests.storage.conftest import EDITOR, SECOND_EDITOR, VIEWER

DAY = date(2020, 1, 6)


def publication(city, **fields) -> Publication:
    view = ViewState(
        day=fields.pop("day", DAY),
        district="east",
        source_type=fields.pop("source_type", ""),
        layers=frozenset({Layer.FRONTLINE}),
        centre=(0.5, 1.0, 12),
    )
    return Publication(city=city.name, view=view, **{"title": "East falls", **fields})


def publish(engine, city, identity=EDITOR, **fields):
    return publish_snapshot(
        engine,
        identity,
        city,
        publication(city, **fields),
        data_sequence=data_version(engine, city.name),
    )


def pinned_city(engine, city, found):
    return city.with_reports(
        current_reports(engine, city.name, as_of_sequence=found.data_sequence)
    )


def live_city(engine, city):
    return city.with_reports(current_reports(engine, city.name))


def snapshot_rows(engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(snapshots))


def red_takes_west(engine, city):
    add_reports(
        engine,
        EDITOR,
        city,
        pd.DataFrame(
            [report("r3", "2020-01-06", "west", "held", actor="red")],
            columns=REPORT_COLUMNS,
        ),
        origin="form",
    )


def test_a_snapshot_shows_the_data_it_was_published_with_after_later_edits(
    seeded, city
):
    found = publish(seeded, city, byline="Desk", notes="Two sources")
    edit_report(
        seeded,
        EDITOR,
        city,
        "r2",
        {"actor": "blue"},
        base_revision=1,
        reason="Blue took it",
    )

    opened = snapshot(seeded, found.id)
    pinned = control_on(pinned_city(seeded, city, opened), DAY)
    live = control_on(live_city(seeded, city), DAY)

    assert opened == found
    assert set(found.id) <= set(ID_ALPHABET)
    assert opened.publication.view.layers == {Layer.FRONTLINE}
    assert opened.publication.view.centre == (0.5, 1.0, 12)
    assert opened.publication.view.district == "east"
    assert pinned.loc["east", "actor"] == "red"
    assert live.loc["east", "actor"] == "blue"


def test_updated_since_counts_and_names_each_changed_district(seeded, city):
    found = publish(seeded, city)
    pinned = pinned_city(seeded, city, found)
    assert changes_since(pinned, live_city(seeded, city), DAY) == []

    edit_report(
        seeded, EDITOR, city, "r2", {"actor": "blue"}, base_revision=1, reason="x"
    )
    red_takes_west(seeded, city)
    changes = changes_since(pinned, live_city(seeded, city), DAY)

    assert sorted(changes) == [
        "East: held by Red army, now held by Blue army",
        "West: held by Blue army, now held by Red army",
    ]


def test_a_change_after_the_snapshot_day_is_not_a_change_to_it(seeded, city):
    found = publish(seeded, city, day=date(2020, 1, 5))
    pinned = pinned_city(seeded, city, found)
    red_takes_west(seeded, city)

    assert changes_since(pinned, live_city(seeded, city), date(2020, 1, 5)) == []


def test_republishing_keeps_the_old_link_and_points_it_to_the_new_version(seeded, city):
    first = publish(seeded, city)
    red_takes_west(seeded, city)
    second = publish_snapshot(
        seeded,
        SECOND_EDITOR,
        city,
        publication(city, title="West falls too"),
        data_sequence=data_version(seeded, city.name),
        replaces=first.id,
    )

    old = snapshot(seeded, first.id)
    assert old.replaced_by == second.id
    assert old.publication.title == "East falls"
    assert control_on(pinned_city(seeded, city, old), DAY).loc["west", "actor"] == (
        "blue"
    )
    assert (second.version, second.first_id, second.published_by) == (
        2,
        first.id,
        "Bob Editor",
    )
    assert newest_version(seeded, old) == second
    assert [each.id for each in published_snapshots(seeded, city.name)] == [
        second.id,
        first.id,
    ]
    with pytest.raises(SnapshotRefusedError, match="already republished"):
        publish_snapshot(
            seeded,
            EDITOR,
            city,
            publication(city),
            data_sequence=data_version(seeded, city.name),
            replaces=first.id,
        )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "  "}, "give the map a title"),
        ({"day": date(2020, 3, 1)}, "1 Mar 2020 is outside Battle of Testville"),
        ({"source_type": "monitor"}, "no stored report comes from a monitor"),
    ],
)
def test_a_bad_publication_is_refused_and_nothing_is_stored(
    seeded, city, fields, message
):
    with pytest.raises(SnapshotRefusedError, match=message):
        publish(seeded, city, **fields)

    assert snapshot_rows(seeded) == 0


def test_republishing_a_missing_snapshot_or_unknown_data_is_refused(seeded, city):
    sequence = data_version(seeded, city.name)
    with pytest.raises(SnapshotRefusedError, match="no published map has the id"):
        publish_snapshot(
            seeded,
            EDITOR,
            city,
            publication(city),
            data_sequence=sequence,
            replaces="nosuchmap2",
        )
    with pytest.raises(SnapshotRefusedError, match="no data revision"):
        publish_snapshot(
            seeded, EDITOR, city, publication(city), data_sequence=sequence + 5
        )

    assert snapshot_rows(seeded) == 0
    assert snapshot(seeded, "nosuchmap2") is None


def test_only_an_editor_publishes(seeded, city):
    with pytest.raises(NotAllowedError):
        publish(seeded, city, identity=VIEWER)

    assert snapshot_rows(seeded) == 0
