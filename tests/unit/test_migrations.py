"""Databases made by older versions of the app are upgraded in place, losing nothing."""

import sqlite3

from sqlite_utils import Database

from seguimiento_desktop.services import Workspace
from seguimiento_desktop.storage.migrations import SCHEMA_VERSION, migrations


def make_version_1_database(path):
    """A database as version 1 of the schema left it, with one student."""
    db = Database(sqlite3.connect(path, isolation_level=None))
    migrations.apply(db, stop_before="0002_followup")
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO students(id, curp, given_names, first_surname, updated_at, origin, "
               "sort_key) VALUES ('a', 'PEGJ900512HJCRRS04', 'JESÚS', 'PÉREZ', 1, 'x', 'perez')")
    db.execute("INSERT INTO students_fts(rowid, haystack) VALUES (1, 'jesus perez')")
    db.conn.close()


def test_a_version_1_database_is_upgraded_and_keeps_its_students(tmp_path):
    path = tmp_path / "v1.sqlite"
    make_version_1_database(path)
    with Workspace.open(path) as ws:
        assert ws.store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        student = ws.student("a")
        assert student.curp == "PEGJ900512HJCRRS04" and student.seq == 1
        assert ws.find_students()[0].id == "a"
        newcomer = ws.save_student(student.with_changes(id="", curp="SABC560626MDFLRN01",
                                                        given_names="CARMEN", first_surname="SÁNCHEZ"))
        assert ws.student(newcomer.id).seq == 2
