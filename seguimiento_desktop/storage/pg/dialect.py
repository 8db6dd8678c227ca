"""One name, two SQL dialects: a query function whose PostgreSQL version lives in storage/pg.

``@server_variant("indicator_queries")`` on a function of a shared storage module sends a
call with a PostgreSQL connection (``db.dialect == "postgresql"``) to the function of the
same name in ``storage/pg/indicator_queries.py``; SQLite calls run the function as written.
Callers never know which store they read. Importing this needs no psycopg.
"""

import functools
import importlib
from collections.abc import Callable
from typing import TypeVar

F = TypeVar("F", bound=Callable)


def server_variant(module: str) -> Callable[[F], F]:
    def wrap(function: F) -> F:
        @functools.wraps(function)
        def call(db, *args, **kwargs):
            if getattr(db, "dialect", "sqlite") == "postgresql":
                variant = importlib.import_module(f"seguimiento_desktop.storage.pg.{module}")
                return getattr(variant, function.__name__)(db, *args, **kwargs)
            return function(db, *args, **kwargs)
        return call  # type: ignore[return-value]
    return wrap
