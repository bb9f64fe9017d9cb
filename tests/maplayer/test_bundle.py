import json
import re
from datetime import date

from geo.compare import reports_from
from geo.escaping import html_text, is_web_url
from geo.maplayer.bundle import (
    base_map,
    city_drawing,
    day_script,
    first_day_bundle,
    map_bundle,
)
from tests.conftest import feature, report, square

URLS = {
    "bundle_url": "/app/static/generated/city.json",
    "leaflet_js_url": "/app/static/vendor/leaflet/leaflet.js",
    "leaflet_css_url": "/app/static/vendor/leaflet/leaflet.css",
    "script_url": "/app/static/generated/frontline_map.js",
}
HOSTILE = "<script>window.pwned=1</script><img src=x onerror=alert(1)> `${alert(2)}`"


def rendered(figure) -> str:
    return figure.get_root().render()


def without_folium_ids(html: str) -> str:
    """Folium names each element with a random hex id; leave the ids out."""
    return re.sub(r"_[0-9a-f]{32}", "", html)


def test_hostile_report_text_is_inert_in_the_bundle_and_first_bundle(make_city):
    city = make_city(
        [
            report(
                "r1",
                "2020-01-05",
                "west",
                "held",
                actor="blue",
                note=HOSTILE,
                source=HOSTILE,
            ),
        ]
    )

    first = first_day_bundle(city, date(2020, 1, 5), whole_url="/whole.json")

    for bundle in (map_bundle(city), first):
        text = json.dumps(bundle, ensure_ascii=False)
        assert "<script>" not in text
        assert "<img" not in text
        assert "`" not in text
        assert "${" not in text
        assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in text


def test_bundle_timeline_gives_each_district_its_state_per_day(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="red"),
            report("r2", "2020-01-05", "west", "contested"),
        ]
    )

    bundle = map_bundle(city)

    west = bundle["timeline"]["west"]
    styles = [style["key"] for style in bundle["styles"]]
    assert west["day"] == ["2020-01-02", "2020-01-05"]
    assert [styles[bundle["states"]["style"][index]] for index in west["state"]] == [
        "held:red:full",
        "contested",
    ]
    assert "east" not in bundle["timeline"]
    assert styles[bundle["states"]["style"][bundle["no_reports"]]] == "unknown"
    assert "Schematic boundaries" in bundle["attribution"]
    assert "about 500 m" in bundle["precision"]["west"]


def test_report_links_are_escaped_web_addresses(make_city):
    city = make_city(
        [
            report(
                "r1",
                "2020-01-02",
                "west",
                "contested",
                url="https://example.org/a?b=1&c=<2>",
            ),
        ]
    )
    bundle = map_bundle(city)
    link = bundle["reports"]["link"][0]

    assert bundle["text"][link] == "https://example.org/a?b=1&amp;c=&lt;2&gt;"


def test_base_map_loads_nothing_from_a_cdn(make_city):
    city = make_city([])

    html = rendered(base_map(city, **URLS))

    assert "/app/static/vendor/leaflet/leaflet.js" in html
    assert "cdn" not in html.lower()
    assert "code.jquery.com" not in html


def test_base_map_script_is_the_same_every_day_and_a_step_is_tiny(make_city):
    city = make_city([report("r1", "2020-01-02", "west", "held", actor="red")])

    scripts = set()
    steps = []
    for day in (date(2020, 1, 2), date(2020, 1, 3)):
        scripts.add(without_folium_ids(rendered(base_map(city, **URLS))))
        steps.append(day_script(day, "west"))

    assert len(scripts) == 1
    assert steps[0] != steps[1]
    assert steps[1].startswith('frontline.show({"day":"2020-01-03","selected":"west",')
    assert all(len(step) < 500 for step in steps)


def test_a_supplied_boundary_is_not_called_schematic_and_local_names_pick_direction(
    make_city,
):
    features = [
        feature("west", square(0, 0), boundary="supplied", name_ar="Захід"),
        feature("east", square(1, 0)),
    ]
    city = make_city(
        [report("r1", "2020-01-02", "west", "held", actor="red")], features
    )

    bundle = map_bundle(city)

    assert bundle["precision"]["west"].startswith("Boundary from the city")
    assert bundle["precision"]["east"].startswith("Schematic boundaries")
    assert '<span dir="auto">Захід</span>' in bundle["names"]["west"]


def test_the_base_map_opens_on_the_bounds_the_bundle_carries(make_city):
    city = make_city([report("r1", "2020-01-02", "west", "held", actor="red")])

    html = rendered(base_map(city, **URLS))

    assert map_bundle(city)["bounds"] == [[0.0, 0.0], [1.0, 2.0]]
    assert '.json", [[0.0,0.0],[1.0,2.0]]);' in html


def test_days_the_map_may_show_beyond_the_citys_own_are_labelled_too(make_city):
    city = make_city([report("r1", "2020-01-02", "west", "held", actor="red")])

    labels = map_bundle(city, shown_days=[date(2020, 1, 9)])["day_labels"]

    assert labels == {"2020-01-02": "2 Jan 2020", "2020-01-09": "9 Jan 2020"}


def test_a_denial_names_what_it_denies_by_source_and_day_never_by_id(make_city):
    city = make_city(
        [
            report("rq-064", "2020-01-02", "west", "held", actor="red", source="SOHR"),
            report("rq-069", "2020-01-03", "west", "held", actor="red", source=HOSTILE),
            report(
                "rq-065",
                "2020-01-04",
                "west",
                "",
                kind="denial",
                denies="rq-064 rq-069",
                source="SDF media office",
            ),
        ]
    )

    bundle = map_bundle(city)

    kinds = [bundle["text"][index] for index in bundle["reports"]["kind"]]
    assert kinds[-1].startswith(
        "denial of the reports by SOHR (2 Jan 2020) and &lt;script&gt;window.pwned"
    )
    assert kinds[-1].endswith(" (3 Jan 2020)")
    assert "<script>" not in kinds[-1]
    links = {bundle["text"][index] for index in bundle["reports"]["link"]}
    assert not [text for text in set(bundle["text"]) - links if "rq-06" in text]


def test_every_report_row_of_raqqa_shows_that_reports_own_texts(raqqa):
    """The bundle numbers report texts column by column: a row must still read
    its own report's source, type, note, day and link, as the ledger shows them."""
    reports = raqqa.all_reports
    bundle = map_bundle(raqqa)
    columns, text = bundle["reports"], bundle["text"]

    assert len(columns["day"]) == len(reports) > 100
    for row, stored in enumerate(reports.to_dict("records")):
        assert text[columns["source"][row]] == html_text(stored["source"])
        assert text[columns["source_type"][row]] == html_text(stored["source_type"])
        assert text[columns["note"][row]] == html_text(stored["note"])
        assert columns["day"][row] == stored["date"].isoformat()
        link = columns["link"][row]
        if is_web_url(stored["url"]):
            assert text[link] == html_text(stored["url"].strip())
        else:
            assert link is None
        if stored["status"] and stored["kind"] in ("claim", "assessment"):
            assert text[columns["kind"][row]] == stored["kind"]
    assert len(set(text)) == len(text)


def test_one_sources_bundle_drawn_from_the_whole_citys_drawing_is_the_same(raqqa):
    """The server keeps a city's shapes and labels once per version of its files
    and builds every other bundle ("As claimed by", after an edit) with them."""
    sdf = reports_from(raqqa, source_type="party")
    assert len(sdf.all_reports) < len(raqqa.all_reports)

    kept = map_bundle(sdf, drawing=city_drawing(raqqa))

    assert kept == map_bundle(sdf)
    assert kept["reports"] != map_bundle(raqqa)["reports"]


def test_the_legend_says_what_contested_and_disputed_mean(make_city):
    bundle = map_bundle(make_city([]))

    labels = [entry["label"] for entry in bundle["legend"]]
    meanings = {style["key"]: style["explanation"] for style in bundle["styles"]}
    assert "Contested: fighting reported" in labels
    assert "Disputed: sources disagree" in labels
    assert meanings["contested"].startswith("Fighting is reported")
    assert meanings["disputed"].startswith("Sources disagree")
    assert meanings["held:blue:full"] == ""


def shown_on(bundle: dict, district_id: str, day: str) -> tuple:
    """What the map shows of a district on ``day`` from ``bundle``, as text.

    Its style, status and age, and each report its popup lists (deciding,
    denied, denials, withdrawn) by day, source, words and kind: what a reader
    reads, whatever the table indexes behind it.
    """
    changes = bundle["timeline"].get(district_id, {"day": [], "state": []})
    state = bundle["no_reports"]
    for changed, index in zip(changes["day"], changes["state"], strict=True):
        if changed <= day:
            state = index
    text, reports, states = bundle["text"], bundle["reports"], bundle["states"]

    def cited(rows: list[int]) -> list[tuple]:
        return [
            (
                reports["day"][row],
                text[reports["source"][row]],
                text[reports["says"][row]],
                text[reports["kind"][row]],
                text[reports["note"][row]],
            )
            for row in rows
        ]

    return (
        bundle["styles"][states["style"][state]]["key"],
        text[states["status"][state]],
        states["as_of"][state],
        cited(states["deciding"][state]),
        *(
            cited(states[column].get(str(state), []))
            for column in ("denied", "denials", "withdrawn")
        ),
    )


def test_a_first_bundle_shows_every_district_on_its_day_as_the_whole_one(raqqa):
    """A reader's first map, drawn from a first bundle, reads what the whole
    bundle says of that day: colours, ages, claims, denials, withdrawals. On the
    first and last days, and two with a denied claim (al-Sinaa, Nazlat Shahada)."""
    whole = map_bundle(raqqa)
    days = [raqqa.days[0], date(2017, 6, 30), date(2017, 8, 1), date(2017, 10, 17)]
    for day in days:
        first = first_day_bundle(raqqa, day, whole_url="/whole.json")

        assert first["one_day"] == {"day": day.isoformat(), "whole": "/whole.json"}
        assert whole["one_day"] is None
        for district_id in raqqa.districts.index:
            assert shown_on(first, district_id, day.isoformat()) == shown_on(
                whole, district_id, day.isoformat()
            ), (district_id, day)
        assert len(first["reports"]["day"]) < len(whole["reports"]["day"])
        for name in ("districts", "places", "names", "days", "legend"):
            assert first[name] == whole[name], name
        first_events, whole_events = (
            {**bundle["events"], "popup": [bundle["text"][row] for row in popups]}
            for bundle in (first, whole)
            for popups in [bundle["events"]["popup"]]
        )
        assert first_events == whole_events
    denied = shown_on(whole, "nazlat_shahada", "2017-08-01")[4]
    assert denied, "no denied claim on 1 Aug 2017: the test would miss denials"
