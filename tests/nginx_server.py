"""nginx with production's rules (``deploy/nginx.conf``), run on this machine.

Only what this machine needs changes: the upstream names local apps (the sticky
``hash`` stays), it listens on local ports with a throwaway certificate, keeps
its files in a temporary folder, and logs which app each request reached. Used
by the proxy tests and by ``bench/replicas.py``.
"""

import contextlib
import re
import shutil
import ssl
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import ROOT
from tests.postgres_server import free_local_port

NGINX = shutil.which("nginx")
ROUTING_LOG = "routing.log"
ROUTING_FORMAT = "'$cookie_frontline_replica $upstream_addr $uri'"
PRODUCTION_UPSTREAMS = re.compile(r"(upstream frontline \{\s*hash [^;]+;)[^}]*\}")
STARTUP_SECONDS = 20
_UNVERIFIED = ssl._create_unverified_context()
"""The throwaway certificate is its own issuer: nothing can verify it."""


def local_nginx_config(
    production: str, folder: Path, app_ports: list[int], port: int, http_port: int
) -> str:
    """``deploy/nginx.conf`` for this machine, before the replicas on ``app_ports``.

    Only addresses, ports and paths change, plus a log of which replica each request
    reached; the sticky ``hash`` and every limit stay as in production.
    """
    servers = "".join(
        f"\n        server 127.0.0.1:{app_port};" for app_port in app_ports
    )
    config, found = PRODUCTION_UPSTREAMS.subn(rf"\1{servers}\n    }}", production)
    if found != 1:
        raise ValueError("deploy/nginx.conf has no 'upstream frontline { hash …; }'")
    replacements = {
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl;": f"listen 127.0.0.1:{port} ssl;",
        "/run/secrets/tls_certificate": str(folder / "certificate.pem"),
        "/run/secrets/tls_key": str(folder / "key.pem"),
        "/var/cache/nginx/frontline": str(folder / "cache"),
        "http {": (
            f"http {{\n    log_format routing {ROUTING_FORMAT};\n"
            f"    access_log {folder / ROUTING_LOG} routing;\n"
            f"    client_body_temp_path {folder}/body;\n"
            f"    proxy_temp_path {folder}/proxy;\n"
        ),
    }
    for production_text, local_text in replacements.items():
        if production_text not in config:
            raise ValueError(f"deploy/nginx.conf no longer has {production_text!r}")
        config = config.replace(production_text, local_text)
    return f"pid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n{config}"


def routes(routing_log: str) -> dict[str, set[str]]:
    """Each replica cookie and the replicas (host:port) its requests reached."""
    reached: dict[str, set[str]] = {}
    for line in routing_log.splitlines():
        cookie, upstream, _ = line.split(" ", 2)
        if cookie != "-" and cookie and upstream != "-":
            reached.setdefault(cookie, set()).add(upstream)
    return reached


def _throwaway_certificate(folder: Path) -> None:
    command = [
        *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
        *("-subj", "/CN=127.0.0.1", "-keyout", str(folder / "key.pem")),
        *("-out", str(folder / "certificate.pem")),
    ]
    subprocess.run(command, check=True, capture_output=True)


@contextlib.contextmanager
def running_nginx(app_ports: list[int], folder: Path) -> Iterator[str]:
    """nginx with the local ``deploy/nginx.conf`` before the apps on ``app_ports``.

    Yields its https URL once it answers the apps' health check through itself.
    """
    if NGINX is None:
        raise RuntimeError("nginx is not installed (apt-get install nginx-light)")
    _throwaway_certificate(folder)
    port = free_local_port()
    production = (ROOT / "deploy" / "nginx.conf").read_text()
    config = local_nginx_config(production, folder, app_ports, port, free_local_port())
    (folder / "nginx.conf").write_text(config)
    command = [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf")]
    subprocess.run([*command, "-t"], check=True, capture_output=True)
    proxy = subprocess.Popen([*command, "-g", "daemon off;"])
    url = f"https://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                urllib.request.urlopen(
                    f"{url}/_stcore/health", timeout=5, context=_UNVERIFIED
                ).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)  # polling nginx's port until it listens
        yield url
    finally:
        proxy.terminate()
        proxy.wait(timeout=10)
