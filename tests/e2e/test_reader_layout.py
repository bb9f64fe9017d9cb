"""The map a reader sees (issue 15): map first, named, by keyboard, on a phone.

Geometry is measured in the page at a laptop's 1440 x 900 and a phone's 390 x 844.
"""

import contextlib
import re
import shutil
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import Frame, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from geo.maplayer.places import map_places
from tests.conftest import RAQQA
from tests.e2e.conftest import MAP_FRAME, READY_PATH, map_frame, start_streamlit

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 360, "height": 740}
SHOWN_LABELS = ".frontline-label.is-shown"


@pytest.fixture(scope="module")
def places(raqqa) -> dict[str, dict]:
    """Each Raqqa place's label point and names, by id."""
    columns = map_places(raqqa)
    return {
        place_id: {"lat": lat, "lon": lon, "name": raqqa.districts.name_en[place_id]}
        for place_id, lat, lon in zip(
            columns["id"], columns["lat"], columns["lon"], strict=True
        )
    }


def open_map(
    page: Page, url: str, viewport: dict, day: str = "2017-08-01", query: str = ""
) -> Frame:
    """The map at ``url`` on ``day`` (the city's opening day unless told), drawn
    and named; ``query`` adds to the address (``&district=...``)."""
    page.set_viewport_size(viewport)
    page.goto(url if day == "2017-08-01" and not query else f"{url}/?day={day}{query}")
    body = page.frame_locator(MAP_FRAME).locator("body")
    expect(body).to_have_attribute("data-frontline-day", day, timeout=30_000)
    expect(body).to_have_attribute("data-frontline-labels", re.compile(r"[1-9]"))
    return map_frame(page)


def legend_and(frame: Frame, selector: str) -> tuple[str, dict, dict]:
    """The legend's visibility, the box of ``selector`` and the legend's, read at
    one moment: the map may still be panning a popup into view."""
    return frame.evaluate(
        """(selector) => [
            getComputedStyle(document.querySelector(".frontline-legend")).visibility,
            ...[selector, ".frontline-legend"].map(
              (one) => document.querySelector(one).getBoundingClientRect().toJSON()),
        ]""",
        selector,
    )


def box_of(frame: Frame, selector: str) -> dict:
    """The first match's box in the frame's own pixels."""
    return frame.locator(selector).first.evaluate(
        "(node) => node.getBoundingClientRect().toJSON()"
    )


def overlap(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


def shown_control_boxes(frame: Frame) -> list[dict]:
    return frame.locator(".leaflet-control").evaluate_all(
        """(nodes) => nodes.filter((node) => node.offsetWidth > 0)
            .map((node) => node.getBoundingClientRect().toJSON())"""
    )


def shown_label_boxes(frame: Frame) -> list[dict]:
    return frame.locator(SHOWN_LABELS).evaluate_all(
        "(nodes) => nodes.map((node) => node.getBoundingClientRect().toJSON())"
    )


def click_place(page: Page, frame: Frame, place: dict) -> None:
    """Click where the place's name sits, at the zoom the map has now."""
    point = frame.evaluate(
        "([lat, lon]) => window.map.latLngToContainerPoint([lat, lon])",
        [place["lat"], place["lon"]],
    )
    frame.locator("#map_div").click(position={"x": point["x"], "y": point["y"]})


def open_popup(page: Page, frame: Frame, place: dict) -> Locator:
    """Click the place (``click_place``); its popup, once it names the place."""
    click_place(page, frame, place)
    popup = page.frame_locator(MAP_FRAME).locator(".leaflet-popup")
    expect(popup).to_contain_text(place["name"])
    return popup


def test_on_a_desktop_the_map_fills_the_first_screen_beside_the_ledger(
    page: Page, app_url: str
):
    # Run app.py once first, as the image's health check does before any reader,
    # so that the server's first start is not part of what is measured.
    with urllib.request.urlopen(f"{app_url}{READY_PATH}", timeout=120) as answer:
        assert answer.status == 200
    open_map(page, app_url, DESKTOP)
    map_box = page.locator(MAP_FRAME).bounding_box()
    ledger = page.get_by_role("combobox", name="District").bounding_box()

    # With the desk's sidebar open: it is as narrow as Streamlit lets it be.
    expect(page.get_by_role("link", name="Reports")).to_be_visible()
    assert map_box["width"] >= 0.55 * DESKTOP["width"]
    assert map_box["height"] >= 500
    assert map_box["y"] + map_box["height"] <= DESKTOP["height"]
    assert ledger["x"] >= map_box["x"] + map_box["width"]
    assert map_box["width"] >= 2.5 * ledger["width"]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_analysis_tabs_follow_the_map_and_its_district_list(
    page: Page, app_url: str, viewport: dict
):
    # The Old City on 15 Sep has nine reports: on a laptop its list ran 428 px
    # past the map, and the analysis tabs began under that empty stretch.
    open_map(page, app_url, viewport, "2017-09-15", "&district=old_city_rafiqa")
    expect(page.get_by_text("9 reports up to 15 Sep 2017")).to_be_visible()
    side = page.locator(".st-key-side_column")
    tabs = page.get_by_role("radio", name="Who holds how much")
    map_box = page.locator(MAP_FRAME).bounding_box()
    side_box, tabs_box = side.bounding_box(), tabs.bounding_box()
    scrolls = side.evaluate("(node) => node.scrollHeight > node.clientHeight + 1")
    if viewport is DESKTOP:
        # Beside the map, the list scrolls within the map's height...
        assert abs(side_box["y"] - map_box["y"]) <= 1
        assert abs(side_box["height"] - map_box["height"]) <= 1
        assert scrolls
        # ...so the tabs start right under the map.
        map_bottom = map_box["y"] + map_box["height"]
        assert map_bottom < tabs_box["y"] <= map_bottom + 40
        table = page.get_by_text("All 9 as a table, with notes")
        table.scroll_into_view_if_needed()
        expect(table).to_be_in_viewport()
    else:
        # Under the map on a phone, the page scrolls, not a box inside it.
        assert not scrolls
        assert side_box["y"] > map_box["y"] + map_box["height"]
        assert tabs_box["y"] >= side_box["y"] + side_box["height"]


def test_a_clicked_districts_popup_stands_alone_without_its_tooltip(
    page: Page, app_url: str, places
):
    frame = open_map(page, app_url, DESKTOP)

    popup = open_popup(page, frame, places["old_city_rafiqa"])
    # Once the page has taken the click (the district picked beside the map)
    # and the map has repainted under the still pointer: the district's hover
    # tooltip, which said the same as the popup's head, stays closed.
    expect(page.get_by_role("combobox", name="District")).to_have_value(
        re.compile(r"^Old City")
    )
    page.wait_for_timeout(1_000)
    expect(page.frame_locator(MAP_FRAME).locator(".leaflet-tooltip")).to_have_count(0)
    expect(popup).to_be_visible()


def test_the_browser_tab_is_named_after_the_city(page: Page, app_url: str, raqqa):
    # A reader with many tabs open, or a bookmark of a shared link, sees which
    # battle it is; every page was "Frontline" before.
    open_map(page, app_url, DESKTOP)
    expect(page).to_have_title(f"{raqqa.title} · Frontline")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_map_opens_on_the_districts_not_on_outlying_landmarks(
    page: Page, app_url: str, raqqa, viewport
):
    frame = open_map(page, app_url, viewport)
    size = frame.evaluate("() => window.map.getSize()")
    areas = list(raqqa.districts.index[raqqa.districts["kind"] == "district"])
    districts = frame.evaluate(
        """(ids) => {
            const boxes = ids.map((id) => document
              .querySelector(`path[data-district="${id}"]`)
              .getBoundingClientRect());
            return {
              left: Math.min(...boxes.map((box) => box.left)),
              top: Math.min(...boxes.map((box) => box.top)),
              right: Math.max(...boxes.map((box) => box.right)),
              bottom: Math.max(...boxes.map((box) => box.bottom)),
            };
        }""",
        areas,
    )

    width = districts["right"] - districts["left"]
    height = districts["bottom"] - districts["top"]
    assert districts["left"] >= 0
    assert districts["top"] >= 0
    assert districts["right"] <= size["x"]
    assert districts["bottom"] <= size["y"]
    assert width >= 0.85 * size["x"] or height >= 0.85 * size["y"]


HIDDEN_LANDMARKS = """(ids) => {
    const map = document.querySelector("#map_div").getBoundingClientRect();
    const controls = [...document.querySelectorAll(".leaflet-control")]
      .filter((control) => control.offsetWidth > 0)
      .map((control) => control.getBoundingClientRect());
    const overlap = (a, b) => a.left < b.right && b.left < a.right
      && a.top < b.bottom && b.top < a.bottom;
    return ids.filter((id) => {
      const dot = document.querySelector(`path[data-district="${id}"]`)
        .getBoundingClientRect();
      if (dot.width === 0 || !overlap(dot, map)) {
        return false;  // out of view (far out, Leaflet does not draw it)
      }
      const inside = dot.left >= map.left && dot.right <= map.right
        && dot.top >= map.top && dot.bottom <= map.bottom;
      return !inside || controls.some((control) => overlap(dot, control));
    });
}"""
"""The landmarks whose dot shows in part: cut by the map's edge or under a control."""


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_landmark_is_shown_whole_or_not_at_all_when_the_map_opens(
    page: Page, app_url: str, raqqa, viewport
):
    frame = open_map(page, app_url, viewport)
    landmarks = list(raqqa.districts.index[raqqa.districts["kind"] == "landmark"])
    expect(frame.locator(".frontline-legend-body")).to_be_visible()
    # The opening view is framed again once the legend is in place.
    with contextlib.suppress(PlaywrightTimeoutError):
        frame.wait_for_function(
            f"(ids) => ({HIDDEN_LANDMARKS})(ids).length === 0", arg=landmarks
        )

    assert frame.evaluate(HIDDEN_LANDMARKS, landmarks) == []
    if viewport == PHONE:
        # A phone has room under the districts: the base 2 km north of them is
        # shown, where the search box once covered half its dot.
        base = frame.locator('path[data-district="division_17_base"]')
        expect(base).to_be_in_viewport(ratio=1)


PLACES_UNDER_LEGEND = """(places) => {
    const legend = document.querySelector(".frontline-legend")
      .getBoundingClientRect();
    return places.filter(([id, lat, lon]) => {
      const point = window.map.latLngToContainerPoint([lat, lon]);
      return legend.left <= point.x && point.x <= legend.right
        && legend.top <= point.y && point.y <= legend.bottom;
    }).map(([id]) => id);
}"""
"""The places whose label point lies under the legend (the map fills its frame)."""


def test_the_open_legend_leaves_every_district_in_view_on_a_desktop(
    page: Page, app_url: str, places
):
    frame = open_map(page, app_url, DESKTOP)
    points = [
        [place_id, place["lat"], place["lon"]] for place_id, place in places.items()
    ]
    expect(frame.locator(".frontline-legend-body")).to_be_visible()

    # The view is framed again once the legend is in place: wait for it to settle.
    settled = f"(places) => ({PLACES_UNDER_LEGEND})(places).length === 0"
    with contextlib.suppress(PlaywrightTimeoutError):
        frame.wait_for_function(settled, arg=points, timeout=5_000)
    assert frame.evaluate(PLACES_UNDER_LEGEND, points) == []
    legend = box_of(frame, ".frontline-legend")
    names = frame.locator(SHOWN_LABELS).evaluate_all(
        """(nodes) => nodes.map((node) =>
            [node.dataset.district, node.getBoundingClientRect().toJSON()])"""
    )
    assert [name for name, box in names if overlap(box, legend)] == []
    assert len(names) >= 15
    # Raqqa's landmarks are dots: the legend says so, beside its last fill.
    landmark = frame.locator(".frontline-legend [data-landmark]")
    expect(landmark).to_have_text("Landmark, coloured as above")
    tops = landmark.evaluate(
        "(row) => [row, row.previousElementSibling].map("
        "(node) => node.getBoundingClientRect().top)"
    )
    assert tops[0] == tops[1], "beside the last fill: the legend is no taller for it"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_district_names_are_written_on_the_map_clear_of_each_other_and_controls(
    page: Page, app_url: str, viewport
):
    frame = open_map(page, app_url, viewport)
    map_box = box_of(frame, "#map_div")

    boxes = shown_label_boxes(frame)
    controls = shown_control_boxes(frame)

    assert len(boxes) >= (15 if viewport == DESKTOP else 4)
    for index, label in enumerate(boxes):
        assert map_box["left"] <= label["left"]
        assert label["right"] <= map_box["right"]
        for other in boxes[index + 1 :] + controls:
            assert not overlap(label, other), (label, other)
    expect(frame.locator(".frontline-river-label")).to_have_text("Euphrates")


@pytest.mark.parametrize(
    "viewport", [DESKTOP, PHONE, SMALL_PHONE], ids=["desktop", "phone", "small-phone"]
)
def test_landmarks_are_named_beside_their_dots_where_not_under_them(
    page: Page, app_url: str, viewport
):
    # Only under its dot, a landmark's name was written for 2 of the 8 in view
    # on a laptop (1 on a phone); the rest were unnamed circles mid-city. On a
    # 360 px phone, Division 17 base was named under the search box hiding it.
    frame = open_map(page, app_url, viewport)
    map_box = box_of(frame, "#map_div")
    controls = shown_control_boxes(frame)
    landmarks = frame.locator(".frontline-landmark-label").evaluate_all(
        """(nodes) => nodes.map((node) => {
            const dot = document.querySelector(
                `path[data-district="${node.dataset.district}"]`);
            return {shown: node.classList.contains("is-shown"),
                    label: node.getBoundingClientRect().toJSON(),
                    dot: dot.getBoundingClientRect().toJSON()};
        })"""
    )
    named = [landmark for landmark in landmarks if landmark["shown"]]

    assert len(named) >= (4 if viewport == DESKTOP else 2)
    for landmark in named:
        label, own = landmark["label"], landmark["dot"]
        # Its dot is in sight: inside the map, under no control.
        assert map_box["top"] <= own["top"]
        assert own["bottom"] <= map_box["bottom"]
        assert not any(overlap(own, control) for control in controls), landmark
        for other in landmarks:
            assert not overlap(label, other["dot"]), landmark
        # Right by its own dot: under, beside or above it, a few px away.
        near = {
            "left": own["left"] - 6,
            "top": own["top"] - 6,
            "right": own["right"] + 6,
            "bottom": own["bottom"] + 6,
        }
        assert overlap(label, near), landmark


@pytest.mark.parametrize("viewport", [PHONE, SMALL_PHONE], ids=["phone", "small-phone"])
def test_on_a_phone_the_maps_controls_never_cover_each_other(
    page: Page, app_url: str, viewport
):
    # On a 360 px phone the search box ran 5 px over the full-screen button on
    # 15 Sep 2017 (a wider date than 1 Aug); on a 320 px one, 29 px.
    frame = open_map(page, app_url, viewport, "2017-09-15")
    controls = shown_control_boxes(frame)

    assert len(controls) >= 5
    for index, control in enumerate(controls):
        for other in controls[index + 1 :]:
            assert not overlap(control, other), (control, other)


def test_a_name_too_long_for_its_district_appears_when_zoomed_in(
    page: Page, app_url: str, places
):
    frame = open_map(page, app_url, DESKTOP)
    hisham = page.frame_locator(MAP_FRAME).locator(
        '.frontline-label[data-district="hisham_bin_abdulmalik"]'
    )
    expect(hisham).not_to_have_class(re.compile("is-shown"))

    frame.evaluate(
        """([lat, lon]) => window.map.setView(
            [lat, lon], window.map.getZoom() + 1.5, { animate: false })""",
        [
            places["hisham_bin_abdulmalik"]["lat"],
            places["hisham_bin_abdulmalik"]["lon"],
        ],
    )

    expect(hisham).to_have_class(re.compile("is-shown"))
    boxes = shown_label_boxes(frame)
    for index, label in enumerate(boxes):
        for other in boxes[index + 1 :]:
            assert not overlap(label, other), (label, other)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_credits_name_leaflet_without_a_flag_and_leave_the_scale_bar_clear(
    page: Page, app_url: str, viewport
):
    frame = open_map(page, app_url, viewport)
    credits = frame.locator(".leaflet-control-attribution")

    expect(credits.get_by_role("link", name="Leaflet")).to_be_visible()
    expect(credits.locator("svg")).to_have_count(0)
    scale = box_of(frame, ".leaflet-control-scale")
    assert not overlap(box_of(frame, ".leaflet-control-attribution"), scale)


def test_on_a_phone_the_map_comes_first_with_the_day_and_the_options_folded(
    page: Page, app_url: str
):
    open_map(page, app_url, PHONE)
    map_box = page.locator(MAP_FRAME).bounding_box()
    day = page.frame_locator(MAP_FRAME).locator(".frontline-day").bounding_box()
    timeline = page.get_by_role("group", name="Timeline").bounding_box()

    # The title takes one line: at two (Streamlit's own size) the map began at
    # 387 px, below the middle of the screen.
    title_lines = page.get_by_role("heading", level=1).evaluate(
        "(title) => title.getBoundingClientRect().height"
        " / parseFloat(getComputedStyle(title).lineHeight)"
    )
    assert title_lines < 2
    # The page starts right under Streamlit's header, not 24 px further down.
    header = page.locator('[data-testid="stHeader"]').bounding_box()
    title = page.get_by_role("heading", level=1).bounding_box()
    assert title["y"] <= header["y"] + header["height"] + 8
    assert map_box["y"] < 0.4 * PHONE["height"]
    assert timeline["y"] + timeline["height"] <= map_box["y"]
    assert day["y"] >= 0
    assert day["y"] + day["height"] <= PHONE["height"]
    expect(page.get_by_role("combobox", name="As claimed by")).to_be_hidden()
    # The key to the colours is open, right under the city (and the river along
    # it), all of it on the first screen. At the frame's foot it began 100 px
    # lower (113 px under the city), and its last 11 px were below the screen.
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".frontline-legend-body")).to_be_visible()
    legend = frame.locator(".frontline-legend").bounding_box()
    drawn = frame.locator(".leaflet-overlay-pane path").evaluate_all(
        "(paths) => Math.max(...paths.map((p) => p.getBoundingClientRect())"
        ".filter((box) => box.top >= 0).map((box) => box.bottom))"
    )
    legend_top = legend["y"] - map_box["y"]
    assert drawn + 8 <= legend_top <= drawn + 16
    assert legend["y"] + legend["height"] <= PHONE["height"]
    # Folded, its button keeps the place of its top.
    frame.get_by_role("button", name="Legend").click()
    expect(frame.locator(".frontline-legend-body")).to_be_hidden()
    folded = frame.locator(".frontline-legend").bounding_box()
    assert abs(folded["y"] - legend["y"]) <= 1
    # The city spans the map's width under the controls in its top corners,
    # which stand in one row; what comes first under them is the city or, as in
    # Raqqa, a landmark just north of it. With the full-screen button under the
    # zoom buttons (down to 119 px) and the city mid-square, the city began
    # 141 px down the map; then about 86, the base's dot cut by the map's edge.
    first_drawn = frame.locator("path[data-district]").evaluate_all(
        "(paths) => Math.min(...paths.map((p) => p.getBoundingClientRect())"
        ".filter((box) => box.height > 0).map((box) => box.top))"
    )
    controls = frame.locator(".leaflet-top.leaflet-left").bounding_box()
    controls_bottom = controls["y"] + controls["height"] - map_box["y"]
    assert controls_bottom <= 80
    assert controls_bottom <= first_drawn <= controls_bottom + 16
    options = page.get_by_text("Map options", exact=True)
    assert options.bounding_box()["y"] > map_box["y"] + map_box["height"]
    options.click()
    expect(page.get_by_role("combobox", name="As claimed by")).to_be_visible()


def test_on_a_phone_a_districts_claims_fit_with_their_close_button_in_reach(
    page: Page, app_url: str, places
):
    frame = open_map(page, app_url, PHONE)

    # al-Mashlab lies on the east edge: its popup must not run off the frame.
    popup = open_popup(page, frame, places["mashlab"])
    close = page.frame_locator(MAP_FRAME).locator(".leaflet-popup-close-button")
    expect(close).to_be_in_viewport()
    frame_box = page.locator(MAP_FRAME).bounding_box()
    inside_frame = """([left, top, width, height]) => {
        const box = document.querySelector(".leaflet-popup").getBoundingClientRect();
        return left <= box.left && box.right <= left + width
          && top <= box.top && box.bottom <= top + height;
    }"""
    map_box = box_of(frame, "#map_div")
    map_edges = [map_box["left"], map_box["top"], map_box["width"], map_box["height"]]
    # The whole popup within the map, once Leaflet has panned to it.
    with contextlib.suppress(PlaywrightTimeoutError):
        frame.wait_for_function(inside_frame, arg=map_edges, timeout=5_000)
    assert frame.evaluate(inside_frame, map_edges), box_of(frame, ".leaflet-popup")
    box = close.bounding_box()
    assert frame_box["x"] <= box["x"]
    assert box["x"] + box["width"] <= frame_box["x"] + frame_box["width"]
    assert frame_box["y"] <= box["y"]
    assert box["y"] + box["height"] <= min(
        frame_box["y"] + frame_box["height"], PHONE["height"]
    )
    close.click()
    expect(popup).to_have_count(0)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_legend_never_covers_an_open_popup(
    page: Page, app_url: str, places, viewport
):
    frame = open_map(page, app_url, viewport)

    # al-Sinaa lies in the corner the legend takes.
    open_popup(page, frame, places["sinaa"])
    legend_shows, popup_box, legend_box = legend_and(frame, ".leaflet-popup")
    assert legend_shows == "hidden" or not overlap(popup_box, legend_box)


@pytest.mark.parametrize("viewport", [PHONE, SMALL_PHONE], ids=["phone", "small-phone"])
def test_on_a_phone_the_legend_never_hides_the_place_a_popup_points_at(
    page: Page, app_url: str, places, viewport
):
    frame = open_map(page, app_url, viewport, "2017-09-15")

    # The Old City's popup pans the map down to make room above it: on a 360 px
    # phone that slid the district under the legend, right under the popup's tip.
    open_popup(page, frame, places["old_city_rafiqa"])
    # Once the page has taken the click, the legend gains "Selected district".
    expect(page.get_by_role("combobox", name="District")).to_have_value(
        re.compile(r"^Old City")
    )
    page.wait_for_timeout(1_000)
    legend_shows, tip, legend = legend_and(frame, ".leaflet-popup-tip")
    middle = (tip["left"] + tip["right"]) / 2
    pointed_at = {
        "left": middle - 8,
        "right": middle + 8,
        "top": tip["bottom"],
        "bottom": tip["bottom"] + 16,
    }
    assert legend_shows == "hidden" or not overlap(pointed_at, legend)


def test_the_map_is_one_tab_stop_and_the_keyboard_selects_a_district(
    page: Page, app_url: str, places
):
    frame = open_map(page, app_url, DESKTOP)
    body = page.frame_locator(MAP_FRAME).locator("body")
    play = page.get_by_role("button", name="Play")
    play.focus()

    for _ in range(3):  # past the timeline's last control
        page.keyboard.press("Tab")
        if frame.evaluate("() => document.hasFocus()"):
            break
    focused = "() => document.activeElement.className"
    assert "leaflet-container" in frame.evaluate(focused)
    page.keyboard.press("Tab")
    assert "leaflet-control-zoom-in" in frame.evaluate(focused)
    page.keyboard.press("Shift+Tab")

    page.keyboard.press("ArrowRight")
    expect(body).to_have_attribute("data-frontline-focused", re.compile(".+"))
    first = body.get_attribute("data-frontline-focused")
    page.keyboard.press("ArrowRight")
    expect(body).not_to_have_attribute("data-frontline-focused", first)
    second = body.get_attribute("data-frontline-focused")
    assert places[second]["lon"] > places[first]["lon"]
    page.keyboard.press("ArrowDown")
    expect(body).not_to_have_attribute("data-frontline-focused", second)
    third = body.get_attribute("data-frontline-focused")
    assert places[third]["lat"] < places[second]["lat"]

    page.keyboard.press("Enter")

    expect(page.get_by_role("combobox", name="District")).to_have_value(
        re.compile(f"^{re.escape(places[third]['name'])}")
    )
    expect(page.frame_locator(MAP_FRAME).locator(".leaflet-popup")).to_contain_text(
        places[third]["name"]
    )


def test_the_search_box_flies_to_a_district_and_selects_it(page: Page, app_url: str):
    frame = open_map(page, app_url, DESKTOP)
    zoom_before = frame.evaluate("() => window.map.getZoom()")
    search = page.frame_locator(MAP_FRAME).get_by_role(
        "combobox", name="Find a district or landmark"
    )

    search.fill("meshl")  # an alias of al-Mashlab
    expect(page.frame_locator(MAP_FRAME).get_by_role("option").first).to_contain_text(
        "al-Mashlab"
    )
    search.press("Enter")

    expect(page.get_by_role("combobox", name="District")).to_have_value(
        re.compile("^al-Mashlab")
    )
    assert frame.evaluate("() => window.map.getZoom()") > zoom_before


def test_the_fullscreen_button_fills_the_screen_with_the_map_and_back(
    page: Page, app_url: str
):
    frame = open_map(page, app_url, DESKTOP)
    framed = frame.evaluate("() => window.map.getSize()")
    button = page.frame_locator(MAP_FRAME).get_by_role(
        "button", name="Show the map full screen"
    )

    button.click()

    frame.wait_for_function(
        "() => document.fullscreenElement === window.map.getContainer()"
    )
    frame.wait_for_function(
        "([x, y]) => window.map.getSize().x > x && window.map.getSize().y > y",
        arg=[framed["x"], framed["y"]],
    )
    page.frame_locator(MAP_FRAME).get_by_role(
        "button", name="Leave full screen"
    ).click()
    frame.wait_for_function("() => document.fullscreenElement === null")


@pytest.fixture(scope="module")
def local_names_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Raqqa again, its map written with the local (Arabic) names."""
    cities = tmp_path_factory.mktemp("cities")
    shutil.copytree(RAQQA, cities / "raqqa")
    settings = cities / "raqqa" / "city.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace('labels = "en"', 'labels = "local"'), "utf-8")
    for url in start_streamlit(cities / "frontline.sqlite3", cities):
        # Run app.py once first, as the image's health check does before any
        # reader, so that the server's first start is not part of the test.
        with urllib.request.urlopen(f"{url}{READY_PATH}", timeout=120) as answer:
            assert answer.status == 200
        yield url


def test_local_names_are_written_right_to_left(page: Page, local_names_url: str):
    frame = open_map(page, local_names_url, DESKTOP)
    mashlab = frame.locator('.frontline-label[data-district="mashlab"]')

    expect(mashlab).to_have_text("المشلب")
    expect(mashlab).to_have_attribute("dir", "rtl")
    assert mashlab.evaluate("(node) => getComputedStyle(node).direction") == "rtl"
