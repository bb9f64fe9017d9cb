import json
from datetime import date

from streamlit_folium import _get_map_string

from geo.maplayer.bundle import base_map, day_script, map_bundle
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


def test_hostile_report_text_is_inert_in_the_bundle(make_city):
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

    text = json.dumps(map_bundle(city), ensure_ascii=False)

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
    assert [day for day, _ in west] == ["2020-01-02", "2020-01-05"]
    assert [bundle["states"][index][0] for _, index in west] == [
        "held:red:full",
        "contested",
    ]
    assert "east" not in bundle["timeline"]
    assert bundle["states"][bundle["no_reports"]][0] == "unknown"
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
    href = bundle["reports"][0][5]

    assert bundle["text"][href] == "https://example.org/a?b=1&amp;c=&lt;2&gt;"


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
        figure = base_map(city, **URLS)
        figure.get_root().render()
        scripts.add(_get_map_string(figure))
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
