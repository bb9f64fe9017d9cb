"""Behind a proxy that vouches for the user with a header, listed editors may edit.

A header login is trusted only when nothing but the proxy can reach the app (issue
17, finding 6): on a loopback address (the first tests), or anywhere when the proxy
adds the shared secret; a server listening on every interface without one refuses
to start.
"""

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from storage.access import PROXY_SECRET_HEADER
from tests.e2e.conftest import (
    ROOT,
    _wait_until_healthy,
    free_port,
    start_streamlit,
    streamlit_arguments,
)

HEADER = "X-Test-User-Email"
EDITOR = "editor@news.example"
PROXY_SECRET = "proxy secret for the header tests"


def logged_in_as(email: str) -> re.Pattern:
    """The sidebar's line for ``email`` (an invisible joiner follows its '@')."""
    return re.compile("Logged in as " + re.escape(email).replace("@", "@\u2060?"))


@pytest.fixture(scope="module")
def proxied_url(tmp_path_factory) -> Iterator[str]:
    database = tmp_path_factory.mktemp("header") / "frontline.sqlite3"
    yield from start_streamlit(
        database,
        FRONTLINE_LOGIN="header",
        FRONTLINE_EDITORS=EDITOR,
        STREAMLIT_SERVER_TRUSTED_USER_HEADERS=f'{{"{HEADER}": "email"}}',
    )


@pytest.mark.parametrize(
    ("email", "may_edit"),
    [(EDITOR, True), ("reader@news.example", False)],
)
def test_only_listed_addresses_get_the_add_form(
    browser: Browser, proxied_url: str, email: str, may_edit: bool
):
    context = browser.new_context(
        extra_http_headers={HEADER: email}, viewport={"width": 1280, "height": 1000}
    )
    page = context.new_page()
    page.goto(proxied_url)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text(logged_in_as(email))).to_be_visible(timeout=30_000)

    sidebar.get_by_role("link", name="Reports").click()
    expect(page.get_by_text("109 of 109 reports")).to_be_visible()
    expect(page.get_by_text("Add a report")).to_have_count(1 if may_edit else 0)
    context.close()


def test_without_the_header_nobody_is_logged_in(browser: Browser, proxied_url: str):
    page = browser.new_page()
    page.goto(proxied_url)
    expect(page.get_by_text("none was sent")).to_be_visible(timeout=30_000)
    page.close()


def serve_on_every_interface(folder: Path, **settings: str) -> Iterator[str]:
    """``streamlit run serve.py`` listening on 0.0.0.0 (reached here on 127.0.0.1)."""
    port = free_port()
    environment = {
        **os.environ,
        "FRONTLINE_DATABASE_URL": f"sqlite:///{folder / 'frontline.sqlite3'}",
        "FRONTLINE_LOGIN": "header",
        "FRONTLINE_EDITORS": EDITOR,
        "STREAMLIT_SERVER_TRUSTED_USER_HEADERS": f'{{"{HEADER}": "email"}}',
        **settings,
    }
    command = [sys.executable, "-m", "streamlit", *streamlit_arguments(port, "0.0.0.0")]
    with (folder / "streamlit.log").open("wb") as log:
        server = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_a_server_anyone_can_reach_refuses_header_logins_without_a_secret(
    browser: Browser, tmp_path
):
    for url in serve_on_every_interface(tmp_path):
        context = browser.new_context(extra_http_headers={HEADER: EDITOR})
        page = context.new_page()
        page.goto(url)
        expect(page.get_by_text("Frontline cannot start")).to_be_visible(timeout=30_000)
        expect(page.get_by_text(PROXY_SECRET_HEADER).first).to_be_visible()
        expect(page.get_by_text("Logged in as")).to_have_count(0)
        expect(page.get_by_text("109 of 109 reports")).to_have_count(0)
        context.close()


def test_with_a_secret_only_requests_through_the_proxy_are_logged_in(
    browser: Browser, tmp_path
):
    for url in serve_on_every_interface(tmp_path, FRONTLINE_PROXY_SECRET=PROXY_SECRET):
        direct = browser.new_context(extra_http_headers={HEADER: EDITOR})
        page = direct.new_page()
        page.goto(url)
        sidebar = page.get_by_test_id("stSidebar")
        expect(
            sidebar.get_by_text("did not come through the desk's proxy")
        ).to_be_visible(timeout=30_000)
        expect(sidebar.get_by_text("Logged in as")).to_have_count(0)
        direct.close()

        proxied = browser.new_context(
            extra_http_headers={HEADER: EDITOR, PROXY_SECRET_HEADER: PROXY_SECRET}
        )
        page = proxied.new_page()
        page.goto(url)
        expect(
            page.get_by_test_id("stSidebar").get_by_text(logged_in_as(EDITOR))
        ).to_be_visible(timeout=30_000)
        proxied.close()
