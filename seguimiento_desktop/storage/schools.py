"""The plantel's own record (and, at the central office, every enrolled plantel)."""

from dataclasses import asdict

from seguimiento_desktop.storage.connection import Database

from seguimiento_desktop.domain.models import School

_COLUMNS = ("cct", "name", "subsystem", "state", "municipality", "shift")


def own_school(db: Database) -> School | None:
    """The plantel this database belongs to, or None before the first-run set-up."""
    row = db.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM schools WHERE is_own = 1 LIMIT 1").fetchone()
    return School(*row) if row else None


def save_own_school(db: Database, school: School) -> None:
    """Create or replace the plantel's record (call inside a transaction)."""
    db.execute("DELETE FROM schools WHERE is_own = 1")
    values = asdict(school)
    db.execute(
        f"INSERT INTO schools({', '.join(_COLUMNS)}, is_own) "
        f"VALUES ({', '.join('?' for _ in _COLUMNS)}, 1)",
        [values[c] for c in _COLUMNS],
    )
