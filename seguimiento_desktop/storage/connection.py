"""The open SQLite connection the repositories write through.

It offers the part of ``sqlite_utils.Database`` the repositories use (``execute``,
``atomic``, ``conn``) with the same semantics; migrations still run on sqlite_utils. Importing sqlite_utils
costs about a quarter of a second (it pulls in click, dateutil and pluggy), which an old
PC pays on every start for nothing once the schema is current; so sqlite_utils is
imported only when migrations have to run (see ``storage/database.py``).
"""

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any


class Database:
    """A connection opened with ``isolation_level=None``: statements outside ``atomic()``
    commit on their own; ``atomic()`` blocks nest with savepoints."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def execute(self, sql: str, parameters: Sequence | dict[str, Any] | None = None
                ) -> sqlite3.Cursor:
        if parameters is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, parameters)

    @contextmanager
    def atomic(self, immediate: bool = False) -> Iterator["Database"]:
        """One transaction; a nested block is a savepoint that rolls back alone.

        ``immediate`` takes the write lock at the start (waiting the busy timeout for it):
        a transaction that reads and then writes on a connection of its own (a sign-in's
        bitácora line beside the window's writer) would otherwise fail at once with
        «database is locked» when another connection wrote between its read and its write."""
        if self.conn.in_transaction:
            savepoint = f"sp_{os.urandom(8).hex()}"  # secrets would import hmac
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:  # a RAISE(ROLLBACK) may have ended it already
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        self.conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
        try:
            yield self
            self.conn.execute("COMMIT")
        except BaseException as error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            fault = _disk_fault(self.conn, error)
            if fault is not None:
                raise fault from error
            raise

    @contextmanager
    def page_cache(self, kib: int) -> Iterator["Database"]:
        """Use a page cache of ``kib`` KiB inside the block, then the previous size again."""
        with self._pragma_inside("cache_size", -int(kib)):
            yield self

    @contextmanager
    def checkpoint_every(self, pages: int) -> Iterator["Database"]:
        """Checkpoint the WAL once it holds ``pages`` pages inside the block, then at the
        previous interval again."""
        with self._pragma_inside("wal_autocheckpoint", int(pages)):
            yield self

    @contextmanager
    def _pragma_inside(self, name: str, value: int) -> Iterator[None]:
        previous = int(self.conn.execute(f"PRAGMA {name}").fetchone()[0])
        self.conn.execute(f"PRAGMA {name} = {value}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA {name} = {previous}")

    def close(self) -> None:
        self.conn.close()


def _disk_fault(conn: sqlite3.Connection, error: BaseException) -> Exception | None:
    """A full disk or read-only folder as the Spanish error the person reads (nothing of the
    transaction was saved); None for any other failure."""
    from seguimiento_desktop.storage import encryption
    if not isinstance(error, encryption.errors()):
        return None
    from seguimiento_desktop.storage.faults import database_write_error
    return database_write_error(conn, error)
