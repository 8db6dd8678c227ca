"""Databases made by older versions of the app are upgraded in place, losing nothing."""


from sqlite_utils import Database

from seguimiento_desktop.services import Workspace
from seguimiento_desktop.storage.migrations import SCHEMA_VERSION, migrations
from tests.conftest import raw_connection


def make_version_1_database(path):
    """A database as version 1 of the schema left it, with one student."""
    db = Database(raw_connection(path, isolation_level=None))
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


def test_a_version_3_directory_is_sorted_again_in_spanish_order(tmp_path):
    """Before 0004 the sort key folded Ñ into N (NÚÑEZ tied with NUNEZ, before NUO)."""
    path = tmp_path / "v3.sqlite"
    db = Database(raw_connection(path, isolation_level=None))
    migrations.apply(db, stop_before="0004_spanish_sort_key")
    db.execute("PRAGMA user_version = 3")
    for rowid, surname, old_key in ((1, "NUO", "nuo"), (2, "NÚÑEZ", "nunez"),
                                    (3, "NUNEZ", "nunez")):
        db.execute("INSERT INTO students(rowid, seq, id, curp, given_names, first_surname, "
                   "updated_at, origin, sort_key) VALUES (?, ?, ?, ?, 'ANA', ?, 1, 'x', ?)",
                   [rowid, rowid, f"id{rowid}", f"CURP{rowid}", surname, old_key])
    db.conn.close()
    with Workspace.open(path) as ws:
        assert [s.first_surname for s in ws.find_students()] == ["NUNEZ", "NÚÑEZ", "NUO"]


def test_the_students_index_no_query_reads_is_dropped_on_upgrade(tmp_path):
    path = tmp_path / "v1.sqlite"
    make_version_1_database(path)
    with Workspace.open(path) as ws:
        indexes = {name for (name,) in ws.store.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'students'")}
        assert "students_updated" not in indexes
        assert {"students_curp", "students_seq", "students_sync_rev"} <= indexes
