"""Opening the database: pragmas, migrations, the app schema number, the clock.

A database written by a newer version of the app is refused rather than damaged.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from seguimiento_desktop.domain.ids import HybridClock, uuid7
from seguimiento_desktop.errors import DatabaseError
from seguimiento_desktop.storage.connection import Database
from seguimiento_desktop.storage.migrations import SCHEMA_VERSION, migrations

BUSY_TIMEOUT_S = 10


class Store:
    """An open database plus this installation's identity and clock."""

    def __init__(self, db: Database, path: Path):
        self.db = db
        self.path = path
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


def open_store(path: str | Path, create: bool = True) -> Store:
    """Open (and migrate) the database at ``path``; raise DatabaseError with a Spanish reason."""
    path = Path(path)
    if not create and not path.exists():
        raise DatabaseError(f"No existe la base de datos {path}. Créela con «seguimiento init».")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, check_same_thread=False,
                               isolation_level=None)
        _configure(conn)
        db = Database(conn)
        if _schema_number(db, path) < SCHEMA_VERSION:
            migrations.apply(db)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except sqlite3.DatabaseError as error:
        raise DatabaseError(
            f"No se pudo abrir la base de datos {path.name}: el archivo está dañado o no es una "
            f"base de datos de Seguimiento de Egresados ({error}). Restaure un respaldo."
        ) from error
    except OSError as error:
        raise DatabaseError(f"No se pudo abrir {path}: {error.strerror}.") from error
    return Store(db, path)


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
