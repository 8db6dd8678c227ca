"""Where a central office keeps its data: a SQLite file or a PostgreSQL server.

Both stores hold the same tables and answer the same SQL; the merge rules (``sync/merge.py``)
are one implementation over either. What differs lives in the storage layer: a store has
``db`` (``execute``, ``atomic``, ``conn.executemany``), ``installation_id``, ``clock``,
``transaction()``, ``close()`` and ``merge_queries``, the module of the merge's SQL
(``storage/sync_merge.py``, or ``storage/pg/merge_queries.py`` with COPY and sequences).
"""

from pathlib import Path
from typing import Protocol

from seguimiento_desktop.errors import DatabaseError

SERVER_PREFIXES = ("postgresql://", "postgres://")


class CentralStore(Protocol):
    """What the central office's use cases need from a store (SQLite or PostgreSQL)."""

    db: object
    installation_id: str
    path: object

    def transaction(self): ...  # noqa: E704 - a context manager yielding ``db``

    def close(self) -> None: ...  # noqa: E704


def is_server_address(address: str | Path) -> bool:
    """Whether ``address`` names a PostgreSQL server (``postgresql://…``), not a file."""
    return str(address).startswith(SERVER_PREFIXES)


def open_central_store(address: str | Path, create: bool = True,
                       password: str | None = None) -> CentralStore:
    """Open the central store at a file path or a ``postgresql://`` address."""
    if not is_server_address(address):
        from seguimiento_desktop.storage.database import open_store
        return open_store(address, create=create)
    try:
        from seguimiento_desktop.storage.pg.store import open_pg_store
    except ImportError as error:
        raise DatabaseError(
            "Para usar una base de datos en un servidor PostgreSQL falta el complemento "
            "psycopg: instálelo con «pip install seguimiento-desktop[central-pg]».") from error
    return open_pg_store(str(address), create=create, password=password)


def copy_to_server(source: str | Path, address: str, password: str | None = None) -> list:
    """Copy a SQLite central store into a new PostgreSQL one, verified table by table by
    row counts and SHA-256 (``storage/pg/copy_from_sqlite.py``); the file is only read.

    Returns one ``TableCopy`` (table, rows, sha256) per table.
    """
    if not is_server_address(address):
        raise DatabaseError("El destino de la migración debe ser un servidor PostgreSQL "
                            "(postgresql://usuario@servidor:puerto/base).")
    from seguimiento_desktop.storage.database import open_store
    open_store(source, create=False).close()  # ours, and on the current schema
    target = open_central_store(address, create=True, password=password)
    try:
        from seguimiento_desktop.storage.pg.copy_from_sqlite import copy_store
        return copy_store(Path(source), target.db)
    finally:
        target.close()
