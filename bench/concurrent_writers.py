"""Concurrent writers on SQLite and PostgreSQL: what is lost, and what it costs.

1. Threads doing read-then-insert transactions on one SQLite file, once with a
   plain (deferred) BEGIN and once with BEGIN IMMEDIATE (what ``storage.writing``
   uses): how many transactions fail with "database is locked".
2. Processes adding and editing reports through ``storage.reports`` on SQLite and
   on a throwaway PostgreSQL server: reports stored, revisions, conflicts told to
   the losing editor, and the time taken.

    python -m bench.concurrent_writers
"""

import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from geo.io import load_city
from storage.database import now_text, open_database
from storage.reports import current_reports, report_history, seed_city
from storage.tables import report_revisions
from tests.conftest import TWO_SQUARES, report, write_city
from tests.postgres_server import fresh_database, running_postgres
from tests.storage.test_concurrency import (
    ADDS_PER_WORKER,
    EDITS_PER_WORKER,
    write_from_one_process,
)

THREADS = 8
TRANSACTIONS_PER_THREAD = 200
PROCESSES = 4


def read_then_insert(url: str, immediate: bool) -> tuple[int, int]:
    engine = open_database(url)
    committed = locked = 0
    lock = threading.Lock()

    def worker(number: int) -> None:
        nonlocal committed, locked
        for step in range(TRANSACTIONS_PER_THREAD):
            try:
                with engine.connect() as connection:
                    connection.execution_options(frontline_writes=immediate)
                    with connection.begin():
                        count = connection.scalar(
                            select(func.count()).select_from(report_revisions)
                        )
                        connection.execute(
                            report_revisions.insert().values(
                                city="bench",
                                report_id=f"t{number}-{step}",
                                revision=1,
                                action="add",
                                author=f"after {count}",
                                recorded_at=now_text(),
                            )
                        )
                with lock:
                    committed += 1
            except OperationalError as error:
                if "locked" not in str(error):
                    raise
                with lock:
                    locked += 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    engine.dispose()
    return committed, locked


def writers(url: str, folder: Path) -> dict:
    engine = open_database(url)
    city = load_city(folder)
    seed_city(engine, city)
    started = time.perf_counter()
    with ProcessPoolExecutor(PROCESSES, mp_context=get_context("spawn")) as pool:
        conflicts = sum(
            pool.map(
                write_from_one_process,
                [url] * PROCESSES,
                [str(folder)] * PROCESSES,
                range(PROCESSES),
            )
        )
    seconds = time.perf_counter() - started
    stored = current_reports(engine, city.name)
    revisions = report_history(engine, city.name, "r1")
    return {
        "reports": len(stored),
        "expected": 2 + PROCESSES * ADDS_PER_WORKER,
        "unique": stored["report_id"].is_unique,
        "r1 revisions": len(revisions),
        "expected revisions": 1 + PROCESSES * EDITS_PER_WORKER,
        "conflicts": conflicts,
        "seconds": round(seconds, 1),
    }


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="frontline-storage-bench-"))
    print(f"{THREADS} threads x {TRANSACTIONS_PER_THREAD} read-then-insert, SQLite:")
    for immediate in (False, True):
        url = f"sqlite:///{work / f'threads-{immediate}.sqlite3'}"
        committed, locked = read_then_insert(url, immediate)
        begin = "BEGIN IMMEDIATE" if immediate else "BEGIN (deferred)"
        print(f"  {begin:18} committed {committed:5}  'database is locked' {locked}")

    folder = write_city(
        work / "city",
        TWO_SQUARES,
        [
            report("r1", "2020-01-05", "west", "held", actor="blue"),
            report("r2", "2020-01-06", "east", "held", actor="red"),
        ],
    )
    print(
        f"\n{PROCESSES} processes x ({ADDS_PER_WORKER} adds + {EDITS_PER_WORKER} edits "
        "of one shared report), through storage.reports:"
    )
    sqlite_url = f"sqlite:///{work / 'procs.sqlite3'}"
    print(f"  sqlite     {writers(sqlite_url, folder)}")
    with running_postgres() as server:
        url = fresh_database(server, "bench_writers")
        print(f"  postgresql {writers(url, folder)}")


if __name__ == "__main__":
    main()
