"""Events and figures: the optional files of a city (tiny hand-written test files)."""

import csv
from datetime import date

import pytest

from geo.colours import FADED_AFTER_DAYS, FADED_OPACITY_SHARE
from geo.escaping import is_web_url
from geo.events import (
    EVENT_COLUMNS,
    EVENTS_FILE,
    FIGURE_COLUMNS,
    FIGURES_FILE,
    events_on,
    fade_opacity,
    figures_on,
    load_events,
    load_figures,
)
from geo.io import load_city
from geo.problems import CityDataError
from geo.status import EventKind, LocationPrecision
from tests.conftest import RAQQA, TWO_SQUARES, feature, report, write_city

MARKET = feature(
    "market", {"type": "Point", "coordinates": [0.25, 0.75]}, kind="landmark"
)


def event(event_id: str, day: str, **fields: str) -> dict:
    row = dict.fromkeys(EVENT_COLUMNS, "")
    row.update(
        event_id=event_id,
        date=day,
        kind="strike",
        place="Test place",
        lat="0.5",
        lon="1.5",
        location_precision="exact",
        summary="A test event, written for this test.",
        source="Test source",
        source_type="monitor",
        url=f"https://example.org/{event_id}",
    )
    row.update(fields)
    return row


def figure(figure_id: str, day: str, source: str, low: str, high: str, **fields):
    row = dict.fromkeys(FIGURE_COLUMNS, "")
    row.update(
        figure_id=figure_id,
        as_of=day,
        source=source,
        source_type="monitor",
        measure="civilians killed",
        low=low,
        high=high,
        as_stated="a test figure",
        unit="people",
        scope="A test scope, written for this test.",
        url=f"https://example.org/{figure_id}",
    )
    row.update(fields)
    return row


def write_rows(path, columns, rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def city_with(tmp_path):
    """A two-district test city with a market landmark and the given event rows."""

    def make(events=None, figures=None):
        folder = write_city(
            tmp_path / "city",
            [*TWO_SQUARES, MARKET],
            [report("r1", "2020-01-05", "west", "contested")],
        )
        city = load_city(folder)
        if events is not None:
            write_rows(folder / EVENTS_FILE, EVENT_COLUMNS, events)
        if figures is not None:
            write_rows(folder / FIGURES_FILE, FIGURE_COLUMNS, figures)
        return folder, city

    return make


def messages(problems) -> list[str]:
    return [str(problem) for problem in problems]


def test_bad_event_rows_are_named_by_row_and_field_and_left_out(city_with):
    folder, city = city_with(
        [
            event("e1", "2020-01-05"),
            event("e2", "2020-01-06", url="javascript:alert(1)"),
            event("e3", "2020-01-07", lat="1.5", lon="0.5"),
            event("e4", "2020-03-01"),
            event("e5", "2020-01-08", district_id="wset"),
            event("e6", "2020-01-09", kind="massacre"),
        ]
    )

    events, problems = load_events(folder, city)

    assert messages(problems) == [
        "events.csv (row 3, url): 'javascript:alert(1)' is not an http(s) address",
        "events.csv (row 4, lat/lon): (1.5, 0.5) is 55 km from the nearest district "
        "or landmark; latitude and longitude look swapped",
        "events.csv (row 5, date): 2020-03-01 is outside the city's range "
        "2020-01-01 to 2020-01-31",
        "events.csv (row 6, district_id): unknown district 'wset'; did you mean west?",
        "events.csv (row 7, kind): 'massacre' is not one of: " + ", ".join(EventKind),
    ]
    assert list(events["event_id"]) == ["e1"]


def test_a_point_far_from_the_city_that_is_not_swapped_is_called_wrong(city_with):
    folder, city = city_with([event("e1", "2020-01-05", lat="40", lon="45")])

    _, problems = load_events(folder, city)

    assert len(problems) == 1
    assert "(row 2, lat/lon)" in str(problems[0])
    assert str(problems[0]).endswith("swapped or wrong?")


def test_coordinates_must_be_numbers_in_lon_lat_range(city_with):
    folder, city = city_with(
        [
            event("e1", "2020-01-05", lat="95"),
            event("e2", "2020-01-05", lon="1,5"),
            event("e3", "2020-01-05", lat=""),
        ]
    )

    _, problems = load_events(folder, city)

    assert messages(problems) == [
        "events.csv (row 2, lat): 95.0 is outside -90..90",
        "events.csv (row 3, lon): '1,5' is not a number (decimal degrees)",
        "events.csv (row 4, lat): is empty; a published point needs lat and lon",
    ]


def test_an_event_named_only_by_place_is_drawn_at_its_district_or_landmark(city_with):
    folder, city = city_with(
        [
            event(
                "e1",
                "2020-01-05",
                lat="",
                lon="",
                location_precision="district",
                district_id="east",
            ),
            event(
                "e2",
                "2020-01-06",
                lat="",
                lon="",
                location_precision="landmark",
                district_id="Market",
            ),
        ]
    )

    events, problems = load_events(folder, city)

    assert problems == []
    east, market = events.to_dict("records")
    assert (east["lat"], east["lon"]) == pytest.approx((0.5, 1.5), abs=1e-3)
    assert (market["lat"], market["lon"]) == (0.75, 0.25)
    assert market["district_id"] == "market"


def test_a_placed_event_needs_a_matching_feature_and_no_coordinates(city_with):
    folder, city = city_with(
        [
            event(
                "e1", "2020-01-05", location_precision="district", district_id="west"
            ),
            event("e2", "2020-01-05", lat="", lon="", location_precision="district"),
            event(
                "e3",
                "2020-01-05",
                lat="",
                lon="",
                location_precision="district",
                district_id="market",
            ),
        ]
    )

    events, problems = load_events(folder, city)

    assert messages(problems) == [
        "events.csv (row 2, lat/lon): leave empty: a 'district' event is drawn at the "
        "point of its district_id",
        "events.csv (row 3, district_id): is empty; a 'district' event needs the "
        "district or landmark it is placed at",
        "events.csv (row 4, location_precision): 'market' is a landmark; "
        "use 'landmark'",
    ]
    assert events.empty


def test_a_city_without_the_optional_files_has_no_events_or_figures(city_with):
    folder, city = city_with()

    events, event_problems = load_events(folder, city)
    figures, figure_problems = load_figures(folder, city)

    assert events.empty
    assert figures.empty
    assert event_problems == figure_problems == []
    assert list(events.columns) == list(EVENT_COLUMNS)


def test_events_on_shows_past_events_only_and_fades_the_older_ones(city_with):
    folder, city = city_with(
        [
            event("old", "2020-01-01"),
            event("week", "2020-01-17"),
            event("new", "2020-01-23"),
            event("future", "2020-01-28"),
        ]
    )
    events, _ = load_events(folder, city)

    shown = events_on(events, date(2020, 1, 24), fresh_days=2, fade_days=12)

    assert list(shown["event_id"]) == ["old", "week", "new"]
    assert list(shown["age_days"]) == [23, 7, 1]
    assert list(shown["opacity"]) == pytest.approx(
        [FADED_OPACITY_SHARE, 1 - 0.5 * (1 - FADED_OPACITY_SHARE), 1.0]
    )


def test_fade_uses_the_control_maps_constants_by_default():
    opacities = [fade_opacity(age) for age in range(FADED_AFTER_DAYS + 10)]

    assert opacities[0] == 1.0
    assert opacities[FADED_AFTER_DAYS] == pytest.approx(FADED_OPACITY_SHARE)
    assert opacities[-1] == pytest.approx(FADED_OPACITY_SHARE)
    assert opacities == sorted(opacities, reverse=True)
    with pytest.raises(ValueError, match="fresh_days < fade_days"):
        fade_opacity(3, fresh_days=10, fade_days=10)


def test_figures_on_gives_each_sources_latest_figure_and_never_adds_them_up(
    city_with,
):
    folder, city = city_with(
        figures=[
            figure("f1", "2020-01-10", "Monitor A", "100", "100"),
            figure("f2", "2020-01-20", "Monitor A", "150", ""),
            figure("f3", "2020-01-15", "Monitor B", "80", "120"),
            figure("f4", "2020-01-25", "Monitor A", "200", "200"),
            figure("f5", "2020-01-12", "Monitor A", "900", "900", measure="displaced"),
        ]
    )
    figures, problems = load_figures(folder, city)

    panel = figures_on(figures, date(2020, 1, 22))

    assert problems == []
    assert list(
        zip(panel["source"], panel["measure"], panel["figure_id"], strict=True)
    ) == [
        ("Monitor A", "civilians killed", "f2"),
        ("Monitor B", "civilians killed", "f3"),
        ("Monitor A", "displaced", "f5"),
    ]
    killed = panel[panel["measure"] == "civilians killed"]
    assert list(killed["low"]) == [150, 80]
    assert killed["high"].isna().tolist() == [True, False]
    assert list(panel["age_days"]) == [2, 7, 10]
    assert figures_on(figures, date(2020, 1, 5)).empty


def test_bad_figure_rows_are_named_by_row_and_field_and_left_out(city_with):
    folder, city = city_with(
        figures=[
            figure("f1", "2020-01-10", "Monitor A", "100", "100"),
            figure("f2", "2020-01-10", "Monitor A", "120", "120"),
            figure("f3", "2020-01-11", "Monitor A", "30", "20"),
            figure("f4", "2020-01-12", "Monitor A", "about 50", ""),
            figure("f5", "2020-01-13", "Monitor A", "", ""),
            figure("f6", "10/01/2020", "Monitor B", "5", "5", url="ftp://x.org/f"),
        ]
    )

    figures, problems = load_figures(folder, city)

    assert messages(problems) == [
        "figures.csv (row 3, measure): Monitor A already gives 'civilians killed' on "
        "2020-01-10 in row 2; name this one differently",
        "figures.csv (row 4, low/high): low 30 is above high 20",
        "figures.csv (row 5, low): 'about 50' is not a plain non-negative number",
        "figures.csv (row 6, low/high): both are empty; give at least one bound",
        "figures.csv (row 7, url): 'ftp://x.org/f' is not an http(s) address",
        "figures.csv (row 7, as_of): '10/01/2020' is not an ISO date (YYYY-MM-DD)",
    ]
    assert list(figures["figure_id"]) == ["f1"]


def rows_in(path) -> int:
    with path.open(encoding="utf-8") as table:
        return sum(1 for _ in csv.DictReader(table))


def test_bundled_raqqa_events_and_figures_load_cleanly_with_cited_pages(raqqa):
    events, event_problems = load_events(RAQQA, raqqa)
    figures, figure_problems = load_figures(RAQQA, raqqa)

    assert event_problems == figure_problems == []
    assert len(events) == rows_in(RAQQA / "events.csv")
    assert len(figures) == rows_in(RAQQA / "figures.csv")
    assert all(is_web_url(url) for url in [*events["url"], *figures["url"]])
    assert events[["lat", "lon"]].notna().all().all()
    placed = events["location_precision"].isin(
        [LocationPrecision.DISTRICT, LocationPrecision.LANDMARK]
    )
    assert (events.loc[placed, "district_id"] != "").all()
    assert figures["as_stated"].str.len().min() > 0


def test_load_city_refuses_a_city_whose_optional_files_have_problems(city_with):
    folder, _ = city_with(
        events=[event("ev-1", "2020-01-06", url="javascript:alert(1)")],
    )

    with pytest.raises(CityDataError, match=r"events.csv \(row 2, url\)"):
        load_city(folder)
