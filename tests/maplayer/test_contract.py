"""The map contract: its JSON Schema file, and bundles and day views that match it."""

import json
from datetime import date

import jsonschema
import pytest

from geo.maplayer.bundle import day_script
from geo.maplayer.contract import SCHEMA_FILE, SCHEMA_VERSION, schema_text
from tests.maplayer.tiny_city import (
    FIRST_DAY_FIXTURE,
    FIXTURE,
    first_day_fixture_text,
    fixture_text,
    tiny_city,
)

REWRITE_SCHEMA = ".venv/bin/python -m geo.maplayer.contract"
REWRITE_FIXTURE = ".venv/bin/python -m tests.maplayer.tiny_city"


@pytest.fixture
def schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def validator_for(schema: dict, definition: str) -> jsonschema.Draft202012Validator:
    checked = {**schema, "$ref": f"#/$defs/{definition}"}
    jsonschema.Draft202012Validator.check_schema(checked)
    return jsonschema.Draft202012Validator(checked)


def test_the_committed_schema_is_written_from_the_contract():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        f"{SCHEMA_FILE.name} is out of date: run {REWRITE_SCHEMA}"
    )


@pytest.mark.parametrize(
    ("fixture", "written"),
    [(FIXTURE, fixture_text), (FIRST_DAY_FIXTURE, first_day_fixture_text)],
)
def test_the_tiny_citys_bundles_are_the_shared_fixtures_and_match_the_schema(
    tmp_path, schema, fixture, written
):
    text = written(tiny_city(tmp_path / "tiny"))

    assert text == fixture.read_text(encoding="utf-8"), (
        f"{fixture.name} is out of date: run {REWRITE_FIXTURE}"
    )
    validator_for(schema, "Bundle").validate(json.loads(text))


def test_a_bundle_of_another_version_or_with_a_field_too_many_is_refused(schema):
    bundle = json.loads(FIXTURE.read_text(encoding="utf-8"))
    validator = validator_for(schema, "Bundle")

    with pytest.raises(jsonschema.ValidationError, match="was expected"):
        validator.validate({**bundle, "schema_version": SCHEMA_VERSION + 1})
    with pytest.raises(jsonschema.ValidationError, match="'extra' was unexpected"):
        validator.validate({**bundle, "extra": 1})


@pytest.mark.parametrize("fixture", [FIXTURE, FIRST_DAY_FIXTURE])
def test_the_columns_of_each_table_have_one_length(fixture):
    bundle = json.loads(fixture.read_text(encoding="utf-8"))

    for table in ("reports", "events"):
        assert len({len(column) for column in bundle[table].values()}) == 1, table
    states = bundle["states"]
    lengths = {len(states[column]) for column in ("style", "status", "as_of")}
    assert lengths == {len(states["deciding"])}
    for changes in bundle["timeline"].values():
        assert len(changes["day"]) == len(changes["state"])


def test_the_bundle_names_the_claims_a_denial_and_a_retraction_leave_listed():
    bundle = json.loads(FIXTURE.read_text(encoding="utf-8"))
    states, timeline = bundle["states"], bundle["timeline"]
    disputed = timeline["west"]["state"][-1]
    retracted = timeline["mill"]["state"][-1]

    assert bundle["styles"][states["style"][disputed]]["key"] == "disputed"
    assert states["denied"][str(disputed)] == [2]  # r3, denied by r4
    assert states["denials"][str(disputed)] == [3]
    assert states["withdrawn"][str(retracted)] == [4]  # r5, withdrawn by r6
    assert states["as_of"][retracted] is None


def test_every_day_the_bundle_names_has_its_label_from_python():
    bundle = json.loads(FIXTURE.read_text(encoding="utf-8"))
    named = {*bundle["days"], *bundle["reports"]["day"]}
    named |= {day for day in bundle["states"]["as_of"] if day}

    assert named <= set(bundle["day_labels"])
    assert bundle["day_labels"]["2020-01-02"] == "2 Jan 2020"


def test_a_day_script_carries_a_day_view_that_matches_the_schema(schema):
    script = day_script(
        date(2020, 1, 5),
        "west",
        changed=["east"],
        disagreeing=["west"],
        frontline={"type": "FeatureCollection", "features": []},
        events=True,
    )
    view = json.loads(script.removeprefix("frontline.show(").removesuffix(");"))

    validator_for(schema, "DayView").validate(view)
    assert view["day"] == "2020-01-05"
    assert (view["changed"], view["disagreeing"]) == (["east"], ["west"])
    assert view["share_view"] is True
