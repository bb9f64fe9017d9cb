"""geo.desk: report rows built from a form, a denial, an edit's changes, the tables."""

from dataclasses import replace
from datetime import date

import pytest

from geo.desk import (
    SHOWN_FIELDS,
    ReportDraft,
    denial_of,
    desk_table,
    fields_table,
    report_frame,
)
from geo.places import PlaceError, PlaceParts, place_parts, place_text
from geo.schema import REPORT_COLUMNS, validate_city_reports
from tests.conftest import THREE_SQUARES, report

DRAFT = ReportDraft(
    place=PlaceParts("west"),
    day=date(2020, 1, 3),
    status="held",
    actor="blue",
    extent="partial",
    date_precision="day",
    source="Test source",
    source_type="media",
    url="https://example.org/new",
    published=date(2020, 1, 4),
    note="A test claim.",
)


def test_a_draft_becomes_text_cells_with_iso_days():
    cells = DRAFT.cells()

    assert cells["date"] == "2020-01-03"
    assert cells["published"] == "2020-01-04"
    assert cells["actor"] == "blue"
    assert set(cells) < set(REPORT_COLUMNS)


def test_only_a_held_district_keeps_its_actor_and_blanks_stay_empty():
    blank = replace(
        DRAFT, status="contested", place=PlaceParts(), day=None, published=None
    )

    cells = blank.cells()

    assert cells["actor"] == ""
    assert (cells["district_id"], cells["date"], cells["published"]) == ("", "", "")


def test_a_new_report_is_a_whole_row_the_city_accepts(make_city):
    city = make_city([report("r1", "2020-01-02", "east", "held", actor="red")])

    row = DRAFT.as_new_report(report_id="r2", kind="claim")
    clean, problems = validate_city_reports(report_frame(row), city, file="form")

    assert list(row) == list(REPORT_COLUMNS)
    assert (row["report_id"], row["kind"], row["denies"]) == ("r2", "claim", "")
    assert problems == []
    assert list(clean["district_id"]) == ["west"]


def test_an_edit_changes_only_the_fields_that_differ():
    stored = {**DRAFT.cells(), "note": "Old wording.", "extent": "full"}

    assert DRAFT.changes_from(stored) == {"note": "A test claim.", "extent": "partial"}
    assert DRAFT.changes_from(DRAFT.cells()) == {}


def test_a_denial_names_the_report_and_its_district():
    denied = report("r1", "2020-01-02", "east", "held", actor="red")

    denial = denial_of(
        denied,
        report_id="r9",
        day=date(2020, 1, 5),
        source="Red army spokesman",
        source_type="party",
        url="https://example.org/denial",
        note="Rejects it.",
    )

    assert list(denial) == list(REPORT_COLUMNS)
    assert denial["kind"] == "denial"
    assert (denial["denies"], denial["district_id"]) == ("r1", "east")
    assert (denial["date"], denial["status"], denial["actor"]) == ("2020-01-05", "", "")


def test_the_listing_says_each_claim_in_words(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "east", "held", actor="red", extent="partial"),
            report("r2", "2020-01-03", "west", "contested"),
        ]
    )
    reports = city.reports.assign(verification="unverified", retracted=False)

    table = desk_table(city, reports)

    assert list(table["district"]) == ["East", "West"]
    assert list(table["says"]) == ["held by Red army (partly)", "contested"]
    assert list(table["check"]) == ["unverified", "unverified"]


def test_the_listing_names_a_place_of_several_districts_in_words(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "city except north", "held", actor="red"),
            report("r2", "2020-01-03", "west; north", "contested"),
        ],
        features=THREE_SQUARES,
    )
    reports = city.reports.assign(verification="unverified", retracted=False)

    table = desk_table(city, reports)

    assert list(table["district"]) == ["the whole city except North", "West, North"]


def test_one_report_is_listed_field_by_field_as_text():
    stored = {
        **report("r1", "2020-01-02", "east", "held", actor="red"),
        "date": date(2020, 1, 2),
        "verification": "corroborated",
        "verified_by": "Alice",
        "origin": "seed",
    }

    table = fields_table(stored)

    assert tuple(table["field"]) == SHOWN_FIELDS
    values = dict(zip(table["field"], table["value"], strict=True))
    assert values["date"] == "2020-01-02"
    assert values["verified_by"] == "Alice"


def test_a_form_names_a_list_a_group_the_city_or_an_unplaced_place():
    assert place_text(PlaceParts("west", more=("north", "east"))) == (
        "west; north; east"
    )
    assert place_text(PlaceParts("city", excluded=("north",))) == "city except north"
    assert place_text(PlaceParts(unplaced=" the old souk ")) == "unplaced: the old souk"


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (PlaceParts("west", unplaced="the souk"), "not both"),
        (PlaceParts("west", more=("east",), excluded=("east",)), "not a list"),
    ],
)
def test_contradicting_place_parts_are_refused_in_words(parts, message):
    with pytest.raises(PlaceError, match=message):
        place_text(parts)


def test_a_stored_place_fills_the_form_again(make_city):
    city = make_city(
        [report("r1", "2020-01-05", "city except north", "contested")],
        THREE_SQUARES,
    )

    for text in ["west", "east; west", "city except north", "unplaced: the souk"]:
        assert city.place(place_text(place_parts(city.place(text)))) == city.place(text)


def test_a_retraction_row_names_the_report_its_source_withdraws():
    retraction = denial_of(
        {"report_id": "r1", "district_id": "city"},
        kind="retraction",
        report_id="r2",
        day=date(2020, 1, 6),
        source="Wire",
        source_type="media",
        url="https://example.org/r2",
        note="The wire withdrew its report.",
    )

    assert (retraction["kind"], retraction["denies"]) == ("retraction", "r1")
    assert retraction["district_id"] == "city"
