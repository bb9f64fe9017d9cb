"""The standalone page: one HTML file with the timeline that opens from disk.

Tiny cities are one-degree squares near the equator (tests/conftest.py); texts
and labels written here are test texts. Raqqa checks use its bundled reports.
"""

import json
import re
from datetime import date
from html.parser import HTMLParser

import pytest

from geo.export import LeafletUrls, standalone_html
from geo.export.pacing import PAGE_SECONDS_PER_DAY, PAGE_SHORTEST_SECONDS
from geo.snapshots import Publication, Snapshot
from geo.view_state import ViewState
from tests.conftest import CITY_TOML, ROOT, report

PAYLOAD = "</script><script>window.pwned=1</script>"
ONE_MEGABYTE = 1_000_000
PAGE_SCRIPTS = 4
"""Leaflet, the bundle, the page settings and the page script (with the map's)."""


class PageElements(HTMLParser):
    """Every element's tag and attributes, and the text inside each <script>."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def test_raqqa_page_carries_leaflet_and_loads_nothing_from_the_network(raqqa):
    html = standalone_html(raqqa)

    page = PageElements(html)
    assert len(page.scripts) == PAGE_SCRIPTS
    assert not [tag for tag, _ in page.elements if tag == "link"]
    assert not [
        (tag, attrs)
        for tag, attrs in page.elements
        if "src" in attrs or "href" in attrs
    ]
    assert "Leaflet 1.9.3" in html
    assert ".leaflet-container" in html
    assert "url(images/" not in html
    assert (
        "meta",
        {"name": "viewport", "content": "width=device-width, initial-scale=1"},
    ) in page.elements
    assert "<title>Battle of Raqqa, 2017</title>" in html
    assert "Schematic boundaries" in html
    assert len(html.encode("utf-8")) < ONE_MEGABYTE


def test_page_opens_on_the_report_day_on_or_before_the_requested_day(raqqa):
    html = standalone_html(raqqa, day=date(2017, 8, 2))

    slider = next(attrs for tag, attrs in PageElements(html).elements if tag == "input")
    assert raqqa.days[int(slider["value"])] == date(2017, 8, 1)
    assert int(slider["max"]) == len(raqqa.days) - 1
    assert '<output id="frontline-day-label" for="frontline-slider">1 Aug 2017' in html


def test_page_can_load_leaflet_from_the_newsroom_cdn_instead(make_city):
    city = make_city([report("r1", "2020-01-02", "west", "held", actor="blue")])
    leaflet = LeafletUrls(
        script_url="https://cdn.example.org/leaflet/1.9.3/leaflet.js",
        stylesheet_url="https://cdn.example.org/leaflet/1.9.3/leaflet.css",
        script_integrity="sha384-" + "A" * 64,
    )

    html = standalone_html(city, leaflet=leaflet)

    elements = PageElements(html).elements
    scripts = [attrs for tag, attrs in elements if tag == "script" and "src" in attrs]
    links = [attrs for tag, attrs in elements if tag == "link"]
    assert scripts == [
        {
            "src": "https://cdn.example.org/leaflet/1.9.3/leaflet.js",
            "integrity": "sha384-" + "A" * 64,
            "crossorigin": "anonymous",
        }
    ]
    assert links == [
        {
            "rel": "stylesheet",
            "href": "https://cdn.example.org/leaflet/1.9.3/leaflet.css",
        }
    ]
    assert "Leaflet 1.9.3" not in html


def test_a_leaflet_url_that_is_not_http_is_refused_by_name(make_city):
    city = make_city([report("r1", "2020-01-02", "west", "held", actor="blue")])
    leaflet = LeafletUrls(
        script_url="javascript:alert(1)",
        stylesheet_url="https://cdn.example.org/leaflet.css",
    )

    with pytest.raises(ValueError, match="leaflet script_url: 'javascript:alert"):
        standalone_html(city, leaflet=leaflet)


def test_hostile_note_and_title_stay_text_in_the_page(make_city):
    city = make_city(
        [
            report(
                "r1",
                "2020-01-02",
                "west",
                "held",
                actor="blue",
                note=PAYLOAD,
                source=PAYLOAD,
            )
        ],
        city_toml=CITY_TOML.replace(
            'title = "Battle of Testville"', 'title = "Battle of <b>Testville</b>"'
        ),
    )

    html = standalone_html(city)

    assert PAYLOAD not in html
    assert "<script>window.pwned" not in html
    assert "<b>Testville" not in html
    assert "<title>Battle of &lt;b&gt;Testville&lt;/b&gt;</title>" in html
    page = PageElements(html)
    assert len(page.scripts) == PAGE_SCRIPTS
    bundle = json.loads(
        next(
            page.scripts[number]
            for number, (_, attrs) in enumerate(
                (tag, attrs) for tag, attrs in page.elements if tag == "script"
            )
            if attrs.get("id") == "frontline-bundle"
        )
    )
    assert (
        "&lt;/script&gt;&lt;script&gt;window.pwned=1&lt;/script&gt;" in (bundle["text"])
    )


def _page_settings(html: str) -> dict:
    page = PageElements(html)
    scripts = [attrs for tag, attrs in page.elements if tag == "script"]
    number = next(
        index
        for index, attrs in enumerate(scripts)
        if attrs.get("id") == "frontline-page"
    )
    return json.loads(page.scripts[number])


def test_play_stays_on_each_report_day_for_its_calendar_days(make_city):
    city = make_city(
        [
            report("r1", "2020-01-02", "west", "held", actor="blue"),
            report("r2", "2020-01-03", "east", "held", actor="red"),
            report("r3", "2020-01-30", "east", "held", actor="blue"),
        ]
    )

    play_ms = _page_settings(standalone_html(city))["play_ms"]

    # A day to the next report: the shortest stay; 27 days at a week a second: 3.86 s.
    assert play_ms == [800, 3860, 800]


def test_a_snapshot_page_carries_its_words_as_text(make_city):
    city = make_city([report("r1", "2020-01-02", "west", "held", actor="blue")])
    found = Snapshot(
        id="k3m9q2w7x4",
        publication=Publication(
            "city",
            ViewState(day=date(2020, 1, 2), source_type="media"),
            f"Title {PAYLOAD}",
            subtitle="Who held the west",
            byline="Map desk",
            notes=f"First line.\nSecond line {PAYLOAD}",
        ),
        data_sequence=1,
        published_by="Map desk",
        published_at="2026-03-04T05:06:07Z",
        first_id="k3m9q2w7x4",
        version=2,
        replaced_by=None,
    )

    html = standalone_html(city, snapshot=found)

    assert PAYLOAD not in html
    assert "<title>Title &lt;/script&gt;&lt;script&gt;" in html
    assert '<p class="subtitle">Who held the west</p>' in html
    assert '<p class="byline">By Map desk</p>' in html
    assert (
        '<p class="published">As published 4 Mar 2026, revision 2 · '
        "As claimed by media sources</p>"
    ) in html
    assert '<p class="notes">First line.\nSecond line &lt;/script&gt;' in html
    assert len(PageElements(html).scripts) == PAGE_SCRIPTS


def test_the_page_plays_at_the_maps_default_speed_and_report_day_pause():
    timeline = (ROOT / "ui" / "assets" / "timeline.js").read_text(encoding="utf-8")
    markup = (ROOT / "ui" / "timeline.py").read_text(encoding="utf-8")

    pause_ms = re.search(r"export const REPORT_PAUSE_MS = (\d+);", timeline)
    default_speed = re.search(r'<option value="(\d+)" selected>', markup)
    assert int(pause_ms.group(1)) == round(1000 * PAGE_SHORTEST_SECONDS)
    assert 1 / int(default_speed.group(1)) == PAGE_SECONDS_PER_DAY
