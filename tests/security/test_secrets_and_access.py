"""Secrets stay secret, and only a logged-in editor can change the record.

The secrets are test strings in the shape of a deployment's ``secrets.toml``
(cookie secret, identity provider client secret, database password). They must
never reach a rendered page, an export, or the log of a real ``streamlit run``.
Every storage write refuses anonymous visitors and viewers and leaves the
SQLite file byte-for-byte unchanged.
"""

import io
import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image
from playwright.sync_api import Page, expect
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from geo.export import (
    animated_gif,
    control_csv,
    control_geojson,
    day_png,
    frontline_csv,
    frontline_geojson,
    standalone_html,
)
from geo.io import load_city
from geo.report_csv import reports_csv
from geo.status import Verification
from storage.access import ANONYMOUS, Identity, NotAllowedError, Role
from storage.database import open_database
from storage.reports import (
    add_reports,
    current_reports,
    edit_report,
    seed_city,
    set_retracted,
    set_verification,
    undo_last_change,
)
from storage.users import create_user
from tests.app.conftest import log_in
from tests.conftest import ROOT, TWO_SQUARES, database_fingerprint, report, write_city
from tests.e2e.conftest import (  # noqa: F401 (fixtures: Debian's Chromium)
    browser_context_args,
    browser_type_launch_args,
    free_port,
    start_streamlit,
)

COOKIE_SECRET = "cookie-secret-for-tests-7Qe2vX9k"
CLIENT_SECRET = "client-secret-for-tests-Lm4Rt8Zp"
DATABASE_PASSWORD = "database-password-for-tests-Hs3Nw6Yb"
SECRETS = (COOKIE_SECRET, CLIENT_SECRET, DATABASE_PASSWORD)
EDITOR_PASSWORD = "a long editor password for tests"
SECRETS_TOML = f"""\
[frontline]
login = "oidc"
editors = ["editor@newsroom.example"]

[auth]
redirect_uri = "http://127.0.0.1/oauth2callback"
cookie_secret = "{COOKIE_SECRET}"
client_id = "frontline-tests"
client_secret = "{CLIENT_SECRET}"
server_metadata_url = "http://127.0.0.1:9/.well-known/openid-configuration"

[connections.frontline]
url = "postgresql+psycopg://frontline:{DATABASE_PASSWORD}@127.0.0.1:9/frontline"
"""
REPORTS = [
    report("r1", "2020-01-02", "west", "held", actor="blue"),
    report("r2", "2020-01-05", "east", "held", actor="red"),
]


def leaked(text: str | bytes) -> list[str]:
    """The secrets found in ``text`` (as text, or as UTF-8 bytes)."""
    if isinstance(text, bytes):
        return [secret for secret in SECRETS if secret.encode() in text]
    return [secret for secret in SECRETS if secret in text]


def rendered_text(app: AppTest) -> str:
    """Every element and block the app rendered, as the protobuf text it sends."""
    protos = (getattr(node, "proto", None) for node in app)
    return "\n".join(str(proto) for proto in protos if proto is not None)


@pytest.fixture
def city_folder(tmp_path, monkeypatch) -> Path:
    folder = write_city(tmp_path / "cities" / "testville", TWO_SQUARES, REPORTS)
    monkeypatch.setenv("FRONTLINE_CITIES_DIR", str(folder.parent))
    monkeypatch.setenv("FRONTLINE_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    for name in ("FRONTLINE_LOGIN", "FRONTLINE_PRIVATE", "FRONTLINE_EDITORS"):
        monkeypatch.delenv(name, raising=False)
    return folder


def app_with_secrets() -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.secrets["frontline"] = {"login": "password", "editors": ["e@example.org"]}
    app.secrets["auth"] = {
        "redirect_uri": "http://127.0.0.1/oauth2callback",
        "cookie_secret": COOKIE_SECRET,
        "client_id": "frontline-tests",
        "client_secret": CLIENT_SECRET,
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    }
    app.secrets["connections"] = {
        "frontline": {"password": DATABASE_PASSWORD, "username": "frontline"}
    }
    return app


def test_no_page_renders_a_secret(city_folder, tmp_path):
    engine = open_database(os.environ["FRONTLINE_DATABASE_URL"])
    create_user(
        engine, "alice", EDITOR_PASSWORD, role=Role.EDITOR, display_name="Alice Editor"
    )
    engine.dispose()
    app = app_with_secrets().run()
    pages = {"map": rendered_text(app)}
    log_in(app, "alice", EDITOR_PASSWORD)
    for page in ("app_pages/reports.py", "app_pages/import_export.py"):
        app.switch_page(page).run()
        assert not app.exception
        refusals = ("Log in as an editor", "needs an editor login")
        shown = [note.value for note in app.info]
        assert not [text for text in shown if any(word in text for word in refusals)]
        pages[f"{page}, logged in"] = rendered_text(app)

    assert {page: leaked(text) for page, text in pages.items()} == {
        page: [] for page in pages
    }
    assert all(str(tmp_path) not in text for text in pages.values())
    print(f"{len(pages)} rendered pages, {len(SECRETS)} secrets, none shown")


def test_no_export_carries_a_secret_or_a_server_path(city_folder, tmp_path):
    engine = open_database(os.environ["FRONTLINE_DATABASE_URL"])
    city = load_city(city_folder)
    seed_city(engine, city)
    city = city.with_reports(current_reports(engine, city.name))
    engine.dispose()
    day = date(2020, 1, 5)
    exports = {
        "reports.csv": reports_csv(city.reports),
        "control.csv": control_csv(city, day),
        "control.geojson": control_geojson(city, day),
        "frontline.csv": frontline_csv(city, day),
        "frontline.geojson": frontline_geojson(city, day),
        "map.png": day_png(city, day),
        "battle.gif": animated_gif(city, date(2020, 1, 2), day),
        "timeline.html": standalone_html(city).encode("utf-8"),
    }
    picture = Image.open(io.BytesIO(exports["map.png"]))
    metadata = " ".join(f"{key}={value}" for key, value in picture.info.items())

    assert {name: leaked(data) for name, data in exports.items()} == {
        name: [] for name in exports
    }
    assert leaked(metadata) == []
    assert all(str(tmp_path).encode() not in data for data in exports.values())
    print(f"{len(exports)} exports (PNG metadata: {metadata!r}), no secret, no path")


# The log of a real server ------------------------------------------------------


def closed_port() -> int:
    """A local port nothing listens on (it was free a moment ago)."""
    return free_port()


@pytest.fixture
def logged_server(tmp_path) -> Iterator[tuple[str, Path]]:
    """``streamlit run`` with the secrets file and a database it cannot reach.

    Yields the URL and the file that receives the server's stdout and stderr.
    """
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(SECRETS_TOML, encoding="utf-8")
    server = start_streamlit(
        tmp_path / "unused.sqlite3",
        FRONTLINE_DATABASE_URL="postgresql+psycopg://frontline:"
        f"{DATABASE_PASSWORD}@127.0.0.1:{closed_port()}/frontline",
        STREAMLIT_SECRETS_FILES=str(secrets),
        STREAMLIT_LOGGER_LEVEL="debug",
    )
    yield next(server), tmp_path / "streamlit.log"
    server.close()


@pytest.mark.browser
def test_the_server_log_and_page_never_show_a_secret(page: Page, logged_server):
    url, log = logged_server

    page.goto(url)
    expect(page.get_by_test_id("stException")).to_contain_text(
        "OperationalError", timeout=30_000
    )
    # The secrets file was read: it switches the login to the identity provider,
    # whose button stands alone (a password login shows a form).
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_role("button", name="Log in")).to_be_visible()
    expect(sidebar.get_by_test_id("stForm")).to_have_count(0)
    expect(sidebar.get_by_label("Username")).to_have_count(0)
    page_html = "\n".join(frame.content() for frame in page.frames)

    output = log.read_text(encoding="utf-8", errors="replace")
    assert "OperationalError" in output
    assert "Connection refused" in output or "connection failed" in output
    assert leaked(output) == []
    assert leaked(page_html) == []
    print(
        f"server log: {len(output.splitlines())} lines, {len(SECRETS)} secrets absent"
    )


# Every write path refuses anyone but a logged-in editor ------------------------

EDITOR = Identity("Alice Editor", Role.EDITOR, "password")
OUTSIDERS = {
    "anonymous": ANONYMOUS,
    "viewer": Identity("Victor Viewer", Role.VIEWER, "oidc"),
    "nameless editor role": Identity("", Role.EDITOR, "header"),
}


def write_paths(engine: Engine, city) -> dict[str, Callable[[Identity], object]]:
    """Every storage call that writes, ready to run as someone."""
    new = report("r9", "2020-01-06", "west", "contested")
    return {
        "add_reports": lambda who: add_reports(
            engine, who, city, pd.DataFrame([new]), origin="test"
        ),
        "edit_report": lambda who: edit_report(
            engine,
            who,
            city,
            "r1",
            {"note": "changed"},
            base_revision=2,
            reason="test",
        ),
        "set_retracted": lambda who: set_retracted(
            engine, who, city, "r1", True, base_revision=2, reason="test"
        ),
        "set_verification": lambda who: set_verification(
            engine,
            who,
            city,
            "r1",
            Verification.CORROBORATED,
            base_revision=2,
            reason="test",
        ),
        "undo_last_change": lambda who: undo_last_change(
            engine, who, city, "r1", base_revision=2, reason="test"
        ),
    }


def test_every_write_refuses_outsiders_and_changes_nothing(tmp_path):
    path = tmp_path / "frontline.sqlite3"
    engine = open_database(f"sqlite:///{path}")
    city = load_city(write_city(tmp_path / "testville", TWO_SQUARES, REPORTS))
    seed_city(engine, city)
    edit_report(
        engine, EDITOR, city, "r1", {"note": "first edit"}, base_revision=1, reason="x"
    )
    before = database_fingerprint(engine, path)

    refusals = 0
    for action, write in write_paths(engine, city).items():
        for who, identity in OUTSIDERS.items():
            with pytest.raises(NotAllowedError, match="an editor login is needed"):
                write(identity)
            assert database_fingerprint(engine, path) == before, (action, who)
            refusals += 1

    assert refusals == 15
    revisions = write_paths(engine, city)["set_verification"](EDITOR)
    assert revisions == 3
    print(f"{refusals} refused writes (5 paths x 3 outsiders); file unchanged")
    engine.dispose()
