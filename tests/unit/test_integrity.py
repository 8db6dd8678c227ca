"""The quick check at start: a damaged database is not opened, the newest good backup is
named, and putting it back keeps the damaged file aside."""

import os
import time
from datetime import date

import pytest

from seguimiento_desktop.domain.models import StudentQuery
from seguimiento_desktop.services import Workspace
from seguimiento_desktop.storage import automatic_backups, integrity
from seguimiento_desktop.storage.integrity import DamagedDatabase
from tests.conftest import TEST_PASSWORD, TEST_USER, add_administrator, raw_connection


def damage(path) -> None:
    """Overwrite a page in the middle of the students' table: a real, detectable damage."""
    with raw_connection(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'students'"
                            ).fetchone()[0]
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])  # text in SQLCipher
    integrity._checked.clear()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * 64)


@pytest.fixture
def plantel(db_path):
    with Workspace.open(db_path) as workspace:
        workspace.fill_demo(80, with_followup=False)
        first = automatic_backups.run_automatic_backup(workspace.store, date(2026, 6, 9))
        workspace.fill_demo(90, with_followup=False)
        newest = automatic_backups.run_automatic_backup(workspace.store, date(2026, 6, 10))
    assert first.ok and newest.ok
    older = first.written[0]
    os.utime(older, (time.time() - 86400, time.time() - 86400))
    return db_path


def test_a_damaged_database_is_not_opened_and_the_newest_good_backup_is_named(plantel):
    damage(plantel)
    before = plantel.read_bytes()
    with pytest.raises(DamagedDatabase) as raised:
        Workspace.open(plantel)
    message = str(raised.value)
    assert "está dañado" in message and "no se abrió para escribir" in message.lower()
    assert "plantel-diario-2026-06-10.sqlite" in message and "90 alumnos" in message
    assert raised.value.backup.students == 90
    assert plantel.read_bytes() == before  # not opened for writing


def test_a_damaged_backup_is_passed_over_for_an_older_good_one(plantel):
    folder = automatic_backups.automatic_folder(plantel)
    damage(folder / "plantel-diario-2026-06-10.sqlite")
    damage(folder / "plantel-semanal-2026-S24.sqlite")
    found = integrity.newest_good_backup(plantel)
    assert found.path.name == "plantel-diario-2026-06-09.sqlite" and found.students == 80


def test_putting_the_backup_back_keeps_the_damaged_file_aside(plantel):
    damage(plantel)
    damaged_bytes = plantel.read_bytes()
    with pytest.raises(DamagedDatabase) as raised:
        Workspace.open(plantel)
    aside = integrity.replace_damaged(plantel, raised.value.backup.path)
    assert aside.read_bytes() == damaged_bytes and "dañada" in aside.name
    with Workspace.open(plantel) as workspace:
        assert workspace.count_students() == 90
    assert integrity.newest_good_backup(plantel).path != aside


def test_no_backup_at_all_says_where_it_looked(db_path):
    with Workspace.open(db_path) as workspace:
        workspace.fill_demo(5, with_followup=False)
    damage(db_path)
    with pytest.raises(DamagedDatabase, match="No se encontró un respaldo bueno"):
        Workspace.open(db_path)


def test_a_deferred_check_lets_the_directory_be_read_but_nothing_written(plantel):
    damage(plantel)
    before = plantel.read_bytes()
    integrity.defer(plantel)  # the GUI's start: the directory paints before the check
    with Workspace.open(plantel) as workspace:
        assert workspace.count_students() == 90
        with pytest.raises(DamagedDatabase) as raised, workspace.store.transaction() as db:
            db.execute("DELETE FROM settings")
        assert "está dañado" in str(raised.value)
        assert raised.value.backup.students == 90  # the same offer as at opening
        with pytest.raises(DamagedDatabase):  # a write outside a transaction: refused too
            workspace.store.db.execute("DELETE FROM settings")
        assert integrity.check_deferred(workspace.store.db.conn, plantel) is not None
    assert plantel.read_bytes() == before


def test_searching_before_the_deferred_check_neither_waits_for_it_nor_writes(plantel):
    integrity._checked.clear()
    integrity.defer(plantel)
    before = plantel.read_bytes()
    with Workspace.open(plantel) as workspace:
        rows, total = workspace.find_students_page(StudentQuery(text="garc", limit=5))
        assert total > 0 and rows  # its hits kept in a temporary table: not the file
        assert integrity.is_deferred(plantel)  # the search did not run the check
    assert plantel.read_bytes() == before


def test_a_whole_deferred_database_is_written_once_checked(plantel):
    integrity._checked.clear()
    integrity.defer(plantel)
    with Workspace.open(plantel) as workspace:
        assert integrity.is_deferred(plantel)
        with workspace.store.transaction() as db:  # the first write checks, then writes
            db.execute("INSERT INTO settings(key, value) VALUES ('prueba', '1')")
        assert not integrity.is_deferred(plantel)
        assert db.execute("SELECT value FROM settings WHERE key = 'prueba'").fetchone() == ("1",)
    with Workspace.open(plantel) as workspace:  # checked once per process, as before
        workspace.store.db.execute("DELETE FROM settings WHERE key = 'nada'")


def test_a_sign_in_before_the_check_writes_nothing_until_the_check_passes(plantel):
    add_administrator(plantel)
    with pytest.raises(Exception):
        Workspace.sign_in(plantel, TEST_USER, "equivocada")
    integrity._checked.clear()
    integrity.defer(plantel)  # the GUI's start: the sign-in comes before the check
    with Workspace.sign_in(plantel, TEST_USER, TEST_PASSWORD) as signed:
        session = signed.session
    with Workspace.open(plantel, session=session) as workspace:
        assert workspace.seconds_before_next_attempt() == 0  # the failure count reset now
        assert [e.action for e in workspace.audit_log()][0] == "crear_administrador"
        assert integrity.check_deferred(workspace.store.db.conn, plantel, session.key) is None
        workspace.write_pending_lines()  # the writer's first job, after the check
        assert [e.action for e in workspace.audit_log()][:3] == [
            "inicio_sesion", "inicio_fallido", "crear_administrador"]
        assert workspace.verify_audit_chain().ok


def test_a_database_another_program_holds_is_said_to_be_busy_never_damaged(plantel,
                                                                           monkeypatch):
    """A lock held past the busy timeout says nothing about the pages: reported as damage,
    it would offer to put an older backup in place of a whole database."""
    from seguimiento_desktop.errors import DatabaseError
    from seguimiento_desktop.storage import database
    monkeypatch.setattr(database, "BUSY_TIMEOUT_S", 0.2)
    integrity._checked.clear()
    holder = raw_connection(plantel)  # another program, holding the file's lock
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseError) as raised:
            Workspace.open(plantel)
    finally:
        holder.close()
    assert not isinstance(raised.value, DamagedDatabase)
    assert "ocupada por otro programa" in str(raised.value)
    with Workspace.open(plantel) as workspace:  # once the other program lets go: whole
        assert workspace.count_students() == 90
