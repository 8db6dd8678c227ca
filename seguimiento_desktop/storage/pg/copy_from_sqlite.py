"""Moving a central office from its SQLite file to a PostgreSQL server (``central migrate``).

Everything the office holds is copied in one server transaction: keys and settings, the
enrolled PCs, every merged row and the merge's bookkeeping, folio numbers included (the
sequences continue after them). Before it commits, every table is read back from the
server and compared with the file by row count and by a SHA-256 over its rows in key
order (JSON compared as values, since the server normalises its spacing); any difference
rolls everything back. The file is only read.
"""

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from seguimiento_desktop.errors import DatabaseError
from seguimiento_desktop.storage.pg.connection import PgDatabase, describe

# Table → its key (the order rows are compared in). Settings first: the office's identity.
TABLES = {
    "settings": "key", "schools": "cct", "sync_installations": "installation_id",
    "students": "id", "responses": "id", "contact_attempts": "id",
    "keying_sessions": "id", "sync_exports": "seq",
    "sync_received": "installation_id, seq, payload_sha256", "sync_links": "key",
    "sync_versions": "record_id, updated_at, origin",
    "sync_siblings": "kind, record_id, updated_at, origin",
    "sync_parked": "kind, record_id, updated_at, origin", "sync_resolutions": "conflict_id",
}
JSON_COLUMNS = {"answers", "confirmed", "data", "counts", "school", "reviewed"}
# Numbers the server's sequences give from now on: they continue after the copied ones.
SEQUENCES = {"students_seq_numbers": ("students", "seq"),
             "students_sync_rev_numbers": ("students", "sync_rev"),
             "responses_sync_rev_numbers": ("responses", "sync_rev"),
             "contact_attempts_sync_rev_numbers": ("contact_attempts", "sync_rev")}
# Written by the server store when it opens; a fresh target holds nothing else.
_OPENING_SETTINGS = {"installation_id", "hlc_last"}
# The server's own (the analysts' views' salt): kept, and left out of the comparison.
_SERVER_SETTINGS = ("analysis.salt",)


@dataclass(frozen=True)
class TableCopy:
    table: str
    rows: int
    sha256: str


def _columns(conn: sqlite3.Connection, db: PgDatabase, table: str) -> list[str]:
    """Columns both stores have (the server's own row numbers are left to it)."""
    source = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
    target = {r[0] for r in db.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = "
        "current_schema() AND table_name = ?", [table]).fetchall()}
    return [c for c in source if c in target and c != "rowid"]


def _canonical(columns: list[str], rows: Iterable[tuple]) -> Iterator[bytes]:
    for row in rows:
        values = [json.loads(v) if c in JSON_COLUMNS and v is not None else v
                  for c, v in zip(columns, row)]
        yield json.dumps(values, ensure_ascii=False, sort_keys=True).encode() + b"\n"


def _digest(columns: list[str], rows: Iterable[tuple]) -> tuple[int, str]:
    digest, count = hashlib.sha256(), 0
    for line in _canonical(columns, rows):
        digest.update(line)
        count += 1
    return count, digest.hexdigest()


def _ensure_empty(db: PgDatabase) -> None:
    settings = {r[0] for r in db.execute("SELECT key FROM settings").fetchall()}
    filled = [t for t in TABLES if t != "settings" and
              db.execute(f"SELECT EXISTS (SELECT 1 FROM {t})").fetchone()[0]]
    if filled or settings - _OPENING_SETTINGS - set(_SERVER_SETTINGS):
        raise DatabaseError(
            f"La base de datos {describe(db.url)} ya tiene datos de una oficina central. No se "
            "copió nada: migre a una base de datos nueva (vacía).")


def copy_store(source: Path, db: PgDatabase) -> list[TableCopy]:
    """Copy the central store in ``source`` into the (empty, migrated) server store."""
    from seguimiento_desktop.storage import encryption
    conn = encryption.connect(source, read_only=True)  # the office's store has no key yet
    try:
        _ensure_empty(db)
        with db.atomic():
            db.execute("DELETE FROM settings WHERE key IN ('installation_id', 'hlc_last')")
            copied = [_copy_table(conn, db, table, key) for table, key in TABLES.items()]
            for sequence, (table, column) in SEQUENCES.items():
                db.execute(f"SELECT setval('{sequence}', greatest(coalesce(max({column}), 0), "
                           f"1)) FROM {table}")
        db.execute("ANALYZE")  # the planner's statistics now, not when autovacuum gets to it
        return copied
    except sqlite3.DatabaseError as error:
        raise DatabaseError(f"No se pudo leer {source.name}: {error}. No se copió nada.") \
            from error
    finally:
        conn.close()


def _copy_table(conn: sqlite3.Connection, db: PgDatabase, table: str, key: str) -> TableCopy:
    columns = _columns(conn, db, table)
    names = ", ".join(columns)
    with db.conn.raw.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in conn.execute(f"SELECT {names} FROM {table}"):
            copy.write_row(row)
    kept = " WHERE key NOT IN ({})".format(", ".join(f"'{k}'" for k in _SERVER_SETTINGS))
    order = f"SELECT {names} FROM {table}{kept if table == 'settings' else ''} ORDER BY {key}"
    expected = _digest(columns, conn.execute(order))
    found = _digest(columns, db.conn.raw.cursor(name=f"check_{table}").execute(order))
    if found != expected:
        raise DatabaseError(
            f"La copia de la tabla {table} no coincide con el original ({found[0]} filas "
            f"copiadas de {expected[0]}). No se copió nada; vuelva a intentarlo.")
    return TableCopy(table, *expected)
