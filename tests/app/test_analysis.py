"""AppTest of the map page's analysis views on the bundled Raqqa data."""

from datetime import date
from urllib.parse import parse_qs

from streamlit.testing.v1 import AppTest

from geo.compare import Claimant, changes_between, disagreements_on
from geo.days import format_day
from geo.frontline import frontline_length
from geo.measures import rounded_km
from geo.wording import counted
from tests.app.conftest import day_shown, open_app, open_map_options
from tests.conftest import ROOT


def computed_shares(app):
    """The panel's own table of area and share by control."""
    return next(table.value for table in app.dataframe if "share" in table.value)


def show_panel(app, label):
    return app.segmented_control(key="panel").set_value(label).run()


def test_comparing_two_days_lists_the_changes_and_their_reports():
    app = open_map_options(open_app(day="2017-08-03"))

    app.selectbox(key="compare").set_value("2017-08-01").run()
    changed = show_panel(app, "What changed")

    table = changed.dataframe[-1].value
    hisham = table[table["district"] == "Hisham bin Abdulmalik"].iloc[0]
    assert hisham["after"].startswith("held by SDF")
    assert hisham["reports"]
    assert any(
        "changed between 1 Aug 2017 and 3 Aug 2017" in caption.value
        for caption in changed.caption
    )


def test_with_nothing_compared_what_changed_lists_the_changes_since_the_day_before(
    raqqa,
):
    day = date(2017, 8, 3)
    before = max(report_day for report_day in raqqa.days if report_day < day)
    expected = changes_between(raqqa, before, day)

    app = show_panel(open_app(day=day.isoformat()), "What changed")

    assert any(
        f"{counted(len(expected), 'district')} changed since the report day before, "
        f"{format_day(before)}" in caption.value
        for caption in app.caption
    )
    listed = app.dataframe[-1].value
    assert list(listed["district"]) == list(expected["name_en"])
    assert not app.query_params.get("compare"), "nothing outlined on the map"


def test_as_claimed_by_a_monitor_redraws_the_area_shares():
    app = show_panel(open_app(day="2017-08-01"), "Who holds how much")
    everyone = computed_shares(app)
    open_map_options(app)

    app.selectbox(key="claimant").set_value(Claimant(source_type="monitor")).run()

    monitors = computed_shares(app)
    assert not everyone.equals(monitors)
    assert any("Every monitor source" in caption.value for caption in app.caption)
    assert app.query_params["source_type"] == "monitor"


def test_the_front_line_tab_measures_the_front_and_the_sdf_gap(raqqa):
    day = date(2017, 8, 1)
    app = show_panel(open_app(day=day.isoformat()), "Front line")

    assert app.metric[0].label == "Front line (approx.)"
    assert (
        app.metric[0].value == f"{rounded_km(frontline_length(raqqa, day).total_m)} km"
    )
    assert any(
        "SDF and partner forces: 2 separate pieces" in block.value
        for block in app.markdown
    )
    assert any("schematic district boundaries" in text.value for text in app.caption)


def test_the_area_tab_rounds_areas_and_shows_the_sources_own_shares():
    app = show_panel(open_app(day="2017-08-01"), "Who holds how much")

    computed = computed_shares(app)
    sourced = next(table.value for table in app.dataframe if "said" in table.value)

    assert all(round(area, 1) == area for area in computed["km² (approx.)"])
    assert all(share.endswith(" %") and "." not in share for share in computed["share"])
    # Each side in the words of the chart's legend above it.
    assert "Contested: fighting reported" in set(computed["who"])
    assert "Islamic State" in set(computed["who"])
    assert "SOHR" in set(sourced["source"])
    assert set(sourced["of"]) <= {
        "share of the city held by the SDF",
        "share of the city held by IS",
    }


def test_a_selected_district_gets_its_history_chart():
    app = open_app(day="2017-08-01", district="hisham_bin_abdulmalik")

    app = show_panel(app, "District history")
    assert app.main.get("vega_lite_chart")


def test_the_share_tab_holds_a_link_to_this_exact_view():
    app = open_app(day="2017-08-01", district="hisham_bin_abdulmalik")
    open_map_options(app).selectbox(key="compare").set_value("2017-07-24").run()

    link = show_panel(app, "Share").code[0].value
    query = parse_qs(link.split("?", 1)[1])
    assert query["day"] == ["2017-08-01"]
    assert query["district"] == ["hisham_bin_abdulmalik"]
    assert query["compare"] == ["2017-07-24"]
    assert query["city"] == ["raqqa"]


def test_embed_mode_shows_a_title_the_day_the_slider_the_map_and_the_credits():
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params["day"] = "2017-08-03"
    app.context = {"is_embedded": True}
    app.run()

    assert not app.exception
    assert [title.value for title in app.title] == ["Battle of Raqqa, 2017"]
    captions = [caption.value for caption in app.main.caption]
    assert "Situation on 3 Aug 2017" in captions
    assert any(caption.startswith("Source: Frontline") for caption in captions)
    assert not app.segmented_control
    assert day_shown(app) == "2017-08-03"


def test_figures_stand_side_by_side_as_of_the_slider_day():
    app = show_panel(open_app(day="2017-08-01"), "Figures")

    table = app.dataframe[-1]
    figures = table.value

    # The number first after what it measures: on a phone only two columns show.
    assert list(table.proto.column_order[:2]) == ["measure", "figure"]
    assert figures["as_of"].max().isoformat() <= "2017-08-01"
    killed = figures[figures["measure"] == "civilians killed"]
    assert killed["source"].is_unique
    assert len(killed) > 1
    assert any("never added up" in caption.value for caption in app.caption)


def test_two_sources_disagreeing_are_listed_and_outlined(raqqa):
    app = open_map_options(open_app(day="2017-06-15"))
    disagreeing = disagreements_on(raqqa, date(2017, 6, 15), "monitor", "party")

    app.selectbox(key="versus_a").set_value("monitor")
    app.selectbox(key="versus_b").set_value("party").run()
    app = show_panel(app, "What changed")

    assert any(
        "where every monitor source and every party source disagree" in caption.value
        for caption in app.caption
    )
    assert list(app.dataframe[-1].value["name_en"]) == list(disagreeing["name_en"])
    assert "al-Sinaa (industrial district)" in set(disagreeing["name_en"])
    assert app.query_params["versus"] == "monitor|party"


def test_a_link_with_two_sources_opens_their_pickers_set():
    app = open_app(versus="monitor|party")

    assert app.selectbox(key="versus_a").value == "monitor"
    assert app.selectbox(key="versus_b").value == "party"
