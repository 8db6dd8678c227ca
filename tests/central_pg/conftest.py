"""The PostgreSQL cluster the central-store tests share (one per test process, removed at
its end, and a cluster a killed run left behind removed at the start of the next).

Without Debian's server binaries (or psycopg) every test that needs the cluster is
skipped with the reason, shown by ``-ra``; CI installs them (.ci/run, the test extra).
Central tests elsewhere run on both stores by importing ``central_address``, ``pg_url``
and ``pg_cluster`` from here (``tests/unit/test_sync_merge.py``).
"""

import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # throwaway_pg, also when imported elsewhere
from throwaway_pg import PASSWORD, missing_reason, shared_cluster  # noqa: E402

@pytest.fixture(scope="session")
def pg_cluster():
    reason = missing_reason()
    try:
        import psycopg  # noqa: F401
    except ImportError:
        reason = reason or "psycopg is not installed (pip install -e '.[central-pg]')"
    if reason:
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    return shared_cluster()


@pytest.fixture
def pg_url(pg_cluster, monkeypatch) -> str:
    """A fresh, empty database on the shared cluster; the password comes from PGPASSWORD."""
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    # Unique whichever module the fixture was imported into (each has its own globals).
    return pg_cluster.create_database(f"central_{uuid.uuid4().hex[:12]}")


@pytest.fixture(params=["sqlite", "postgresql"])
def central_address(request, tmp_path) -> str:
    """Where a test's central office lives: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "central.sqlite")
    return request.getfixturevalue("pg_url")
