"""Random shared links: whatever an address holds, the view is valid, the page opens.

Hypothesis writes query strings from the view's own parameters (valid values,
near misses, Unicode, huge values) plus junk keys. ``view_from_query`` must never
raise and keeps only values valid for the city; ``app.py`` must render the map
page for every such address and write back an address that is itself valid.
"""

import math
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from geo.view_state import Layer, ViewState, view_from_query, view_to_query
from tests.app.conftest import day_shown
from tests.conftest import ROOT, TWO_SQUARES, report, write_city

DAYS = {date(2020, 1, 2), date(2020, 1, 5)}
DISTRICTS = {"west", "east"}
SOURCES = {"Test source", "Rival source"}
SOURCE_TYPES = {"media", "party"}
PARAMETERS = (
    "day",
    "district",
    "compare",
    "source",
    "source_type",
    "versus",
    "layers",
    "lat",
    "lon",
    "zoom",
    "city",
    "embed",
)
VALID_VALUES = (
    *(day.isoformat() for day in DAYS),
    *DISTRICTS,
    *SOURCES,
    *SOURCE_TYPES,
    "media|party",
    "Test source|Rival source",
    "frontline,events,streets",
    "0.5",
    "1.25",
    "14",
    "testville",
    "true",
)
NEAR_MISSES = (
    "",
    " ",
    "nan",
    "inf",
    "-inf",
    "1e308",
    "-0",
    "0x1F",
    "19.999",
    "20",
    "-90.0001",
    "2020-01-02T00:00",
    "2020-W01-4",
    "20200102",
    "2020-02-30",
    "West",
    " west",
    "media|media",
    "media|party|monitor",
    "|",
    "frontline,,frontline,bogus",
    "<script>window.pwned=1</script>",
    "../../etc/passwd",
    "\x00",
    "\u202eevil",
    "ﾃｽﾄ",
)
HUGE = ("9" * 100_000, "x" * 100_000, "2020-01-02|" * 5_000)

values = st.one_of(
    st.sampled_from(VALID_VALUES),
    st.sampled_from(NEAR_MISSES),
    st.sampled_from(HUGE),
    st.text(max_size=40),
    st.floats().map(str),
    st.integers().map(str),
)
keys = st.one_of(st.sampled_from(PARAMETERS), st.text(min_size=1, max_size=12))
queries = st.dictionaries(keys, values, max_size=10)


def assert_valid(view: ViewState) -> None:
    """Every field holds a value valid for the test city, or its default."""
    assert view.day is None or view.day in DAYS
    assert view.compare is None or view.compare in DAYS
    assert view.district is None or view.district in DISTRICTS
    assert view.source in {"", *SOURCES}
    assert view.source_type in {"", *SOURCE_TYPES}
    if view.versus is not None:
        first, second = view.versus
        assert first != second
        assert {first, second} <= SOURCES | SOURCE_TYPES
    assert view.layers <= set(Layer)
    if view.centre is not None:
        latitude, longitude, zoom = view.centre
        assert math.isfinite(latitude)
        assert -90 <= latitude <= 90
        assert math.isfinite(longitude)
        assert -180 <= longitude <= 180
        assert isinstance(zoom, int)
        assert 1 <= zoom <= 19


def read(query: dict[str, str]) -> ViewState:
    return view_from_query(
        query,
        days=DAYS,
        district_ids=DISTRICTS,
        sources=SOURCES,
        source_types=SOURCE_TYPES,
    )


def test_any_address_gives_a_valid_view():
    examples = []

    @settings(max_examples=600, database=None, deadline=None)
    @given(queries)
    def check(query):
        view = read(query)
        assert_valid(view)
        assert read(view_to_query(view)).day == view.day
        examples.append(query)

    check()
    print(f"view_from_query: {len(examples)} random addresses, every view valid")
    assert len(examples) >= 100


@pytest.fixture(scope="module")
def fuzz_city(tmp_path_factory):
    """A two-district city in its own cities folder, with its own database."""
    folder = tmp_path_factory.mktemp("fuzz")
    write_city(
        folder / "testville",
        TWO_SQUARES,
        [
            report("r1", "2020-01-02", "west", "held", actor="blue"),
            report(
                "r2",
                "2020-01-05",
                "east",
                "held",
                actor="red",
                source="Rival source",
                source_type="party",
            ),
        ],
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FRONTLINE_CITIES_DIR", str(folder))
        patch.setenv("FRONTLINE_DATABASE_URL", f"sqlite:///{folder / 'db.sqlite3'}")
        yield folder


def test_the_app_opens_on_any_address(fuzz_city):
    examples = []

    @settings(max_examples=25, database=None, deadline=None)
    @given(queries)
    def check(query):
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        app.query_params.update(query)
        app.run()

        assert not app.exception, query
        assert date.fromisoformat(day_shown(app)) in DAYS, query
        written = {
            key: value[0] if isinstance(value, list) else value
            for key, value in app.query_params.items()
        }
        assert date.fromisoformat(written["day"]) in DAYS
        assert_valid(read(written))
        examples.append(query)

    check()
    print(f"app.py: {len(examples)} random addresses opened without an error")
    assert len(examples) >= 20
