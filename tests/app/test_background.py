"""A background worker runs a key's job once at a time, and again once it is done."""

import threading
import time

from ui.background import OneWorker


def submitted_once_free(worker: OneWorker, key: str) -> threading.Event:
    """Submit a job under ``key`` as soon as the worker takes it; it sets the event."""
    done = threading.Event()
    deadline = time.monotonic() + 10
    while not worker.submit(key, done.set):
        assert time.monotonic() < deadline, f"{key} stayed taken"
        time.sleep(0.01)
    return done


def test_a_key_is_refused_while_its_job_waits_or_runs_and_taken_after():
    worker = OneWorker("test-background")
    release, ran = threading.Event(), []

    def blocked() -> None:
        release.wait(10)
        ran.append("first")

    assert worker.submit("city", blocked)
    assert not worker.submit("city", lambda: ran.append("again"))
    assert worker.submit("other", lambda: ran.append("other"))
    release.set()
    assert submitted_once_free(worker, "city").wait(10)  # once "first" has run

    assert ran == ["first", "other"]


def test_a_failed_job_frees_its_key():
    worker = OneWorker("test-background-failing")
    failed = threading.Event()

    def failing() -> None:
        failed.set()
        raise RuntimeError("this job fails")

    assert worker.submit("city", failing)
    assert failed.wait(10)
    assert submitted_once_free(worker, "city").wait(10)
