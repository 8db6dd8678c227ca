"""The quick integrity check at start, and the way back from a damaged database.

The first time a process opens a database it runs PRAGMA quick_check. A damaged database
is not opened for writing (writes could spread the damage); the error names the newest
backup that passes its own check, and ``replace_damaged`` puts that backup in place with
the damaged file kept aside, never deleted.

The GUI's start may ``defer`` the check so the directory paints first (quick_check reads
every page: 40 ms clear and 340 ms encrypted at 50,000 students). A deferred database
opens for reading only (SQLite's authorizer refuses writes to the file) and its first
write runs the check before it begins (``ensure_checked``, storage/database.py's
``CheckedBeforeWrite``), so the rule holds however the writes are ordered: nothing is
written before the check has passed. The GUI runs the check as the writer thread's
first job.
"""

import sqlite3
from datetime import datetime
from pathlib import Path

from seguimiento_desktop.errors import DatabaseError
from seguimiento_desktop.storage import faults

DAMAGED_SUFFIX = "dañada"
_checked: set[Path] = set()  # databases this process already found whole
_deferred: set[Path] = set()  # checked at the first write, or by the GUI's first job
_found_damaged: dict[Path, str] = {}  # what a deferred check found: every later write fails


class DamagedDatabase(DatabaseError):
    """The database failed its integrity check; ``backup`` is the newest good one, if any."""

    def __init__(self, message: str, path: Path, backup=None, key: bytes | None = None):
        super().__init__(message)
        self.path = path
        self.backup = backup  # restores.BackupSummary | None
        self.key = key  # the database key, when it was opened after a sign-in


def check_once(conn: sqlite3.Connection, path: Path, key: bytes | None = None) -> None:
    """quick_check the first time this process opens ``path`` (encrypted with ``key``, if
    given); DamagedDatabase if it fails."""
    resolved = path.resolve()
    if resolved in _checked:
        return
    try:
        rows = _quick_check(conn, path)
    except DatabaseError:
        conn.close()  # another program holds it: the caller's open fails
        raise
    if rows != ["ok"]:
        conn.close()  # nothing may write to it, and the file must be movable aside
        raise damaged(path, "; ".join(rows), key)
    _checked.add(resolved)


def _quick_check(conn: sqlite3.Connection, path: Path) -> list[str]:
    """quick_check's rows (["ok"] when whole); a read SQLite refused stands for the damage
    it found, except a lock another program holds (its own error: nothing is known)."""
    from seguimiento_desktop.storage import encryption
    try:
        return [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
    except encryption.database_errors() as error:
        if busy := faults.busy_fault(path, error):
            raise busy from error
        return [str(error)]


def defer(path: Path) -> None:
    """Let this process open ``path`` before its check: for reading only until the check
    passes (run at the first write, or by ``check_deferred``)."""
    resolved = Path(path).resolve()
    if resolved not in _checked:
        _deferred.add(resolved)


def found_whole(resolved: Path) -> bool:
    """Whether this process's check found ``resolved`` (an already resolved path) whole."""
    return resolved in _checked


def is_deferred(path: Path) -> bool:
    """Whether opening ``path`` now skips the check (and its writes wait for it)."""
    return Path(path).resolve() in _deferred


def ensure_checked(conn: sqlite3.Connection, path: Path, key: bytes | None = None) -> None:
    """Before a write on a deferred ``path``: quick_check on ``conn`` unless this process
    already found it whole; DamagedDatabase (nothing written) if it is not. The
    connection stays open for its owner to close."""
    resolved = path.resolve()
    if resolved in _checked:
        return
    detail = _found_damaged.get(resolved)
    if detail is None:
        rows = _quick_check(conn, path)
        if rows == ["ok"]:
            _checked.add(resolved)
            _deferred.discard(resolved)
            return
        detail = _found_damaged[resolved] = "; ".join(rows)
    raise damaged(path, detail, key)


def found_on_reading(path: Path, error: Exception, key: bytes | None = None
                     ) -> "DamagedDatabase | None":
    """A read of a deferred ``path`` that SQLite found damaged (before the check could say
    so): the check's error, and every later write refused; None for any other failure."""
    text = str(error)
    if "malformed" not in text and "not a database" not in text:
        return None
    resolved = Path(path).resolve()
    _found_damaged.setdefault(resolved, text)
    return damaged(Path(path), _found_damaged[resolved], key)


def check_deferred(conn: sqlite3.Connection, path: Path,
                   key: bytes | None = None) -> "DamagedDatabase | None":
    """The GUI writer's first job: the deferred check of ``path`` on ``conn``; the error
    (with the newest good backup) when it is damaged, None when whole."""
    try:
        ensure_checked(conn, path, key)
    except DamagedDatabase as error:
        return error
    return None


def inspect(path: Path, key: bytes | None = None) -> DamagedDatabase | None:
    """quick_check ``path`` read-only, without opening it as the app does; the error it
    would give (with the newest good backup), or None when it is whole. An encrypted
    database is checked with its key (``key``, unwrapped by a sign-in); without it, when it
    is opened after signing in."""
    from seguimiento_desktop.storage import encryption
    if key is None and encryption.looks_encrypted(path):
        return None
    try:
        conn = encryption.connect(path, key, read_only=True)
        try:
            rows = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
        finally:
            conn.close()
    except (*encryption.database_errors(), encryption.WrongKey) as error:
        if busy := faults.busy_fault(path, error):
            raise busy from error
        rows = [str(error.__cause__ or error)]  # the database's own key: damage, not a stranger
    return None if rows == ["ok"] else damaged(path, "; ".join(rows), key)


def damaged(path: Path, detail: str, key: bytes | None = None) -> DamagedDatabase:
    """The error for a damaged ``path`` (encrypted with ``key``, if given), leading to the
    newest good backup."""
    backup = newest_good_backup(path, key=key)
    head = (f"No se pudo abrir la base de datos {path.name}: el archivo está dañado o no es "
            f"una base de datos de Seguimiento de Egresados ({detail[:200]}). No se abrió para "
            "escribir, para no empeorar el daño.")
    if backup is None:
        return DamagedDatabase(
            f"{head} No se encontró un respaldo bueno en {backup_folders(path)[1]}. Restaure un "
            "respaldo que tenga en una memoria USB con «seguimiento reparar ARCHIVO» (o pida "
            "ayuda); no borre el archivo dañado.", path, None, key)
    return DamagedDatabase(
        f"{head}\n\nEl respaldo bueno más reciente es {backup.path}.\n{backup.description()}\n\n"
        "Para volver a él, abra el programa y acepte restaurarlo, o use «seguimiento reparar»; "
        "la base dañada se guarda aparte, no se borra.", path, backup, key)


def backup_folders(db_path: Path) -> list[Path]:
    """Where backups of ``db_path`` are looked for: respaldos/ and its automatic folder."""
    from seguimiento_desktop.storage.automatic_backups import automatic_folder
    from seguimiento_desktop.storage.database import BACKUP_FOLDER
    return [automatic_folder(db_path), db_path.parent / BACKUP_FOLDER]


def newest_good_backup(db_path: Path, extra: Path | None = None, key: bytes | None = None):
    """The newest backup of ``db_path`` that passes its check (restores.BackupSummary);
    ``key`` reads the encrypted ones (a clear one, from before encryption, reads without)."""
    from seguimiento_desktop.errors import UserError
    from seguimiento_desktop.storage.restores import describe_backup
    folders = backup_folders(db_path) + ([extra] if extra else [])
    found = [p for folder in folders if folder.is_dir() for p in folder.glob("*.sqlite")
             if f"-{DAMAGED_SUFFIX}-" not in p.name]
    for path in sorted(found, key=lambda p: p.stat().st_mtime, reverse=True):
        try:
            return describe_backup(path, key)
        except UserError:
            continue  # damaged too, or not ours: the next older one
    return None


def replace_damaged(db_path: Path, backup_path: Path, key: bytes | None = None) -> Path:
    """Keep the damaged database aside (returned) and put ``backup_path`` (encrypted with
    ``key``, if given) in its place."""
    from seguimiento_desktop.storage import encryption, private
    from seguimiento_desktop.storage.restores import describe_backup
    describe_backup(backup_path, key)  # a good backup, or a Spanish error before anything moves
    clear_backup = encryption.opens_clear(backup_path)  # from before encryption
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = backup_folders(db_path)[1] / f"{db_path.stem}-{DAMAGED_SUFFIX}-{stamp}.sqlite"
    private.make_folder(aside.parent)
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{db_path}{suffix}")
        if part.exists():
            part.replace(Path(f"{aside}{suffix}"))
    copy_key = None if clear_backup else key
    source = encryption.connect(backup_path, copy_key, read_only=True)
    try:
        private.create_private(db_path)
        target = encryption.connect(db_path, copy_key)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    if key is not None and clear_backup:
        encryption.encrypt_in_place(db_path, key)  # the clear copy takes the current key
    _checked.discard(db_path.resolve())
    _found_damaged.pop(db_path.resolve(), None)
    return aside
