"""The connection's transactions: all or nothing, nested blocks roll back alone."""

import sqlite3
import subprocess
import sys

import pytest

from seguimiento_desktop.storage.connection import Database


@pytest.fixture
def db(tmp_path):
    database = Database(sqlite3.connect(tmp_path / "t.sqlite", isolation_level=None))
    database.execute("CREATE TABLE t (x INTEGER)")
    yield database
    database.close()


def values(db):
    return [row[0] for row in db.execute("SELECT x FROM t ORDER BY x")]


def test_a_failed_block_writes_nothing(db):
    with pytest.raises(RuntimeError):
        with db.atomic():
            db.execute("INSERT INTO t VALUES (?)", [1])
            raise RuntimeError("power cut")
    assert values(db) == [] and not db.conn.in_transaction


def test_a_failed_nested_block_undoes_only_itself(db):
    with db.atomic():
        db.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(ValueError):
            with db.atomic():
                db.execute("INSERT INTO t VALUES (2)")
                raise ValueError
        db.execute("INSERT INTO t VALUES (3)")
    assert values(db) == [1, 3]


def test_opening_an_up_to_date_database_does_not_import_sqlite_utils(tmp_path):
    """sqlite_utils (migrations) costs a quarter of a second at every GUI start."""
    path = tmp_path / "p.sqlite"
    code = ("import sys\nfrom seguimiento_desktop.services import Workspace\n"
            f"Workspace.open({str(path)!r}).close()\n"
            "print('sqlite_utils' in sys.modules)\n")
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (first.stdout.strip(), again.stdout.strip()) == ("True", "False"), again.stderr
