"""The PostgreSQL cluster the central-store tests share (one per session, removed after).

Without Debian's server binaries (or psycopg) every test that needs the cluster is
skipped with the reason, shown by ``-ra``; CI installs them (.ci/run, the test extra).
"""

import itertools

import pytest

from throwaway_pg import PASSWORD, Cluster, missing_reason

_names = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster():
    reason = missing_reason()
    try:
        import psycopg  # noqa: F401
    except ImportError:
        reason = reason or "psycopg is not installed (pip install -e '.[central-pg]')"
    if reason:
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    cluster = Cluster().start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_cluster, monkeypatch) -> str:
    """A fresh, empty database on the shared cluster; the password comes from PGPASSWORD."""
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    return pg_cluster.create_database(f"central_{next(_names)}")


@pytest.fixture(params=["sqlite", "postgresql"])
def central_address(request, tmp_path) -> str:
    """Where a test's central office lives: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "central.sqlite")
    return request.getfixturevalue("pg_url")
