"""The throwaway PostgreSQL server that the storage tests run against.

Nothing here is skipped: without a working PostgreSQL these tests fail and say why.
"""

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import OperationalError

from tests.postgres_server import URL_VARIABLE, fresh_database, running_postgres


@pytest.fixture(scope="module")
def server_url():
    with running_postgres() as url:
        yield url


def scalar(url: str, query: str):
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(query)).scalar_one()
    finally:
        engine.dispose()


def table_names(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        return inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_server_answers_a_query(server_url):
    assert server_url.startswith("postgresql+psycopg://")
    assert scalar(server_url, "select 1") == 1


def test_fresh_databases_are_independent(server_url):
    first = fresh_database(server_url, "independence_first")
    second = fresh_database(server_url, "independence_second")
    engine = create_engine(first)
    with engine.begin() as connection:
        connection.execute(text("create table reports (report_id text primary key)"))
    engine.dispose()

    assert table_names(first) == ["reports"]
    assert table_names(second) == []


def test_fresh_database_replaces_one_left_behind(server_url):
    url = fresh_database(server_url, "left_behind")
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("create table reports (report_id text primary key)"))
    engine.dispose()

    assert table_names(fresh_database(server_url, "left_behind")) == []


def test_fresh_database_rejects_a_name_it_cannot_use_in_a_url(server_url):
    with pytest.raises(ValueError, match="'Bad-Name' must be 1-63 lowercase letters"):
        fresh_database(server_url, "Bad-Name")


def test_server_is_gone_after_the_context_exits(monkeypatch):
    monkeypatch.delenv(URL_VARIABLE, raising=False)
    with running_postgres() as url:
        assert scalar(url, "select 1") == 1

    with pytest.raises(OperationalError, match="Connection refused"):
        scalar(url, "select 1")
