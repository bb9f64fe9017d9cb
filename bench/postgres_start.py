"""Time the throwaway PostgreSQL server of the tests: start, new database, stop.

Start is initdb plus ``pg_ctl start --wait`` (until it accepts connections); the
new database is ``fresh_database`` (CREATE DATABASE from template0); stop is
``pg_ctl stop`` plus deleting the folder. Prints a table; never fails on a number.

    python -m bench.postgres_start [--runs 5]
"""

import argparse
import statistics
import time

from tests.postgres_server import fresh_database, throwaway_cluster


def one_run() -> tuple[float, float, float]:
    began = time.perf_counter()
    with throwaway_cluster() as server_url:
        started = time.perf_counter()
        fresh_database(server_url, "bench_database")
        created = time.perf_counter()
    stopped = time.perf_counter()
    return started - began, created - started, stopped - created


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = [one_run() for _ in range(parser.parse_args().runs)]
    print(f"{'step':<14}{'median s':>10}{'max s':>10}")
    for index, step in enumerate(["start", "new database", "stop"]):
        seconds = [run[index] for run in runs]
        print(f"{step:<14}{statistics.median(seconds):>10.3f}{max(seconds):>10.3f}")


if __name__ == "__main__":
    main()
