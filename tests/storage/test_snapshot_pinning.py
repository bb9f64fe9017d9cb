"""A snapshot keeps its city files' fingerprints and its span of days (schema 4)."""

import json
from datetime import date

import pandas as pd
import pytest
from sqlalchemy import func, select, text

from geo.schema import REPORT_COLUMNS
from geo.snapshots import (
    Publication,
    changes_since,
    city_files,
    days_line,
    files_changed_line,
    span_choices,
)
from geo.view_state import ViewState, view_choices
from storage.database import (
    SNAPSHOT_COLUMNS_OF_VERSION_4,
    data_version,
    upgrade_schema,
    writing,
)
from storage.reports import add_reports, current_reports
from storage.snapshots import SnapshotRefusedError, publish_snapshot, snapshot
from storage.tables import schema_version, snapshots
from tests.conftest import report
from tests.storage.conftest import EDITOR

DAY = date(2020, 1, 6)


def publish(engine, city, *, day=DAY, span=None):
    return publish_snapshot(
        engine,
        EDITOR,
        city,
        Publication(city.name, ViewState(day=day), "East falls", span=span),
        data_sequence=data_version(engine, city.name),
    )


def snapshot_rows(engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(snapshots))


def test_an_unchanged_city_tells_the_reader_nothing(seeded, city):
    found = snapshot(seeded, publish(seeded, city).id)

    assert found.files == city_files(city.folder)
    assert files_changed_line(found.files, city_files(city.folder)) == ""


def test_new_colours_in_the_settings_are_named_after_publication(seeded, city):
    found = publish(seeded, city)
    settings = city.folder / "city.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("#d62728", "#ff00ff"),
        encoding="utf-8",
    )

    line = files_changed_line(snapshot(seeded, found.id).files, city_files(city.folder))

    assert line == (
        "The city's settings changed since publication: this map draws today's "
        "colours, labels and sides with the reports as published."
    )


def test_moved_district_outlines_are_named_after_publication(seeded, city):
    found = publish(seeded, city)
    outlines = city.folder / "districts.geojson"
    collection = json.loads(outlines.read_text(encoding="utf-8"))
    east = collection["features"][1]["geometry"]["coordinates"][0]
    east[1][0] += 0.5
    east[2][0] += 0.5
    outlines.write_text(json.dumps(collection), encoding="utf-8")

    line = files_changed_line(snapshot(seeded, found.id).files, city_files(city.folder))
    (city.folder / "city.toml").write_text("# new\n", encoding="utf-8")
    both = files_changed_line(snapshot(seeded, found.id).files, city_files(city.folder))

    assert line.startswith("The city's district outlines changed since publication")
    assert both.startswith(
        "The city's settings and district outlines changed since publication"
    )


def test_a_span_of_days_is_stored_and_read_back(seeded, city):
    found = publish(seeded, city, span=(date(2020, 1, 4), date(2020, 1, 10)))
    opened = snapshot(seeded, found.id)

    assert opened.days == (date(2020, 1, 4), date(2020, 1, 10))
    assert opened.day == DAY
    assert days_line(*opened.days) == "4 Jan 2020 to 10 Jan 2020"
    assert snapshot(seeded, publish(seeded, city).id).days == (DAY, DAY)


def test_a_span_narrows_the_timeline_to_its_days(city):
    narrowed = span_choices(view_choices(city), date(2020, 1, 4), date(2020, 1, 5))

    assert narrowed.calendar == (date(2020, 1, 4), date(2020, 1, 5))
    assert list(narrowed.calendar_labels) == ["2020-01-04", "2020-01-05"]
    assert narrowed.days == (date(2020, 1, 5),)
    assert narrowed.on_timeline(date(2020, 1, 20)) == date(2020, 1, 5)


@pytest.mark.parametrize(
    ("span", "field", "message"),
    [
        (
            (date(2020, 1, 8), date(2020, 1, 6)),
            "last day",
            "6 Jan 2020 is before the first day, 8 Jan 2020",
        ),
        (
            (date(2019, 12, 20), date(2020, 1, 6)),
            "first day",
            "20 Dec 2019 is outside Battle of Testville, which runs from "
            "1 Jan 2020 to 31 Jan 2020",
        ),
        (
            (date(2020, 1, 6), date(2020, 2, 3)),
            "last day",
            "3 Feb 2020 is outside Battle of Testville, which runs from "
            "1 Jan 2020 to 31 Jan 2020",
        ),
        (
            (date(2020, 1, 1), date(2020, 1, 5)),
            "day",
            "6 Jan 2020 is outside the published days, 1 Jan 2020 to 5 Jan 2020",
        ),
    ],
)
def test_a_bad_span_is_refused_by_field_and_nothing_is_stored(
    seeded, city, span, field, message
):
    with pytest.raises(SnapshotRefusedError) as refused:
        publish(seeded, city, span=span)

    assert [(each.field, each.message) for each in refused.value.problems] == [
        (field, message)
    ]
    assert snapshot_rows(seeded) == 0


def test_a_version_3_database_keeps_its_snapshots_when_upgraded(seeded, city):
    found = publish(seeded, city)
    with writing(seeded) as connection:
        for name in SNAPSHOT_COLUMNS_OF_VERSION_4:
            connection.execute(text(f"ALTER TABLE snapshots DROP COLUMN {name}"))
        connection.execute(schema_version.update().values(version=3))

    assert upgrade_schema(seeded) == 4
    upgraded = snapshot(seeded, found.id)

    assert upgraded.publication == found.publication
    assert (upgraded.data_sequence, upgraded.published_at) == (
        found.data_sequence,
        found.published_at,
    )
    assert upgraded.files is None
    assert upgraded.days == (DAY, DAY)
    assert files_changed_line(upgraded.files, city_files(city.folder)) == ""
    assert snapshot(seeded, publish(seeded, city).id).files is not None


def red_takes_west_on(engine, city, day: str) -> None:
    add_reports(
        engine,
        EDITOR,
        city,
        pd.DataFrame(
            [report(f"r-{day}", day, "west", "held", actor="red")],
            columns=REPORT_COLUMNS,
        ),
        origin="form",
    )


def test_a_span_is_told_of_a_change_on_any_of_its_days_and_no_other(seeded, city):
    first, last = date(2020, 1, 4), date(2020, 1, 10)
    found = publish(seeded, city, span=(first, last))
    pinned = city.with_reports(
        current_reports(seeded, city.name, as_of_sequence=found.data_sequence)
    )
    red_takes_west_on(seeded, city, "2020-01-20")
    after_the_span = city.with_reports(current_reports(seeded, city.name))
    red_takes_west_on(seeded, city, "2020-01-08")
    live = city.with_reports(current_reports(seeded, city.name))

    assert changes_since(pinned, after_the_span, first, last_day=last) == []
    assert changes_since(pinned, live, first, last_day=last) == [
        "West on 8 Jan 2020: held by Blue army, now held by Red army"
    ]
    assert changes_since(pinned, live, DAY) == []
