"""A password login survives a reload, and Log out ends it everywhere.

The pass kept in the browser's cookie is signed with the server's secret and
expires; a changed, foreign, expired or revoked pass is ignored. The browser test
runs ``streamlit run serve.py`` (app.py plus the route that sets the cookie) and
reloads the page as an editor would.
"""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from storage.access import Role
from storage.database import open_database
from storage.users import (
    SESSION_LIFETIME,
    TICKET_LIFETIME,
    authenticate,
    create_user,
    end_sessions,
    login_from_session,
    login_ticket,
    session_from_ticket,
    still_logged_in,
)
from tests.e2e.conftest import (  # noqa: F401 (fixtures: Debian's Chromium)
    browser_context_args,
    browser_type_launch_args,
    start_streamlit,
)
from tests.storage.conftest import (  # noqa: F401 (fixtures: SQLite and PostgreSQL)
    database_url,
    engine,
    postgres_server,
)

SECRET = "server secret for tests 5d1f"
PASSWORD = "correct horse battery staple"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
COOKIE = "frontline_session"


@pytest.fixture
def desk(engine):  # noqa: F811 (the fixture imported above)
    create_user(
        engine, "alice", PASSWORD, role=Role.EDITOR, display_name="Alice Editor"
    )
    return engine


def session_pass(database, now: datetime = NOW) -> str:
    login = authenticate(database, "alice", PASSWORD, now=now)
    session = session_from_ticket(SECRET, login_ticket(SECRET, login, now), now)
    assert session is not None
    return session


def test_a_kept_pass_brings_back_the_same_editor(desk):
    kept = session_pass(desk)

    login = login_from_session(desk, SECRET, kept, NOW + timedelta(hours=1))

    assert login.identity.name == "Alice Editor"
    assert login.identity.can_edit
    assert "alice" not in login.identity.name


def test_a_changed_foreign_or_expired_pass_is_ignored(desk):
    kept = session_pass(desk)
    payload, signature = kept.split(".")
    flipped = signature[:-1] + ("0" if signature[-1] != "0" else "1")
    later = NOW + SESSION_LIFETIME + timedelta(seconds=1)

    assert login_from_session(desk, SECRET, f"{payload}.{flipped}", NOW) is None
    assert login_from_session(desk, SECRET, f"{payload[:-2]}.{signature}", NOW) is None
    assert login_from_session(desk, "another server's secret", kept, NOW) is None
    assert login_from_session(desk, SECRET, kept, later) is None
    for junk in ("", ".", "x" * 5000, "a.b.c", "🙂.🙂"):
        assert login_from_session(desk, SECRET, junk, NOW) is None


def test_a_ticket_is_only_good_for_a_minute_and_never_as_a_pass(desk):
    login = authenticate(desk, "alice", PASSWORD, now=NOW)
    ticket = login_ticket(SECRET, login, NOW)
    too_late = NOW + TICKET_LIFETIME + timedelta(seconds=1)

    assert login_from_session(desk, SECRET, ticket, NOW) is None
    assert session_from_ticket(SECRET, ticket, too_late) is None
    kept = session_from_ticket(SECRET, ticket, NOW)
    assert session_from_ticket(SECRET, kept, NOW) is None


def test_logging_out_ends_every_pass_and_open_session_of_the_account(desk):
    at_work, at_home = session_pass(desk), session_pass(desk)
    open_tab = login_from_session(desk, SECRET, at_home, NOW)

    end_sessions(desk, "alice")

    assert login_from_session(desk, SECRET, at_work, NOW) is None
    assert login_from_session(desk, SECRET, at_home, NOW) is None
    assert not still_logged_in(desk, open_tab)
    fresh = login_from_session(desk, SECRET, session_pass(desk), NOW)
    assert fresh is not None
    assert still_logged_in(desk, fresh)


# The real server: a reload keeps the login, Log out ends it -------------------


@pytest.fixture(scope="module")
def served_url(tmp_path_factory) -> Iterator[str]:
    database = tmp_path_factory.mktemp("sessions") / "frontline.sqlite3"
    accounts = open_database(f"sqlite:///{database}")
    create_user(accounts, "alice", PASSWORD, role=Role.EDITOR, display_name="Alice")
    accounts.dispose()
    yield from start_streamlit(database)


def log_in(page: Page, url: str) -> None:
    page.goto(url)
    sidebar = page.get_by_test_id("stSidebar")
    # The app's own page list is drawn.
    expect(sidebar.get_by_role("link", name="Map", exact=True)).to_be_visible(
        timeout=30_000
    )
    sidebar.get_by_role("link", name="Log in", exact=True).click()
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(sidebar.get_by_text("Logged in as Alice (editor).")).to_be_visible(
        timeout=30_000
    )
    expect(sidebar.get_by_text("You stay logged in on this browser")).to_be_visible()


@pytest.mark.browser
def test_a_reload_keeps_the_login_and_log_out_ends_it_everywhere(
    browser: Browser, served_url: str
):
    context = browser.new_context()
    page = context.new_page()
    log_in(page, served_url)
    [cookie] = [each for each in context.cookies() if each["name"] == COOKIE]
    assert cookie["httpOnly"]
    assert cookie["sameSite"] == "Strict"
    assert PASSWORD not in cookie["value"]

    page.reload()
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Logged in as Alice (editor).")).to_be_visible(
        timeout=30_000
    )

    elsewhere = browser.new_context()
    elsewhere.add_cookies([cookie])
    other = elsewhere.new_page()
    other.goto(served_url)
    other_sidebar = other.get_by_test_id("stSidebar")
    expect(other_sidebar.get_by_text("Logged in as Alice (editor).")).to_be_visible(
        timeout=30_000
    )

    sidebar.get_by_role("button", name="Log out").click()
    expect(sidebar.get_by_role("link", name="Log in")).to_be_visible()
    page.reload()
    expect(sidebar.get_by_role("link", name="Log in")).to_be_visible(timeout=30_000)
    other.reload()
    expect(other_sidebar.get_by_role("link", name="Log in")).to_be_visible(
        timeout=30_000
    )
    expect(other_sidebar.get_by_text("Logged in as")).to_have_count(0)
    context.close()
    elsewhere.close()
