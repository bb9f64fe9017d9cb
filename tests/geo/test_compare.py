"""The map as one source tells it, where two sources differ, what changed, history."""

from datetime import date

import pytest

from geo.compare import (
    ALL_SOURCES,
    changes_between,
    disagreements_on,
    history_of,
    reports_from,
)
from geo.resolution import control_on
from geo.status import Control, Extent
from tests.conftest import feature, report, square

DAY = date(2020, 1, 10)
THREE_SQUARES = [
    feature("west", square(0, 0)),
    feature("middle", square(1, 0)),
    feature("east", square(2, 0)),
]


def test_reports_from_one_source_keeps_only_its_reports_and_days(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="blue", source="Alpha"),
            report("r2", "2020-01-03", "west", "held", actor="red", source="Bravo"),
        ]
    )

    alpha = reports_from(city, source="Alpha")

    assert alpha.reports["report_id"].tolist() == ["r1"]
    assert alpha.days == (date(2020, 1, 2),)
    assert control_on(alpha, DAY).loc["west", "actor"] == "blue"
    assert control_on(city, DAY).loc["west", "actor"] == "red"


def test_a_denial_from_another_source_does_not_silence_a_source_view(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="blue", source="Alpha"),
            report("r2", "2020-01-03", "west", "", kind="denial", denies="r1"),
        ]
    )

    assert control_on(city, DAY).loc["west", "control"] == Control.DISPUTED
    alpha = control_on(reports_from(city, source="Alpha"), DAY)
    assert alpha.loc["west", "actor"] == "blue"


def test_disagreements_list_districts_two_sources_draw_differently(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="blue", source="Alpha"),
            report("r2", "2020-01-04", "west", "contested", source="Bravo"),
            report("r3", "2020-01-02", "middle", "held", actor="red", source="Alpha"),
            report("r4", "2020-01-03", "middle", "held", actor="red", source="Bravo"),
            report("r5", "2020-01-02", "east", "held", actor="red", source="Alpha"),
        ],
        features=THREE_SQUARES,
    )

    table = disagreements_on(city, DAY, "Alpha", "Bravo")

    assert table["district_id"].tolist() == ["west"]
    west = table.iloc[0]
    assert (west["control_a"], west["actor_a"], west["reports_a"]) == (
        Control.HELD,
        "blue",
        ("r1",),
    )
    assert (west["control_b"], west["reports_b"], west["as_of_b"]) == (
        Control.CONTESTED,
        ("r2",),
        date(2020, 1, 4),
    )
    assert disagreements_on(city, date(2020, 1, 3), "Alpha", "Bravo").empty


def test_changes_between_days_name_the_reports_that_caused_them(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="blue"),
            report("r2", "2020-01-05", "west", "held", actor="red"),
            report("r3", "2020-01-02", "middle", "held", actor="blue"),
            report("r4", "2020-01-06", "middle", "", kind="denial", denies="r3"),
            report("r5", "2020-01-02", "east", "held", actor="red"),
            report("r6", "2020-01-05", "east", "held", actor="red"),
            report("r7", "2020-01-08", "east", "held", actor="blue"),
        ],
        features=THREE_SQUARES,
    )

    table = changes_between(city, date(2020, 1, 3), date(2020, 1, 7)).set_index(
        "district_id"
    )

    assert list(table.index) == ["west", "middle"]
    assert (table.loc["west", "actor_before"], table.loc["west", "actor_after"]) == (
        "blue",
        "red",
    )
    assert table.loc["west", "caused_by"] == ("r2",)
    assert table.loc["middle", "control_after"] == Control.DISPUTED
    assert table.loc["middle", "caused_by"] == ("r4",)


def test_changes_between_refuses_days_in_the_wrong_order(make_city):
    city = make_city([report("r1", "2020-01-02", "west", "held", actor="blue")])

    with pytest.raises(ValueError, match=r"day_a .* must not be after day_b"):
        changes_between(city, DAY, date(2020, 1, 2))


def test_history_has_one_lane_per_source_and_one_for_the_map(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="blue", source="Alpha"),
            report("r2", "2020-01-03", "west", "contested", source="Bravo"),
            report("r3", "2020-01-04", "west", "held", actor="blue", source="Alpha"),
            report(
                "r4",
                "2020-01-08",
                "west",
                "held",
                actor="red",
                extent="partial",
                source="Alpha",
            ),
            report("r5", "2020-01-02", "east", "held", actor="red", source="Alpha"),
        ]
    )

    history = history_of(city, "west")
    lanes = {
        source: [
            (row.start.day, row.end.day, row.control, row.actor, row.report_ids)
            for row in rows.itertuples()
        ]
        for source, rows in history.groupby("source", sort=False)
    }

    assert list(lanes) == [ALL_SOURCES, "Alpha", "Bravo"]
    assert lanes[ALL_SOURCES] == [
        (2, 3, Control.HELD, "blue", ("r1",)),
        (3, 4, Control.CONTESTED, "", ("r2",)),
        (4, 8, Control.HELD, "blue", ("r3",)),
        (8, 1, Control.HELD, "red", ("r4",)),
    ]
    assert lanes["Alpha"] == [
        (2, 8, Control.HELD, "blue", ("r1", "r3")),
        (8, 1, Control.HELD, "red", ("r4",)),
    ]
    assert lanes["Bravo"] == [(3, 1, Control.CONTESTED, "", ("r2",))]
    last = history.iloc[-2]
    assert last["end"] == date(2020, 2, 1)
    assert (last["extent"], last["label"]) == (
        Extent.PARTIAL,
        "held by Red army (partly)",
    )


def test_history_of_an_unknown_district_is_refused(make_city):
    city = make_city([report("r1", "2020-01-02", "west", "held", actor="blue")])

    with pytest.raises(ValueError, match="district_id: 'north' is not a district"):
        history_of(city, "north")


def test_raqqa_nazlat_shahada_history_shows_the_1_august_2017_dispute(raqqa):
    """reports.csv, 1 Aug 2017: two SOHR rows (rq-064 via AFP, rq-069) say the SDF
    took all of Nazlat Shahada; Syria Direct quoting the SDF's Mustafa Bali (rq-065)
    denies both and calls it contested with IS pockets. Another party's denial
    does not void the monitor's reports: the map shows the district disputed,
    with all three deciding, until Wikipedia's 3 Aug account (rq-070)."""
    history = history_of(raqqa, "nazlat_shahada")
    from_1_august = history[history["start"] == date(2017, 8, 1)]
    map_lane = history[history["source"] == ALL_SOURCES].set_index("start")

    assert set(from_1_august["source"]) == {
        ALL_SOURCES,
        "SOHR",
        "SOHR via AFP (Diyaruna)",
        "Syria Direct, quoting SDF media head Mustafa Bali",
    }
    assert map_lane.loc[date(2017, 8, 1), "control"] == Control.DISPUTED
    assert set(map_lane.loc[date(2017, 8, 1), "report_ids"]) == {
        "rq-064",
        "rq-065",
        "rq-069",
    }
    assert map_lane.loc[date(2017, 8, 1), "end"] == date(2017, 8, 3)
    assert map_lane["control"].iloc[0] == Control.HELD
    assert map_lane["actor"].iloc[0] == "is"


def test_raqqa_changes_in_the_week_to_1_august_2017(raqqa):
    """Between 25 Jul and 1 Aug 2017 two districts change: Nazlat Shahada becomes
    disputed (SOHR's capture reports and the SDF's denial, all of 1 Aug), and the
    Panorama roundabout, IS-held since before the battle, is first reported as
    fought over (rq-067)."""
    table = changes_between(raqqa, date(2017, 7, 25), date(2017, 8, 1)).set_index(
        "district_id"
    )

    assert list(table.index) == ["nazlat_shahada", "panorama_roundabout"]
    assert table.loc["nazlat_shahada", "control_after"] == Control.DISPUTED
    assert set(table.loc["nazlat_shahada", "caused_by"]) == {
        "rq-064",
        "rq-065",
        "rq-069",
    }
    assert table.loc["panorama_roundabout", "actor_before"] == "is"
    assert table.loc["panorama_roundabout", "control_after"] == Control.CONTESTED
    assert table.loc["panorama_roundabout", "caused_by"] == ("rq-067",)
