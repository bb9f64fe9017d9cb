"""Who is asking: the identity a login produced, and the rule for who may edit."""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """What a person may do: read the map, or also change the record."""

    VIEWER = "viewer"
    EDITOR = "editor"


@dataclass(frozen=True)
class Identity:
    """A person as the login established them; ``name`` is empty when anonymous."""

    name: str
    role: Role = Role.VIEWER
    login: str = ""

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


_TRUE_WORDS = {"1", "true", "yes", "on"}


def access_settings(
    configured: Mapping[str, object], environment: Mapping[str, str]
) -> AccessSettings:
    """Read the ``[frontline]`` secrets section, with ``FRONTLINE_*`` variables winning.

    Raises ``ValueError`` naming the setting when a value is not understood, so a
    typo never silently opens the desk.
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
    return AccessSettings(
        login=mode,
        private=bool(private),
        editors=frozenset(str(email).strip().lower() for email in editors if email),
    )


def provider_identity(user: Mapping[str, object], settings: AccessSettings) -> Identity:
    """The identity an identity provider or trusted header vouches for.

    Editors are the addresses listed in the settings; everyone else who logged
    in may view. Without a verified e-mail the visitor stays anonymous.
    """
    if settings.login == LoginMode.OIDC and not user.get("is_logged_in"):
        return ANONYMOUS
    email = str(user.get("email") or "").strip().lower()
    if not email:
        return ANONYMOUS
    role = Role.EDITOR if email in settings.editors else Role.VIEWER
    return Identity(email, role, str(settings.login))
