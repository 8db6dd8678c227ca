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
of a B-tree insert per row and index (the insert trigger, idle for numbered rows, likewise).
DDL is transactional in SQLite, so a failure, a
cancel or a kill leaves the indexes as they were, with the rows; a CURP twice (the importer
never writes one) would fail the unique index's rebuild and roll the whole import back.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import repeat

from seguimiento_desktop.storage.connection import Database

from seguimiento_desktop.domain.models import Student
from seguimiento_desktop.domain.text import collation_key, fold_many, person_key
from seguimiento_desktop.storage.students import (
    _FIELD_COLUMNS, HAYSTACK_FIELDS, haystack, search_text)
from seguimiento_desktop.storage.sync_numbers import next_sync_rev

_COLUMNS = list(_FIELD_COLUMNS.values()) + ["school_cct", "sort_key"]
# A new row (seq NULL) takes the next folio number, as in students.write_students.
_PLACEHOLDERS = ["COALESCE(?, (SELECT ifnull(max(seq), 0) + 1 FROM students))" if c == "seq"
                 else "?" for c in _COLUMNS]
_UPSERT = (f"INSERT INTO students({', '.join(_COLUMNS)}) VALUES ({', '.join(_PLACEHOLDERS)}) "
           "ON CONFLICT(id) DO UPDATE SET "
           + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS if c not in ("id", "seq")))
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
    columns = {key: [getattr(s, key) for s in students] for key in _FIELD_COLUMNS
               if key not in ("seq", "updated_at", "origin")}
    columns["birth_date"] = [day.isoformat() if day else None for day in columns["birth_date"]]
    columns["deleted"] = [int(s.deleted) for s in students]
    if stamp is None:
        stamps, origin = [s.updated_at for s in students], [s.origin for s in students]
    else:
        stamps, origin = [stamp[0]() for _ in students], stamp[1]
    return insert_new_students(db, columns, school_cct, stamps, origin)


@dataclass
class Numbers:
    """The last row id, folio number (``seq``) and change number (``sync_rev``) given."""

    rowid: int
    seq: int
    sync_rev: int


def last_numbers(db: Database) -> Numbers:
    """The students' last numbers. Asked once per import, while the indexes that answer
    it are there (``bulk_load`` drops them)."""
    rowid, seq = db.execute("SELECT ifnull(max(rowid), 0), ifnull(max(seq), 0) "
                            "FROM students").fetchone()
    return Numbers(rowid, seq, next_sync_rev(db, "students") - 1)


def insert_new_students(db: Database, columns: dict[str, list], school_cct: str,
                        stamps: Iterable[int], origin: str | Sequence[str],
                        numbers: Numbers | None = None, indexed: bool = True) -> int:
    """Insert new students given as columns (Student attribute -> one value per student,
    birth dates as ISO text; ``deleted`` may be left out), numbered after ``numbers``
    (moved on past them) and stamped with ``stamps`` and ``origin`` (one for all, or one
    each) in order. The rows go to SQLite straight from the columns: no Python step per
    student but the sort key and the search text, built a column at a time. Call inside a
    transaction; with ``indexed`` False, ``index_new_students`` must follow in it.
    """
    count = len(columns["id"])
    if not count:
        return 0
    numbers = numbers or last_numbers(db)
    rowid, seq, rev = numbers.rowid, numbers.seq, numbers.sync_rev
    numbers.rowid, numbers.seq, numbers.sync_rev = rowid + count, seq + count, rev + count
    values = {key: columns[key] for key in _FIELD_COLUMNS if key in columns}
    values.update(seq=range(seq + 1, seq + count + 1), updated_at=stamps, origin=origin,
                  school_cct=school_cct)
    values.setdefault("deleted", 0)
    fixed = _the_same_for_all(values, count)
    # A value given once that only a parameter can carry is bound on every row.
    bound = {key: repeat(value) if isinstance(value, (str, int)) else value
             for key, value in values.items() if key not in fixed}
    given, first, second = (columns[key] for key in ("given_names", "first_surname",
                                                     "second_surname"))
    sort_keys = map(" ".join, zip(*(map(collation_key, names) for names in (first, second, given))))
    db.conn.executemany(_insert(list(bound), fixed), zip(
        range(rowid + 1, rowid + count + 1), *bound.values(), sort_keys,
        range(rev + 1, rev + count + 1)))
    if indexed:
        index_new_students(db, rowid, columns)
    return count


# Columns often one value down a whole list (the cohort and status of new students; the
# group, career and shift of a group's list): such a column is written into the statement
# once instead of bound on every row (each bound text is copied by SQLite: ~2 ms of 15 for
# the rows of 5,000 students).
_OFTEN_ONE_VALUE = ("cohort", "career", "group", "shift", "status", "contact_status", "deleted")


def _the_same_for_all(values: dict, count: int) -> dict[str, str]:
    """The values given once (a text or a number), and the columns of ``_OFTEN_ONE_VALUE``
    whose ``count`` values are all the same, as SQL literals by column; a value that
    cannot be one (``_literal``) is left out."""
    fixed = {}
    for key, value in values.items():
        if isinstance(value, (str, int)):
            literal = _literal(value)
        elif key in _OFTEN_ONE_VALUE and value.count(value[0]) == count:
            literal = _literal(value[0])
        else:
            continue
        if literal is not None:
            fixed[key] = literal
    return fixed


def _insert(bound: list[str], fixed: dict[str, str]) -> str:
    """The INSERT of new students: the row id, ``bound``'s columns, the sort key and the
    change number bound per row, ``fixed``'s SQL literals written in."""
    names = ["rowid", *(_FIELD_COLUMNS.get(key, key) for key in bound), "sort_key", "sync_rev",
             *(_FIELD_COLUMNS.get(key, key) for key in fixed)]
    values = ["?"] * (len(bound) + 3) + list(fixed.values())
    return f"INSERT INTO students({', '.join(names)}) VALUES ({', '.join(values)})"


def _literal(value: str | int) -> str | None:
    """``value`` as an SQL literal; None for a value only a bound parameter can carry."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    if isinstance(value, int):
        return str(value)
    return None if "\0" in value else "'" + value.replace("'", "''") + "'"


def index_new_students(db: Database, after_rowid: int, columns: dict[str, list]) -> None:
    """The search index's rows for the students ``insert_new_students`` numbered after
    ``after_rowid`` (``columns`` as given to it), in one statement.

    FTS5 writes out what it holds in memory whenever a later statement of the transaction
    begins, and merges the pieces it wrote: a whole list indexed last, with room to hold it
    all, is written once, as one piece (a first list of 20,000: 30 ms less).
    """
    # A row id never used by a student may still be in the index (a student written and
    # rolled back leaves nothing; a restored copy might): cleared first, as the upsert does.
    if db.execute("SELECT 1 FROM students_fts WHERE rowid > ? LIMIT 1", [after_rowid]).fetchone():
        db.conn.execute("DELETE FROM students_fts WHERE rowid > ?", [after_rowid])
    texts = list(map(search_text, zip(*(fold_many(columns[key]) for key in HAYSTACK_FIELDS))))
    rowids = range(after_rowid + 1, after_rowid + len(texts) + 1)
    deleted = columns.get("deleted")
    live = zip(rowids, texts) if deleted is None or not any(deleted) else \
        ((n, text) for n, text, gone in zip(rowids, texts, deleted) if not gone)
    large = len(texts) >= _BULK_AT_LEAST
    if large:
        _fts_memory(db, _FTS_BULK_HASH)
    db.conn.executemany("INSERT INTO students_fts(rowid, haystack) VALUES (?, ?)", live)
    if large:
        _fts_memory(db, _FTS_HASH)


def _fts_memory(db: Database, size: int) -> None:
    """How much FTS5 holds in memory before writing it out (its ``hashsize``; kept in the
    index's own settings, set back inside the same transaction)."""
    db.execute("INSERT INTO students_fts(students_fts, rank) VALUES ('hashsize', ?)", [size])


def _rowids(db: Database, ids: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        found.update(db.execute(f"SELECT id, rowid FROM students WHERE id IN "
                                f"({', '.join('?' * len(chunk))})", chunk).fetchall())
    return found


@contextmanager
def bulk_load(db: Database, incoming: int) -> Iterator[None]:
    """Write ``incoming`` new students, numbered, inside; when they are at least as many
    as the students already stored, without the table's secondary indexes (rebuilt at the
    end) and its insert trigger.

    Call inside the writing transaction. On an exception nothing is rebuilt: the rollback
    brings the indexes back as they were.
    """
    stored = db.execute("SELECT count(*) FROM students").fetchone()[0]
    if incoming < max(stored, _BULK_AT_LEAST):
        yield
        return
    # The insert trigger that numbers a row written without its change number does nothing
    # here (every row comes numbered), yet SQLite builds its NEW row for each insert: a
    # quarter of the rows' cost. It goes and comes back with the indexes.
    dropped = db.execute("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'students' "
                         "AND sql IS NOT NULL AND (type = 'index' OR name = 'students_sync_insert')"
                         ).fetchall()
    for kind, name, _ in dropped:
        db.execute(f'DROP {kind.upper()} "{name}"')
    yield
    for _, _, sql in dropped:
        db.execute(sql)


_BULK_AT_LEAST = 500  # below this, the DDL costs more than the inserts it saves
_FTS_HASH = 1024 * 1024  # FTS5's default
_FTS_BULK_HASH = 256 * 1024 * 1024  # a ceiling: 20,000 students hold about 20 MiB
