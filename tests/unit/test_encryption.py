"""Encryption at rest (storage/encryption.py): the opening function, the conversion of a
clear plantel, and no name or CURP of the demo students in any file written encrypted."""

import os
import sqlite3
from pathlib import Path

import pytest

from seguimiento_desktop.errors import DatabaseError
from seguimiento_desktop.services import Workspace
from seguimiento_desktop.storage import encryption

KEY = bytes(range(32))


@pytest.fixture(scope="module")
def demo_plantel(tmp_path_factory) -> Path:
    """A clear demo plantel of 60 students (the template each test copies)."""
    path = tmp_path_factory.mktemp("demo") / "plantel.sqlite"
    with Workspace.open(path) as workspace:
        workspace.fill_demo(60)
    return path


def _copy(source: Path, folder: Path) -> Path:
    target = folder / source.name
    target.write_bytes(source.read_bytes())
    return target


def _names_and_curps(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT curp, given_names || ' ' || first_surname, phone "
                            "FROM students").fetchall()
    return [value for row in rows for value in row if value and len(value) >= 5]


def _leaks(files: list[Path], secrets: list[str]) -> list[str]:
    """What of ``secrets`` a ``strings``-like scan of ``files`` finds (UTF-8, any case)."""
    found = []
    for file in files:
        data = file.read_bytes().lower()
        found += [f"{file.name}: {s}" for s in secrets if s.lower().encode() in data]
    return found


def test_a_converted_plantel_opens_only_with_its_key_and_keeps_every_row(demo_plantel,
                                                                            tmp_path):
    path = _copy(demo_plantel, tmp_path)
    with sqlite3.connect(path) as conn:
        before = encryption.table_counts(conn)
    assert encryption.encrypt_in_place(path, KEY) is True
    assert encryption.is_encrypted(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plantel.sqlite"]  # nothing aside
    conn = encryption.connect(path, KEY)
    try:
        assert encryption.table_counts(conn) == before
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
    finally:
        conn.close()
    assert encryption.encrypt_in_place(path, KEY) is False  # already done: nothing to do


def test_a_wrong_key_is_told_in_spanish(demo_plantel, tmp_path):
    path = _copy(demo_plantel, tmp_path)
    encryption.encrypt_in_place(path, KEY)
    with pytest.raises(DatabaseError, match="La llave no abre la base de datos plantel.sqlite"):
        encryption.connect(path, os.urandom(32))
    with pytest.raises(sqlite3.DatabaseError):  # and the plain SQLite tools see nothing
        with sqlite3.connect(path) as conn:
            conn.execute("SELECT count(*) FROM students").fetchone()


def test_no_file_written_for_an_encrypted_plantel_shows_a_name_or_curp(demo_plantel,
                                                                      tmp_path):
    secrets = _names_and_curps(demo_plantel)
    assert len(secrets) > 100 and _leaks([demo_plantel], secrets)  # the clear file shows them
    path = _copy(demo_plantel, tmp_path)
    encryption.encrypt_in_place(path, KEY)
    conn = encryption.connect(path, KEY, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")  # the edits stay in the WAL to be scanned
    conn.execute("UPDATE students SET given_names = given_names || ''")
    conn.execute("CREATE TEMP TABLE t AS SELECT * FROM students ORDER BY first_surname")  # temp store
    backup = encryption.connect(tmp_path / "respaldo.sqlite", KEY)
    conn.backup(backup)  # a backup of an encrypted database is written with its key
    backup.close()
    files = [p for p in tmp_path.iterdir() if p.is_file()]
    assert {p.name for p in files} >= {"plantel.sqlite", "plantel.sqlite-wal",
                                       "respaldo.sqlite"}
    assert Path(f"{path}-wal").stat().st_size > 0
    try:
        assert _leaks(files, secrets) == []
    finally:
        conn.close()


def test_a_conversion_that_cannot_verify_changes_nothing(demo_plantel, tmp_path, monkeypatch):
    path = _copy(demo_plantel, tmp_path)
    original = path.read_bytes()

    def lose_a_row(partial, key, expected, version):
        raise OSError("la copia cifrada no pasó la verificación")
    monkeypatch.setattr(encryption, "_verify", lose_a_row)
    with pytest.raises(DatabaseError, match="No se cambió nada"):
        encryption.encrypt_in_place(path, KEY)
    assert path.read_bytes() == original and not encryption.is_encrypted(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plantel.sqlite"]


def test_leftovers_of_a_killed_swap_are_finished(demo_plantel, tmp_path):
    path = _copy(demo_plantel, tmp_path)
    aside = tmp_path / "plantel.sqlite.claro-anterior"
    os.link(path, aside)  # killed after the second name, before the rename
    encryption.finish_leftovers(path)
    assert not aside.exists() and path.read_bytes() == demo_plantel.read_bytes()
    os.link(path, aside)
    encryption.encrypt_in_place(path, KEY)  # converted; the old name overwritten, removed
    assert not aside.exists() and encryption.is_encrypted(path)


def test_a_conversion_stopped_right_after_the_swap_is_finished_by_the_next_open(demo_plantel,
                                                                                tmp_path):
    path = _copy(demo_plantel, tmp_path)
    partial = tmp_path / "plantel.sqlite.cifrando"
    expected, version = encryption._export(path, partial, KEY)
    encryption._verify(partial, KEY, expected, version)
    encryption._swap(path, partial)  # killed here: the clear bytes still under a second name
    aside = tmp_path / "plantel.sqlite.claro-anterior"
    assert encryption.is_encrypted(path) and aside.exists()
    assert encryption.encrypt_in_place(path, KEY) is False
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plantel.sqlite"]


def test_the_store_opened_with_a_key_converts_a_clear_plantel_and_works_as_before(
        demo_plantel, tmp_path):
    from seguimiento_desktop.storage.database import open_store
    path = _copy(demo_plantel, tmp_path)
    with sqlite3.connect(path) as conn:
        before = encryption.table_counts(conn)
    store = open_store(path, create=False, key=KEY)
    try:
        assert store.key == KEY and encryption.is_encrypted(path)
        assert encryption.table_counts(store.db.conn) == before
        hits = store.db.execute("SELECT count(*) FROM students_fts WHERE students_fts MATCH "
                                "'ari'").fetchone()[0]  # the trigram index came along
        assert hits > 0
    finally:
        store.close()
    (tmp_path / "plantel.sqlite.llaves").write_text("{}")  # its key file beside it
    with pytest.raises(DatabaseError, match="está cifrada: se abre al iniciar sesión"):
        open_store(path, create=False)
    with pytest.raises(DatabaseError, match="La llave no abre"):
        open_store(path, create=False, key=os.urandom(32))


def test_backups_automatic_copies_and_a_restore_of_an_encrypted_plantel_stay_encrypted(
        demo_plantel, tmp_path):
    from seguimiento_desktop.progress import NEVER_CANCELLED, no_progress
    from seguimiento_desktop.storage.automatic_backups import run_automatic_backup
    from seguimiento_desktop.storage.backups import backup_database
    from seguimiento_desktop.storage.database import open_store
    from seguimiento_desktop.storage.restores import describe_backup, restore_backup
    secrets = _names_and_curps(demo_plantel)
    path = _copy(demo_plantel, tmp_path)
    store = open_store(path, create=False, key=KEY)
    try:
        (tmp_path / "usb").mkdir()
        manual = backup_database(store, tmp_path / "usb" / "respaldo.sqlite", no_progress,
                                 NEVER_CANCELLED)
        automatic = run_automatic_backup(store)
        assert automatic.problems == () and automatic.written
        assert describe_backup(manual, KEY).students == 60
        with pytest.raises(DatabaseError, match="no es un respaldo"):
            describe_backup(manual)  # without the key a backup says nothing
        restore_backup(store, manual, no_progress, NEVER_CANCELLED)
        assert store.db.execute("SELECT count(*) FROM students").fetchone()[0] == 60
        files = [p for p in tmp_path.rglob("*") if p.is_file()]
        assert len(files) >= 4  # the database, its copy before restoring, both automatic…
        assert all(encryption.is_encrypted(p) for p in files if p.suffix == ".sqlite")
        assert _leaks(files, secrets) == []
    finally:
        store.close()


def test_the_key_a_sign_in_unwraps_opens_the_converted_plantel(demo_plantel, tmp_path):
    """The key is the accounts' database key: the slot a password opens yields it, and a
    Workspace on the encrypted store accepts that session."""
    from seguimiento_desktop.storage.database import open_store
    from tests.conftest import TEST_PASSWORD, TEST_USER, add_administrator
    path = _copy(demo_plantel, tmp_path)
    add_administrator(path)
    with Workspace.sign_in(path, TEST_USER, TEST_PASSWORD) as signed:
        session = signed.session
    with Workspace(open_store(path, create=False, key=session.key), session) as workspace:
        assert encryption.is_encrypted(path)
        assert workspace.count_students() == 60
    with pytest.raises(DatabaseError, match="está cifrada"):
        Workspace.open(path, create=False)  # today's door without the key



@pytest.mark.parametrize("key", [None, KEY], ids=["clear", "encrypted"])
def test_every_connection_zeroes_what_a_delete_frees(tmp_path, key):
    """secure_delete: a purged phone does not linger in the file's free pages (shown on a
    clear file, whose bytes a tool can read; the encrypted one gets the same pragma)."""
    path = tmp_path / "plantel.sqlite"
    secret = "TELEFONO-DEPURADO-5512345678"
    conn = encryption.connect(path, key, isolation_level=None)
    try:
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
        conn.execute("CREATE TABLE t (x TEXT)")
        conn.executemany("INSERT INTO t VALUES (?)", [(f"{secret}-{n}",) for n in range(200)])
        assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 200
        conn.execute("DELETE FROM t WHERE x > ''")  # row by row (not a truncation)
    finally:
        conn.close()
    assert secret.encode() not in path.read_bytes()


def test_a_clear_backup_from_before_is_encrypted_as_it_is_restored(demo_plantel, tmp_path):
    """Item of the switch: a backup written while the plantel was still clear goes back in
    encrypted with the current key; nothing clear is left beside the database."""
    from seguimiento_desktop.progress import NEVER_CANCELLED, no_progress
    from seguimiento_desktop.storage.database import open_store
    from seguimiento_desktop.storage.restores import describe_backup, restore_backup
    secrets = _names_and_curps(demo_plantel)
    (tmp_path / "usb").mkdir()
    old = _copy(demo_plantel, tmp_path / "usb")  # clear, from before the upgrade
    (tmp_path / "plantel").mkdir()
    path = _copy(demo_plantel, tmp_path / "plantel")
    store = open_store(path, create=False, key=KEY)  # converted
    try:
        store.db.execute("UPDATE students SET deleted = 1")
        assert describe_backup(old, KEY).students == 60  # read without the key: it is clear
        restore_backup(store, old, no_progress, NEVER_CANCELLED)
        assert store.db.execute("SELECT count(*) FROM students WHERE deleted = 0"
                                ).fetchone()[0] == 60
    finally:
        store.close()
    files = [p for p in (tmp_path / "plantel").rglob("*") if p.is_file()]
    assert encryption.is_encrypted(path) and len(files) >= 2  # and the copy before restoring
    assert not any("a-cifrar" in p.name for p in files)
    assert _leaks(files, secrets) == []


def test_copies_made_while_clear_are_encrypted_by_the_next_automatic_backup(demo_plantel,
                                                                          tmp_path):
    """Automatic copies of the days before the upgrade (and the weekly one) do not stay
    readable for weeks until rotation: the first automatic backup after the conversion
    encrypts them, and they still open with the plantel's key."""
    from datetime import date

    from seguimiento_desktop.storage.automatic_backups import run_automatic_backup
    from seguimiento_desktop.storage.database import open_store
    from seguimiento_desktop.storage.restores import describe_backup
    secrets = _names_and_curps(demo_plantel)
    path = _copy(demo_plantel, tmp_path)
    store = open_store(path, create=False)
    try:
        before = run_automatic_backup(store, date(2026, 6, 9)).written
    finally:
        store.close()
    assert _leaks(list(before), secrets)  # written clear, before the upgrade
    other = before[0].parent / "otro-diario-2026-06-09.sqlite"  # another database's copy
    other.write_bytes(demo_plantel.read_bytes())
    store = open_store(path, create=False, key=KEY)
    try:
        assert run_automatic_backup(store).ok
    finally:
        store.close()
    copies = [p for p in tmp_path.rglob("plantel-*.sqlite")]
    assert len(copies) == 4  # two days, daily and weekly each (one week)
    assert _leaks([p for p in tmp_path.rglob("*") if p.is_file() and p != other],
                  secrets) == []
    assert describe_backup(before[0], KEY).students == 60
    assert not encryption.is_encrypted(other)  # not ours to encrypt
