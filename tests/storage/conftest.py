"""Every storage test runs twice: on a SQLite file and on a live PostgreSQL server."""

import uuid

import pytest

from storage.access import Identity, Role
from storage.database import open_database
from storage.reports import seed_city
from tests.conftest import report
from tests.postgres_server import fresh_database, running_postgres

EDITOR = Identity("Alice Editor", Role.EDITOR, "password")
SECOND_EDITOR = Identity("Bob Editor", Role.EDITOR, "password")
VIEWER = Identity("Victor Viewer", Role.VIEWER, "oidc")

SEED_REPORTS = [
    report("r1", "2020-01-05", "west", "held", actor="blue"),
    report("r2", "2020-01-06", "east", "held", actor="red"),
]


@pytest.fixture(scope="session")
def postgres_server():
    """One throwaway PostgreSQL cluster for the whole run, started by the tests."""
    with running_postgres() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """An empty database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'frontline.sqlite3'}"
    server = request.getfixturevalue("postgres_server")
    return fresh_database(server, f"test_{uuid.uuid4().hex[:12]}")


@pytest.fixture
def engine(database_url):
    engine = open_database(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def city(make_city):
    """The two-square test city with two seed reports."""
    return make_city(SEED_REPORTS)


@pytest.fixture
def seeded(engine, city):
    """An engine whose database holds the test city's seed."""
    seed_city(engine, city)
    return engine
