"""The quick integrity check at start, and the way back from a damaged database.

The first time a process opens a database it runs PRAGMA quick_check. A damaged database
is not opened for writing (writes could spread the damage); the error names the newest
backup that passes its own check, and ``replace_damaged`` puts that backup in place with
the damaged file kept aside, never deleted.
"""

import sqlite3
from datetime import datetime
from pathlib import Path

from seguimiento_desktop.errors import DatabaseError

DAMAGED_SUFFIX = "dañada"
_checked: set[Path] = set()  # databases this process already found whole


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
    from seguimiento_desktop.storage import encryption
    resolved = path.resolve()
    if resolved in _checked:
        return
    try:
        rows = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
    except encryption.database_errors() as error:
        rows = [str(error)]
    if rows != ["ok"]:
        conn.close()  # nothing may write to it, and the file must be movable aside
        raise damaged(path, "; ".join(rows), key)
    _checked.add(resolved)


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
    return aside
