import pytest

from storage.access import (
    ANONYMOUS,
    LoginMode,
    Role,
    access_settings,
    client_address,
    provider_identity,
)


def test_by_default_anyone_may_view_and_editors_use_passwords():
    settings = access_settings({}, {})

    assert (settings.login, settings.private) == (LoginMode.PASSWORD, False)


def test_environment_overrides_the_secrets_file():
    settings = access_settings(
        {"login": "password", "private": False, "editors": ["a@x.org"]},
        {
            "FRONTLINE_LOGIN": "oidc",
            "FRONTLINE_PRIVATE": "yes",
            "FRONTLINE_EDITORS": "B@X.org, c@x.org",
        },
    )

    assert settings.login == LoginMode.OIDC
    assert settings.private is True
    assert settings.editors == {"b@x.org", "c@x.org"}


def test_an_unknown_login_mode_is_an_error_not_an_open_door():
    with pytest.raises(ValueError, match="login = 'pasword'"):
        access_settings({"login": "pasword"}, {})


def test_only_listed_addresses_edit_after_an_identity_provider_login():
    settings = access_settings({"login": "oidc", "editors": ["ed@news.org"]}, {})

    verified = {"is_logged_in": True, "email_verified": True}
    editor = provider_identity({**verified, "email": "Ed@News.org"}, settings)
    reader = provider_identity({**verified, "email": "r@news.org"}, settings)
    not_logged_in = provider_identity({"email": "ed@news.org"}, settings)

    assert (editor.role, editor.can_edit) == (Role.EDITOR, True)
    assert (reader.role, reader.logged_in, reader.can_edit) == (
        Role.VIEWER,
        True,
        False,
    )
    assert not_logged_in == ANONYMOUS


def test_a_trusted_header_identity_needs_an_email():
    settings = access_settings(
        {"login": "header", "editors": ["ed@news.org"]},
        {},
        server_address="127.0.0.1",
    )

    assert provider_identity({"email": "ed@news.org"}, settings).can_edit
    assert provider_identity({}, settings) == ANONYMOUS


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "client"),
    [
        ("8.8.8.8", "", "8.8.8.8"),
        ("8.8.8.8", "198.51.100.1", "8.8.8.8"),
        (None, "", "loopback"),
        (None, "198.51.100.1", "198.51.100.1"),
        ("10.0.0.2", "1.2.3.4, 198.51.100.1", "198.51.100.1"),
    ],
)
def test_only_a_proxy_on_our_network_may_say_who_the_client_is(
    peer, forwarded_for, client
):
    """A guesser who reaches the app directly cannot pick a fresh address per try."""
    assert client_address(peer, forwarded_for) == client
