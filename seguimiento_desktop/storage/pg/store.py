"""Opening the PostgreSQL central store: connect, recognise, migrate, identity and clock.

The counterpart of ``storage.database.Store`` (same attributes and ``transaction``), for a
database several processes use at once: the clock's high-water mark is read at the start
of every write and only ever raised, and migrations run under an advisory lock.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from seguimiento_desktop.domain.ids import HybridClock, uuid7
from seguimiento_desktop.errors import DatabaseError
from seguimiento_desktop.storage.pg import merge_queries
from seguimiento_desktop.storage.pg.connection import PgDatabase, connect, describe
from seguimiento_desktop.storage.pg.errors import EmptyDatabase
from seguimiento_desktop.storage.pg.migrations import (
    APP, MIGRATIONS, SCHEMA_TABLE, SCHEMA_VERSION)

_MIGRATION_LOCK = 0x5E6E6D01  # pg_advisory_xact_lock key while the schema changes


class PgStore:
    """An open PostgreSQL central store plus the office's identity and clock."""

    merge_queries = merge_queries
    migration_backup = None  # the server's own backups (pg_dump) cover upgrades

    def __init__(self, db: PgDatabase):
        self.db = db
        self.path = describe(db.url)  # what messages and titles show; never the password
        self.installation_id = self._identity()
        self.clock = HybridClock(self._stored_clock())

    def _identity(self) -> str:
        self.db.execute("INSERT INTO settings(key, value) VALUES ('installation_id', ?) "
                        "ON CONFLICT (key) DO NOTHING", [uuid7()])
        return self.db.execute("SELECT value FROM settings WHERE key = 'installation_id'"
                               ).fetchone()[0]

    def _stored_clock(self) -> int:
        row = self.db.execute("SELECT value FROM settings WHERE key = 'hlc_last'").fetchone()
        return int(row[0]) if row else 0

    @contextmanager
    def transaction(self) -> Iterator[PgDatabase]:
        """One atomic write; the clock never goes back, whoever else writes meanwhile."""
        with self.db.atomic():
            self.clock.observe(self._stored_clock())
            yield self.db
            self.db.execute(
                "INSERT INTO settings(key, value) VALUES ('hlc_last', ?) ON CONFLICT (key) DO "
                "UPDATE SET value = greatest(settings.value::bigint, excluded.value::bigint)"
                "::text", [str(self.clock.last)])

    def close(self) -> None:
        self.db.close()


def open_pg_store(url: str, create: bool = True, password: str | None = None) -> PgStore:
    """Open (and migrate) the central store at ``url``; DatabaseError with a Spanish reason."""
    db = connect(url, password)
    try:
        _migrate(db, create)
        return PgStore(db)
    except BaseException:
        db.close()
        raise


def schema_number(db: PgDatabase) -> int | None:
    """Our schema number, None for an empty database; DatabaseError if it is not ours."""
    where = describe(db.url)
    ours = db.execute("SELECT to_regclass('seguimiento_schema') IS NOT NULL").fetchone()[0]
    if not ours:
        tables = db.execute("SELECT count(*) FROM pg_tables WHERE schemaname = "
                            "current_schema()").fetchone()[0]
        if tables:
            raise DatabaseError(
                f"La base de datos {where} ya tiene tablas de otro sistema: no es una oficina "
                "central de Seguimiento de Egresados. No se cambió nada; pida al administrador "
                "una base de datos vacía para la oficina (docs/central-postgresql.md).")
        return None
    apps = {row[0] for row in db.execute("SELECT DISTINCT app FROM seguimiento_schema")}
    if apps - {APP}:
        raise DatabaseError(f"La base de datos {where} pertenece a otro programa. No se cambió "
                            "nada; use una base de datos vacía para la oficina central.")
    found = db.execute("SELECT coalesce(max(number), 0) FROM seguimiento_schema").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise DatabaseError(
            f"La base de datos {where} fue actualizada por una versión más nueva de Seguimiento "
            f"de Egresados (esquema {found}; esta versión conoce hasta el {SCHEMA_VERSION}). "
            "Instale la versión más reciente para abrirla.")
    return found


def _migrate(db: PgDatabase, create: bool) -> None:
    found = schema_number(db)
    if found is None and not create:
        raise EmptyDatabase(f"La base de datos {describe(db.url)} aún no es una oficina "
                            "central. Créela con «seguimiento central --db DIRECCIÓN init».")
    if found == SCHEMA_VERSION:
        return
    with db.atomic():
        db.execute(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
        found = schema_number(db)  # another process may have migrated while we waited
        if found is None:
            db.execute(SCHEMA_TABLE)
            found = 0
        for number, (name, step) in enumerate(MIGRATIONS[found:], found + 1):
            db.execute(step) if isinstance(step, str) else step(db)
            db.execute("INSERT INTO seguimiento_schema(app, number, name) VALUES (?, ?, ?)",
                       [APP, number, name])
