"""A patch after an edit tells the open map what a whole new bundle would."""

import json
from datetime import date

import jsonschema
import pandas as pd

from geo.incremental import with_changed_reports
from geo.maplayer.bundle import day_script, map_bundle, timeline_patch
from geo.maplayer.contract import SCHEMA_FILE
from tests.conftest import report
from tests.maplayer.tiny_city import tiny_city


def revision(*args: str, **fields: str) -> dict:
    row = report(*args, **fields)
    row["date"] = date.fromisoformat(row["date"])
    row["retracted"] = False
    return row


def shown(tables: dict, district_id: str) -> list[tuple]:
    """A district's timeline as a reader sees it: each day, its words and reports."""
    changes = tables["timeline"].get(district_id, {"day": [], "state": []})
    text, states, reports = tables["text"], tables["states"], tables["reports"]
    return [
        (
            day,
            states["style"][state],
            text[states["status"][state]],
            states["as_of"][state],
            [
                (reports["day"][row], text[reports["says"][row]])
                for row in states["deciding"][state]
            ],
        )
        for day, state in zip(changes["day"], changes["state"], strict=True)
    ]


def test_an_edit_patches_only_the_districts_it_touches_as_a_rebuild_would(tmp_path):
    city = tiny_city(tmp_path / "city")
    changed = pd.DataFrame(
        [revision("new1", "2020-01-07", "east", "held", actor="blue")]
    )
    edited, touched = with_changed_reports(city, changed)

    patch = timeline_patch(edited, touched, change=9)
    rebuilt = map_bundle(edited)

    assert touched == {"east"}
    assert list(patch["timeline"]) == ["east"]
    assert shown(patch, "east") == shown(rebuilt, "east")
    assert shown(patch, "east") != shown(map_bundle(city), "east")
    assert patch["change"] == 9
    assert "2020-01-07" in patch["days"]
    assert patch["day_labels"]["2020-01-07"] == "7 Jan 2020"


def test_a_district_left_without_reports_gets_an_empty_timeline(tmp_path):
    city = tiny_city(tmp_path / "city")
    east = city.reports[city.reports["district_id"] == "east"].iloc[0].to_dict()
    retracted = pd.DataFrame([{**east, "retracted": True}])
    edited, touched = with_changed_reports(city, retracted)

    patch = timeline_patch(edited, touched, change=3)

    assert patch["timeline"]["east"] == {"day": [], "state": []}


def test_the_day_view_carries_the_patch_as_the_schema_describes(tmp_path):
    city = tiny_city(tmp_path / "city")
    edited, touched = with_changed_reports(
        city, pd.DataFrame([revision("new1", "2020-01-07", "west", "contested")])
    )
    script = day_script(
        date(2020, 1, 7), patch=timeline_patch(edited, touched, change=4)
    )
    view = json.loads(script.removeprefix("frontline.show(").removesuffix(");"))
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))

    jsonschema.Draft202012Validator({**schema, "$ref": "#/$defs/DayView"}).validate(
        view
    )
    assert view["patch"]["change"] == 4
    assert view["patch"]["timeline"]["west"]["day"][-1] == "2020-01-07"
