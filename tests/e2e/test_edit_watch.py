"""An open map learns of edits by asking a small route, not by rerunning its page.

Under ``serve.py`` an idle open map asks ``frontline/change`` once a second and
sends nothing on its websocket; an edit reaches it all the same. Under
``streamlit run app.py`` (no route) the page's own check wakes every second, as
every page did before the route, and an edit still reaches the map.
"""

import json
import urllib.error
import urllib.request

import pandas as pd
import pytest
from playwright.sync_api import Page, Request, expect

from geo.io import load_city
from geo.schema import REPORT_COLUMNS
from storage.database import open_database
from storage.reports import add_reports
from tests.conftest import RAQQA, report
from tests.e2e.conftest import MAP_FRAME, start_streamlit
from tests.e2e.test_new_reader_after_edit import EDITOR
from ui.edit_watch import CHANGE_PATH

SDF_COLOUR = "#e0a800"
IDLE_SECONDS = 5


def asked_change(url: str, city: str) -> tuple[int, dict]:
    """The route's status and answer for ``city``."""
    try:
        with urllib.request.urlopen(f"{url}{CHANGE_PATH}?city={city}") as answer:
            return answer.status, json.load(answer)
    except urllib.error.HTTPError as refused:
        return refused.code, json.load(refused)


def andalus_edit() -> pd.DataFrame:
    """One new report: al-Andalus held by the SDF on 1 August 2017."""
    return pd.DataFrame(
        [report("watch-1", "2017-08-01", "andalus", "held", actor="sdf")],
        columns=REPORT_COLUMNS,
    )


def add_andalus_held_by_the_sdf(database) -> None:
    engine = open_database(f"sqlite:///{database}")
    add_reports(engine, EDITOR, load_city(RAQQA), andalus_edit(), origin="desk")
    engine.dispose()


def open_map_counting(page: Page, url: str) -> tuple[list[str], list]:
    """Open Raqqa on 1 August 2017; its route requests and websocket frames sent."""
    asked: list[str] = []
    sent: list[int] = []

    def note(request: Request) -> None:
        if CHANGE_PATH in request.url:
            asked.append(request.url)

    page.on("request", note)
    page.on(
        "websocket",
        lambda socket: socket.on("framesent", lambda frame: sent.append(frame)),
    )
    page.goto(f"{url}/?day=2017-08-01")
    expect(page.frame_locator(MAP_FRAME).locator("body")).to_have_attribute(
        "data-frontline-day", "2017-08-01", timeout=60_000
    )
    return asked, sent


def andalus_fill(page: Page) -> str | None:
    return (
        page.frame_locator(MAP_FRAME)
        .locator('path[data-district="andalus"]')
        .get_attribute("fill")
    )


@pytest.mark.parametrize("script", ["serve.py", "app.py"])
def test_an_open_map_follows_an_edit_with_or_without_the_route(
    page: Page, tmp_path, script
):
    database = tmp_path / "frontline.sqlite3"
    server = start_streamlit(database, script=script)
    url = next(server)
    try:
        if script == "serve.py":
            assert asked_change(url, "Raqqa") == (404, {"change": None})
            # On a phone, where the sidebar that holds the watch starts folded.
            page.set_viewport_size({"width": 390, "height": 844})
        asked, sent = open_map_counting(page, url)
        assert andalus_fill(page) != SDF_COLOUR
        page.wait_for_timeout(1_000)
        asked.clear()
        sent.clear()
        page.wait_for_timeout(IDLE_SECONDS * 1000)

        assert len(asked) >= IDLE_SECONDS - 2
        if script == "serve.py":
            assert not sent  # idle: the page never reran
            before = asked_change(url, "Raqqa")
            assert before[0] == 200
            assert asked_change(url, "Atlantis") == (404, {"change": None})
        else:
            assert len(sent) >= IDLE_SECONDS - 2  # a rerun of the check each second

        add_andalus_held_by_the_sdf(database)
        page.frame_locator(MAP_FRAME).locator(
            f'path[data-district="andalus"][fill="{SDF_COLOUR}"]'
        ).wait_for(timeout=10_000)
        if script == "serve.py":
            status, answer = asked_change(url, "Raqqa")
            assert status == 200
            assert answer["change"] > before[1]["change"]
    finally:
        server.close()
