"""Versions stamped past the clock's tolerance given new stamps (sync/clock_repair.py)."""

from seguimiento_desktop.storage.connection import Database

TABLES = ("students", "responses", "contact_attempts")


def greatest_stamp(db: Database, ceiling: int) -> int:
    """The greatest ``updated_at`` of any synced row at or below ``ceiling``."""
    return max(db.execute(f"SELECT ifnull(max(updated_at), 0) FROM {table} "
                          "WHERE updated_at <= ?", [ceiling]).fetchone()[0] for table in TABLES)


def ahead(db: Database, table: str, ceiling: int) -> list[str]:
    """Ids of ``table``'s rows stamped past ``ceiling``, oldest stamp first."""
    return [i for (i,) in db.execute(f"SELECT id FROM {table} WHERE updated_at > ? "
                                     "ORDER BY updated_at, id", [ceiling])]


def student_bases(db: Database, ids: list[str]) -> list[tuple[str, int | None, str | None]]:
    """(id, base_updated_at, base_origin) of the students ``ids``."""
    return [db.execute("SELECT id, base_updated_at, base_origin FROM students WHERE id = ?",
                       [i]).fetchone() for i in ids]


def restamp(db: Database, table: str, stamps: list[tuple[str, int]], origin: str) -> None:
    """Give each row (id, stamp) that stamp as a version of ``origin`` (triggers mark the
    rows for the next bundle)."""
    db.conn.executemany(f"UPDATE {table} SET updated_at = ?, origin = ? WHERE id = ?",
                   [(stamp, origin, record_id) for record_id, stamp in stamps])


def set_student_bases(db: Database, bases: list[tuple[str, int | None, str | None]]) -> None:
    """Set (id, base_updated_at, base_origin) as given (not as the update trigger would)."""
    db.conn.executemany("UPDATE students SET base_updated_at = ?, base_origin = ? WHERE id = ?",
                   [(at, origin, record_id) for record_id, at, origin in bases])
