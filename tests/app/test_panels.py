"""The map page's panels drawn alone (``AppTest.from_function``) on Raqqa's data."""

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pandas as pd
from streamlit.testing.v1 import AppTest

from geo.area import area_by_control
from geo.colours import FILL_OPACITY, as_drawn
from geo.compare import Claimant, history_of, reports_from
from geo.days import format_day
from tests.conftest import report

DAY = date(2017, 8, 1)
HISHAM = "hisham_bin_abdulmalik"


def ledger(city, day, stored=0):
    from ui.city_cache import CityVersion
    from ui.panels.ledger import ledger_panel

    ledger_panel(city, CityVersion(str(city.folder), "files", "", stored), day)


def area(city, series, day, claimant):
    from ui.panels.territory import area_panel

    area_panel(city, series, day, claimant)


def share(query):
    from ui.panels.share import share_panel

    share_panel(query)


def test_the_ledger_waits_for_a_district_then_lists_its_claims_to_the_day(raqqa):
    app = AppTest.from_function(ledger, args=(raqqa, DAY), default_timeout=30).run()

    assert app.selectbox(key="district").value is None
    assert not app.dataframe

    app.selectbox(key="district").select(HISHAM).run()

    claims = app.dataframe[0].value
    assert not app.exception
    assert f"{len(claims)} reports up to 1 Aug 2017" in app.caption[0].value
    # How the colour is decided is one tap away, in the picker's help, so the
    # list starts right under it, beside the map.
    assert app.caption[0].value.endswith("newest first.")
    rules = app.selectbox(key="district").help
    assert "disputed: sources disagree" in rules
    assert "a report its own source withdraws stops counting" in rules
    assert list(claims.columns) == [
        "day",
        "says",
        "about",
        "role",
        "source",
        "kind",
        "link",
        "note",
    ]
    assert all(day <= DAY for day in claims["day"])
    assert "decides the colour" in {role.split(";")[0] for role in claims["role"]}


def test_the_ledger_says_who_said_what_and_its_role_in_words_that_wrap(raqqa):
    # In the column beside the map a table showed only the day and what was said.
    app = AppTest.from_function(ledger, args=(raqqa, DAY), default_timeout=30).run()
    app.selectbox(key="district").select("nazlat_shahada").run()

    claims = app.dataframe[0].value
    [listed] = [html.proto.body for html in app.get("html")]
    items = listed.split("<li>")[1:]
    assert len(items) == len(claims)
    for item, (_, claim) in zip(items, claims.iterrows(), strict=True):
        assert item.startswith(f"{format_day(claim['day'])} · ")
        assert f">{claim['source']}</a>" in item
        assert f"<i>{claim['role']}</i>" in item
    assert any("denies it" in item for item in items)


def test_a_long_ledger_lists_its_newest_reports_and_tables_them_all(raqqa):
    from ui.panels.ledger import LISTED_REPORTS

    busiest = raqqa.claims["district_id"].value_counts().index[0]
    last = max(raqqa.claims["date"])
    app = AppTest.from_function(ledger, args=(raqqa, last), default_timeout=30).run()
    app.selectbox(key="district").select(busiest).run()

    claims = app.dataframe[0].value
    [listed] = [html.proto.body for html in app.get("html")]
    assert len(claims) > LISTED_REPORTS
    assert listed.count("<li>") == LISTED_REPORTS
    assert f"(the {LISTED_REPORTS} newest here)" in app.caption[0].value
    assert app.expander[0].label == f"All {len(claims)} as a table, with notes"


def test_the_area_panel_shares_out_the_city_as_the_claimant_tells_it(raqqa):
    monitors = Claimant(source_type="monitor")
    series = area_by_control(reports_from(raqqa, source_type="monitor"))

    app = AppTest.from_function(
        area, args=(raqqa, series, DAY, monitors), default_timeout=30
    ).run()

    table = app.dataframe[0].value
    shares = [float(share.removesuffix(" %")) for share in table["share"]]
    assert not app.exception
    assert app.main.get("vega_lite_chart")
    assert abs(sum(shares) - 100) <= len(shares) / 2  # each share in whole percent
    assert "Every monitor source" in app.caption[0].value


def test_every_chart_colours_each_side_as_the_map_shows_it_symbols_outlined(raqqa):
    from ui.charts import area_chart, history_chart

    specs = [
        area_chart(raqqa, area_by_control(raqqa), DAY).to_dict(),
        history_chart(raqqa, history_of(raqqa, HISHAM), DAY).to_dict(),
    ]

    for spec in specs:
        colour = spec["layer"][0]["encoding"]["color"]
        scale = dict(
            zip(colour["scale"]["domain"], colour["scale"]["range"], strict=True)
        )
        # Each side as the map shows it: its fill at the map's opacity over the
        # map's ground. At full strength Islamic State was near-black here and
        # dark grey on the map.
        for actor in raqqa.actors:
            assert scale[actor.label] == as_drawn(actor.colour, FILL_OPACITY)
            assert scale[actor.label] != actor.colour
        assert scale["No report yet"] == "#ffffff"
        assert colour["legend"]["symbolStrokeColor"] == "#4d4d4d"
        assert colour["legend"]["symbolStrokeWidth"] >= 1


def test_the_share_panel_links_this_view_and_embeds_it_without_injection():
    query = {"city": "raqqa", "day": "2017-08-01", "district": '"><script>'}
    app = AppTest.from_function(share, args=(query,))
    app.context = {"url": "https://news.example/frontline/?day=2017-07-01"}

    link, iframe = (block.value for block in app.run().code)

    address = urlsplit(link)
    assert f"{address.scheme}://{address.netloc}{address.path}" == (
        "https://news.example/frontline/"
    )
    assert parse_qs(address.query) == {key: [value] for key, value in query.items()}
    assert iframe.startswith('<iframe src="https://news.example/frontline/?city=')
    assert "embed=true" in iframe
    # The only script is the embed code's own, which sizes the iframe.
    assert '"><script>' not in iframe
    assert iframe.count("<script>") == 1
    assert iframe.rstrip().endswith("</script>")


def test_the_district_history_names_its_reports_by_source_and_day_not_by_id(raqqa):
    from ui.charts import history_chart

    history = history_of(raqqa, "mashlab")
    spec = history_chart(raqqa, history, DAY).to_dict()
    rows = [row for table in spec["datasets"].values() for row in table]
    report_ids = set(raqqa.all_reports["report_id"])

    for row in rows:  # all the chart's data reaches the browser, not only tooltips
        text = str(row)
        assert not [report_id for report_id in report_ids if report_id in text], text
    first = raqqa.all_reports.set_index("report_id").loc[history["report_ids"][0][0]]
    assert f"{first['source']} ({format_day(first['date'])})" in rows[0]["reports"]


def test_before_a_district_is_picked_the_days_reports_are_listed(raqqa):
    app = AppTest.from_function(ledger, args=(raqqa, DAY), default_timeout=30).run()

    reported = raqqa.reported_on(DAY)
    [listed] = [html.proto.body for html in app.get("html")]
    assert listed.startswith("<p><strong>Reported this day, 1 Aug 2017</strong></p>")
    assert listed.count("<li>") == len(reported) > 1
    for source in reported["source"]:
        assert f">{source}</a>" in listed
    assert "<b>Nazlat Shahada</b>" in listed


def test_on_a_day_between_reports_the_latest_reports_are_listed_and_dated(raqqa):
    day = next(
        date.fromordinal(DAY.toordinal() + n)
        for n in range(1, 60)
        if date.fromordinal(DAY.toordinal() + n) not in raqqa.days
    )
    shown = max(report_day for report_day in raqqa.days if report_day < day)
    app = AppTest.from_function(ledger, args=(raqqa, day), default_timeout=30).run()

    [listed] = [html.proto.body for html in app.get("html")]
    assert f"<strong>Latest reports, {format_day(shown)}</strong>" in listed
    assert listed.count("<li>") == len(raqqa.reported_on(shown))


def test_a_busy_day_lists_its_first_reports_and_says_how_many_there_are(make_city):
    from ui.panels.ledger import LISTED_REPORTS

    busy = LISTED_REPORTS + 3
    city = make_city(
        [
            report(f"r{n}", "2020-01-02", ("west", "east")[n % 2], "contested")
            for n in range(busy)
        ]
    )
    app = AppTest.from_function(
        ledger, args=(city, date(2020, 1, 2)), default_timeout=30
    ).run()

    [listed] = [html.proto.body for html in app.get("html")]
    assert listed.count("<li>") == LISTED_REPORTS
    assert app.caption[0].value.startswith(f"The first {LISTED_REPORTS} of {busy}.")


def test_the_days_list_follows_an_edit_that_makes_a_new_version(make_city):
    day = date(2020, 1, 2)
    before = make_city([report("r1", day.isoformat(), "west", "contested")])
    after = make_city(
        [
            report("r1", day.isoformat(), "west", "contested"),
            report(
                "r2", day.isoformat(), "east", "held", actor="blue", source="Late wire"
            ),
        ]
    )

    lists = [
        AppTest.from_function(ledger, args=args, default_timeout=30).run().get("html")
        for args in ((before, day, 1), (after, day, 2))
    ]

    [first], [second] = ([html.proto.body for html in found] for found in lists)
    assert first.count("<li>") == 1
    assert second.count("<li>") == 2
    assert ">Late wire</a>" in second


def test_a_days_list_is_text_never_markup(raqqa):
    from ui.panels.ledger import day_reports_html

    hostile = pd.DataFrame(
        {
            "district_id": ["nazlat_shahada"],
            "url": ["javascript:alert(1)"],
            "source": ["<script>alert(2)</script>"],
            "source_type": ["<i>monitor</i>"],
            "kind": ["claim"],
            "status": ["held"],
            "actor": ["sdf"],
            "extent": ["full"],
        }
    )

    html = day_reports_html(raqqa, hostile)

    for markup in ("<script", "<i>monitor"):
        assert markup not in html
    assert "href" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html


def test_the_ledgers_list_is_text_never_markup():
    from ui.panels.ledger import ledger_html

    hostile = pd.DataFrame(
        {
            "day": [DAY],
            "url": ["javascript:alert(1)"],
            "source": ["<script>alert(2)</script>"],
            "source_type": ["<i>monitor</i>"],
            "kind": ["claim"],
            "says": ["<img src=x onerror=alert(3)>"],
            "about": ["<b>the city</b>"],
            "role": ["earlier report"],
        }
    )

    html = ledger_html(hostile)

    for markup in ("<script", "<img", "<b>the", "<i>monitor"):
        assert markup not in html
    assert "href" not in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html


def test_a_report_the_map_cannot_place_is_listed_as_text_never_as_markup(raqqa):
    from ui.panels.ledger import unplaced_html

    hostile = pd.DataFrame(
        {
            "district_id": ["unplaced: <img src=x onerror=alert(1)>"],
            "status": ["held"],
            "actor": ["sdf"],
            "extent": ["full"],
            "source": ["<script>alert(2)</script>"],
            "url": ["javascript:alert(3)"],
            "note": ["<b>bold</b>"],
        }
    )

    html = unplaced_html(raqqa, hostile)

    for markup in ("<img", "<script", "<b>bold"):
        assert markup not in html
    assert "href" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
