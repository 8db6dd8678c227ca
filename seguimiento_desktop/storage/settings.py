"""Plantel settings: small key/value pairs in the ``settings`` table (e.g. the verification policy).

The same table holds the installation's identity and clock (storage/database.py); keys a
user may change are namespaced (``capture.``) so they never collide with those.
"""

from seguimiento_desktop.storage.connection import Database

USER_PREFIX = "capture."


def _checked(key: str) -> str:
    if not key.startswith(USER_PREFIX):
        raise ValueError(f"plantel setting keys start with {USER_PREFIX!r}: {key!r}")
    return key


def get_setting(db: Database, key: str, default: str = "") -> str:
    """The stored value of ``key``, or ``default`` when it was never set."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", [_checked(key)]).fetchone()
    return row[0] if row else default


def put_setting(db: Database, key: str, value: str) -> None:
    """Store ``value`` under ``key`` (call inside a transaction)."""
    db.execute("INSERT INTO settings(key, value) VALUES (?, ?) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [_checked(key), value])


def delete_setting(db: Database, key: str) -> None:
    """Forget ``key`` (call inside a transaction); its default applies again."""
    db.execute("DELETE FROM settings WHERE key = ?", [_checked(key)])
