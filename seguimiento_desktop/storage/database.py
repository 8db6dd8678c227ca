"""Opening the database: pragmas, migrations, the app schema number, the clock.

A database written by a newer version of the app is refused rather than damaged, and an
older one is copied and the copy verified before its schema is upgraded (an upgrade never
risks the data: if the copy cannot be made, nothing is changed).
"""

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from seguimiento_desktop.domain.ids import HybridClock, uuid7
from seguimiento_desktop.errors import DatabaseError
from seguimiento_desktop.storage import contact_purge, encryption, faults, integrity, private
from seguimiento_desktop.storage.connection import Database
from seguimiento_desktop.storage.files import remove_quietly
from seguimiento_desktop.storage.migrations import SCHEMA_VERSION, migrations

BUSY_TIMEOUT_S = 10
BACKUP_FOLDER = "respaldos"  # next to the database

log = logging.getLogger(__name__)


class Store:
    """An open database plus this installation's identity and clock."""

    def __init__(self, db: Database, path: Path, migration_backup: Path | None = None,
                 key: bytes | None = None):
        self.db = db
        self.path = path
        self.key = key  # the database key of an encrypted database (storage/encryption.py)
        self.migration_backup = migration_backup  # the copy written before an upgrade
        self.installation_id = self._setting("installation_id") or self._create_identity()
        self.clock = HybridClock(int(self._setting("hlc_last") or 0))

    def _setting(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def _create_identity(self) -> str:
        installation_id = uuid7()
        with self.db.atomic():
            self.db.execute("INSERT INTO settings(key, value) VALUES ('installation_id', ?)",
                            [installation_id])
        return installation_id

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One atomic write; the clock's high-water mark is saved with it."""
        with self.db.atomic():
            yield self.db
            self.db.execute(
                "INSERT INTO settings(key, value) VALUES ('hlc_last', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [str(self.clock.last)],
            )

    def close(self) -> None:
        self.db.conn.close()


def open_store(path: str | Path, create: bool = True, key: bytes | None = None) -> Store:
    """Open (and migrate) the database at ``path``, encrypted with ``key`` when given (a
    clear one is converted first); raise DatabaseError with a Spanish reason."""
    path = Path(path)
    if not create and not path.exists():
        raise DatabaseError(f"No existe la base de datos {path}. Créela con «seguimiento init».")
    conn = None
    try:
        private.make_folder(path.parent)
        private.create_private(path)  # SQLite gives its WAL files the database's mode
        private.tighten(path)
        if key is not None and encryption.has_leftovers(path):
            encryption.finish_leftovers(path)  # a conversion killed half-way
        conn = _connect(path, key)
        _configure(conn)
        db = Database(conn)
        found = _schema_number(db, path) if integrity.is_deferred(path) else None
        if found == SCHEMA_VERSION:
            db = CheckedBeforeWrite(conn, path, key)  # the GUI's start: painted first
        else:  # (an upgrade writes at once: checked first)
            integrity.check_once(conn, path, key)  # a damaged database is not opened for writing
            if found is None:
                found = _schema_number(db, path)
        backup = None
        if found < SCHEMA_VERSION:
            backup = _backup_before_upgrade(conn, path, found, key) if _has_tables(db) else None
            migrations.apply(db)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            contact_purge.finish_upgrade(db, path, found, backup, key)
    except encryption.database_errors() as error:  # a read-only folder or full disk is not damage
        if conn is not None:
            conn.close()  # a damaged file must be movable aside (Windows)
        # Asked only now that SQLite could not read it: reading the header with a file
        # handle of our own and closing it drops the POSIX locks this process's other
        # connections hold on the database (the GUI's reader while a job opens it).
        if key is None and encryption.looks_encrypted(path):
            raise encryption.needs_key(path) from error
        raise faults.open_fault(path, error) or integrity.damaged(path, str(error),
                                                                  key) from error
    except OSError as error:
        raise faults.open_fault(path, error) or DatabaseError(
            f"No se pudo abrir {path}: {error.strerror}.") from error
    return Store(db, path, backup, key)


# SQLite's authorizer codes of the statements that change a database's file: creating,
# dropping or altering a table (virtual too), index, trigger or view, rebuilding an index
# or its statistics, and writing rows.
_WRITES = frozenset({
    sqlite3.SQLITE_CREATE_INDEX, sqlite3.SQLITE_CREATE_TABLE, sqlite3.SQLITE_CREATE_TRIGGER,
    sqlite3.SQLITE_CREATE_VIEW, sqlite3.SQLITE_CREATE_VTABLE,
    sqlite3.SQLITE_DROP_INDEX, sqlite3.SQLITE_DROP_TABLE, sqlite3.SQLITE_DROP_TRIGGER,
    sqlite3.SQLITE_DROP_VIEW, sqlite3.SQLITE_DROP_VTABLE,
    sqlite3.SQLITE_ALTER_TABLE, sqlite3.SQLITE_REINDEX, sqlite3.SQLITE_ANALYZE,
    sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE,
})


def _reads_only(action: int, table, column, database: str | None, trigger) -> int:
    """The authorizer of an unchecked database: no write to its file (``main``); the
    connection's own temporary tables (the search's hits) are not the file. (Connecting to
    the FTS5 table is authorised as an UPDATE of sqlite_master, which writes nothing: a
    real change of the schema is a CREATE, DROP or ALTER, refused.)"""
    if action in _WRITES and database == "main" and table != "sqlite_master":
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


class CheckedBeforeWrite(Database):
    """A connection to a database whose integrity check was deferred (storage/integrity.py):
    SQLite's authorizer refuses every statement that would write to the file until the
    check has passed; the first write transaction, or the first write outside one, runs
    the check, then writes."""

    def __init__(self, conn: sqlite3.Connection, path: Path, key: bytes | None):
        super().__init__(conn)
        self._path, self._key = path, key
        self._resolved = path.resolve()
        self._unchecked = True
        conn.set_authorizer(_reads_only)

    def _check(self) -> None:
        if self._unchecked:
            integrity.ensure_checked(self.conn, self._path, self._key)
            self._open()

    def _open(self) -> None:
        self.conn.set_authorizer(None)
        self._unchecked = False

    @contextmanager
    def atomic(self, immediate: bool = False) -> Iterator[Database]:
        self._check()
        with super().atomic(immediate) as db:
            yield db

    def execute(self, sql, parameters=None):
        if self._unchecked and integrity.found_whole(self._resolved):
            self._open()  # another connection's check passed (the writer's first job)
        try:
            return super().execute(sql, parameters)
        except encryption.errors() as error:
            if not self._unchecked:
                raise
            if "not authorized" not in str(error):  # damage met before the check
                raise integrity.found_on_reading(self._path, error, self._key) or error
        self._check()  # a write outside a transaction (a setting): checked, then written
        return super().execute(sql, parameters)


def _connect(path: Path, key: bytes | None) -> sqlite3.Connection:
    """The connection; a clear database given a key is converted first (the first open
    after upgrading); a file that the database's own key (the one its key file checks)
    does not open is damaged, not someone else's.

    The key is tried before anything asks whether the file is clear: every open of an
    encrypted database (each job's) then costs no probe, and no other handle on the file is
    opened and closed under the connections this process already holds."""
    try:
        return _connection(path, key)
    except encryption.WrongKey as error:
        if key is not None and encryption.opens_clear(path):
            problems = encryption.clear_problems(path)
            if problems:  # not converted: its newest good backup is offered instead
                raise integrity.damaged(path, "; ".join(problems), key) from error
            encryption.encrypt_in_place(path, key)
            return _connection(path, key)
        if key is None or not _is_its_key(path, key):
            raise
        raise integrity.damaged(path, str(error.__cause__), key) from error


def _connection(path: Path, key: bytes | None) -> sqlite3.Connection:
    return encryption.connect(path, key, timeout=BUSY_TIMEOUT_S, check_same_thread=False,
                              isolation_level=None)


def _is_its_key(path: Path, key: bytes) -> bool:
    from seguimiento_desktop.accounts import keyslots
    try:
        keys = keyslots.read_key_file(path)
    except DatabaseError:
        return False  # an unreadable key file proves nothing
    return keys is not None and keyslots.key_check(key) == keys.check


def _has_tables(db: Database) -> bool:
    return db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0] > 0


def _backup_before_upgrade(conn: sqlite3.Connection, path: Path, found: int,
                           key: bytes | None) -> Path:
    """Copy the database aside and verify the copy before its schema changes.

    The copy goes to ``respaldos/`` next to the database. DatabaseError (nothing changed)
    when it cannot be written or does not verify: an upgrade without a backup is not run.
    """
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.parent / BACKUP_FOLDER / f"{path.stem}-antes-de-actualizar-{found}-{stamp}.sqlite"
    try:
        private.make_folder(target.parent)
        private.create_private(target)
        copy = encryption.connect(target, key)  # encrypted like the database
        try:
            conn.backup(copy)
            verified = (copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                        and copy.execute("PRAGMA user_version").fetchone()[0] == found
                        and _page_count(copy) == _page_count(conn))
        finally:
            copy.close()
    except (OSError, *encryption.errors()) as error:
        remove_quietly(target)
        raise DatabaseError(
            f"Antes de actualizar la base de datos {path.name} se hace un respaldo, y no se pudo "
            f"escribir en {target.parent} ({error}). No se cambió nada: libere espacio o revise "
            "los permisos de la carpeta y vuelva a abrir el programa.") from error
    if not verified:
        remove_quietly(target)
        raise DatabaseError(
            f"El respaldo de {path.name} previo a la actualización no pasó la verificación. No se "
            "cambió nada: revise el disco y vuelva a abrir el programa.")
    log.warning("Se actualizará la base de datos %s (esquema %d a %d). Antes se guardó y "
                "verificó un respaldo: %s", path.name, found, SCHEMA_VERSION, target)
    return target


def _page_count(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA page_count").fetchone()[0]


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")


def _schema_number(db: Database, path: Path) -> int:
    """The database's schema number; DatabaseError if a newer app wrote it."""
    found = db.execute("PRAGMA user_version").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise DatabaseError(
            f"La base de datos {path.name} fue creada por una versión más nueva de Seguimiento "
            f"de Egresados (esquema {found}; esta versión conoce hasta el {SCHEMA_VERSION}). "
            "Instale la versión más reciente para abrirla."
        )
    return found
