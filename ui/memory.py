"""Python's garbage collector around the server's long-lived caches of big cities.

Cached cities and bundles are millions of long-lived objects. Python's automatic
collection scans every tracked object in its oldest generation, so without care
it keeps scanning them: about once per slider step at 50 000 reports (110-200 ms
each), and several times while a big city's first map is made. ``kept`` takes a
cached value out of those scans; ``collection_paused`` holds them off while
one of the big computations a reader waits for runs: a city's first map, its
whole bundle (every day of its timeline), its seed.
"""

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

Kept = TypeVar("Kept")

_lock = threading.Lock()
_pauses = 0
"""How many ``collection_paused`` blocks are running, in any thread."""
_enabled_before = True
"""Whether automatic collection was on when the first running pause began."""


def kept(value: Kept) -> Kept:
    """Take a freshly cached value (and all else alive) out of full garbage scans.

    A frozen object in a reference cycle is never freed, so each freeze first
    unfreezes and collects: what a cache let go of since the last one (an older
    city version, with its cycles) is freed, not frozen for good. During a
    pause nothing is scanned: the pause freezes the value as it ends.
    """
    with _lock:
        if _pauses:
            return value
        gc.unfreeze()
        gc.collect()
        gc.freeze()
    return value


@contextmanager
def collection_paused() -> Iterator[None]:
    """No garbage scans in the block; then all that is alive is frozen (``kept``).

    The war's first map (4 000 districts, 200 000 reports) made on a new
    database spent 0.3-0.4 s in scans: made in turns with and without them,
    2.2-2.8 s in the block against 2.9-3.3 s. The scans collected nothing worth
    the wait: 20 objects were left in cycles. Freezing at the end costs
    microseconds; those few cycles are freed by the next ``kept``.

    Process-wide, so other threads' cycles wait too, for as long as the
    longest block running: a few seconds, since only the two background
    workers (``ui.background``) pause, each for one city's first map, whole
    bundle or seed. Blocks may overlap and nest: collection resumes when the
    last one ends, if it was on before the first began.
    """
    global _pauses, _enabled_before
    with _lock:
        if not _pauses:
            _enabled_before = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if not _pauses:
                gc.freeze()
                if _enabled_before:
                    gc.enable()
