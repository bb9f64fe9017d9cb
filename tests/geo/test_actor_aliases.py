"""Actors may list the other names writers use for them (optional, per city)."""

import pytest

from geo.problems import CityDataError
from tests.conftest import CITY_TOML, report


def test_raqqa_actors_carry_english_and_arabic_aliases(raqqa):
    aliases = {actor.id: actor.aliases for actor in raqqa.actors}
    assert {"SDF", "Syrian Democratic Forces", "قسد"} <= set(aliases["sdf"])
    assert {"IS", "ISIS", "Islamic State", "Daesh", "داعش"} <= set(aliases["is"])


def test_a_city_without_aliases_still_loads(make_city):
    city = make_city([report("r1", "2020-01-02", "west", "held", actor="blue")])
    assert [actor.aliases for actor in city.actors] == [(), ()]


def test_aliases_that_are_not_a_list_are_reported(make_city):
    city_toml = CITY_TOML.replace(
        'label = "Blue army"', 'label = "Blue army"\naliases = "Blues"'
    )
    with pytest.raises(CityDataError, match=r"actors entry 1, aliases"):
        make_city(
            [report("r1", "2020-01-02", "west", "held", actor="blue")],
            city_toml=city_toml,
        )
