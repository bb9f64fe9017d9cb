"""Local nginx runs production's rules, changed only for this machine.

The proxy tests and ``bench/replicas.py`` run ``deploy/nginx.conf`` through
``tests/nginx_server.py``; what they show holds only if the sticky routing and the
limits are production's own.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.nginx_server import local_nginx_config, routes

PRODUCTION = (ROOT / "deploy" / "nginx.conf").read_text()


def _directives(config: str) -> list[str]:
    """Every directive outside the upstream block, comments dropped."""
    without_upstream = re.sub(r"upstream frontline \{.*?\}", "", config, flags=re.S)
    lines = (line.split("#", 1)[0].strip() for line in without_upstream.splitlines())
    return [line for line in lines if line]


def test_local_config_sends_readers_to_the_local_replicas_by_the_same_sticky_hash(
    tmp_path: Path,
):
    config = local_nginx_config(PRODUCTION, tmp_path, [8601, 8602], 9443, 9080)

    upstream = re.search(r"upstream frontline \{(.*?)\}", config, re.S).group(1)
    assert upstream.split() == [
        *("hash", "$replica_key", "consistent;"),
        *("server", "127.0.0.1:8601;", "server", "127.0.0.1:8602;"),
    ]
    assert "app-1" not in config
    assert "/run/secrets" not in config
    assert "listen 127.0.0.1:9443 ssl;" in config
    kept = set(_directives(config))
    changed_in_production = {
        directive
        for directive in _directives(PRODUCTION)
        if directive not in kept
        and not re.match(
            r"(listen|ssl_certificate(_key)?|proxy_cache_path) ", directive
        )
    }
    assert changed_in_production == set()


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
def test_nginx_accepts_the_local_config(tmp_path: Path):
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes"),
            *("-subj", "/CN=127.0.0.1", "-days", "1"),
            *("-keyout", str(tmp_path / "key.pem")),
            *("-out", str(tmp_path / "certificate.pem")),
        ],
        check=True,
        capture_output=True,
    )
    config = tmp_path / "nginx.conf"
    config.write_text(
        local_nginx_config(PRODUCTION, tmp_path, [8601, 8602], 9443, 9080)
    )
    checked = subprocess.run(
        ["nginx", "-p", str(tmp_path), "-c", str(config), "-t"],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr


def test_a_cookie_that_reached_two_replicas_is_reported_with_both():
    log = "\n".join(
        [
            "- 127.0.0.1:8602 /",
            "abc 127.0.0.1:8601 /_stcore/stream",
            "abc 127.0.0.1:8601 /app/static/generated/days.json",
            "abc - /app/static/generated/days.json",
            "xyz 127.0.0.1:8601 /_stcore/stream",
            "xyz 127.0.0.1:8602 /_stcore/stream",
        ]
    )
    assert routes(log) == {
        "abc": {"127.0.0.1:8601"},
        "xyz": {"127.0.0.1:8601", "127.0.0.1:8602"},
    }
