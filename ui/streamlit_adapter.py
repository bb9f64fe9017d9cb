"""The one place that touches a private part of Streamlit.

No client clears caches (``refuse_client_cache_clearing``), and a thread of ours
that uses cached functions outside a page's script logs nothing
(``quiet_outside_scripts``).

Streamlit answers a ``clear_cache`` message from any connected browser by
clearing every ``st.cache_data`` and ``st.cache_resource`` of the process, for
all sessions. No setting turns that off: ``client.toolbarMode`` only hides the
menu item, and unlike its debug messages (refused outside development mode) this
one is always obeyed. Any visitor could therefore make the server rebuild every
city and bundle on each session's next run, as often as they liked (40 messages:
14 s of CPU on Raqqa). ``refuse_client_cache_clearing`` replaces the handler,
``AppSession._handle_clear_cache_request``, with one that does nothing; nothing
is logged, so the messages cannot fill the log either. Caches still empty by
themselves (``max_entries``) and on a restart.

That handler is private, so requirements.txt pins Streamlit and
``tests/security/test_cache_clearing.py`` fails, naming the pinned version, when
another is installed or the handler is gone, and sends the message to a real
server. Nothing else in the project may use Streamlit's private names.

Cached functions called outside a page's script (``ui.background``'s workers)
make Streamlit warn "missing ScriptRunContext" once per spinner, on every call,
in the server's log, where an operator would read it as a fault. There is no
setting for it; ``quiet_outside_scripts`` filters that one warning, by the name
of the logger that writes it, for threads whose names start with a given prefix.
``tests/app/test_streamlit_adapter.py`` fails if the warning still gets through.

Worth reporting upstream: the ``clear_cache`` BackMsg should be refused like
``debug_shutdown_runtime`` unless ``global.developmentMode`` is on (or behind a
server option), since it lets any reader drop every session's caches.
"""

import logging

from streamlit.runtime.app_session import AppSession

PINNED_PACKAGE = "streamlit"
"""The package whose exact version this module is written for (requirements.txt)."""
CONTEXT_WARNING_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"
"""The logger that warns of a thread using Streamlit outside a page's script."""
PRIVATE_HANDLER = "_handle_clear_cache_request"
"""The ``AppSession`` method that clears every cache when a client asks."""

if not callable(getattr(AppSession, PRIVATE_HANDLER, None)):
    raise ImportError(
        f"streamlit's AppSession lacks {PRIVATE_HANDLER}, which "
        "ui/streamlit_adapter.py replaces: install the version requirements.txt pins."
    )


def _ignore_clear_cache_request(_session: AppSession) -> None:
    """A client asked to clear every cache of the server: refused, silently."""


def refuse_client_cache_clearing() -> None:
    """Make every session of this process ignore clients' clear-cache messages."""
    setattr(AppSession, PRIVATE_HANDLER, _ignore_clear_cache_request)


def quiet_outside_scripts(prefix: str) -> None:
    """No missing-context warning from threads whose names start with ``prefix``.

    Only that logger's records, only those threads: every other goes on as before.
    """
    logging.getLogger(CONTEXT_WARNING_LOGGER).addFilter(
        lambda record: not record.threadName.startswith(prefix)
    )
