"""The edit watch's route: it answers only for a city a public map has shown.

Open maps ask ``frontline/change`` once a second (``ui/edit_watch.py``); the
answer must never tell a private desk's change number to someone who has not
logged in, nor make the server ask the database for any name a caller makes up.
"""

import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from sqlalchemy import event
from starlette.applications import Starlette

from geo.io import load_city
from storage.reports import add_reports
from tests.app.conftest import EDITOR_PASSWORD, day_shown, log_in, open_app
from tests.conftest import RAQQA
from tests.e2e.conftest import free_port
from tests.e2e.test_edit_watch import andalus_edit, asked_change
from tests.e2e.test_new_reader_after_edit import EDITOR
from ui import city_cache, edit_watch
from ui.database import SHARED_CHECK_SECONDS, database, latest_change


@pytest.fixture
def route() -> Iterator[str]:
    """The route served over HTTP in this process, with no city shown yet."""
    edit_watch._public.clear()
    server = uvicorn.Server(
        uvicorn.Config(
            Starlette(routes=edit_watch.change_routes()),
            host="127.0.0.1",
            port=free_port(),
            log_level="warning",
        )
    )
    serving = threading.Thread(target=server.run, daemon=True)
    serving.start()
    while not server.started:
        time.sleep(0.01)
    yield f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    serving.join()


def test_a_public_map_opens_the_route_for_its_own_city_only(route):
    assert asked_change(route, "Raqqa") == (404, {"change": None})

    app = open_app()

    assert day_shown(app) == "2017-08-01"
    city_cache.city("raqqa")  # the map did not wait for the seed; this waits
    assert asked_change(route, "Raqqa") == (200, {"change": latest_change("Raqqa")})
    assert latest_change("Raqqa") > 0
    assert asked_change(route, "Atlantis") == (404, {"change": None})


def test_a_private_desk_never_opens_the_route(route, monkeypatch, editor_account):
    monkeypatch.setenv("FRONTLINE_PRIVATE", "true")

    app = log_in(open_app(), editor_account, EDITOR_PASSWORD)

    assert day_shown(app) == "2017-08-01"
    assert asked_change(route, "Raqqa") == (404, {"change": None})


def test_every_check_shares_one_reading_per_half_second():
    open_app()  # seeds Raqqa
    first = latest_change("Raqqa")
    queries = []
    event.listen(
        database(), "before_cursor_execute", lambda *args: queries.append(args[2])
    )
    started = time.monotonic()
    answers = {latest_change("Raqqa") for _ in range(2_000)}
    elapsed = time.monotonic() - started

    # Counted from a reading just shared; each later one is a BEGIN and a SELECT.
    readings = [query for query in queries if query.startswith("SELECT")]
    assert answers == {first}
    assert len(readings) <= 1 + elapsed / SHARED_CHECK_SECONDS

    add_reports(database(), EDITOR, load_city(RAQQA), andalus_edit(), origin="desk")
    time.sleep(SHARED_CHECK_SECONDS)
    assert latest_change("Raqqa") > first


def test_a_page_drawn_after_an_edit_and_its_check_agree_at_once():
    """The page reads the number afresh; the shared check must not lag behind it,
    or the page would rerun itself until the shared reading caught up."""
    open_app()
    before = latest_change("Raqqa")
    add_reports(database(), EDITOR, load_city(RAQQA), andalus_edit(), origin="desk")

    drawn = city_cache.city_version("raqqa").stored

    assert drawn > before
    assert latest_change("Raqqa") == drawn
