"""Garbage collection around the caches (``ui.memory``): freed, frozen, resumed."""

import gc
import threading
import weakref

import pytest

from ui import memory
from ui.background import wait_for_every_worker


class Cyclic:
    """An object in a reference cycle: only a garbage scan frees it."""

    def __init__(self) -> None:
        self.itself = self


@pytest.fixture(autouse=True)
def alone():
    """No other test's background job pausing collection meanwhile; then unfrozen."""
    wait_for_every_worker()
    yield
    gc.unfreeze()


def test_a_city_version_a_cache_let_go_of_is_freed_even_when_cyclic():
    old_version = Cyclic()
    dropped = weakref.ref(memory.kept(old_version))
    del old_version

    memory.kept(Cyclic())

    assert dropped() is None


def test_nothing_is_scanned_during_a_pause_and_what_it_made_is_frozen_after():
    scans = []
    gc.callbacks.append(lambda phase, info: scans.append(phase))
    frozen_before = gc.get_freeze_count()
    try:
        with memory.collection_paused():
            assert not gc.isenabled()
            made = memory.kept([Cyclic() for _ in range(50_000)])
            assert scans == []
        assert gc.isenabled()
        assert gc.get_freeze_count() - frozen_before > len(made)
    finally:
        gc.callbacks.pop()


def test_collection_resumes_only_when_the_last_overlapping_pause_ends():
    first_entered, second_done = threading.Event(), threading.Event()

    def other_pause():
        with memory.collection_paused():
            first_entered.set()
            second_done.wait(5)

    other = threading.Thread(target=other_pause)
    other.start()
    first_entered.wait(5)
    with memory.collection_paused():
        pass
    still_paused = not gc.isenabled()
    second_done.set()
    other.join(5)

    assert still_paused
    assert gc.isenabled()


def test_a_pause_that_fails_still_resumes_collection_and_keeps_it_off_if_it_was():
    with pytest.raises(RuntimeError), memory.collection_paused():
        raise RuntimeError("the city's files could not be read")
    assert gc.isenabled()

    gc.disable()
    try:
        with memory.collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
