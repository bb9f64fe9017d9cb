"""City settings edited on a page: checked, written whole with comments kept,
recorded in the city's settings history.

Works on a copy of the bundled Raqqa folder.
"""

import json
import shutil
import tomllib
from dataclasses import replace

import pytest

from geo.boundaries import BoundaryKind, boundary_note
from geo.city_settings import (
    HISTORY_FILE,
    display_name,
    file_digest,
    save_settings,
    settings_of,
)
from geo.colours import Actor
from geo.frontline import district_polygons, neighbours
from geo.io import load_city
from tests.conftest import RAQQA

EDITOR = "editor@example.org"
NEW_SIDE = Actor("syrian_army", "Syrian Army", "#2ca02c", ("SAA",))


@pytest.fixture
def raqqa_copy(tmp_path):
    folder = tmp_path / "cities" / "raqqa"
    shutil.copytree(RAQQA, folder)
    return folder


def test_a_new_side_title_and_credits_are_saved_with_comments_and_tables_kept(
    raqqa_copy,
):
    before_text = (raqqa_copy / "city.toml").read_text(encoding="utf-8")
    before = settings_of(load_city(raqqa_copy))
    after = replace(
        before,
        title="Raqqa, 2017",
        sides=(*before.sides, NEW_SIDE),
        credits="Boundaries: our own schematic cells",
        zoom=13,
    )

    problems = save_settings(
        raqqa_copy, before, after, read_digest=file_digest(raqqa_copy), editor=EDITOR
    )

    assert problems == []
    text = (raqqa_copy / "city.toml").read_text(encoding="utf-8")
    assert "# centroid of the districts, 4 decimals" in text
    assert "# Districts a source names together." in text
    old, new = tomllib.loads(before_text), tomllib.loads(text)
    assert new["groups"] == old["groups"]
    assert new["before"] == old["before"]
    assert new["actors"][-1] == {
        "id": "syrian_army",
        "label": "Syrian Army",
        "colour": "#2ca02c",
        "aliases": ["SAA"],
    }
    city = load_city(raqqa_copy)
    assert (city.title, city.zoom, city.actors[-1]) == ("Raqqa, 2017", 13, NEW_SIDE)
    history = [
        json.loads(line)
        for line in (raqqa_copy / HISTORY_FILE).read_text(encoding="utf-8").splitlines()
    ]
    assert len(history) == 1
    assert history[0]["by"] == EDITOR
    assert set(history[0]["changes"]) == {"title", "sides", "credits", "zoom"}
    assert history[0]["changes"]["title"] == {
        "from": "Battle of Raqqa, 2017",
        "to": "Raqqa, 2017",
    }


def test_settings_changed_by_someone_else_since_reading_are_not_overwritten(
    raqqa_copy,
):
    before = settings_of(load_city(raqqa_copy))
    digest = file_digest(raqqa_copy)
    toml = raqqa_copy / "city.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n# by hand\n", "utf-8")

    problems = save_settings(
        raqqa_copy,
        before,
        replace(before, title="Mine"),
        read_digest=digest,
        editor=EDITOR,
    )

    assert [str(problem) for problem in problems] == [
        "city.toml: changed since this page read it (another editor saved, or it "
        "was edited by hand); reload the page to see the new settings"
    ]
    assert load_city(raqqa_copy).title == "Battle of Raqqa, 2017"


def test_bad_sides_are_named_by_side_and_field_and_nothing_is_written(raqqa_copy):
    text = (raqqa_copy / "city.toml").read_text(encoding="utf-8")
    before = settings_of(load_city(raqqa_copy))
    sdf, islamic_state = before.sides
    after = replace(
        before,
        sides=(
            sdf,
            replace(islamic_state, colour=sdf.colour),
            Actor("contested", "Contested", "#123456"),
            Actor("Bad Id", "", "red"),
        ),
    )

    problems = save_settings(
        raqqa_copy, before, after, read_digest=file_digest(raqqa_copy), editor=EDITOR
    )

    assert [str(problem) for problem in problems] == [
        "city.toml (side 2 'is', colour): #e0a800 is also side 1's colour",
        "city.toml (side 3 'contested', id): 'contested' is a word the map uses "
        "for control; rename it",
        "city.toml (side 4 'Bad Id', id): 'Bad Id' is not an id: use lower-case "
        "letters, digits, _ or -, e.g. sdf",
        "city.toml (side 4 'Bad Id', label): is empty",
        "city.toml (side 4 'Bad Id', colour): 'red' is not a #rrggbb colour",
    ]
    assert (raqqa_copy / "city.toml").read_text(encoding="utf-8") == text
    assert not (raqqa_copy / HISTORY_FILE).exists()


def test_removing_a_side_the_reports_name_is_refused_by_the_city_check(raqqa_copy):
    text = (raqqa_copy / "city.toml").read_text(encoding="utf-8")
    before = settings_of(load_city(raqqa_copy))

    problems = save_settings(
        raqqa_copy,
        before,
        replace(before, sides=before.sides[:1]),
        read_digest=file_digest(raqqa_copy),
        editor=EDITOR,
    )

    assert problems
    assert any("'is'" in str(problem) for problem in problems), problems
    assert (raqqa_copy / "city.toml").read_text(encoding="utf-8") == text
    assert sorted(path.name for path in raqqa_copy.parent.iterdir()) == [
        ".city-settings",
        "raqqa",
    ]
    assert list((raqqa_copy.parent / ".city-settings").iterdir()) == [
        raqqa_copy.parent / ".city-settings" / "raqqa.lock"
    ]


def test_surveyed_boundaries_are_written_to_every_district(raqqa_copy):
    before = settings_of(load_city(raqqa_copy))
    assert before.boundary == BoundaryKind.SCHEMATIC

    problems = save_settings(
        raqqa_copy,
        before,
        replace(before, boundary=BoundaryKind.SURVEYED),
        read_digest=file_digest(raqqa_copy),
        editor=EDITOR,
    )

    assert problems == []
    city = load_city(raqqa_copy)
    assert settings_of(city).boundary == BoundaryKind.SURVEYED
    landmarks = city.districts[city.districts["kind"] == "landmark"]
    assert set(landmarks["boundary"]) <= {"schematic", "supplied"}


def test_the_boundary_note_says_schematic_only_for_schematic_districts(raqqa_copy):
    before = settings_of(load_city(raqqa_copy))
    assert boundary_note(load_city(raqqa_copy).districts) == "Schematic boundaries"

    save_settings(
        raqqa_copy,
        before,
        replace(before, boundary=BoundaryKind.SURVEYED),
        read_digest=file_digest(raqqa_copy),
        editor=EDITOR,
    )

    assert boundary_note(load_city(raqqa_copy).districts) == "Surveyed boundaries"


def test_pickers_name_a_city_by_its_name_not_its_folder(raqqa_copy):
    assert display_name(raqqa_copy) == "Raqqa"
    (raqqa_copy / "city.toml").write_text("not = [toml", encoding="utf-8")
    assert display_name(raqqa_copy) == "Raqqa"


def test_a_stated_street_width_is_saved_used_and_can_be_taken_back(raqqa_copy):
    before = settings_of(load_city(raqqa_copy))
    assert before.street_width_m is None

    stated = replace(before, street_width_m=30.0)
    save_settings(
        raqqa_copy, before, stated, read_digest=file_digest(raqqa_copy), editor=EDITOR
    )
    city = load_city(raqqa_copy)
    assert city.street_width_m == 30
    assert neighbours(district_polygons(city.districts), 30).tolerance_m == 32

    save_settings(
        raqqa_copy,
        stated,
        replace(stated, street_width_m=None),
        read_digest=file_digest(raqqa_copy),
        editor=EDITOR,
    )
    text = (raqqa_copy / "city.toml").read_text(encoding="utf-8")
    assert "street_width_m" not in text
    assert load_city(raqqa_copy).street_width_m is None
