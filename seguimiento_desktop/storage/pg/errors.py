"""Errors of the PostgreSQL store a caller may act on (importable without psycopg)."""

from seguimiento_desktop.errors import DatabaseError


class PasswordNeeded(DatabaseError):
    """The server asks for a password and none was given, in PGPASSWORD or in .pgpass:
    an interactive caller asks the person for it and connects again."""


class EmptyDatabase(DatabaseError):
    """The server's database is empty: no central office was created in it yet."""
