"""A PostgreSQL connection that speaks like ``storage.connection.Database``.

The repositories write SQL with ``?`` placeholders and call ``execute``, ``atomic`` and
``conn.executemany``; this wrapper turns the placeholders into psycopg's, keeps JSON
columns as text (as SQLite gives them) and Python booleans as 0/1, and turns every server
error a person can meet (server down or gone, wrong password, no permission) into a
Spanish ``DatabaseError``. The transaction a failure interrupts is rolled back by the
server: nothing half-written stays.
"""

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import psycopg
from psycopg.adapt import Dumper
from psycopg.types.string import TextLoader

from seguimiento_desktop.errors import DatabaseError
from seguimiento_desktop.storage.pg.errors import PasswordNeeded

CONNECT_TIMEOUT_S = 10
# JIT compiling the indicators' aggregate queries costs more than it saves: the report's
# statistics on 1,000 simulated planteles took 2.28 s with PostgreSQL 15's default JIT and
# 1.12 s without it (bench/bench_central_pg.py --nacional measures the national scale).
SESSION = "-c jit=off"
# Everything between quotes (kept), or a bare ? or % (translated).
_TOKENS = re.compile(r"('(?:[^']|'')*'|\"[^\"]*\")|(\?)|(%)")


@lru_cache(maxsize=1024)
def placeholders(sql: str) -> str:
    """``?`` → ``%s`` outside quoted text, every ``%`` → ``%%`` (psycopg's paramstyle)."""
    return _TOKENS.sub(lambda m: m.group(1).replace("%", "%%") if m.group(1)
                       else "%s" if m.group(2) else "%%", sql)


class _IntBool(Dumper):
    """Python booleans go as 0/1, as SQLite stores them (``deleted``, ``is_own``)."""

    oid = psycopg.adapters.types["int4"].oid

    def dump(self, obj: bool) -> bytes:
        return b"1" if obj else b"0"


def describe(url: str) -> str:
    """The address without a password, for messages («usuario@servidor:puerto/base»)."""
    parts = urlsplit(url)
    user = f"{parts.username}@" if parts.username else ""
    port = f":{parts.port}" if parts.port else ""
    return f"{user}{parts.hostname or 'localhost'}{port}{parts.path}"


def server_error(error: psycopg.Error, url: str) -> DatabaseError:
    """The Spanish message for a server-side failure a person can do something about."""
    where = describe(url)
    text = str(error).lower()
    if "no password supplied" in text:
        return PasswordNeeded(
            f"El servidor PostgreSQL ({where}) pide contraseña. Escríbala cuando se le pida, o "
            "guárdela en el archivo .pgpass del usuario (o en la variable PGPASSWORD).")
    if "password authentication failed" in text:
        return DatabaseError(
            f"El servidor PostgreSQL ({where}) no aceptó el usuario o la contraseña. Revise la "
            "contraseña (se pide al conectar, o en PGPASSWORD o el archivo .pgpass) y vuelva "
            "a intentarlo.")
    if "does not exist" in text and "database" in text:
        return DatabaseError(f"No existe la base de datos {where} en el servidor. Pida al "
                             "administrador que la cree (docs/central-postgresql.md).")
    if isinstance(error, psycopg.errors.InsufficientPrivilege):
        return DatabaseError(f"El usuario no tiene permiso para esta operación en {where}. "
                             "Use el usuario de la oficina, no el de consulta.")
    return DatabaseError(
        f"Se perdió la conexión con el servidor PostgreSQL ({where}) o no responde. Lo que se "
        "estaba guardando no se guardó (se deshizo completo); revise la red y que el servidor "
        "esté encendido y vuelva a intentarlo.")


@contextmanager
def _spanish(raw: psycopg.Connection, url: str) -> Iterator[None]:
    """A Spanish DatabaseError for what a person can fix; other errors pass unchanged.

    Concurrency outcomes (a deadlock, a unique key another merge took first) stay psycopg's:
    the merge retries the bundle on them.
    """
    try:
        yield
    except (psycopg.errors.TransactionRollback, psycopg.IntegrityError):
        raise
    except psycopg.Error as error:
        if raw.broken or raw.closed or isinstance(error, (
                psycopg.OperationalError, psycopg.errors.InsufficientPrivilege)):
            raise server_error(error, url) from error
        raise


class _Conn:
    """The ``conn`` of the repositories: ``execute`` and ``executemany`` with ``?``."""

    def __init__(self, raw: psycopg.Connection, url: str):
        self.raw, self.url = raw, url

    def execute(self, sql: str, parameters: Sequence | None = None) -> psycopg.Cursor:
        with _spanish(self.raw, self.url):
            if parameters is None:
                return self.raw.execute(sql)
            return self.raw.execute(placeholders(sql), parameters)

    def executemany(self, sql: str, rows: Any) -> psycopg.Cursor:
        cursor = self.raw.cursor()
        with _spanish(self.raw, self.url):
            cursor.executemany(placeholders(sql), list(rows))
        return cursor

    def close(self) -> None:
        self.raw.close()


class PgDatabase:
    """An open PostgreSQL connection with the interface of ``storage.connection.Database``."""

    dialect = "postgresql"

    def __init__(self, raw: psycopg.Connection, url: str):
        raw.adapters.register_loader("jsonb", TextLoader)
        raw.adapters.register_loader("json", TextLoader)
        raw.adapters.register_dumper(bool, _IntBool)
        self.conn = _Conn(raw, url)
        self.url = url

    def execute(self, sql: str, parameters: Sequence | dict[str, Any] | None = None
                ) -> psycopg.Cursor:
        return self.conn.execute(sql, parameters)

    @contextmanager
    def atomic(self) -> Iterator["PgDatabase"]:
        """One transaction; a nested block is a savepoint that rolls back alone."""
        with _spanish(self.conn.raw, self.url), self.conn.raw.transaction():
            yield self

    @contextmanager
    def page_cache(self, kib: int) -> Iterator["PgDatabase"]:
        """Nothing to tune per session: the server's shared buffers serve every client."""
        yield self

    @contextmanager
    def checkpoint_every(self, pages: int) -> Iterator["PgDatabase"]:
        """Nothing to tune per session: the server's checkpoints are its own configuration."""
        yield self

    def close(self) -> None:
        self.conn.close()


def connect(url: str, password: str | None = None) -> PgDatabase:
    """Connect to ``url`` (``postgresql://usuario@servidor:puerto/base``).

    The password comes from ``password`` (asked by the caller), else libpq finds it in
    PGPASSWORD or the user's pgpass file; it is never stored by the app.
    """
    extra = {"password": password} if password else {}
    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
                              application_name="seguimiento-egresados", options=SESSION,
                              **extra)
    except psycopg.Error as error:
        raise server_error(error, url) from error
    return PgDatabase(raw, url)
