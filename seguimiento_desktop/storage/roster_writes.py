"""Writing many students at once, for the roster import.

Same rows and search index as ``students.write_students``, but one ``executemany`` per
statement instead of three statements per student, and the FTS5 index fed all deletes
first and then inserts in rowid order (FTS5 flushes its pending terms whenever a delete
interrupts a run of inserts). Students known to be new (``insert_students_bulk``) take
their row id, folio number and change number (``sync_rev``) here, in one go, as the
one-by-one path's look-ups and triggers would give them: no upsert, no look-up per row.

The row layout comes from ``students`` itself (``_FIELD_COLUMNS``, ``haystack``) so the
write paths cannot drift apart; a test compares them.

A batch as large as the table already is (a plantel's first lists) is loaded as databases
load in bulk (``bulk_load``): the table's secondary indexes are dropped inside the writing
transaction and built again from their own SQL once the rows are in, one sort each instead
of a B-tree insert per row and index. DDL is transactional in SQLite, so a failure, a
cancel or a kill leaves the indexes as they were, with the rows; a CURP twice (the importer
never writes one) would fail the unique index's rebuild and roll the whole import back.
"""

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from seguimiento_desktop.storage.connection import Database

from seguimiento_desktop.domain.models import Student
from seguimiento_desktop.domain.text import person_key
from seguimiento_desktop.storage.students import _FIELD_COLUMNS, haystack
from seguimiento_desktop.storage.sync_numbers import next_sync_rev

_COLUMNS = list(_FIELD_COLUMNS.values()) + ["school_cct", "sort_key"]
# A new row (seq NULL) takes the next folio number, as in students.write_students.
_PLACEHOLDERS = ["COALESCE(?, (SELECT ifnull(max(seq), 0) + 1 FROM students))" if c == "seq"
                 else "?" for c in _COLUMNS]
_UPSERT = (f"INSERT INTO students({', '.join(_COLUMNS)}) VALUES ({', '.join(_PLACEHOLDERS)}) "
           "ON CONFLICT(id) DO UPDATE SET "
           + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS if c not in ("id", "seq")))
_INSERT = (f"INSERT INTO students(rowid, {', '.join(_COLUMNS)}, sync_rev) VALUES "
           f"({', '.join('?' * (len(_COLUMNS) + 2))})")
_SEQ = _COLUMNS.index("seq")
_CHUNK = 500  # SQLite's default limit on host parameters is 999 on old builds
Stamp = tuple[Callable[[], int], str]  # (the clock's now, this installation's origin)


def _row(s: Student, school_cct: str, stamp: Stamp | None) -> list:
    """The stored row (``_COLUMNS`` order), stamped with a fresh ``updated_at`` and the
    origin when ``stamp`` is given (no copy of the student)."""
    updated_at, origin = (stamp[0](), stamp[1]) if stamp else (s.updated_at, s.origin)
    return [s.id, s.curp, s.given_names, s.first_surname, s.second_surname, s.sex,
            s.birth_date.isoformat() if s.birth_date else None, s.cohort, s.career, s.group,
            s.shift, s.email, s.phone, s.home_phone, s.status, s.contact_status, s.seq or None,
            updated_at, origin, int(s.deleted), school_cct,
            person_key(s.first_surname, s.second_surname, s.given_names)]


def write_students_bulk(db: Database, students: Sequence[Student], school_cct: str = "",
                        stamp: Stamp | None = None) -> int:
    """Insert or replace ``students`` by id and keep the search index in step.

    Call inside a transaction (``Store.transaction()``). Returns how many were written.
    """
    if not students:
        return 0
    conn = db.conn
    conn.executemany(_UPSERT, [_row(student, school_cct, stamp) for student in students])
    rowids = _rowids(db, [student.id for student in students])
    conn.executemany("DELETE FROM students_fts WHERE rowid = ?",
                     [(rowids[student.id],) for student in students])
    live = sorted((rowids[s.id], haystack(s)) for s in students if not s.deleted)
    conn.executemany("INSERT INTO students_fts(rowid, haystack) VALUES (?, ?)", live)
    return len(students)


def insert_students_bulk(db: Database, students: Sequence[Student], school_cct: str = "",
                         stamp: Stamp | None = None) -> int:
    """Insert ``students`` whose ids are new (the import's new CURPs), numbered in bulk.

    Same rows as ``write_students_bulk`` gives new students; call inside a transaction.
    """
    if not students:
        return 0
    rowid = db.execute("SELECT ifnull(max(rowid), 0) FROM students").fetchone()[0]
    seq = db.execute("SELECT ifnull(max(seq), 0) FROM students").fetchone()[0]
    rev = next_sync_rev(db, "students") - 1
    rows = []
    for n, student in enumerate(students, 1):
        row = _row(student, school_cct, stamp)
        row[_SEQ] = seq + n
        rows.append([rowid + n, *row, rev + n])
    db.conn.executemany(_INSERT, rows)
    # A row id never used by a student may still be in the index (a student written and
    # rolled back leaves nothing; a restored copy might): cleared first, as the upsert does.
    db.conn.execute("DELETE FROM students_fts WHERE rowid > ?", [rowid])
    db.conn.executemany("INSERT INTO students_fts(rowid, haystack) VALUES (?, ?)",
                        [(rowid + n, haystack(s)) for n, s in enumerate(students, 1)
                         if not s.deleted])
    return len(students)


def _rowids(db: Database, ids: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        found.update(db.execute(f"SELECT id, rowid FROM students WHERE id IN "
                                f"({', '.join('?' * len(chunk))})", chunk).fetchall())
    return found


@contextmanager
def bulk_load(db: Database, incoming: int) -> Iterator[None]:
    """Write ``incoming`` new students inside; when they are at least as many as the
    students already stored, without the table's secondary indexes, rebuilt at the end.

    Call inside the writing transaction. On an exception nothing is rebuilt: the rollback
    brings the indexes back as they were.
    """
    stored = db.execute("SELECT count(*) FROM students").fetchone()[0]
    if incoming < max(stored, _BULK_AT_LEAST):
        yield
        return
    indexes = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                         "tbl_name = 'students' AND sql IS NOT NULL").fetchall()
    for name, _ in indexes:
        db.execute(f'DROP INDEX "{name}"')
    yield
    for _, sql in indexes:
        db.execute(sql)


_BULK_AT_LEAST = 500  # below this, the DDL costs more than the inserts it saves
