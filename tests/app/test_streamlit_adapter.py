"""Our own worker threads may use cached functions without filling the server's log."""

import logging
import threading

import streamlit as st

from ui.streamlit_adapter import CONTEXT_WARNING_LOGGER, quiet_outside_scripts


@st.cache_resource(show_spinner="Counting…")
def _counted(number: int) -> int:
    return number


def thread_names_warned(*names: str) -> list[str]:
    """Call a cached function with a spinner in a thread per name: those warned."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger(CONTEXT_WARNING_LOGGER)
    logger.addHandler(handler)
    try:
        for number, name in enumerate(names):
            thread = threading.Thread(target=_counted, args=(number,), name=name)
            thread.start()
            thread.join()
    finally:
        logger.removeHandler(handler)
    return sorted({record.threadName for record in records})


def test_only_the_named_threads_are_quiet():
    quiet_outside_scripts("quiet-worker")

    warned = thread_names_warned("quiet-worker_0", "someone-else")

    assert warned == ["someone-else"]
