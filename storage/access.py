"""Who is asking: the identity a login produced, and the rule for who may edit."""

import hmac
import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    """What a person may do: read the map, or also change the record."""

    VIEWER = "viewer"
    EDITOR = "editor"


@dataclass(frozen=True)
class Identity:
    """A person as the login established them; ``name`` is empty when anonymous.

    ``name`` is what others see (a password account's display name, never its
    login name); ``account`` is the login name of a password account, kept to end
    its sessions at Log out.
    """

    name: str
    role: Role = Role.VIEWER
    login: str = ""
    account: str = ""

    @property
    def logged_in(self) -> bool:
        """Whether a login (of any kind) stands behind this identity."""
        return bool(self.name)

    @property
    def can_edit(self) -> bool:
        """Whether this person may change reports."""
        return self.logged_in and self.role == Role.EDITOR


ANONYMOUS = Identity("")


class NotAllowedError(PermissionError):
    """Raised when someone who is not a logged-in editor tries to change the record."""


def require_editor(identity: Identity) -> str:
    """Return the author name for a revision, or refuse if ``identity`` may not edit.

    Every write in ``storage`` calls this first, so hiding a button is never the
    only protection.
    """
    if not identity.can_edit:
        who = identity.name or "an anonymous visitor"
        raise NotAllowedError(
            f"{who} may not change reports: an editor login is needed."
        )
    return identity.name


class LoginMode(StrEnum):
    """Where identities come from."""

    PASSWORD = "password"
    OIDC = "oidc"
    HEADER = "header"


@dataclass(frozen=True)
class AccessSettings:
    """Who may see and who may change the record, as the deployment configures it.

    ``editors`` lists the e-mail addresses that may edit when identities come
    from an identity provider (``oidc``) or a trusted proxy header (``header``);
    password accounts carry their role themselves.
    """

    login: LoginMode = LoginMode.PASSWORD
    private: bool = False
    editors: frozenset[str] = frozenset()
    proxy_secret: str = field(default="", repr=False)


PROXY_SECRET_HEADER = "X-Frontline-Proxy-Secret"
"""The header in which the proxy proves itself when ``proxy_secret`` is set."""
_TRUE_WORDS = {"1", "true", "yes", "on"}


def _only_a_proxy_can_reach(server_address: str) -> bool:
    """Whether ``server_address`` (``server.address``) is a loopback or private one.

    Empty and unspecified addresses listen on every interface; host names other
    than ``localhost`` are not trusted to stay private.
    """
    if server_address.strip().lower() == "localhost":
        return True
    try:
        address = ipaddress.ip_address(server_address.strip().strip("[]"))
    except ValueError:
        return False
    return not address.is_unspecified and (address.is_loopback or address.is_private)


def _check_header_login(server_address: str, proxy_secret: str) -> None:
    if proxy_secret or _only_a_proxy_can_reach(server_address):
        return
    where = server_address or "every interface"
    raise ValueError(
        "login = 'header' trusts the e-mail header of every request, but the server "
        f"listens on {where} (server.address), so anyone who reaches it could pose "
        "as an editor. Bind it to a loopback or private address (e.g. "
        "--server.address 127.0.0.1), or set FRONTLINE_PROXY_SECRET and have the "
        f"proxy send that secret in the {PROXY_SECRET_HEADER} header."
    )


def access_settings(
    configured: Mapping[str, object],
    environment: Mapping[str, str],
    *,
    server_address: str = "",
) -> AccessSettings:
    """Read the ``[frontline]`` secrets section, with ``FRONTLINE_*`` variables winning.

    Raises ``ValueError`` naming the setting when a value is not understood, so a
    typo never silently opens the desk, and when ``header`` logins would trust
    requests that did not come through the proxy: ``server_address`` (where the
    server listens) must be loopback or private, or a proxy secret be set.
    """
    login = environment.get("FRONTLINE_LOGIN") or configured.get("login") or "password"
    try:
        mode = LoginMode(str(login).strip().lower())
    except ValueError:
        allowed = ", ".join(LoginMode)
        raise ValueError(f"login = {login!r} is not one of: {allowed}") from None
    private = environment.get("FRONTLINE_PRIVATE", configured.get("private", False))
    if isinstance(private, str):
        private = private.strip().lower() in _TRUE_WORDS
    editors = environment.get("FRONTLINE_EDITORS", configured.get("editors", ()))
    if isinstance(editors, str):
        editors = editors.split(",")
    proxy_secret = str(
        environment.get("FRONTLINE_PROXY_SECRET")
        or configured.get("proxy_secret")
        or ""
    )
    if mode == LoginMode.HEADER:
        _check_header_login(server_address, proxy_secret)
    return AccessSettings(
        login=mode,
        private=bool(private),
        editors=frozenset(str(email).strip().lower() for email in editors if email),
        proxy_secret=proxy_secret,
    )


def proxy_vouches(headers: Mapping[str, str], settings: AccessSettings) -> bool:
    """Whether a request may be trusted: it carries the proxy's secret, if one is set.

    Compared in constant time, so the answer's timing gives the secret away
    no faster than guessing it whole.
    """
    if settings.login != LoginMode.HEADER or not settings.proxy_secret:
        return True
    sent = str(headers.get(PROXY_SECRET_HEADER) or "")
    return hmac.compare_digest(sent.encode(), settings.proxy_secret.encode())


CLIENT_MAX_LENGTH = 100


def _is_internal(address: str) -> bool:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return parsed.is_loopback or parsed.is_private


def client_address(peer: str | None, forwarded_for: str = "") -> str:
    """The address a login attempt came from, to slow down guessing per client.

    ``peer`` is the connection's address (``None`` for loopback, as Streamlit
    reports it). When that is a proxy on a loopback or private address, the last
    address in ``X-Forwarded-For`` is the client it saw; a client that reaches
    the app directly cannot choose its address that way.
    """
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    if hops and (peer is None or _is_internal(peer)):
        return hops[-1][:CLIENT_MAX_LENGTH]
    return (peer or "loopback")[:CLIENT_MAX_LENGTH]


def provider_identity(user: Mapping[str, object], settings: AccessSettings) -> Identity:
    """The identity an identity provider or trusted header vouches for.

    Editors are the addresses listed in the settings; everyone else who logged
    in may view. Without an e-mail the visitor stays anonymous. An identity
    provider must also say it verified the address (``email_verified``), or
    anyone could register a listed address with it and edit.
    """
    if settings.login == LoginMode.OIDC and not user.get("is_logged_in"):
        return ANONYMOUS
    email = str(user.get("email") or "").strip().lower()
    if not email:
        return ANONYMOUS
    verified = settings.login != LoginMode.OIDC or _is_true(user.get("email_verified"))
    role = Role.EDITOR if verified and email in settings.editors else Role.VIEWER
    return Identity(email, role, str(settings.login))


def _is_true(claim: object) -> bool:
    """An identity provider's yes: ``true``, or the text "true" some providers send."""
    return claim is True or (isinstance(claim, str) and claim.lower() == "true")
