"""One background thread for work a reader will need soon, each job once at a time.

``ui.prepare_ahead`` prepares a city's first map as the browser asks for its
page; ``ui.city_cache`` builds a big city's whole map bundle after its first
one, and stores a new city's seed after its first map. They run outside any
page's script, on threads of their own, and must not pile up: a job is
queued under a key, and the same key is refused while its job waits or runs.
"""

import threading
import weakref
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor

from ui.streamlit_adapter import quiet_outside_scripts

_workers: weakref.WeakSet["OneWorker"] = weakref.WeakSet()
"""Every worker made, for ``wait_for_every_worker``."""


class OneWorker:
    """A thread named ``thread_name`` that runs queued jobs one after another.

    Bounded: one thread, and at most one job waiting or running per key. Its
    jobs may use Streamlit's cached functions without a warning in the log
    (``quiet_outside_scripts``); each says for itself what to do when it fails.
    """

    def __init__(self, thread_name: str) -> None:
        self._executor = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix=thread_name
        )
        quiet_outside_scripts(thread_name)
        self._queued: set[Hashable] = set()
        self._lock = threading.Lock()
        _workers.add(self)

    def submit(self, key: Hashable, job: Callable[[], None]) -> bool:
        """Queue ``job`` unless ``key``'s last job waits or runs; whether queued."""
        with self._lock:
            if key in self._queued:
                return False
            self._queued.add(key)
        self._executor.submit(self._run, key, job)
        return True

    def _run(self, key: Hashable, job: Callable[[], None]) -> None:
        try:
            job()
        finally:
            with self._lock:
                self._queued.discard(key)

    def wait_for_queued(self, timeout: float) -> None:
        """Return once every job queued before this call has run (or raise Timeout)."""
        self._executor.submit(lambda: None).result(timeout)


def wait_for_every_worker(timeout: float = 120) -> None:
    """``wait_for_queued`` on every worker, in turn.

    For checks that another thread's job would disturb: ``ui.memory``'s
    pauses, for one, hold garbage collection off for the whole process.
    """
    for worker in list(_workers):
        worker.wait_for_queued(timeout)
