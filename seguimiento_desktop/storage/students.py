"""The student directory: rows, the FTS5 search index and the directory queries.

Search is accent- and case-insensitive: the index holds a folded copy of the name, CURP,
e-mail and phones in a trigram FTS5 table (SQLite's trigram tokenizer cannot drop accents
before 3.45, so we fold in Python). Terms of three or more characters go through MATCH;
shorter ones fall back to LIKE on the same folded text.
"""

from collections.abc import Iterable, Sequence
from datetime import date

from sqlite_utils import Database

from seguimiento_desktop.domain.models import DirectoryFacets, Student, StudentQuery
from seguimiento_desktop.domain.text import fold

# Student attribute -> column (``group`` is an SQL keyword).
_FIELD_COLUMNS = {
    "id": "id", "curp": "curp", "given_names": "given_names", "first_surname": "first_surname",
    "second_surname": "second_surname", "sex": "sex", "birth_date": "birth_date",
    "cohort": "cohort", "career": "career", "group": "group_name", "shift": "shift",
    "email": "email", "phone": "phone", "home_phone": "home_phone", "status": "status",
    "contact_status": "contact_status", "seq": "seq",
    "updated_at": "updated_at", "origin": "origin", "deleted": "deleted",
}
_SELECT = ", ".join(f"s.{c}" for c in _FIELD_COLUMNS.values())
_ORDERS = {
    "name": "s.sort_key", "curp": "s.curp", "cohort": "s.cohort", "group": "s.group_name",
    "career": "s.career", "status": "s.status", "email": "s.email", "phone": "s.phone",
}
MIN_TRIGRAM = 3


def _to_student(row: Sequence) -> Student:
    values = dict(zip(_FIELD_COLUMNS, row))
    values["birth_date"] = date.fromisoformat(values["birth_date"]) if values["birth_date"] else None
    values["deleted"] = bool(values["deleted"])
    return Student(**values)


def _to_row(student: Student, school_cct: str) -> list:
    values = dict(zip(_FIELD_COLUMNS, (getattr(student, f) for f in _FIELD_COLUMNS)))
    values["birth_date"] = student.birth_date.isoformat() if student.birth_date else None
    values["deleted"] = int(student.deleted)
    values["seq"] = student.seq or None  # a new row gets the next folio number
    return list(values.values()) + [school_cct, sort_key(student)]


def sort_key(student: Student) -> str:
    """Surnames first, folded: the order a plantel's lists are printed in."""
    return fold(f"{student.first_surname} {student.second_surname} {student.given_names}")


def haystack(student: Student) -> str:
    """The folded text the search index holds for a student."""
    return fold(" ".join((student.given_names, student.first_surname, student.second_surname,
                          student.curp, student.email, student.phone, student.home_phone)))


def write_students(db: Database, students: Iterable[Student], school_cct: str = "") -> int:
    """Insert or replace students by id and keep the search index in step.

    Call inside a transaction. Returns how many rows were written.
    """
    columns = list(_FIELD_COLUMNS.values()) + ["school_cct", "sort_key"]
    placeholders = ["COALESCE(?, (SELECT ifnull(max(seq), 0) + 1 FROM students))" if c == "seq"
                    else "?" for c in columns]
    upsert = (f"INSERT INTO students({', '.join(columns)}) VALUES ({', '.join(placeholders)}) "
              "ON CONFLICT(id) DO UPDATE SET "
              + ", ".join(f"{c} = excluded.{c}" for c in columns if c not in ("id", "seq"))
              + " RETURNING rowid")
    count = 0
    for student in students:
        rowid = db.execute(upsert, _to_row(student, school_cct)).fetchone()[0]
        db.execute("DELETE FROM students_fts WHERE rowid = ?", [rowid])
        if not student.deleted:
            db.execute("INSERT INTO students_fts(rowid, haystack) VALUES (?, ?)",
                       [rowid, haystack(student)])
        count += 1
    return count


def students_by_curp(db: Database, curps: Iterable[str]) -> dict[str, Student]:
    """Existing rows (tombstones included) for the given CURPs."""
    found: dict[str, Student] = {}
    wanted = list(dict.fromkeys(curps))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        rows = db.execute(f"SELECT {_SELECT} FROM students s WHERE s.curp IN "
                          f"({', '.join('?' * len(chunk))})", chunk).fetchall()
        found.update((row[1], _to_student(row)) for row in rows)
    return found


def student_by_id(db: Database, student_id: str) -> Student | None:
    row = db.execute(f"SELECT {_SELECT} FROM students s WHERE s.id = ?", [student_id]).fetchone()
    return _to_student(row) if row else None


def _where(query: StudentQuery) -> tuple[str, str, list]:
    """(join clause, where clause, parameters) for a directory query."""
    clauses, params, join = [], [], ""
    if not query.include_deleted:
        clauses.append("s.deleted = 0")
    for column, value in (("s.cohort", query.cohort), ("s.group_name", query.group),
                          ("s.career", query.career)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    terms = fold(query.text).split()
    long_terms = [t for t in terms if len(t) >= MIN_TRIGRAM]
    if terms:
        join = "JOIN students_fts f ON f.rowid = s.rowid"
    if long_terms:
        clauses.append("students_fts MATCH ?")
        params.append(" AND ".join('"' + t.replace('"', '""') + '"' for t in long_terms))
    for term in terms:
        if len(term) < MIN_TRIGRAM:
            clauses.append("f.haystack LIKE ? ESCAPE '\\'")
            params.append("%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    return join, (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def find_students(db: Database, query: StudentQuery) -> list[Student]:
    """Students matching a directory query, in the requested order and page."""
    join, where, params = _where(query)
    order = _ORDERS.get(query.order_by, "s.sort_key")
    direction = "DESC" if query.descending else "ASC"
    sql = f"SELECT {_SELECT} FROM students s {join}{where} ORDER BY {order} {direction}, s.id"
    if query.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = params + [query.limit, query.offset]
    return [_to_student(row) for row in db.execute(sql, params).fetchall()]


def count_students(db: Database, query: StudentQuery) -> int:
    join, where, params = _where(query)
    return db.execute(f"SELECT count(*) FROM students s {join}{where}", params).fetchone()[0]


def directory_facets(db: Database) -> DirectoryFacets:
    """Distinct cohorts, groups and careers of the live directory, for filter lists."""
    def distinct(column: str) -> list[str]:
        return [r[0] for r in db.execute(
            f"SELECT DISTINCT {column} FROM students WHERE deleted = 0 AND {column} != '' "
            f"ORDER BY {column}").fetchall()]
    return DirectoryFacets(distinct("cohort"), distinct("group_name"), distinct("career"))
