"""Area and share of the city held by each side, day by day, and by source.

The tiny city is two one-degree squares at the equator (conftest's TWO_SQUARES);
their area is measured independently with ``pyproj.Geod``. UTM's scale factor
keeps our areas within 0.2% of the geodesic.
"""

from datetime import date

import pandas as pd
import pytest
import shapely
from pyproj import Geod

from geo.area import area_by_control, district_areas_km2
from geo.resolution import control_on
from geo.status import Control
from tests.conftest import GROUPS_AND_OPENING, TWO_SQUARES, feature, report

GEOD = Geod(ellps="WGS84")
AREA_RELATIVE = 2e-3
SQUARE_KM2 = abs(GEOD.geometry_area_perimeter(shapely.box(0, 0, 1, 1))[0]) / 1e6


def on(table: pd.DataFrame, day: date) -> dict[tuple[str, str], float]:
    rows = table[table["day"] == day]
    return {
        (control, actor): share
        for control, actor, share in zip(
            rows["control"], rows["actor"], rows["share"], strict=True
        )
    }


def test_areas_add_up_to_the_city_and_shares_to_one(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="blue"),
            report("r2", "2020-01-05", "east", "contested"),
        ]
    )

    table = area_by_control(city)

    assert sorted(set(table["day"])) == [date(2020, 1, 2), date(2020, 1, 5)]
    for _, day in table.groupby("day"):
        assert day["area_km2"].sum() == pytest.approx(2 * SQUARE_KM2, rel=AREA_RELATIVE)
        assert day["share"].sum() == pytest.approx(1)


def test_each_side_gets_the_share_of_the_districts_it_holds(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="blue"),
            report("r2", "2020-01-05", "east", "contested"),
        ]
    )

    table = area_by_control(city)

    assert on(table, date(2020, 1, 2)) == pytest.approx(
        {
            (Control.HELD, "blue"): 0.5,
            (Control.HELD, "red"): 0,
            (Control.CONTESTED, ""): 0,
            (Control.DISPUTED, ""): 0,
            (Control.UNKNOWN, ""): 0.5,
        },
        abs=1e-3,
    )
    later = on(table, date(2020, 1, 5))
    assert later[(Control.HELD, "blue")] == pytest.approx(0.5, abs=1e-3)
    assert later[(Control.CONTESTED, "")] == pytest.approx(0.5, abs=1e-3)
    assert later[(Control.UNKNOWN, "")] == 0


def test_landmarks_have_no_area(make_city):
    well = feature(
        "well", {"type": "Point", "coordinates": [0.5, 0.5]}, kind="landmark"
    )
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="blue"),
            report("r2", "2020-01-02", "well", "held", actor="red"),
        ],
        features=[*TWO_SQUARES, well],
    )

    shares = on(area_by_control(city), date(2020, 1, 2))

    assert list(district_areas_km2(city).index) == ["west", "east"]
    assert shares[(Control.HELD, "red")] == 0
    assert sum(shares.values()) == pytest.approx(1)


def two_sources(make_city):
    return make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="blue", source="Alpha"),
            report(
                "r2",
                "2020-01-02",
                "west",
                "held",
                actor="red",
                source="Bravo",
                source_type="party",
            ),
            report(
                "r3",
                "2020-01-04",
                "east",
                "contested",
                source="Bravo",
                source_type="party",
            ),
        ]
    )


def test_a_source_filter_redraws_the_city_from_that_source_alone(make_city):
    city = two_sources(make_city)
    day = date(2020, 1, 2)

    everyone = on(area_by_control(city), day)
    alpha = on(area_by_control(city, source="Alpha"), day)
    parties = on(area_by_control(city, source_type="party"), day)

    assert everyone[(Control.DISPUTED, "")] == pytest.approx(0.5, abs=1e-3)
    assert alpha[(Control.HELD, "blue")] == pytest.approx(0.5, abs=1e-3)
    assert alpha[(Control.DISPUTED, "")] == 0
    assert parties[(Control.HELD, "red")] == pytest.approx(0.5, abs=1e-3)


def test_a_filtered_series_runs_on_that_sources_report_days(make_city):
    city = two_sources(make_city)

    assert set(area_by_control(city, source="Alpha")["day"]) == {date(2020, 1, 2)}
    assert set(area_by_control(city, source="Bravo")["day"]) == {
        date(2020, 1, 2),
        date(2020, 1, 4),
    }


def test_an_unknown_source_is_refused_with_a_suggestion(make_city):
    city = two_sources(make_city)

    with pytest.raises(ValueError, match=r"source: no report comes from 'Alpa'.*Alpha"):
        area_by_control(city, source="Alpa")
    with pytest.raises(ValueError, match="source_type: 'blog' is not one of"):
        area_by_control(city, source_type="blog")


def test_raqqa_every_day_agrees_with_the_rule(raqqa):
    """The fast series equals summing district areas over control_on, every day."""
    areas = district_areas_km2(raqqa)
    table = area_by_control(raqqa)

    for day in raqqa.days:
        control = control_on(raqqa, day).loc[areas.index]
        expected = areas.groupby([control["control"], control["actor"]]).sum()
        rows = table[(table["day"] == day) & (table["area_km2"] > 0)]
        found = rows.set_index(["control", "actor"])["area_km2"]
        assert found.sort_index().to_dict() == pytest.approx(
            expected.sort_index().to_dict()
        )


def test_raqqa_shares_on_1_august_2017_are_the_areas_the_map_colours(raqqa):
    """Each side's share on 1 Aug 2017 is the area of the districts the rule gives
    it that day; the schematic districts add up to 31.15 km²."""
    day = date(2017, 8, 1)
    areas = district_areas_km2(raqqa)
    control = control_on(raqqa, day).loc[areas.index]

    shares = on(area_by_control(raqqa), day)

    for (status, actor), share in shares.items():
        drawn = (control["control"] == status) & (control["actor"] == actor)
        assert share == pytest.approx(areas[drawn].sum() / areas.sum()), status
    assert areas.sum() == pytest.approx(31.15, abs=0.01)


def test_the_state_before_the_battle_holds_the_city_on_the_first_report_day(
    make_city,
):
    city = make_city(
        [
            report("r1", "2020-01-05", "west", "held", actor="blue"),
            report("r2", "2020-01-09", "east", "contested"),
        ],
        city_toml=GROUPS_AND_OPENING,
    )

    table = area_by_control(city)

    assert on(table, date(2020, 1, 5))[("held", "red")] == pytest.approx(0.5, abs=1e-3)
    assert on(table, date(2020, 1, 5))[("held", "blue")] == pytest.approx(0.5, abs=1e-3)
    assert on(table, date(2020, 1, 5))[("unknown", "")] == 0
    assert on(table, date(2020, 1, 9))[("held", "red")] == 0
