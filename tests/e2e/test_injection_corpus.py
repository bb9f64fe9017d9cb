"""The whole injection corpus stays inert in real Chromium, in every view it reaches.

One server runs a test city whose names, reports, labels, events and figures
all carry payloads of ``tests/security/corpus.py``; a stored revision adds a
hostile author and reason, and the editor's display name is hostile too. The
map (tooltips, popups, events, ledger, analysis tabs), the desk (table, an
opened report's history and the editor's forms) and the exported standalone
page are visited. In each: no ``window.pwned`` in any frame, no element made by
a payload, no request a payload caused, and every link is http(s).
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlencode, urlsplit

import pytest
from playwright.sync_api import Browser, Frame, Locator, Page, expect

from geo.export import standalone_html
from geo.io import load_city
from storage.access import Identity, Role
from storage.database import open_database
from storage.reports import edit_report, seed_city
from storage.users import create_user
from tests.e2e.conftest import MAP_FRAME, day_on_map, map_frame, start_streamlit
from tests.security.corpus import PAYLOADS, URL_PAYLOADS
from tests.security.hostile_city import (
    FIRST_DAY,
    SECOND_DAY,
    HostileCity,
    write_hostile_city,
)

EDITOR, EDITOR_PASSWORD = "editor", "a long editor password for tests"
BY_NAME = {payload.name: payload for payload in (*PAYLOADS, *URL_PAYLOADS)}
EDITOR_DISPLAY_NAME = BY_NAME["markdown javascript link"]
REVISION_AUTHOR = BY_NAME["img onerror"]
REVISION_REASON = BY_NAME["script tag"]
EDITED_REPORT = "a01"
"""The report whose history is opened: the first in the desk's table."""
MARKDOWN_REPORT = "a03"
"""A report whose source is a Markdown link to a data: address."""
TALL_VIEWPORT = {"width": 1280, "height": 1400}
"""Tall enough for the whole map and every picker: a half-visible map scrolls on a
click, and a picker that opens below the fold closes as the page scrolls."""
CORNER = {"x": 12, "y": 12}
"""Where districts are hovered and clicked: inside the square, clear of the event
markers that sit at district centres."""

# Fields each view is given, as ``HostileCity.placements`` names them. Streamlit
# draws its tables on a canvas and lists only a picker's visible options, so the
# DOM holds only part of them as text; every part is checked for a payload.
MAP_FIELDS = ("name_en", "name_ar", "source", "note", "url", "actor_label", "credits")
EVENT_FIELDS = ("event_summary", "event_source")
LEDGER_FIELDS = ("source", "note", "denial_source", "denial_note", "url")
LEDGER_FIELDS += ("actor_label",)
TAB_FIELDS = ("actor_label", "figure_source", "figure_measure", "figure_as_stated")
TAB_FIELDS += ("figure_scope",)
DESK_FIELDS = ("name_en", "name_ar", "aliases", "source", "note", "denial_source")
DESK_FIELDS += ("denial_note", "url", "actor_label", "title")
EXPORT_FIELDS = (*MAP_FIELDS, *EVENT_FIELDS, "title")

PANELS = {
    "Who holds how much": "As claimed by:",
    "Front line": "Front line",
    "What changed": re.compile("changed between|changed since|Pick a day in"),
    "District history": "one lane per source",
    "Figures": "never added up",
    "Share": "This view (day, district",
}
"""Each analysis panel, and a text that shows once it is drawn."""
HOSTILE_ELEMENTS = """() => {
    const found = [];
    const risky =
        /^(href|src|srcdoc|action|formaction|data|style|content|values|poster)$/i;
    for (const node of document.querySelectorAll("*")) {
        for (const attribute of node.attributes) {
            const name = attribute.name.toLowerCase();
            const value = attribute.value;
            // A web address or a fragment ("#heading") cannot run anything.
            const inert = /^(https?:\\/\\/|#)/i.test(value.trim());
            if (name.startsWith("on")) {
                found.push(`${node.tagName} ${name}=${value.slice(0, 60)}`);
            } else if (risky.test(name) && value.includes("pwned") && !inert) {
                found.push(`${node.tagName} ${name}=${value.slice(0, 60)}`);
            }
        }
        const code = node.textContent || "";
        const script = node.tagName === "SCRIPT" && !/json/i.test(node.type || "");
        if (script && /^\\s*(window|parent)\\.pwned/.test(code)) {
            found.push(`SCRIPT ${code.slice(0, 60)}`);
        }
        if (node.tagName === "STYLE" && code.includes("pwned")) {
            found.push(`STYLE ${code.slice(0, 60)}`);
        }
    }
    found.push(...[...document.querySelectorAll("img[src=x], svg[onload]")]
        .map((node) => `payload element ${node.tagName}`));
    return found;
}"""
LINKS = """() => [...document.querySelectorAll("a[href]:not([role=button])")]
    .map((a) => [a.getAttribute("href"), a.href])"""
LEAFLET_MAP_HOOK = """(() => {
    let leaflet;
    Object.defineProperty(window, "L", {
        configurable: true,
        get() { return leaflet; },
        set(value) {
            leaflet = value;
            value.Map.addInitHook(function () { window.map = this; });
        },
    });
})();"""
"""Keeps the exported page's Leaflet map in ``window.map``, as the dashboard's is."""
TEXTS = """(selector) => [...document.querySelectorAll(selector)].map(
    (node) => node.textContent)"""


def text_of(element: Locator) -> str:
    """All text in the element, with the hidden text tables of Streamlit's grids."""
    return element.evaluate("(node) => node.textContent")


def shown(text: str) -> str:
    """A payload as a page shows it: CSV and names are stripped, NUL is dropped."""
    return text.replace("\x00", "").strip()


@dataclass
class Visit:
    """What one page did while it was visited: its requests and script errors."""

    requests: list[str]
    errors: list[str]


def watch(page: Page) -> Visit:
    visit = Visit([], [])
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    return visit


def assert_inert(page: Page, visit: Visit, *, web_links_only: bool) -> int:
    """No flag, no payload element, no payload request, only http(s) links.

    ``web_links_only`` checks every ``href`` as written (the map and the export);
    otherwise as resolved (Streamlit's own navigation links are relative).
    Returns the number of frames checked.
    """
    for frame in page.frames:
        assert frame.evaluate("() => window.pwned") is None, frame.url
        assert frame.evaluate(HOSTILE_ELEMENTS) == [], frame.url
        for written, resolved in frame.evaluate(LINKS):
            link = written if web_links_only or "map" in frame.url else resolved
            assert re.match(r"https?://", link, re.IGNORECASE), (frame.url, written)
    # An address we opened may carry a payload in its query; a fetched path may not.
    payload_requests = [
        url
        for url in visit.requests
        if urlsplit(url).path.endswith("/x")
        or "pwned" in unquote(urlsplit(url).path)
        or url.lower().startswith(("javascript:", "data:text"))
    ]
    assert payload_requests == []
    assert [error for error in visit.errors if "pwned" in error] == []
    return len(page.frames)


def seen(texts: list[str], names: set[str]) -> set[str]:
    """The payloads among ``names`` that appear, literally, in the page's texts."""
    whole = "\n".join(texts)
    return {name for name in names if shown(BY_NAME[name].text) in whole}


@pytest.fixture(scope="module")
def hostile_city(tmp_path_factory) -> HostileCity:
    return write_hostile_city(tmp_path_factory.mktemp("cities") / "hostileville")


@pytest.fixture(scope="module")
def hostile_url(hostile_city: HostileCity, browser: Browser) -> Iterator[str]:
    """The app on the hostile city, with a hostile revision and a hostile editor.

    One visit opens the server first, so that its first start is not part of
    what the hostile pages are checked for.
    """
    database = hostile_city.folder.parent / "frontline.sqlite3"
    engine = open_database(f"sqlite:///{database}")
    city = load_city(hostile_city.folder)
    seed_city(engine, city)
    edit_report(
        engine,
        Identity(REVISION_AUTHOR.text, Role.EDITOR, "password"),
        city,
        EDITED_REPORT,
        {"published": "2020-01-03"},
        base_revision=1,
        reason=REVISION_REASON.text,
    )
    create_user(
        engine,
        EDITOR,
        EDITOR_PASSWORD,
        role=Role.EDITOR,
        display_name=EDITOR_DISPLAY_NAME.text,
    )
    engine.dispose()
    for url in start_streamlit(database, hostile_city.folder.parent):
        first = browser.new_page()
        first.goto(url)
        expect(day_on_map(first)).to_have_text("5 Jan 2020", timeout=30_000)
        first.close()
        yield url


def district_path(frame: Frame, district_id: str) -> Locator:
    """The district's path, found by its (possibly hostile) id as a CSS string."""
    quoted = district_id.replace("\\", "\\\\").replace('"', '\\"')
    return frame.locator(f'path[data-district="{quoted}"]')


def ledger_name(city: HostileCity, district_id: str) -> re.Pattern:
    """How the ledger's district picker starts once the district is selected."""
    return re.compile(f"^{re.escape(shown(city.names[district_id])[:15])}")


def close_popup(frame: Frame) -> None:
    """Close the open popup and undo the pan it made, so every district stays in view.

    (The popup's own close button can sit under the day label of a panned map.)
    """
    frame.evaluate(
        "() => { map.closePopup(); "
        "map.setView(window.openingView[0], window.openingView[1], {animate: false}); }"
    )
    expect(frame.locator(".leaflet-popup-content")).to_have_count(0)


@dataclass
class Seen:
    """The text of every tooltip and popup opened, and the links the popups held."""

    texts: list[str]
    hrefs: set[str]


def visit_districts(
    frame: Frame, city: HostileCity, ledger: Locator | None = None
) -> Seen:
    """Hover and click every district, reading its tooltip and popup.

    ``ledger`` is the dashboard's district picker: each click selects the
    district, and its ledger is drawn before the next click.
    """
    texts = []
    hrefs = set()
    # The legend of long hostile labels covers districts: fold it, as a reader would.
    legend = frame.locator('.frontline-legend-toggle[aria-expanded="true"]')
    if legend.count():
        legend.click()
    frame.evaluate("() => { window.openingView = [map.getCenter(), map.getZoom()]; }")
    expect(frame.locator("path[data-district]")).to_have_count(len(city.district_ids))
    for district_id in city.district_ids:
        path = district_path(frame, district_id)
        path.hover(position=CORNER)
        tooltip = frame.locator(".leaflet-tooltip")
        expect(tooltip).to_have_count(1)
        texts += frame.evaluate(TEXTS, ".leaflet-tooltip")
        path.click(position=CORNER)
        popup = frame.locator(".leaflet-popup-content")
        expect(popup).to_contain_text("Schematic boundaries")
        if ledger is not None:
            expect(ledger).to_have_value(ledger_name(city, district_id))
        texts += frame.evaluate(TEXTS, ".leaflet-popup-content")
        hrefs |= {href for href, _ in frame.evaluate(LINKS)}
        close_popup(frame)
    return Seen(texts, hrefs)


def visit_events(frame: Frame) -> list[str]:
    """Click every event marker; return the popup texts."""
    texts = []
    markers = frame.locator("path.leaflet-interactive:not([data-district])")
    for index in range(markers.count()):
        markers.nth(index).click()
        popup = frame.locator(".leaflet-popup-content")
        expect(popup).to_contain_text("strike")
        texts += frame.evaluate(TEXTS, ".leaflet-popup-content")
        close_popup(frame)
    return texts


def report_figure(view: str, delivered: set[str], literal: set[str]) -> None:
    print(
        f"{view}: {len(delivered)} payloads delivered, "
        f"{len(literal)} seen as literal text, none ran"
    )


def test_the_map_page_keeps_every_payload_inert(
    page: Page, hostile_url: str, hostile_city: HostileCity
):
    page.set_viewport_size(TALL_VIEWPORT)
    visit = watch(page)
    query = {
        "day": SECOND_DAY,
        "compare": FIRST_DAY,
        "versus": "party|monitor",
        "layers": "frontline,events",
        "district": hostile_city.district_ids[0],
    }
    page.goto(f"{hostile_url}/?{urlencode(query)}")
    expect(page.frame_locator(MAP_FRAME).locator("body")).to_have_attribute(
        "data-frontline-day", SECOND_DAY, timeout=30_000
    )
    frame = map_frame(page)

    ledger = page.get_by_role("combobox", name="District", exact=True)
    districts = visit_districts(frame, hostile_city, ledger)
    map_texts = districts.texts
    map_texts += frame.evaluate(TEXTS, ".frontline-legend, .leaflet-control")
    # Select a district with an event at its centre: the marker must stay on top.
    with_event = hostile_city.event_districts[0]
    district_path(frame, with_event).click(position=CORNER)
    expect(ledger).to_have_value(ledger_name(hostile_city, with_event))
    close_popup(frame)
    event_texts = visit_events(frame)

    # Every hostile URL became a real https link in a popup, exactly as written.
    assert {payload.text for payload in URL_PAYLOADS} <= districts.hrefs

    expect(page.get_by_text("up to 5 Jan 2020, newest first")).to_be_visible()
    page_text = text_of(page.get_by_test_id("stMain"))
    tab_texts = []
    main = page.get_by_test_id("stMain")
    for panel, drawn in PANELS.items():
        page.get_by_role("radio", name=panel).click()
        expect(main.get_by_text(drawn).first).to_be_attached()
        tab_texts.append(text_of(main))
    assert page.get_by_test_id("stException").count() == 0

    frames = assert_inert(page, visit, web_links_only=False)
    assert_inert_links_in_map(frame)

    views = {
        "map tooltips and popups": (hostile_city.payloads_in(*MAP_FIELDS), map_texts),
        "event popups": (hostile_city.payloads_in(*EVENT_FIELDS), event_texts),
        "ledger of every district": (
            hostile_city.payloads_in(*LEDGER_FIELDS),
            [page_text],
        ),
        "analysis tabs": (hostile_city.payloads_in(*TAB_FIELDS), tab_texts),
    }
    for view, (delivered, texts) in views.items():
        report_figure(view, delivered, seen(texts, delivered))
    map_names = hostile_city.payloads_in("name_en", "name_ar", "source", "note")
    assert seen(map_texts, map_names) == map_names
    assert seen(event_texts, views["event popups"][0]) == views["event popups"][0]
    checked = sum(len(delivered) for delivered, _ in views.values())
    print(f"map page: {checked} payload x view checks over {frames} frames")
    assert checked >= len(PAYLOADS)


def assert_inert_links_in_map(frame: Frame) -> None:
    for written, _ in frame.evaluate(LINKS):
        assert written.lower().startswith(("http://", "https://")), written


def open_desk_as_editor(page: Page, url: str) -> Locator:
    """Log in as the hostile-named editor on the reports page; return the sidebar."""
    page.set_viewport_size(TALL_VIEWPORT)
    page.goto(url)
    expect(day_on_map(page)).to_have_text("5 Jan 2020", timeout=30_000)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill(EDITOR)
    page.get_by_label("Password", exact=True).fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(sidebar.get_by_text("Logged in as")).to_be_visible(timeout=30_000)
    sidebar.get_by_role("link", name="Reports").click()
    expect(page.get_by_text("24 of 24 reports")).to_be_visible()
    return sidebar


def open_report(page: Page, report_id: str) -> None:
    page.get_by_role("combobox", name="Open a report").click()
    page.get_by_role("option", name=re.compile(f"^{report_id} ")).click()
    expect(page.get_by_text("History (oldest first")).to_be_visible()


def test_the_desk_keeps_every_payload_inert(
    page: Page, hostile_url: str, hostile_city: HostileCity
):
    visit = watch(page)
    sidebar = open_desk_as_editor(page, hostile_url)
    table_text = text_of(page.get_by_test_id("stMain"))

    open_report(page, EDITED_REPORT)
    history = page.get_by_test_id("stDataFrame").nth(2)
    expect(history).to_contain_text("edit")
    opened_text = text_of(page.get_by_test_id("stMain"))

    page.get_by_text("Add a report").click()
    page.get_by_role(
        "combobox", name="District (English, Arabic or alias)"
    ).first.click()
    expect(page.get_by_role("option").first).to_be_visible()
    picker_text = text_of(page.get_by_role("listbox"))
    sidebar_text = text_of(sidebar)
    assert page.get_by_test_id("stException").count() == 0

    frames = assert_inert(page, visit, web_links_only=False)

    delivered = hostile_city.payloads_in(*DESK_FIELDS) | {
        EDITOR_DISPLAY_NAME.name,
        REVISION_AUTHOR.name,
        REVISION_REASON.name,
    }
    texts = [table_text, opened_text, picker_text, sidebar_text]
    report_figure(
        "desk (table, opened report, forms)", delivered, seen(texts, delivered)
    )
    assert shown(hostile_city_title(hostile_city)) in table_text
    assert shown(REVISION_REASON.text) in opened_text
    print(f"desk: {len(delivered)} payload x view checks over {frames} frames")


def test_an_opened_reports_heading_shows_its_source_literally(
    page: Page, hostile_url: str, hostile_city: HostileCity
):
    visit = watch(page)
    sidebar = open_desk_as_editor(page, hostile_url)
    open_report(page, MARKDOWN_REPORT)

    assert_inert(page, visit, web_links_only=False)
    made_links = sidebar.locator("a:not([data-testid=stSidebarNavLink])")
    assert made_links.all_inner_texts() == []


def test_the_as_claimed_by_caption_shows_the_source_literally(
    page: Page, hostile_url: str, hostile_city: HostileCity
):
    (source,) = (
        BY_NAME[name].text
        for name in hostile_city.payloads_in("source")
        if name == "markdown data link"
    )
    visit = watch(page)
    page.goto(f"{hostile_url}/?{urlencode({'source': source})}")
    expect(day_on_map(page)).to_have_text("5 Jan 2020", timeout=30_000)
    page.get_by_role("radio", name="Who holds how much").click()
    expect(page.get_by_text("As claimed by:")).to_be_visible()

    assert_inert(page, visit, web_links_only=False)


def hostile_city_title(city: HostileCity) -> str:
    (name,) = (name for name, places in city.placements.items() if "title" in places)
    return BY_NAME[name].text


def test_the_exported_page_keeps_every_payload_inert(
    page: Page, hostile_city: HostileCity, tmp_path: Path
):
    visit = watch(page)
    page.add_init_script(LEAFLET_MAP_HOOK)
    exported = tmp_path / "hostileville.html"
    exported.write_text(standalone_html(load_city(hostile_city.folder)), "utf-8")
    page.goto(exported.as_uri())
    expect(page.locator("body")).to_have_attribute("data-frontline-day", SECOND_DAY)
    frame = page.main_frame

    districts = visit_districts(frame, hostile_city)
    assert {payload.text for payload in URL_PAYLOADS} <= districts.hrefs
    texts = districts.texts
    texts += visit_events(frame)
    texts.append(text_of(page.locator("body")))
    texts.append(page.title())

    assert_inert(page, visit, web_links_only=True)
    assert visit.errors == []
    assert all(url.startswith(("file:", "data:image/")) for url in visit.requests)
    delivered = hostile_city.payloads_in(*EXPORT_FIELDS)
    literal = seen(texts, delivered)
    report_figure("exported page", delivered, literal)
    names = hostile_city.payloads_in("name_en", "name_ar", "source", "note", "title")
    assert seen(texts, names) == names


def test_every_payload_reaches_some_view(hostile_city: HostileCity):
    placed = set(hostile_city.placements)
    assert placed == {payload.name for payload in (*PAYLOADS, *URL_PAYLOADS)}
    print(
        f"{len(placed)} payloads placed in {len(hostile_city.district_ids)} "
        "districts, 24 reports, 3 events, 2 figures and the city's labels"
    )
