"""Logins and the identity of the person using this session.

The rules (who may edit, how settings are read, how a password is checked and a
login kept) live in ``storage``; this module connects them to Streamlit's session,
``st.user``, ``st.context`` and widgets.

How a password login survives a reload
--------------------------------------
Streamlit's public API reads the cookies of the request that opened the page
(``st.context.cookies``), but a script cannot set one. ``st.App``, also public,
serves extra HTTP routes beside the app, so ``serve.py`` runs app.py with
``session_routes()``: ``POST /frontline/session`` trades a login ticket for an
httpOnly, SameSite=Strict cookie holding a signed, expiring session pass
(``storage.users``), and ``DELETE`` clears it. After a login the sidebar mounts a
small component (``ui/assets/session_cookie.js``) that sends the ticket there;
the ticket is a token the server made, passed as the component's data, never
text anyone typed. A reload reads the cookie and restores the login.

Its limits:

- It needs ``streamlit run serve.py``. Under ``streamlit run app.py`` there is no
  such route; the component says so, and the sidebar tells the editor that a
  reload will log them out.
- The ticket passes once through the page's script and is good for a minute: a
  script injected into the page could trade it, as it could use the open session
  itself. The cookie is beyond any script's reach.
- Passes are signed with ``server.cookieSecret``. Every replica needs the same
  one; without it Streamlit makes a random secret per process, so a restart logs
  everyone out.
- Log out raises the account's session epoch: every pass of the account stops
  working, and its other open tabs lose the login on their next rerun (each rerun
  of a logged-in session asks the database: one small query).
- The route must be served at the site's root (no ``server.baseUrlPath``).
"""

import os
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from streamlit.components.v2.types import ComponentRenderer

from geo.escaping import markdown_text
from storage.access import (
    ANONYMOUS,
    AccessSettings,
    Identity,
    LoginMode,
    access_settings,
    client_address,
    provider_identity,
    proxy_vouches,
)
from storage.users import (
    SESSION_LIFETIME,
    Login,
    LoginRefusedError,
    authenticate,
    end_sessions,
    has_accounts,
    login_from_session,
    login_ticket,
    session_from_ticket,
    still_logged_in,
)
from ui.database import database
from ui.settings import available_cities, city_to_open

LOGIN_KEY = "frontline_login"
SESSION_PATH = "/frontline/session"
SESSION_COOKIE = "frontline_session"
_TICKET_KEY = "frontline_login_ticket"
_FORGET_KEY = "frontline_forget_login"
_KEPT_KEY = "frontline_login_kept"
_COOKIE_TRIED_KEY = "frontline_cookie_tried"
_KEEPER_KEY = "frontline_session_keeper"
_TICKET_MAX_BYTES = 2000
_SCRIPT = Path(__file__).parent / "assets" / "session_cookie.js"


def settings() -> AccessSettings:
    """The deployment's access settings (``[frontline]`` in secrets, env wins).

    Settings that are not understood, or a header login that anyone could reach,
    stop the app with the reason instead of serving it.
    """
    configured = st.secrets.get("frontline", {}) if _has_secrets() else {}
    try:
        return access_settings(
            dict(configured),
            os.environ,
            server_address=str(st.get_option("server.address") or ""),
        )
    except ValueError as error:
        st.error(f"Frontline cannot start: {markdown_text(str(error))}")
        st.stop()


def _has_secrets() -> bool:
    try:
        return bool(st.secrets.load_if_toml_exists())
    except FileNotFoundError:
        return False


def current_identity() -> Identity:
    """Who this session belongs to: from the password login, st.user or a header."""
    access = settings()
    if access.login == LoginMode.PASSWORD:
        login = _password_login()
        return login.identity if login else ANONYMOUS
    if not proxy_vouches(st.context.headers, access):
        return ANONYMOUS
    return provider_identity(st.user.to_dict(), access)


def _pass_secret() -> str:
    return str(st.get_option("server.cookieSecret"))


def _password_login() -> Login | None:
    """This session's login, restored from the cookie once; None after a Log out."""
    login = st.session_state.get(LOGIN_KEY)
    if login is not None:
        if still_logged_in(database(), login):
            return login
        st.session_state.pop(LOGIN_KEY)
        return None
    kept = st.context.cookies.get(SESSION_COOKIE)
    if not kept or st.session_state.get(_COOKIE_TRIED_KEY) == kept:
        return None
    st.session_state[_COOKIE_TRIED_KEY] = kept
    login = login_from_session(database(), _pass_secret(), kept)
    if login is not None:
        st.session_state[LOGIN_KEY] = login
        st.session_state[_KEPT_KEY] = True
    return login


def _client() -> str:
    """Where this session connects from (AppTest's stand-in context gives no text)."""
    peer = st.context.ip_address
    forwarded = st.context.headers.get("X-Forwarded-For", "")
    return client_address(
        peer if isinstance(peer, str) else None,
        forwarded if isinstance(forwarded, str) else "",
    )


def _log_in_with_password() -> None:
    username = st.session_state.get("login_username", "")
    password = st.session_state.get("login_password", "")
    st.session_state.login_password = ""
    try:
        login = authenticate(database(), username, password, client=_client())
    except LoginRefusedError as error:
        st.session_state.login_error = str(error)
        return
    st.session_state.pop("login_error", None)
    st.session_state[LOGIN_KEY] = login
    st.session_state[_TICKET_KEY] = login_ticket(_pass_secret(), login)
    st.session_state.pop(_KEPT_KEY, None)


def _log_out() -> None:
    """End the login here and everywhere else the account is logged in."""
    login = st.session_state.pop(LOGIN_KEY, None)
    if login is not None:
        end_sessions(database(), login.identity.account)
    st.session_state.pop(_TICKET_KEY, None)
    st.session_state.pop(_KEPT_KEY, None)
    st.session_state[_FORGET_KEY] = True


@st.cache_resource
def _session_keeper() -> ComponentRenderer:
    """The component that asks ``serve.py``'s route to set or clear the cookie."""
    return st.components.v2.component(
        "frontline_session_keeper", js=_SCRIPT.read_text(encoding="utf-8")
    )


def _keeper_answered() -> None:
    outcome = (st.session_state.get(_KEEPER_KEY) or {}).get("outcome")
    if st.session_state.pop(_TICKET_KEY, None) is not None:
        st.session_state[_KEPT_KEY] = outcome == "done"
    st.session_state.pop(_FORGET_KEY, None)


def _keep_or_forget_the_cookie() -> None:
    """Mount the component while a ticket waits to be traded or a cookie cleared."""
    ticket = st.session_state.get(_TICKET_KEY)
    if ticket is None and not st.session_state.get(_FORGET_KEY):
        return
    _session_keeper()(
        key=_KEEPER_KEY,
        data={"action": "keep", "ticket": ticket} if ticket else {"action": "forget"},
        on_outcome_change=_keeper_answered,
    )


def login_panel() -> None:
    """Show who is logged in with a way out, or the way in for this deployment."""
    access = settings()
    identity = current_identity()
    if identity.logged_in:
        st.caption(
            f"Logged in as **{markdown_text(identity.name)}** ({identity.role})."
        )
        if access.login == LoginMode.PASSWORD:
            _password_notes()
            st.button("Log out", on_click=_log_out)
        elif access.login == LoginMode.OIDC:
            if identity.name in access.editors and not identity.can_edit:
                st.caption(
                    "Your identity provider has not verified this e-mail address, "
                    "so this login may only read. Verify it with the provider, "
                    "then log in again."
                )
            st.button("Log out", on_click=st.logout)
        return
    if access.login == LoginMode.OIDC:
        st.button("Log in", on_click=st.login, type="primary")
    elif access.login == LoginMode.PASSWORD:
        with st.form("login", border=False):
            st.text_input("Username", key="login_username")
            st.text_input("Password", type="password", key="login_password")
            st.form_submit_button("Log in", on_click=_log_in_with_password)
        if "login_error" in st.session_state:
            st.error(markdown_text(st.session_state.login_error))
        if not has_accounts(database()):
            st.caption(
                "No accounts yet: add one with `python -m storage.users add NAME "
                '--display-name "Full Name"`.'
            )
    elif not proxy_vouches(st.context.headers, access):
        st.caption(
            "This request did not come through the desk's proxy, so nobody is "
            "logged in."
        )
    else:
        st.caption("Identity comes from the proxy in front of the app: none was sent.")


def _password_notes() -> None:
    """Wrong passwords tried since the last login, and whether a reload keeps it."""
    login = st.session_state.get(LOGIN_KEY)
    if login is not None and login.failures_since_last_login:
        count = login.failures_since_last_login
        st.warning(
            f"{count} wrong password{'s were' if count != 1 else ' was'} tried on "
            "your account since you last logged in."
        )
    kept = st.session_state.get(_KEPT_KEY)
    if kept is True:
        hours = int(SESSION_LIFETIME.total_seconds() // 3600)
        st.caption(f"You stay logged in on this browser for {hours} hours.")
    elif kept is False:
        st.caption("This server cannot keep logins: reloading the page logs you out.")


def has_login_page() -> bool:
    """Whether the password form gets its own page ("Log in" in the sidebar's list).

    Only while nobody is logged in with a password login. The form is kept out of
    the sidebar, where its text inputs made every first visit fetch Streamlit's
    text-input code, which readers never use.
    """
    return settings().login == LoginMode.PASSWORD and not current_identity().logged_in


def sidebar_panel() -> None:
    """The sidebar's part: who is logged in, or a one-click way in (not a form)."""
    _keep_or_forget_the_cookie()
    if not has_login_page():
        st.divider()
        login_panel()


def admitted_city() -> str:
    """The session's city, after checking that this visitor may see any page.

    ``app.py`` checks this too; every page calls it first as well, so a page
    script run on its own (as AppTest runs one) still keeps a private desk private.
    """
    if settings().private and not current_identity().logged_in:
        st.info("This desk's map is private: log in to see it.")
        login_panel()
        st.stop()
    if st.session_state.get("city") not in available_cities():
        st.session_state.city = city_to_open()
    return st.session_state.city


# serve.py's route: the cookie that keeps a password login ----------------------


def _same_origin(request: Request) -> bool:
    """Whether the request came from a page of this site (no other site may ask)."""
    origin = request.headers.get("origin", "")
    return bool(origin) and urlsplit(origin).netloc == request.headers.get("host")


async def _ticket(request: Request) -> str:
    """The request's body, read only up to the size a ticket can have."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > _TICKET_MAX_BYTES:
            return ""
    return body.decode("ascii", errors="replace")


async def _session_cookie(request: Request) -> Response:
    """POST: trade a login ticket for the session cookie; DELETE: clear it."""
    if not _same_origin(request):
        return Response("Only this site's pages may ask.", status_code=403)
    secure = (
        request.url.scheme == "https"
        or request.headers.get("x-forwarded-proto") == "https"
    )
    response = Response(status_code=204)
    if request.method == "DELETE":
        response.delete_cookie(
            SESSION_COOKIE, path="/", secure=secure, httponly=True, samesite="strict"
        )
        return response
    session = session_from_ticket(_pass_secret(), await _ticket(request))
    if session is None:
        return Response("Not a valid login ticket.", status_code=400)
    response.set_cookie(
        SESSION_COOKIE,
        session,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        expires=datetime.now(UTC) + SESSION_LIFETIME,
        path="/",
        secure=secure,
        httponly=True,
        samesite="strict",
    )
    return response


def session_routes() -> list[Route]:
    """The HTTP route ``serve.py`` adds beside the app (``st.App(routes=...)``)."""
    return [Route(SESSION_PATH, _session_cookie, methods=["POST", "DELETE"])]
