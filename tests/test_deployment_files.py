"""The Docker image and the compose file serve the app the way the tests do.

The browser tests start ``streamlit`` with ``streamlit_arguments`` and ask
``READY_PATH`` as the image's health check does; if the deployment files stopped
matching (another script, other flags, another health path, a settings file left
out of the image), production would run something no test ran. These checks read
the files themselves.
"""

import json
import math
import os
import re
import subprocess
import sys
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import yaml
from sqlalchemy import make_url

from geo.citybuild import MAX_SOURCE_BYTES
from geo.extraction import MAX_UPLOAD_BYTES
from geo.report_csv import MAX_IMPORT_BYTES
from tests.e2e.conftest import READY_PATH, streamlit_arguments

ROOT = Path(__file__).resolve().parents[1]
PORT = 8501
PUBLIC_HOST = "maps.example.org"
VARIABLE = re.compile(r"\$\{(\w+)(?::?[-?][^}]*)?\}")


def dockerfile() -> dict[str, list[str]]:
    """Each instruction of the Dockerfile with its arguments, continuations joined."""
    text = (ROOT / "Dockerfile").read_text()
    text = re.sub(r"\\\n", " ", text)
    instructions: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, arguments = line.strip().partition(" ")
            instructions.setdefault(name.upper(), []).append(arguments.strip())
    return instructions


def exec_form(arguments: str) -> list[str]:
    """The JSON array of a CMD, ENTRYPOINT or HEALTHCHECK CMD instruction."""
    return json.loads(arguments[arguments.index("[") :])


def compose() -> dict:
    """docker-compose.yml with ``${NAME...}`` filled in as an operator would."""
    text = (ROOT / "docker-compose.yml").read_text()
    filled = VARIABLE.sub(
        lambda found: PUBLIC_HOST if found.group(1) == "FRONTLINE_HOSTNAME" else "",
        text,
    )
    return yaml.safe_load(filled)


def app_services() -> dict[str, dict]:
    """The compose services built from this repository's Dockerfile."""
    return {
        name: service
        for name, service in compose()["services"].items()
        if service.get("build") in (".", {"context": "."})
    }


def nginx_upstream() -> list[str]:
    """The ``server`` lines of the nginx upstream block, as host:port."""
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    block = re.search(r"upstream \w+ \{(.*?)\}", config, re.DOTALL).group(1)
    return re.findall(r"^\s*server\s+(\S+?)[\s;]", block, re.MULTILINE)


def test_the_image_runs_the_app_with_the_arguments_the_tests_use():
    command = exec_form(dockerfile()["CMD"][-1])

    assert command == ["streamlit", *streamlit_arguments(PORT, "0.0.0.0")]


def test_the_image_has_the_python_the_tests_run_on():
    base = dockerfile()["FROM"][0]

    assert base == f"python:{sys.version_info.major}.{sys.version_info.minor}-slim"


def test_the_image_is_healthy_only_once_the_app_script_runs():
    check = " ".join(exec_form(dockerfile()["HEALTHCHECK"][0]))

    assert f"http://127.0.0.1:{PORT}{READY_PATH}" in check


def test_the_image_serves_leaflet_itself_and_runs_as_an_ordinary_user():
    steps = " ".join(dockerfile()["RUN"])
    user = dockerfile()["USER"][-1].split(":")[0]

    assert "pip install --no-cache-dir -r requirements.txt" in steps
    assert "python -m scripts.vendor_assets" in steps
    assert user not in ("root", "0")


def test_the_image_gets_the_server_settings_but_never_the_secrets():
    ignored = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]

    def left_out(path: str) -> bool:
        parts = Path(path).parts
        prefixes = ["/".join(parts[: end + 1]) for end in range(len(parts))]
        return any(fnmatch(prefix, rule) for rule in ignored for prefix in prefixes)

    assert ". ." in dockerfile()["COPY"]
    assert not left_out(".streamlit/config.toml")
    assert left_out(".streamlit/secrets.toml")
    assert left_out("secrets/postgres_password")


def test_every_app_replica_runs_the_image_command_behind_the_proxy():
    replicas = app_services()

    assert len(replicas) >= 2
    assert all("command" not in service for service in replicas.values())
    assert all("entrypoint" not in service for service in replicas.values())
    assert sorted(nginx_upstream()) == sorted(f"{name}:{PORT}" for name in replicas)


def test_the_replicas_share_one_postgresql_without_a_password_in_the_url():
    services = compose()["services"]
    urls = {
        service["environment"]["FRONTLINE_DATABASE_URL"]
        for service in app_services().values()
    }

    assert len(urls) == 1
    url = make_url(urls.pop())
    assert url.get_backend_name() == "postgresql"
    assert url.password is None
    assert services[url.host]["image"] == "postgres:15"


def test_secrets_reach_the_containers_only_as_files():
    for name, service in compose()["services"].items():
        for variable, value in (service.get("environment") or {}).items():
            if re.search("PASSWORD|SECRET|TOKEN", variable):
                assert variable.endswith("_FILE"), f"{name}: {variable}"
                assert str(value).startswith("/run/secrets/"), f"{name}: {variable}"
    assert all("file" in secret for secret in compose()["secrets"].values())


def test_the_proxy_keeps_a_reader_on_one_replica_and_passes_websockets():
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    mounted = compose()["services"]["proxy"]["volumes"]

    assert re.search(r"^\s*(ip_hash|hash \S+ consistent);", config, re.MULTILINE)
    assert "proxy_set_header Upgrade $http_upgrade;" in config
    assert "proxy_set_header Host $host;" in config
    assert "./deploy/nginx.conf:/etc/nginx/nginx.conf:ro" in mounted


def test_streamlit_reads_the_public_host_name_from_the_compose_file():
    values = {
        service["environment"]["STREAMLIT_SERVER_ALLOWED_HOSTS"]
        for service in app_services().values()
    }
    assert len(values) == 1
    shown = subprocess.run(
        [sys.executable, "-m", "streamlit", "config", "show"],
        cwd=ROOT,
        env={**os.environ, "STREAMLIT_SERVER_ALLOWED_HOSTS": values.pop()},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    listed = re.search(r"^allowedHosts = (\[.*?\])", shown, re.DOTALL | re.MULTILINE)
    allowed = tomllib.loads(f"hosts = {listed.group(1)}")["hosts"]

    assert PUBLIC_HOST in allowed
    assert "localhost" in allowed


def nginx_location(path: str) -> str:
    """The body of the nginx ``location`` block for ``path``."""
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    pattern = rf"location (?:= )?{re.escape(path)} \{{(.*?)\n        \}}"
    return re.search(pattern, config, re.DOTALL).group(1)


def megabytes(size: str) -> int:
    """An nginx size such as ``50m`` in MiB."""
    return int(size.removesuffix("m"))


def test_uploads_are_capped_at_the_largest_file_the_desk_takes():
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    largest = max(MAX_SOURCE_BYTES, MAX_IMPORT_BYTES, MAX_UPLOAD_BYTES)
    uploads = nginx_location("/_stcore/upload_file/")
    body_sizes = re.findall(
        r"client_max_body_size (\d+m);", (ROOT / "deploy" / "nginx.conf").read_text()
    )
    upload_size = re.search(r"client_max_body_size (\d+m);", uploads).group(1)
    body_sizes.remove(upload_size)

    assert settings["server"]["maxUploadSize"] == math.ceil(largest / 2**20)
    assert megabytes(upload_size) == settings["server"]["maxUploadSize"]
    assert "limit_req zone=frontline_uploads" in uploads
    assert body_sizes
    assert all(megabytes(size) <= 1 for size in body_sizes)


def test_the_proxy_keeps_streamlit_metrics_from_the_public():
    assert "return 404;" in nginx_location("/_stcore/metrics")
