"""Each app test gets its own database file, seeded by the app on first run."""

import pytest
from streamlit.testing.v1 import AppTest

from storage.access import Role
from storage.database import open_database
from storage.users import create_user
from tests.conftest import ROOT

EDITOR_PASSWORD = "a long editor password"


@pytest.fixture(autouse=True)
def database_url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'frontline.sqlite3'}"
    monkeypatch.setenv("FRONTLINE_DATABASE_URL", url)
    return url


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


def log_in(app: AppTest, username: str, password: str) -> AppTest:
    app.sidebar.text_input(key="login_username").input(username)
    app.sidebar.text_input(key="login_password").input(password)
    return app.sidebar.button[0].click().run()
