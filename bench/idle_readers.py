"""What open maps cost the server while nobody touches them: the edit check.

Each open map page asks once a second whether the city's reports changed
(``ui/edit_watch.py``): under ``serve.py`` with one small request to its route,
under ``streamlit run app.py`` (no route) with a rerun of the page's check, the
way every page did before the route. This starts each server on a city, opens K
readers (fresh browser contexts) and leaves them idle, then reads the server's
CPU time (``/proc``) and counts the route's requests and the websocket messages
and bytes the readers exchange over a quiet window; it also times the check's
query itself (``storage.database.data_version``) in this process. Prints a
table; never fails on a number.

    python -m bench.idle_readers [--readers 1 10] [--seconds 20] [--city raqqa]
        [--scripts serve.py app.py]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import tomllib
from pathlib import Path

from playwright.sync_api import Request, sync_playwright

from bench.synthetic_city import OUT
from bench.table import print_table
from storage.database import data_version, open_database
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, MAP_FRAME, ROOT, start_streamlit
from ui.edit_watch import CHANGE_PATH

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def server_pid(url: str) -> int:
    """The process id of the Streamlit server listening on ``url``'s port."""
    port = url.rsplit(":", 1)[1].encode()
    for process in Path("/proc").glob("[0-9]*"):
        try:
            arguments = (process / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(arguments) and port in arguments:
            return int(process.name)
    raise LookupError(f"no streamlit server found on port {port.decode()}")


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def query_ms(database: Path, folder: Path, repeats: int = 200) -> float:
    """Median time (ms) of the edit check's query on the server's database."""
    with (folder / "city.toml").open("rb") as settings:
        city = tomllib.load(settings)["name"]
    engine = open_database(f"sqlite:///{database}")
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        data_version(engine, city)
        times.append((time.perf_counter() - started) * 1000)
    engine.dispose()
    return round(statistics.median(times), 2)


def measure(
    cities_dir: Path, city: str, readers: int, seconds: float, script: str
) -> dict:
    database = Path(tempfile.mkdtemp(prefix="frontline-idle-")) / "db.sqlite3"
    server = start_streamlit(database, cities_dir, script=str(ROOT / script))
    url = next(server)
    try:
        pid = server_pid(url)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            messages = {"sent": 0, "received": 0, "bytes": 0, "asked": 0}

            def count(direction: str, payload: str | bytes) -> None:
                messages[direction] += 1
                messages["bytes"] += len(payload)

            def asked(request: Request) -> None:
                messages["asked"] += CHANGE_PATH in request.url

            pages = []
            for _ in range(readers):
                page = browser.new_page(viewport={"width": 1280, "height": 1000})
                page.on("request", asked)
                page.on(
                    "websocket",
                    lambda socket: (
                        socket.on("framesent", lambda data: count("sent", data)),
                        socket.on(
                            "framereceived", lambda data: count("received", data)
                        ),
                    ),
                )
                page.goto(f"{url}/?city={city}")
                page.frame_locator(MAP_FRAME).locator(
                    "body[data-frontline-painted]"
                ).wait_for(state="attached", timeout=300_000)
                pages.append(page)
            pages[0].wait_for_timeout(3_000)  # let the opening reruns settle
            messages.update(sent=0, received=0, bytes=0, asked=0)
            cpu_before = cpu_seconds(pid)
            pages[0].wait_for_timeout(seconds * 1000)
            cpu_used = cpu_seconds(pid) - cpu_before
            browser.close()
        return {
            "server": script,
            "city": city,
            "readers": readers,
            "seconds": seconds,
            "server CPU (% of a core)": round(100 * cpu_used / seconds, 1),
            "server CPU per reader-second (ms)": round(
                1000 * cpu_used / seconds / readers, 2
            ),
            "route requests per reader-second": round(
                messages["asked"] / readers / seconds, 2
            ),
            "websocket messages sent per reader-second": round(
                messages["sent"] / readers / seconds, 2
            ),
            "websocket bytes per reader-second": round(
                messages["bytes"] / readers / seconds
            ),
            "check query (ms)": query_ms(database, cities_dir / city),
        }
    finally:
        server.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--city", default="raqqa")
    parser.add_argument("--scripts", nargs="+", default=["serve.py", "app.py"])
    arguments = parser.parse_args()
    cities_dir = ROOT / "data" if arguments.city == "raqqa" else OUT
    results = []
    for readers in arguments.readers:
        for script in arguments.scripts:
            results.append(
                measure(cities_dir, arguments.city, readers, arguments.seconds, script)
            )
            print(results[-1], file=sys.stderr)
    print_table(results)


if __name__ == "__main__":
    main()
