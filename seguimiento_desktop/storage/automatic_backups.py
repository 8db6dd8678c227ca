"""Automatic backups: at the first opening of each day and when the app closes.

Each one is written with SQLite's online backup API (storage/backups.py: aside, then
renamed) into ``respaldos/automaticos/`` next to the database and, when the plantel chose
one, into a second folder (a USB stick, a shared drive); then it is verified: PRAGMA
integrity_check and the same counts as the database at the moment it was copied.
Rotation keeps the 7 newest daily copies and 4 weekly ones (the first copy of each ISO
week). A failure is reported, never raised: closing the app is never held up by a backup.
"""

import shutil
import sqlite3
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from seguimiento_desktop.errors import UserError
from seguimiento_desktop.progress import NEVER_CANCELLED, no_progress
from seguimiento_desktop.storage import encryption, private, sync_state
from seguimiento_desktop.storage.backups import backup_database
from seguimiento_desktop.storage.database import BACKUP_FOLDER, Store
from seguimiento_desktop.storage.files import atomic_output

AUTOMATIC_FOLDER = "automaticos"
EXTRA_FOLDER = "backup.extra_folder"  # setting: a second folder chosen by the plantel
DAILY_KEPT, WEEKLY_KEPT = 7, 4
COUNTED = ("students", "responses", "contact_attempts")
KEY_FILE_SUFFIX = ".llaves"  # accounts/keyslots.sidecar_path


@dataclass(frozen=True)
class AutomaticBackup:
    """What one automatic backup wrote and what went wrong (Spanish, for the person)."""

    written: tuple[Path, ...]
    problems: tuple[str, ...]
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.problems


def automatic_folder(db_path: Path) -> Path:
    return db_path.parent / BACKUP_FOLDER / AUTOMATIC_FOLDER


def daily_name(db_path: Path, day: date) -> str:
    return f"{db_path.stem}-diario-{day.isoformat()}.sqlite"


def weekly_name(db_path: Path, day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{db_path.stem}-semanal-{year}-S{week:02d}.sqlite"


def extra_folder(store: Store) -> Path | None:
    """The second folder the plantel chose for automatic backups, if any."""
    value = sync_state.get_setting(store.db, EXTRA_FOLDER)
    return Path(value) if value else None


def set_extra_folder(store: Store, folder: Path | None) -> None:
    """Choose (or, with None, stop using) a second folder for automatic backups."""
    with store.transaction() as db:
        if folder is None:
            db.execute("DELETE FROM settings WHERE key = ?", [EXTRA_FOLDER])
        else:
            sync_state.set_setting(db, EXTRA_FOLDER, str(Path(folder).resolve()))


def due_today(store: Store, today: date | None = None) -> bool:
    """True until today's daily copy exists in the data folder (the first opening of a day)."""
    today = today or date.today()
    return not (automatic_folder(store.path) / daily_name(store.path, today)).exists()


def run_automatic_backup(store: Store, today: date | None = None) -> AutomaticBackup:
    """Write, verify and rotate today's copy in each folder; never raises for a disk problem."""
    today = today or date.today()
    start = time.perf_counter()
    folders = [automatic_folder(store.path)]
    chosen = extra_folder(store)
    if chosen is not None:
        folders.append(chosen)
    written, problems = [], []
    for number, folder in enumerate(folders):
        try:
            if number == 0:
                private.make_folder(folder)
            elif not folder.is_dir():
                raise UserError(f"No se encontró la carpeta {folder}. Conecte la memoria USB "
                                "(o elija otra carpeta en Archivo → Respaldos automáticos…).")
            written.append(_write_one(store, folder, today))
        except UserError as error:
            problems.append(f"Respaldo automático en {folder}: {error}")
    if store.key is not None:
        _encrypt_old_copies(store, [*folders, store.path.parent / BACKUP_FOLDER])
    return AutomaticBackup(tuple(written), tuple(problems), time.perf_counter() - start)


def _write_one(store: Store, folder: Path, today: date) -> Path:
    daily = folder / daily_name(store.path, today)
    conn = store.db.conn
    _copy_key_file(store.path, daily)  # first: no encrypted copy is ever there without it
    conn.execute("BEGIN")  # one snapshot for the counts and the copy
    try:
        expected = _counts(conn)
        backup_database(store, daily, no_progress, NEVER_CANCELLED)
    finally:
        conn.execute("COMMIT")
    verify_backup(daily, expected, store.key)
    weekly = folder / weekly_name(store.path, today)
    if not weekly.exists():
        _copy_key_file(store.path, weekly)
        try:
            with atomic_output(weekly) as partial:
                shutil.copyfile(daily, partial)
        except OSError as error:
            raise UserError(f"No se pudo copiar el respaldo semanal ({error}).") from error
        verify_backup(weekly, expected, store.key)
    _rotate(folder, store.path)
    return daily


def _encrypt_old_copies(store: Store, folders: list[Path]) -> None:
    """Copies written while the plantel was still clear, encrypted with its key; one that
    had no key file (from before the accounts) gets the database's."""
    from seguimiento_desktop.storage.clear_copies import encrypt_clear_copies
    for copy in encrypt_clear_copies(store.path, folders, store.key):
        if not copy.with_name(copy.name + KEY_FILE_SUFFIX).exists():
            _copy_key_file(store.path, copy)


def _copy_key_file(db_path: Path, copy: Path) -> None:
    """The accounts' key file beside the copy, as Workspace.backup writes it: a copy of a
    database with accounts opens with the same passwords, and only with it."""
    from seguimiento_desktop.accounts import keyslots  # a sidecar, not the core's schema
    keys = keyslots.read_key_file(db_path)
    if keys is not None:
        keys.failures, keys.last_failure = 0, 0.0
        keyslots.write_key_file(copy, keys)


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in COUNTED}


def verify_backup(path: Path, expected: dict[str, int], key: bytes | None = None) -> None:
    """integrity_check and the counts of ``expected`` (the copy opened with ``key``, that of
    an encrypted database); a copy that fails is removed."""
    problem = ""
    try:
        copy = encryption.connect(path, key, read_only=True)
        try:
            check = copy.execute("PRAGMA integrity_check").fetchone()[0]
            found = _counts(copy) if check == "ok" else {}
        finally:
            copy.close()
        if check != "ok":
            problem = f"no pasó la revisión de integridad ({check})"
        elif found != expected:
            problem = f"no tiene lo mismo que la base de datos ({found} en vez de {expected})"
    except (*encryption.errors(), UserError) as error:  # UserError: the key does not open it
        problem = f"no se pudo leer después de escribirlo ({error})"
    if problem:
        path.unlink(missing_ok=True)
        raise UserError(f"La copia {path.name} {problem}; se borró. Revise el disco o la "
                        "memoria USB.")


def _rotate(folder: Path, db_path: Path) -> None:
    """Keep the newest DAILY_KEPT daily and WEEKLY_KEPT weekly copies of this database."""
    for kind, kept in (("diario", DAILY_KEPT), ("semanal", WEEKLY_KEPT)):
        copies = sorted(folder.glob(f"{db_path.stem}-{kind}-*.sqlite"), reverse=True)
        for old in copies[kept:]:  # names sort by date
            try:
                old.unlink()
                old.with_name(old.name + KEY_FILE_SUFFIX).unlink(missing_ok=True)
            except OSError:
                pass  # removed next time; keeping one copy too many harms nothing
