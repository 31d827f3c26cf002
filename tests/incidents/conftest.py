"""Stores for the incident tests: a real SQLite file, and a real PostgreSQL database.

PostgreSQL: `INCIDENTS_TEST_PG_URL` names a server (`.ci/run` starts one). Each test
gets a database of its own, created and dropped around it. Without the variable the
PostgreSQL tests skip locally; under CI=true they fail, as they do when it is unreachable.
"""

import os
import uuid

import pytest
import sqlalchemy as sa

PG_ENV = "INCIDENTS_TEST_PG_URL"


def _postgres_server() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"{PG_ENV} is not set: under CI the PostgreSQL tests are required")
        pytest.skip(f"no PostgreSQL server: set {PG_ENV} (see .ci/run) to run these tests")
    return url


@pytest.fixture
def pg_url():
    """A fresh, empty PostgreSQL database on the test server, dropped afterwards."""
    server = _postgres_server()
    name = f"incidents_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        pytest.fail(f"PostgreSQL at {server} is unreachable: {exc.orig}")
    yield sa.make_url(server).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request):
    """Each test using this runs twice: on an SQLite file and on a PostgreSQL database."""
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")


@pytest.fixture
def store(store_url):
    from incidents.storage.store import Store

    opened = Store(store_url)
    yield opened
    opened.close()
