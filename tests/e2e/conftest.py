"""Browser tests: Debian's Chromium, driven by Playwright, against `serve.py`."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Frame, Locator, Page

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Flags for Chromium on a closed network (no background calls that time out)."""
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
STARTUP_SECONDS = 60
HEALTH_PATH = "/_stcore/health"
READY_PATH = "/_stcore/script-health-check"
"""Runs app.py once in a bare session (``scriptHealthCheckEnabled``): the image's
health check, which also prepares the default city before the first reader."""


def streamlit_arguments(port: int, address: str, script: str = "serve.py") -> list[str]:
    """Arguments after ``streamlit`` that serve the app; the Dockerfile uses the same.

    Every other server setting lives in ``.streamlit/config.toml``.
    """
    return [
        "run",
        script,
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--server.headless",
        "true",
    ]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict:
    return {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    # Tall enough for the whole map: a click on a half-visible map focuses it and
    # the browser scrolls between mouse down and up, turning the click into a miss.
    return {**browser_context_args, "viewport": {"width": 1280, "height": 1000}}


def map_frame(page: Page) -> Frame:
    """The map component's iframe, for running script inside it."""
    return next(frame for frame in page.frames if "streamlit_folium" in frame.url)


def day_on_map(page: Page) -> Locator:
    """The day the map names in its corner (the label readers and graphics see)."""
    return page.frame_locator(MAP_FRAME).locator(".frontline-day")


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_healthy(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}{HEALTH_PATH}", timeout=1) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.05)  # polling the health endpoint, not waiting for the app
    raise TimeoutError(f"streamlit did not answer {url}{HEALTH_PATH}")


def start_streamlit(
    database: Path,
    cities_dir: Path | None = None,
    script: str = "serve.py",
    **settings: str,
) -> Iterator[str]:
    """Run `streamlit run serve.py` on a free port; yield its URL, stop it after.

    ``database`` is the SQLite file the app stores reports in; ``settings`` are
    extra environment variables (``FRONTLINE_LOGIN`` and the like); ``script``
    lets the benchmark run its naive comparison app instead. The server's output
    goes to ``streamlit.log`` beside the database: a pipe nobody reads would stop
    the server once its output filled the pipe.
    """
    port = free_port()
    environment = {
        **os.environ,
        "FRONTLINE_DATABASE_URL": f"sqlite:///{database}",
        **settings,
    }
    if cities_dir is not None:
        environment["FRONTLINE_CITIES_DIR"] = str(cities_dir)
    arguments = streamlit_arguments(port, "127.0.0.1", script)
    command = [sys.executable, "-m", "streamlit", *arguments]
    with (database.parent / "streamlit.log").open("wb") as log:
        server = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(url, server)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard on the bundled data, with a database of its own."""
    database = tmp_path_factory.mktemp("database") / "frontline.sqlite3"
    yield from start_streamlit(database)
