"""Processes writing at once, and a process killed in the middle of an import."""

import subprocess
import sys
import textwrap
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pandas as pd
from sqlalchemy import func, select

from geo.io import load_city
from geo.schema import REPORT_COLUMNS
from storage.database import open_database
from storage.reports import (
    EditConflictError,
    add_reports,
    current_reports,
    edit_report,
    report_history,
    stored_report,
)
from storage.tables import report_revisions
from tests.conftest import ROOT, report
from tests.storage.conftest import EDITOR

WORKERS = 4
ADDS_PER_WORKER = 150
EDITS_PER_WORKER = 40
IMPORT_ROWS = 5_000


def write_from_one_process(url: str, folder: str, worker: int) -> int:
    """Add reports one transaction each and edit one shared report, retrying on
    conflicts; return how many conflicts this process was told about."""
    engine = open_database(url)
    city = load_city(Path(folder))
    for number in range(ADDS_PER_WORKER):
        row = report(f"w{worker}-{number}", "2020-01-07", "east", "contested")
        new = pd.DataFrame([row], columns=REPORT_COLUMNS)
        add_reports(engine, EDITOR, city, new, origin=f"worker {worker}")
    conflicts = 0
    edits = 0
    while edits < EDITS_PER_WORKER:
        latest = stored_report(engine, city.name, "r1")
        try:
            edit_report(
                engine,
                EDITOR,
                city,
                "r1",
                {"note": f"worker {worker} edit {edits}"},
                base_revision=latest["revision"],
                reason="concurrency test",
            )
            edits += 1
        except EditConflictError:
            conflicts += 1
    engine.dispose()
    return conflicts


def test_concurrent_writers_lose_and_duplicate_nothing(seeded, city, database_url):
    with ProcessPoolExecutor(WORKERS, mp_context=get_context("spawn")) as pool:
        conflicts = list(
            pool.map(
                write_from_one_process,
                [database_url] * WORKERS,
                [str(city.folder)] * WORKERS,
                range(WORKERS),
            )
        )

    stored = current_reports(seeded, city.name)
    assert len(stored) == 2 + WORKERS * ADDS_PER_WORKER
    assert stored["report_id"].is_unique
    revisions = report_history(seeded, city.name, "r1")["revision"]
    assert list(revisions) == list(range(1, 2 + WORKERS * EDITS_PER_WORKER))
    print(f"conflicts reported to the losing editors: {sum(conflicts)}")


CHILD = """
import sys, time
from pathlib import Path
import pandas as pd
from sqlalchemy import event
from geo.io import load_city
from geo.schema import REPORT_COLUMNS
from storage.database import open_database
from storage.reports import RevisionAction, add_reports
from tests.conftest import report
from tests.storage.conftest import EDITOR

url, folder, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
engine = open_database(url)
city = load_city(Path(folder))
rows = pd.DataFrame(
    [report(f"big-{n}", "2020-01-07", "east", "contested") for n in range(count)],
    columns=REPORT_COLUMNS,
)

def stall_before_commit(connection):
    print("about to commit", flush=True)
    time.sleep(600)

event.listen(engine, "commit", stall_before_commit)
add_reports(engine, EDITOR, city, rows, origin="big.csv", action=RevisionAction.IMPORT)
"""


def test_an_import_killed_before_commit_leaves_no_trace(seeded, city, database_url):
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(CHILD),
            database_url,
            str(city.folder),
            str(IMPORT_ROWS),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "about to commit"
    finally:
        child.kill()
        child.wait()

    with seeded.connect() as connection:
        total = connection.scalar(select(func.count()).select_from(report_revisions))
    assert total == 2
    after = pd.DataFrame(
        [report("r3", "2020-01-08", "west", "contested")], columns=REPORT_COLUMNS
    )
    assert add_reports(seeded, EDITOR, city, after, origin="form") == ["r3"]
