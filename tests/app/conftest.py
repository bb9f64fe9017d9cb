"""Each app test gets its own database file, seeded by the app on first run."""

import asyncio
import json
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from storage.access import Role
from storage.database import open_database
from storage.users import create_user
from tests.conftest import RAQQA, ROOT, run_in_own_loop
from ui import city_cache, static_files

EDITOR_PASSWORD = "a long editor password"


@pytest.fixture(autouse=True)
def database_url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'frontline.sqlite3'}"
    monkeypatch.setenv("FRONTLINE_DATABASE_URL", url)
    return url


@pytest.fixture
def cities_dir(tmp_path, monkeypatch):
    """A copy of the bundled cities whose files a test may edit."""
    folder = tmp_path / "cities"
    shutil.copytree(RAQQA, folder / "raqqa")
    monkeypatch.setenv("FRONTLINE_CITIES_DIR", str(folder))
    return folder


@pytest.fixture
def generated(tmp_path, monkeypatch):
    """Map bundles written to a folder of the test's own."""
    folder = tmp_path / "generated"
    monkeypatch.setattr(city_cache, "GENERATED_DIR", folder)
    monkeypatch.setattr(static_files, "GENERATED_DIR", folder)
    return folder


@pytest.fixture
def editor_account(database_url):
    engine = open_database(database_url)
    create_user(
        engine, "alice", EDITOR_PASSWORD, role=Role.EDITOR, display_name="Alice"
    )
    engine.dispose()
    return "alice"


def open_app(**query: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params.update(query)
    return app.run()


def open_map_options(app: AppTest) -> AppTest:
    """Open "Map options", as a reader's click does: its pickers are drawn only then."""
    app.session_state["map_options"] = True
    return app.run()


def log_in(app: AppTest, username: str, password: str) -> AppTest:
    """Fill in the password form, going to the "Log in" page if this page has none."""
    if not any(field.key == "login_username" for field in app.text_input):
        app.switch_page("app_pages/log_in.py").run()
    app.text_input(key="login_username").input(username)
    app.text_input(key="login_password").input(password)
    return (
        next(button for button in app.button if button.label == "Log in").click().run()
    )


def timeline_sent(app: AppTest) -> dict | None:
    """What the map page sent its timeline (day, days file), None without one."""
    control = _timeline(app)
    return json.loads(control.proto.json) if control else None


def day_shown(app: AppTest) -> str | None:
    """The report day the map page's timeline shows, or None without a timeline."""
    sent = timeline_sent(app)
    return sent["day"] if sent else None


def pick_day(app: AppTest, day: str) -> AppTest:
    """Move the map page to ``day`` as the timeline does when a reader picks it.

    AppTest's public API cannot send an ``st.components.v2`` component's state, so
    this sets what the timeline's ``on_pick`` sets (``ui.address.pick_day``), then
    reruns; the browser tests (tests/e2e/test_map.py) drive the real timeline.
    """
    assert _timeline(app) is not None, "the page shows no timeline"
    app.session_state["day"] = day
    return app.run()


def _timeline(app: AppTest):
    components = app.get("bidi_component")
    return next((each for each in components if each.key == "timeline"), None)


def ask_for_generated(path: str, encoding: str = "gzip") -> list[dict]:
    """GET ``path`` through ``PrecompressedFiles``, as a browser; what it was sent.

    Behind it, Streamlit answers 404: a file with no gzip copy is not written yet.
    """
    sent: list[dict] = []

    async def streamlit(scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 404, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    asked: list[bool] = []

    async def receive() -> dict:
        if asked:  # the browser stays connected until the answer is sent
            await asyncio.Event().wait()
        asked.append(True)
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "headers": [(b"accept-encoding", encoding.encode())],
        "query_string": b"",
        "http_version": "1.1",
    }
    run_in_own_loop(static_files.PrecompressedFiles(streamlit)(scope, receive, send))
    return sent
