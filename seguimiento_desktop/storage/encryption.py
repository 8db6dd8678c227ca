"""Encryption at rest: the one place a plantel database connection is opened, and the
conversion of a clear database into an encrypted one.

An encrypted database is a SQLCipher 4 file (``sqlcipher3``): every page, of the file and
of its WAL, is AES-256 encrypted and authenticated with the database key, the random
32 bytes that the accounts' key slots wrap (accounts/keyslots.py). The key is given raw
(``PRAGMA key = "x'…'"``): the slow derivation already happened when the slot was
opened, so opening costs no KDF. Without a key the file is an ordinary SQLite database,
opened by the standard library as before.

Temporary tables, sorts and indexes built for a query stay in memory (``temp_store``),
so nothing of the database is written in clear beside it, and deleted rows are overwritten
with zeros (``secure_delete``): a purged phone or a cancelled person does not linger in the
file's free pages, where a tool that reads the bytes would find it.
"""

import logging
import os
import sqlite3
from pathlib import Path

from seguimiento_desktop.errors import DatabaseError

CLEAR_HEADER = b"SQLite format 3\x00"  # the first 16 bytes of every unencrypted database
PARTIAL_SUFFIX = ".cifrando"  # the encrypted copy being written
ASIDE_SUFFIX = ".claro-anterior"  # a second name of the clear file while it is swapped
SIDE_FILES = ("-wal", "-shm", "-journal")

log = logging.getLogger(__name__)


def errors() -> tuple[type[Exception], ...]:
    """The exception classes a database call may raise, clear or encrypted (``sqlcipher3``
    has its own, not subclasses of ``sqlite3.Error``)."""
    from sqlcipher3 import dbapi2
    return (sqlite3.Error, dbapi2.Error)


def database_errors() -> tuple[type[Exception], ...]:
    """``sqlite3.DatabaseError`` and its SQLCipher twin (a damaged or unreadable file)."""
    from sqlcipher3 import dbapi2
    return (sqlite3.DatabaseError, dbapi2.DatabaseError)


def connect(path: str | Path, key: bytes | None = None, *, read_only: bool = False,
            **options) -> sqlite3.Connection:
    """Open the database at ``path``: encrypted with ``key`` (32 bytes), or clear when
    ``key`` is None. ``options`` go to ``connect`` (timeout, isolation_level…).

    DatabaseError (Spanish) when the key does not open the file."""
    path = Path(path)
    target = f"{path.resolve().as_uri()}?mode=ro" if read_only else str(path)
    if key is None:
        conn = sqlite3.connect(target, uri=read_only, **options)
        _private_pragmas(conn)
        return conn
    from sqlcipher3 import dbapi2
    conn = dbapi2.connect(target, uri=read_only, **options)
    try:
        # A key that does not open the file is an answer here (a clear plantel to convert,
        # another database's key), told in Spanish by the caller: SQLCipher would also
        # print its «hmac check failed» lines on the CLI's stderr.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{_hex(key)}'\"")  # before anything else
        _private_pragmas(conn)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the key is tried here
    except dbapi2.DatabaseError as error:
        conn.close()
        if "not a database" in str(error):  # SQLITE_NOTADB: the pages do not decrypt
            raise wrong_key(path) from error
        raise  # a read-only folder, a full disk…: the caller names the fault
    return conn


class WrongKey(DatabaseError):
    """The key does not open the file: another database's key, or a damaged file."""


def _private_pragmas(conn: sqlite3.Connection) -> None:
    """Nothing of the data written outside the file (temp_store), nor left in its free
    pages after a delete (secure_delete: a page's freed bytes are zeroed)."""
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA secure_delete = ON")


def _hex(key: bytes) -> str:
    if len(key) != 32:
        raise ValueError("la llave de la base de datos tiene 32 bytes")
    return key.hex()


def wrong_key(path: Path) -> DatabaseError:
    return WrongKey(
        f"La llave no abre la base de datos {path.name}: el archivo está cifrado con otra "
        f"llave, o no es una base de datos. Si la restauró de una copia, copie también su "
        f"archivo de llaves ({path.name}.llaves), que va siempre con ella.")


def needs_key(path: Path) -> DatabaseError:
    return DatabaseError(
        f"La base de datos {path.name} está cifrada: se abre al iniciar sesión con un usuario "
        "y su contraseña (o con el código de recuperación).")


def looks_encrypted(path: Path) -> bool:
    """Not a clear SQLite file, and its key file is beside it (any other file that is not a
    database is damaged, not encrypted)."""
    from seguimiento_desktop.accounts.keyslots import sidecar_path
    return sidecar_path(path).exists() and is_encrypted(path)  # most files: no read at all


def opens_clear(path: Path) -> bool:
    """Whether SQLite reads ``path`` without a key (a clear database, empty or not).

    Asked through SQLite rather than by reading the header: closing a file handle of our
    own on the database would drop the locks this process's connections hold on it
    (POSIX), and another program could then checkpoint or remove the WAL under them. And
    through SQLCipher's SQLite, the library of the encrypted connections: a second SQLite
    library in the process does not know their locks, and its close drops them too."""
    from sqlcipher3 import dbapi2
    conn = dbapi2.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except dbapi2.DatabaseError:
        return False
    finally:
        conn.close()


def clear_problems(path: Path) -> list[str]:
    """quick_check of the clear database at ``path`` (empty when whole), through SQLCipher's
    SQLite as ``opens_clear``: a damaged file is not converted, it is led to its backup."""
    from sqlcipher3 import dbapi2
    conn = dbapi2.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
    except dbapi2.DatabaseError as error:
        rows = [str(error)]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


def is_encrypted(path: Path) -> bool:
    """True when ``path`` exists, is not empty and is not a clear SQLite file."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(CLEAR_HEADER))
    except FileNotFoundError:
        return False
    return bool(header) and header != CLEAR_HEADER


def table_counts(conn: sqlite3.Connection, schema: str = "main") -> dict[str, int]:
    """Rows of every table (virtual tables' shadow tables included), by name."""
    names = [row[0] for row in conn.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
        "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")]
    return {name: conn.execute(f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0]
            for name in names}


def encrypt_in_place(path: Path, key: bytes) -> bool:
    """Convert the clear database at ``path`` into one encrypted with ``key``.

    The encrypted copy is written beside it (``sqlcipher_export``), closed, verified (the
    rows of every table, ``integrity_check``, ``cipher_integrity_check``, the schema
    number) and put in place with one rename; then the clear file's bytes are overwritten
    and it is removed. Killed at any moment, ``path`` is the clear database or the
    encrypted one, whole; the next call finishes the job. False when there was nothing to
    do (already encrypted). DatabaseError (Spanish, nothing changed) when it fails."""
    path = Path(path)
    finish_leftovers(path)
    if is_encrypted(path):
        return False
    partial = path.with_name(path.name + PARTIAL_SUFFIX)
    try:
        expected, version = _export(path, partial, key)
        _verify(partial, key, expected, version)
        _swap(path, partial)
    except (OSError, *errors()) as error:
        _remove_with_side_files(partial)
        raise DatabaseError(
            f"No se pudo cifrar la base de datos {path.name} ({error}). No se cambió nada: "
            "sigue sin cifrar; libere espacio en el disco y vuelva a abrir el programa.") from error
    finish_leftovers(path)
    log.warning("La base de datos %s quedó cifrada (%d tablas verificadas).",
                path.name, len(expected))
    return True


def _export(path: Path, partial: Path, key: bytes) -> tuple[dict[str, int], int]:
    """Write ``partial``, encrypted; the clear database's counts and schema number."""
    from sqlcipher3 import dbapi2
    from seguimiento_desktop.storage import private
    _remove_with_side_files(partial)
    private.create_private(partial)
    conn = dbapi2.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the WAL's pages go into the copy
        expected = table_counts(conn)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"ATTACH DATABASE ? AS cifrada KEY \"x'{_hex(key)}'\"", [str(partial)])
        conn.execute("SELECT sqlcipher_export('cifrada')")
        conn.execute(f"PRAGMA cifrada.user_version = {int(version)}")
        conn.execute("DETACH DATABASE cifrada")
    finally:
        conn.close()  # the last connection: SQLite removes the clear WAL
    _fsync(partial)
    return expected, version


def _verify(partial: Path, key: bytes, expected: dict[str, int], version: int) -> None:
    conn = connect(partial, key)
    try:
        problems = [row[0] for row in conn.execute("PRAGMA cipher_integrity_check")]
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        found = table_counts(conn)
        found_version = conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()
    if problems or check != "ok" or found != expected or found_version != version:
        raise OSError(f"la copia cifrada no pasó la verificación: {problems[:3] or check}, "
                      f"{len(found)} de {len(expected)} tablas iguales")


def _swap(path: Path, partial: Path) -> None:
    """Put ``partial`` in place of ``path`` with one rename; the clear file keeps a second
    name (a hard link) until its bytes are overwritten."""
    if any(Path(f"{path}{suffix}").exists() and Path(f"{path}{suffix}").stat().st_size
           for suffix in ("-wal", "-journal")):
        raise OSError("otro programa tiene abierta la base de datos")
    aside = path.with_name(path.name + ASIDE_SUFFIX)
    aside.unlink(missing_ok=True)
    os.link(path, aside)
    _fsync_folder(path.parent)
    os.replace(partial, path)
    _fsync_folder(path.parent)


def has_leftovers(path: Path) -> bool:
    """Whether a conversion killed half-way left a file beside ``path`` (no file opened)."""
    return any(Path(f"{path}{suffix}").exists() for suffix in (PARTIAL_SUFFIX, ASIDE_SUFFIX))


def finish_leftovers(path: Path) -> None:
    """What a conversion killed half-way left beside ``path``: the partial copy goes; the
    clear file's second name is overwritten and removed once ``path`` is the encrypted
    one (while ``path`` is still that same clear file, only the second name goes)."""
    path = Path(path)
    _remove_with_side_files(path.with_name(path.name + PARTIAL_SUFFIX))
    aside = path.with_name(path.name + ASIDE_SUFFIX)
    if not aside.exists():
        return
    if not path.exists():
        return  # not a state a conversion leaves: the second name is kept, never destroyed
    if os.path.samefile(path, aside):
        aside.unlink()
    else:  # the rename put the encrypted copy in place: the second name is the clear file
        for suffix in ("-shm",):  # the clear database's index of a WAL that no longer exists
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        overwrite_and_remove(aside)
    _fsync_folder(path.parent)


def overwrite_and_remove(path: Path) -> None:
    """Overwrite the file's bytes with zeros, flush them to the disk, then remove it. (On
    an SSD or a journaling file system the old blocks may survive elsewhere: the
    overwrite lowers the risk, it cannot promise.)"""
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        chunk = b"\x00" * (1 << 20)
        for start in range(0, size, len(chunk)):
            handle.write(chunk[: min(len(chunk), size - start)])
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()


def _remove_with_side_files(path: Path) -> None:
    for item in (path, *(Path(f"{path}{suffix}") for suffix in SIDE_FILES)):
        item.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder to flush it; the rename is already durable
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
