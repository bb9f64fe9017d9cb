"""Exports made once per data version and options, and slow ones one at a time.

Any reader may ask for any export, as often as they like, and slow files cost
seconds of CPU (Raqqa's whole-battle GIF at the social size: about 5 s). Streamlit
makes a download button's file in a small pool of worker threads it shares with
every session's downloads, so 24 queued GIFs once made another reader's 7 kB CSV
wait 28.7 s. Here:

- a file is kept by what it depends on (the city's data version, the export and
  its options) in a least-recently-used store of at most ``KEPT_BYTES``; asking
  for it again costs nothing;
- the server makes at most one slow file (a picture, the GIF, the web page) at a
  time; a request that arrives meanwhile is refused at once instead of holding a
  worker thread, and the reader clicks again a moment later;
- a session has at most one file being made; another request from it is refused.

A GIF's own size is bounded in ``geo.export`` (``MAX_GIF_PIXELS``).
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

KEPT_BYTES = 64 * 1024 * 1024
"""Made files kept for the next reader who asks, in all."""
LARGEST_KEPT_BYTES = KEPT_BYTES // 4
"""A larger file is handed out but not kept."""
FileContent = bytes | str


class ExportRefusedError(RuntimeError):
    """The file cannot be made now: the server or this session is making another."""


class _KeptFiles:
    """Made files by key, the least recently asked for dropped first."""

    def __init__(self, budget: int) -> None:
        self._budget = budget
        self._files: OrderedDict[Hashable, FileContent] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> FileContent | None:
        with self._lock:
            if key not in self._files:
                return None
            self._files.move_to_end(key)
            return self._files[key]

    def keep(self, key: Hashable, content: FileContent) -> None:
        size = len(content)
        if size > LARGEST_KEPT_BYTES:
            return
        with self._lock:
            if key in self._files:
                return
            self._files[key] = content
            self._bytes += size
            while self._bytes > self._budget:
                _, dropped = self._files.popitem(last=False)
                self._bytes -= len(dropped)


_kept = _KeptFiles(KEPT_BYTES)
_slow_turn = threading.Lock()
_busy_sessions: set[str] = set()
_sessions_lock = threading.Lock()


def exported(
    key: Hashable, make: Callable[[], FileContent], *, session: str, slow: bool
) -> FileContent:
    """The file for ``key``: kept from before, or made now if the limits allow.

    ``session`` names the asking session; ``slow`` files wait for the server's
    single turn. Raises ``ExportRefusedError`` when the turn or the session is
    taken.
    """
    if (found := _kept.get(key)) is not None:
        return found
    with _sessions_lock:
        if session in _busy_sessions:
            raise ExportRefusedError("this session is already making a file")
        _busy_sessions.add(session)
    try:
        if slow and not _slow_turn.acquire(blocking=False):
            raise ExportRefusedError("another picture is being made; try again")
        try:
            content = _kept.get(key)
            if content is None:
                content = make()
                _kept.keep(key, content)
        finally:
            if slow:
                _slow_turn.release()
    finally:
        with _sessions_lock:
            _busy_sessions.discard(session)
    return content
