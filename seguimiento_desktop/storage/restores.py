"""Putting a backup back: look at it first, keep the current database aside, then restore.

A restore copies the backup into the open database with SQLite's online backup API, so
the file, its WAL and every other connection stay consistent. Two things must not go back
in time with the data, or edits made after the restore would lose to older versions at
the central office: the hybrid clock's high-water mark and this installation's identity
(a backup from another PC of the same plantel would otherwise make two PCs one).
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from seguimiento_desktop.errors import DatabaseError, FileUnreadable
from seguimiento_desktop.progress import CancelToken, Progress
from seguimiento_desktop.storage import encryption, private
from seguimiento_desktop.storage.automatic_backups import _copy_key_file as copy_key_file
from seguimiento_desktop.storage.backups import backup_database
from seguimiento_desktop.storage.database import BACKUP_FOLDER, Store
from seguimiento_desktop.storage.migrations import SCHEMA_VERSION, migrations

# Never back in time across a restore: this PC's identity stays, and the clock and the lowest
# bundle number the office may not have seen (sync/numbering.py) keep the greater value of
# the database before and the backup.
IDENTITY = "installation_id"
MONOTONIC_SETTINGS = ("hlc_last", "sync.seq_floor")


def _settings(store: Store) -> dict[str, str]:
    keys = (IDENTITY,) + MONOTONIC_SETTINGS
    return dict(store.db.execute(f"SELECT key, value FROM settings WHERE key IN {keys}")
                .fetchall())


def _never_back_in_time(before: dict[str, str], restored: dict[str, str]) -> dict[str, str]:
    kept = {IDENTITY: before[IDENTITY]} if IDENTITY in before else {}
    for key in MONOTONIC_SETTINGS:
        if key in before or key in restored:
            kept[key] = str(max(int(before.get(key) or 0), int(restored.get(key) or 0)))
    return kept


@dataclass(frozen=True)
class BackupSummary:
    """What a backup holds, shown to the person before anything is replaced."""

    path: Path
    school_cct: str
    school_name: str
    students: int
    responses: int
    saved_at: datetime  # when the file was last written

    def description(self) -> str:
        """What the backup holds, in one Spanish sentence (CLI and GUI say the same)."""
        from seguimiento_desktop.domain.dates import local_datetime
        from seguimiento_desktop.domain.text import quantity
        school = f"{self.school_cct} — {self.school_name}" if self.school_cct else "sin plantel"
        return (f"Respaldo {self.path.name}, guardado el {local_datetime(self.saved_at)}: "
                f"plantel {school}, {quantity(self.students, 'alumno')} y "
                f"{quantity(self.responses, 'cuestionario')}.")


def describe_backup(path: Path, key: bytes | None = None) -> BackupSummary:
    """Read a backup (encrypted with ``key``, if given; a clear one from before encryption
    is read without) without changing it; DatabaseError in Spanish if it is not one of ours."""
    if not path.is_file():
        raise FileUnreadable(f"No existe el archivo {path}. Elija el archivo del respaldo "
                             "(termina en .sqlite).")
    try:
        clear = key is None or encryption.opens_clear(path)
        source = encryption.connect(path, None if clear else key, read_only=True)
        try:
            return _summary(source, path)
        finally:
            source.close()
    except (*encryption.database_errors(), encryption.WrongKey) as error:
        raise DatabaseError(f"{path.name} no es un respaldo de Seguimiento de Egresados de este "
                            f"plantel o está dañado ({error.__cause__ or error}). Elija otro "
                            "archivo.") from error


def _summary(source: sqlite3.Connection, path: Path) -> BackupSummary:
    if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise DatabaseError(f"El respaldo {path.name} está dañado (no pasó la revisión de "
                            "integridad). Elija un respaldo más antiguo.")
    version = source.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise DatabaseError(f"El respaldo {path.name} fue hecho por una versión más nueva del "
                            "programa. Instale la versión más reciente para restaurarlo.")
    tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master")}
    if not {"schools", "students", "responses", "settings"} <= tables:
        raise DatabaseError(f"{path.name} no es un respaldo de Seguimiento de Egresados. "
                            "Elija el archivo que guardó con «Respaldar base de datos».")
    school = source.execute("SELECT cct, name FROM schools LIMIT 1").fetchone() or ("", "")
    students = source.execute("SELECT count(*) FROM students WHERE deleted = 0").fetchone()[0]
    responses = source.execute("SELECT count(*) FROM responses WHERE deleted = 0").fetchone()[0]
    return BackupSummary(path, school[0], school[1], students, responses,
                         datetime.fromtimestamp(path.stat().st_mtime))


@contextmanager
def _encrypted_copy(store: Store, source_path: Path) -> Iterator[Path]:
    """A clear backup (made before the plantel was encrypted) copied beside the database and
    encrypted with its key, so the restored data stay encrypted; removed afterwards."""
    describe_backup(source_path)  # ours and whole, before anything is written
    copy = store.path.parent / BACKUP_FOLDER / f".{store.path.stem}-respaldo-a-cifrar.sqlite"
    private.make_folder(copy.parent)
    copy.unlink(missing_ok=True)
    private.create_private(copy)
    try:
        source, target = (encryption.connect(source_path, read_only=True),
                          encryption.connect(copy))
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        encryption.encrypt_in_place(copy, store.key)  # the clear copy is overwritten
        yield copy
    finally:
        for leftover in (copy, *(Path(f"{copy}{s}") for s in encryption.SIDE_FILES)):
            leftover.unlink(missing_ok=True)


def restore_backup(store: Store, source_path: Path, progress: Progress,
                   cancel: CancelToken) -> Path:
    """Replace the open database with the backup at ``source_path``.

    The current database is first backed up to ``respaldos/`` next to it (returned), with
    its accounts' key file beside it as every backup has, so a restore can itself be
    undone. The clock and the installation identity are kept. A clear backup from before
    the plantel was encrypted is encrypted with the current key on the way in.
    """
    if store.key is not None and encryption.opens_clear(source_path):
        with _encrypted_copy(store, source_path) as converted:  # a backup from before
            return restore_backup(store, converted, progress, cancel)
    describe_backup(source_path, store.key)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = (store.path.parent / BACKUP_FOLDER
             / f"{store.path.stem}-antes-de-restaurar-{stamp}.sqlite")
    private.make_folder(aside.parent)
    backup_database(store, aside, progress, cancel)
    copy_key_file(store.path, aside)  # with accounts it opens with the same passwords
    before = _settings(store)
    before["hlc_last"] = str(max(store.clock.last, int(before.get("hlc_last") or 0)))
    progress(0, 1, "Restaurando el respaldo…")
    try:
        source = encryption.connect(source_path, store.key, read_only=True)
        try:
            source.backup(store.db.conn)
        finally:
            source.close()
        if store.db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            migrations.apply(store.db)  # an older backup: bring it to this version's schema
            store.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        kept = _never_back_in_time(before, _settings(store))
        with store.db.atomic():
            store.db.conn.executemany(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value", kept.items())
    except encryption.errors() as error:
        raise DatabaseError(f"No se pudo restaurar el respaldo ({error}). La base de datos "
                            f"anterior quedó guardada en {aside}.") from error
    progress(1, 1, "Respaldo restaurado.")
    return aside
