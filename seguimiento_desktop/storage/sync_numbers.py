"""Local change numbers (``sync_rev``) given by bulk writers, as the insert triggers would.

A row inserted with ``sync_rev`` NULL is numbered by its table's trigger (migration 0005),
one extra UPDATE per row; the merge and the roster import insert thousands at once, so
they take a run of numbers here and write them with the rows. Call inside the writing
transaction, so nobody else numbers rows in between.
"""

from seguimiento_desktop.storage.connection import Database

_TABLES = frozenset({"students", "responses", "contact_attempts"})


def next_sync_rev(db: Database, table: str) -> int:
    """The number the next row written to ``table`` takes (the same as the triggers)."""
    assert table in _TABLES, table
    return db.execute(f"SELECT ifnull(max(sync_rev), 0) + 1 FROM {table}").fetchone()[0]
