"""Disk faults said in Spanish: a full disk, a read-only folder or stick, a failing drive.

SQLite reports them as result codes, the OS as errno values; both end here, so the person
reads what happened, that nothing was lost, and what to do, never a traceback. Two cases:
the database itself (the data folder: no change of the operation was saved) and a file the
person chose (a backup, a bundle, a PDF: storage/files.disk_error_message).
"""

import errno
import os
import sqlite3
from pathlib import Path

from seguimiento_desktop.errors import DatabaseError

# SQLite primary result codes (https://sqlite.org/rescode.html).
SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 8, 10, 13, 14
_AS_ERRNO = {SQLITE_FULL: errno.ENOSPC, SQLITE_READONLY: errno.EROFS,
             SQLITE_CANTOPEN: errno.EROFS, SQLITE_IOERR: errno.EIO}


# SQLite's own text for each code: sqlcipher3's exceptions carry no sqlite_errorcode.
_BY_MESSAGE = {"database or disk is full": SQLITE_FULL,
               "attempt to write a readonly database": SQLITE_READONLY,
               "unable to open database file": SQLITE_CANTOPEN, "disk I/O error": SQLITE_IOERR}


def sqlite_errno(error: sqlite3.Error) -> int | None:
    """The errno a disk fault behind a SQLite error corresponds to; None for other errors."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        code = next((c for text, c in _BY_MESSAGE.items() if text in str(error)), None)
    return None if code is None else _AS_ERRNO.get(code & 0xFF)


def as_os_error(error: sqlite3.Error) -> OSError | None:
    """A SQLite disk fault as the OSError the same fault gives a plain file write."""
    number = sqlite_errno(error)
    return None if number is None else OSError(number, os.strerror(number))


def folder_is_read_only(path: Path) -> bool:
    """True when the database's folder (or the file itself) cannot be written."""
    folder = path.parent if str(path.parent) else Path(".")
    return (folder.is_dir() and not os.access(folder, os.W_OK)) or (
        path.exists() and not os.access(path, os.W_OK))


def read_only_message(path: Path) -> str:
    return (f"La carpeta {path.parent} es de solo lectura (una memoria USB protegida contra "
            "escritura, un disco de red o una carpeta sin permiso), y el programa necesita "
            f"escribir en ella para usar la base de datos {path.name}. Sus datos no se "
            "cambiaron. Copie la carpeta a un disco donde pueda escribir (o quite la "
            "protección de la memoria) y vuelva a abrir el programa.")


def database_fault(path: Path, number: int) -> DatabaseError:
    """The Spanish error for a disk fault while writing the database at ``path``."""
    if number == errno.ENOSPC:
        return DatabaseError(
            f"No hay espacio en el disco donde está la base de datos ({path.parent}). No se "
            "guardó ningún cambio de esta operación: sus datos están como antes. Libere "
            "espacio (vacíe la papelera, borre descargas que ya no use) y vuelva a intentarlo.")
    if number in (errno.EROFS, errno.EACCES, errno.EPERM):
        return DatabaseError(read_only_message(path))
    return DatabaseError(
        f"El disco donde está la base de datos ({path.parent}) falló al escribir. No se "
        "guardó ningún cambio de esta operación. Si es una memoria USB, revise que siga "
        "conectada; después vuelva a intentarlo. Si se repite, haga un respaldo y revise el "
        "disco.")


def database_write_error(conn: sqlite3.Connection, error: sqlite3.Error) -> DatabaseError | None:
    """The Spanish error for a write that failed on a disk fault; None for other errors."""
    number = sqlite_errno(error)
    if number is None:
        return None
    try:
        name = conn.execute("PRAGMA database_list").fetchone()[2]
    except Exception:  # noqa: BLE001 (sqlite3's or SQLCipher's error: the name is a nicety)
        name = ""
    return database_fault(Path(name or "base de datos"), number)


def busy_fault(path: Path, error: Exception) -> DatabaseError | None:
    """Another program held the database past the busy timeout. That says nothing about its
    pages: it is never reported as damage (which offers an older backup in its place)."""
    text = str(error).lower()
    if "database is locked" not in text and "database is busy" not in text:
        return None
    return DatabaseError(
        f"La base de datos {path.name} está ocupada por otro programa (otra ventana de "
        "Seguimiento de Egresados, una copia de respaldo o un antivirus que la revisa). "
        "Cierre ese programa y vuelva a abrirla; no se cambió nada.")


def open_fault(path: Path, error: OSError | sqlite3.Error) -> DatabaseError | None:
    """Why the database at ``path`` could not be opened, when a disk fault or another
    program is the reason (a read-only folder, a full disk, a lock held); None when the
    file itself is the problem."""
    # An OSError's text carries the file's name, which the user chose: only SQLite's
    # own message says that a lock is held.
    if not isinstance(error, OSError) and (busy := busy_fault(path, error)):
        return busy
    if folder_is_read_only(path):
        return DatabaseError(read_only_message(path))
    number = error.errno if isinstance(error, OSError) else sqlite_errno(error)
    if number in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM):
        return database_fault(path, number)
    return None
