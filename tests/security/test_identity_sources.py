"""Where an identity comes from (issue 17, findings 5 and 6).

An identity provider's login makes an editor only with a verified address. A
trusted-header login is refused unless nothing but the proxy can reach the app:
the server listens on a loopback or private address, or the proxy proves itself
with a shared secret. The browser tests in tests/e2e/test_trusted_header_login.py
run both cases against a real server.
"""

import pytest
from streamlit.testing.v1 import AppTest

from storage.access import (
    PROXY_SECRET_HEADER,
    LoginMode,
    Role,
    access_settings,
    provider_identity,
    proxy_vouches,
)
from tests.conftest import ROOT

EDITOR_EMAIL = "ed@news.example"
OIDC = {"login": "oidc", "editors": [EDITOR_EMAIL]}


@pytest.mark.parametrize(
    ("verified", "may_edit"), [(True, True), (False, False), (None, False)]
)
def test_an_identity_provider_login_edits_only_with_a_verified_address(
    verified, may_edit
):
    user = {"is_logged_in": True, "email": EDITOR_EMAIL}
    if verified is not None:
        user["email_verified"] = verified

    identity = provider_identity(user, access_settings(OIDC, {}))

    assert identity.can_edit is may_edit
    assert identity.logged_in


def test_an_unverified_address_gets_no_add_form_and_is_told_why(monkeypatch, tmp_path):
    monkeypatch.setenv("FRONTLINE_DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    monkeypatch.setenv("FRONTLINE_LOGIN", "oidc")
    monkeypatch.setenv("FRONTLINE_EDITORS", EDITOR_EMAIL)
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.user = {"email": EDITOR_EMAIL, "is_logged_in": True, "email_verified": False}

    app.run()

    notes = " ".join(caption.value for caption in app.sidebar.caption)
    assert "has not verified" in notes
    app = app.switch_page("app_pages/reports.py").run()
    assert "Add report" not in [button.label for button in app.button]
    assert "Log in as an editor" in app.info[0].value


@pytest.mark.parametrize(
    "address", ["", "0.0.0.0", "::", "maps.example.org", "8.8.8.8"]
)
def test_header_login_refuses_a_server_that_anyone_may_reach(address):
    with pytest.raises(ValueError, match="X-Frontline-Proxy-Secret") as refusal:
        access_settings({"login": "header"}, {}, server_address=address)

    assert "server.address" in str(refusal.value)


@pytest.mark.parametrize(
    "address", ["127.0.0.1", "::1", "localhost", "10.1.2.3", "192.168.0.7", "fd00::5"]
)
def test_header_login_starts_on_a_loopback_or_private_address(address):
    settings = access_settings({"login": "header"}, {}, server_address=address)

    assert settings.login == LoginMode.HEADER


def test_header_login_anywhere_needs_the_proxys_secret_on_every_request():
    settings = access_settings(
        {"login": "header", "editors": [EDITOR_EMAIL]},
        {"FRONTLINE_PROXY_SECRET": "a shared secret for tests"},
        server_address="0.0.0.0",
    )

    assert proxy_vouches({PROXY_SECRET_HEADER: "a shared secret for tests"}, settings)
    assert not proxy_vouches({PROXY_SECRET_HEADER: "a shared secret"}, settings)
    assert not proxy_vouches({}, settings)
    assert "a shared secret for tests" not in repr(settings)
    identity = provider_identity({"email": EDITOR_EMAIL}, settings)
    assert identity.role == Role.EDITOR


def test_other_login_modes_ignore_the_server_address():
    for mode in ("password", "oidc"):
        settings = access_settings({"login": mode}, {}, server_address="0.0.0.0")
        assert settings.login == mode
        assert proxy_vouches({}, settings)
