"""SQL of the merge: batch look-ups, row writes, links, version history, siblings, parking.

Call everything inside the merge's transaction. Student rows get the same shape, folio
numbers and search text as ``students.write_students`` gives them; the search index is kept
only where someone searches (a plantel's database, not the central office's).
"""

import json
import sys
from collections.abc import Iterable, Sequence
from operator import itemgetter

from seguimiento_desktop.storage.connection import Database

from seguimiento_desktop.domain.text import fold, person_key
from seguimiento_desktop.storage.roster_writes import index_new_students
from seguimiento_desktop.storage.students import HAYSTACK_FIELDS, search_text
from seguimiento_desktop.storage.sync_numbers import next_sync_rev
from seguimiento_desktop.storage.sync_state import RESPONSE_COLUMNS, STUDENT_COLUMNS

_CHUNK = 500


def select_in(db: Database, sql: str, values: Sequence, extra: Sequence = ()) -> list[tuple]:
    """Run ``sql`` (with one ``IN ({})`` list) over ``values`` in chunks; on PostgreSQL in
    one statement with the list as an array (``= ANY(?)``: one plan, one round trip)."""
    if getattr(db, "dialect", "sqlite") == "postgresql":
        return db.execute(sql.replace("IN ({})", "= ANY(?::text[])"),
                          [*extra, text_array(values)]).fetchall() if values else []
    rows: list[tuple] = []
    for start in range(0, len(values), _CHUNK):
        chunk = list(values[start:start + _CHUNK])
        marks = ", ".join("?" * len(chunk))
        rows.extend(db.conn.execute(sql.format(marks), [*extra, *chunk]).fetchall())
    return rows


def text_array(values: Sequence[str]) -> str | list:
    """A PostgreSQL ``text[]`` literal of ``values``: psycopg adapts a list element by
    element in Python, which took 15 % of the merging process's CPU on PostgreSQL (every batch
    looks up its ids as arrays); two joins cost a few per cent of that. A value that would
    need escaping (a quote, a backslash, a NUL: a hostile bundle's id) or is not text sends
    the list, adapted and checked by psycopg as before."""
    try:
        joined = "".join(values)
    except TypeError:
        return list(values)
    if '"' in joined or "\\" in joined or "\x00" in joined:
        return list(values)
    return '{"' + '","'.join(values) + '"}' if values else "{}"


# Errors after which a bundle's transaction is simply run again: none on SQLite, whose one
# writer at a time never meets another merge half-way (PostgreSQL: pg/merge_queries.py).
RETRYABLE: tuple[type[BaseException], ...] = ()


def begin_merge(db: Database) -> None:
    """Let a merge re-key rows (children move within the transaction; checked at commit)."""
    db.execute("PRAGMA defer_foreign_keys = ON")


def lock_bundle(db: Database, installation_id: str, seq: int) -> None:
    """Hold a bundle's number until the transaction ends, so a bundle is merged once.

    Nothing to do on SQLite: a write transaction already excludes every other writer.
    """


# --- Links: record id / CURP -> row id, and which record a row's version came from ---


def links(db: Database, keys: Sequence[str]) -> dict[str, str]:
    return dict(select_in(db, "SELECT key, target FROM sync_links WHERE key IN ({})", keys))


def set_link(db: Database, key: str, target: str) -> None:
    db.execute("INSERT INTO sync_links(key, target) VALUES (?, ?) ON CONFLICT(key) "
               "DO UPDATE SET target = excluded.target", [key, target])


def retarget_links(db: Database, old: str, new: str) -> None:
    db.execute("UPDATE sync_links SET target = ? WHERE target = ?", [new, old])


# --- Students ----------------------------------------------------------------------


def student_ids_by_curp(db: Database, curps: Sequence[str]) -> dict[str, str]:
    return dict(select_in(db, "SELECT curp, id FROM students WHERE curp IN ({})", curps))


def student_row(db: Database, student_id: str) -> dict | None:
    """A student row as a record dict (bundle column names) plus its local ``seq``."""
    columns = ", ".join(STUDENT_COLUMNS)
    row = db.execute(f"SELECT {columns}, seq FROM students WHERE id = ?", [student_id]).fetchone()
    if row is None:
        return None
    record = dict(zip(STUDENT_COLUMNS + ("seq",), row))
    record["deleted"] = bool(record["deleted"])
    return record


NEW_STUDENT_COLUMNS = ("rowid", "seq", "id", "curp", "given_names", "first_surname",
                       "second_surname", "sex", "birth_date", "cohort", "career", "group_name",
                       "shift", "email", "phone", "home_phone", "status", "contact_status",
                       "school_cct", "updated_at", "origin", "deleted", "base_updated_at",
                       "base_origin", "sort_key")


_INSERT_NEW_STUDENTS = (f"INSERT INTO students({', '.join(NEW_STUDENT_COLUMNS)}, sync_rev) "
                        f"VALUES ({', '.join('?' * (len(NEW_STUDENT_COLUMNS) + 1))})")


# ``insert_if_new_students`` and ``insert_if_new_responses`` are offered (PostgreSQL:
# pg/merge_queries.py, whose bulk path is COPY, which cannot skip a row the table holds).
INSERTS_IF_NEW = True
_IF_NEW = " ON CONFLICT DO NOTHING"


# The record's fields in NEW_STUDENT_COLUMNS order, around birth_date: a checked record may
# leave it out (it is optional), every other one of these it holds.
_BIRTH = NEW_STUDENT_COLUMNS.index("birth_date")
_BEFORE_BIRTH = itemgetter(*NEW_STUDENT_COLUMNS[2:_BIRTH])
_AFTER_BIRTH = itemgetter(*NEW_STUDENT_COLUMNS[_BIRTH + 1:NEW_STUDENT_COLUMNS.index("deleted")])
_NAMES = itemgetter("first_surname", "second_surname", "given_names")


def student_values(r: dict, rowid: int | None, seq: int | None) -> tuple:
    """A bundle record's student row in ``NEW_STUDENT_COLUMNS`` order (both stores)."""
    return (rowid, seq, *_BEFORE_BIRTH(r), r.get("birth_date"), *_AFTER_BIRTH(r),
            int(r["deleted"]), r.get("base_updated_at"), r.get("base_origin"),
            person_key(*_NAMES(r)))


def _haystack(r: dict) -> str:
    return search_text(fold(r[field]) for field in HAYSTACK_FIELDS)


def insert_new_students(db: Database, records: Sequence[dict], search_index: bool,
                        conflict: str = "") -> int:
    """Insert students known not to exist, given as bundle records (school_cct filled in);
    the number inserted (``conflict`` ``_IF_NEW``: a row holding one's id or CURP stays).

    Same row shape, folio numbers and search text (``search_index``) as
    ``students.write_students``, in bulk: row ids and folios are numbered here, so no
    per-row look-ups (this is the merge's hot path).
    """
    # Two queries on purpose: SQLite answers a lone max() from the index, but two
    # aggregates in one SELECT make it scan the whole table (quadratic over a merge).
    rowid = db.execute("SELECT ifnull(max(rowid), 0) FROM students").fetchone()[0]
    seq = db.execute("SELECT ifnull(max(seq), 0) FROM students").fetchone()[0]
    rev = next_sync_rev(db, "students") - 1  # numbered here: the trigger stays quiet
    rows = [student_values(r, rowid + n, seq + n) + (rev + n,) for n, r in enumerate(records, 1)]
    inserted = db.conn.executemany(_INSERT_NEW_STUDENTS + conflict, rows).rowcount
    if search_index and inserted == len(rows):  # else the caller takes them out again
        index_new_students(db, rowid, {name: [r[name] for r in records]
                                       for name in (*HAYSTACK_FIELDS, "deleted")})
    return inserted


def link_new_students(db: Database, records: Sequence[dict]) -> None:
    """Link and record the first version of students ``insert_new_students`` just wrote."""
    db.conn.executemany("INSERT INTO sync_links(key, target) VALUES (?, ?)",
                        [(r["id"], r["id"]) for r in records])
    _add_first_versions(db, records)


def _add_first_versions(db: Database, records: Sequence[dict]) -> None:
    add_history_rows(db, [(r["id"], r["updated_at"], r["origin"], r.get("base_updated_at"),
                           r.get("base_origin"), r["id"]) for r in records])


# The links of a batch's ids, those no link held; RETURNING says which were written.
_LINK_IF_NEW = ("INSERT INTO sync_links(key, target) SELECT value, value FROM json_each(?) "
                "WHERE true ON CONFLICT DO NOTHING RETURNING key")


def insert_if_new_students(db: Database, records: Sequence[dict], search_index: bool) -> bool:
    """``insert_new_students`` and ``link_new_students`` of ``records`` if no link holds one
    of their ids and no row one of their ids or CURPs (nor do two of them share one);
    otherwise write nothing and return False (see ``insert_if_new_responses``)."""
    ids = [r["id"] for r in records]
    linked = db.execute(_LINK_IF_NEW, [json.dumps(ids)]).fetchall()
    if len(linked) == len(ids):
        before = db.execute("SELECT ifnull(max(rowid), 0) FROM students").fetchone()[0]
        if insert_new_students(db, records, search_index, _IF_NEW) == len(records):
            _add_first_versions(db, records)
            return True
        db.execute("DELETE FROM students WHERE rowid > ?", [before])
    db.execute("DELETE FROM sync_links WHERE key IN (SELECT value FROM json_each(?))",
               [json.dumps([key for key, in linked])])
    return False


def write_student(db: Database, record: dict, row_id: str, search_index: bool) -> None:
    """Replace the row ``row_id`` with ``record``'s version (its folio number stays)."""
    columns = NEW_STUDENT_COLUMNS[2:]
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
    rowid = db.execute(f"INSERT INTO students({', '.join(columns)}) VALUES "
                       f"({', '.join('?' * len(columns))}) ON CONFLICT(id) DO UPDATE SET "
                       f"{updates} RETURNING rowid",
                       student_values({**record, "id": row_id}, None, None)[2:]).fetchone()[0]
    # The update trigger names the replaced local version as the base (right for an edit
    # made here); a merged version keeps the base it was made on.
    db.execute("UPDATE students SET base_updated_at = ?, base_origin = ? WHERE rowid = ?",
               [record.get("base_updated_at"), record.get("base_origin"), rowid])
    if search_index:
        db.execute("DELETE FROM students_fts WHERE rowid = ?", [rowid])
        if not record["deleted"]:
            db.execute("INSERT INTO students_fts(rowid, haystack) VALUES (?, ?)",
                       [rowid, _haystack(record)])


# --- Version history (students) --------------------------------------------------------


def history_contains(db: Database, record_id: str, updated_at: int, origin: str) -> bool:
    return db.execute("SELECT 1 FROM sync_versions WHERE record_id = ? AND updated_at = ? AND "
                      "origin = ?", [record_id, updated_at, origin]).fetchone() is not None


def known_versions(db: Database, record_ids: Sequence[str]) -> set[tuple[str, int, str]]:
    """(record id, updated_at, origin) of every student version held of ``record_ids``."""
    return set(select_in(db, "SELECT record_id, updated_at, origin FROM sync_versions WHERE "
                             "record_id IN ({})", record_ids))


def history_dominates(db: Database, student_id: str, updated_at: int, origin: str) -> bool:
    """Whether a known version of the person was made on this one, or later on its PC.

    Records of one person may carry different ids (a student enrolled at two planteles), so
    the check is by the person's row, not by the record id.
    """
    return db.execute(
        "SELECT 1 FROM sync_versions WHERE student_id = ? AND ((base_updated_at = ? AND "
        "base_origin = ?) OR (origin = ? AND updated_at > ?)) LIMIT 1",
        [student_id, updated_at, origin, origin, updated_at]).fetchone() is not None


def version_record_id(db: Database, student_id: str, updated_at: int, origin: str) -> str:
    """The record id a person's version arrived with (the row id may have changed since)."""
    row = db.execute("SELECT min(record_id) FROM sync_versions WHERE student_id = ? AND "
                     "updated_at = ? AND origin = ?", [student_id, updated_at, origin]).fetchone()
    return row[0] if row and row[0] else student_id


def rename_student(db: Database, old: str, new: str) -> None:
    """Give a person's row a new id (the smallest record id seen) and move what hangs on it."""
    db.execute("UPDATE students SET id = ? WHERE id = ?", [new, old])
    db.execute("UPDATE responses SET student_id = ? WHERE student_id = ?", [new, old])
    db.execute("UPDATE contact_attempts SET student_id = ? WHERE student_id = ?", [new, old])
    db.execute("UPDATE sync_versions SET student_id = ? WHERE student_id = ?", [new, old])
    db.execute("UPDATE sync_siblings SET row_id = ? WHERE kind = 'student' AND row_id = ?",
               [new, old])
    db.execute("UPDATE sync_siblings SET row_id = ? || substr(row_id, ?) WHERE kind = 'response' "
               "AND substr(row_id, 1, ?) = ?", [new, len(old) + 1, len(old) + 1, old + "|"])
    retarget_links(db, old, new)


def replace_siblings(db: Database, kind: str, row_id: str, versions: Iterable[dict]) -> None:
    """The concurrent versions kept for review at ``row_id`` become exactly ``versions``."""
    db.execute("DELETE FROM sync_siblings WHERE kind = ? AND row_id = ?", [kind, row_id])
    for version in versions:
        add_sibling(db, kind, row_id, version)


def has_siblings(db: Database, kind: str) -> bool:
    return db.execute("SELECT EXISTS(SELECT 1 FROM sync_siblings WHERE kind = ?)",
                      [kind]).fetchone()[0] == 1


def add_history(db: Database, versions: Iterable[dict], student_id: str) -> None:
    add_history_rows(db, [(v["id"], v["updated_at"], v["origin"], v["base_updated_at"],
                           v["base_origin"], student_id) for v in versions])


def add_history_rows(db: Database, rows: Sequence[tuple]) -> None:
    """(record id, updated_at, origin, base_updated_at, base_origin, student row id)."""
    db.conn.executemany(
        "INSERT INTO sync_versions(record_id, updated_at, origin, base_updated_at, "
        "base_origin, student_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", rows)


# --- Siblings: concurrent versions kept for review --------------------------------------


def siblings(db: Database, kind: str, row_id: str) -> list[dict]:
    rows = db.execute("SELECT data FROM sync_siblings WHERE kind = ? AND row_id = ? "
                      "ORDER BY updated_at, origin, record_id", [kind, row_id]).fetchall()
    return [json.loads(r[0]) for r in rows]


def add_sibling(db: Database, kind: str, row_id: str, version: dict) -> None:
    db.execute("INSERT INTO sync_siblings(kind, record_id, updated_at, origin, row_id, data) "
               "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
               [kind, version["id"], version["updated_at"], version["origin"], row_id,
                json.dumps(version, ensure_ascii=False, sort_keys=True)])


# --- Responses and contact attempts -------------------------------------------------


def existing_response_ids(db: Database, ids: Sequence[str]) -> set[str]:
    return {r[0] for r in select_in(db, "SELECT id FROM responses WHERE id IN ({})", ids)}


def response_stamps(db: Database, ids: Sequence[str]) -> dict[str, tuple[str, str, int, str]]:
    """{response id: (student id, questionnaire, updated_at, origin)} of the stored rows."""
    return {r[0]: tuple(r[1:]) for r in select_in(
        db, "SELECT id, student_id, questionnaire, updated_at, origin FROM responses "
            "WHERE id IN ({})", ids)}


def response_slots(db: Database, student_ids: Sequence[str]) -> set[tuple[str, str]]:
    """(student id, questionnaire) pairs that already have a response row."""
    return set(select_in(db, "SELECT student_id, questionnaire FROM responses WHERE "
                             "student_id IN ({})", student_ids))


def response_row(db: Database, response_id: str) -> dict | None:
    row = db.execute(f"SELECT {', '.join(RESPONSE_COLUMNS)} FROM responses WHERE id = ?",
                     [response_id]).fetchone()
    return response_record(row) if row else None


def response_in_slot(db: Database, student_id: str, questionnaire: str) -> str | None:
    row = db.execute("SELECT id FROM responses WHERE student_id = ? AND questionnaire = ?",
                     [student_id, questionnaire]).fetchone()
    return row[0] if row else None


def response_record(row: tuple) -> dict:
    """A stored response row (RESPONSE_COLUMNS order) as a record dict (both stores)."""
    record = dict(zip(RESPONSE_COLUMNS, row))
    record["answers"] = json.loads(record["answers"])
    record["confirmed"] = json.loads(record["confirmed"])
    record["deleted"] = bool(record["deleted"])
    return record


def write_responses(db: Database, rows: Iterable[tuple]) -> None:
    """Insert or replace response rows given as tuples in RESPONSE_COLUMNS order."""
    columns = ", ".join(RESPONSE_COLUMNS)
    updates = ", ".join(f"{c} = excluded.{c}" for c in RESPONSE_COLUMNS if c != "id")
    db.conn.executemany(f"INSERT INTO responses({columns}) VALUES "
                        f"({', '.join('?' * len(RESPONSE_COLUMNS))}) "
                        f"ON CONFLICT(id) DO UPDATE SET {updates}", rows)


_INSERT_NEW_RESPONSES = (f"INSERT INTO responses({', '.join(RESPONSE_COLUMNS)}, sync_rev) "
                         f"VALUES ({', '.join('?' * (len(RESPONSE_COLUMNS) + 1))})")


def insert_new_responses(db: Database, rows: Sequence[tuple]) -> None:
    """Insert response rows known not to exist (RESPONSE_COLUMNS order), numbering their
    ``sync_rev`` in bulk as the insert trigger would one by one."""
    if not rows:
        return
    rev = next_sync_rev(db, "responses")
    db.conn.executemany(_INSERT_NEW_RESPONSES,
                        [row + (number,) for number, row in enumerate(rows, rev)])


def insert_if_new_responses(db: Database, rows: Sequence[tuple]) -> bool:
    """Insert response rows (RESPONSE_COLUMNS order) if none is stored yet, by id or by
    person and questionnaire; otherwise write nothing and return False. The unique indexes
    are probed once, by the insert itself, instead of by a look-up and then the insert.

    A batch with a stored row is taken out again by its change numbers (every row from
    ``rev`` on is one it wrote): a savepoint around it would copy each page the batch
    touches into the statement journal, which cost more than the look-up it saves.
    """
    rev = next_sync_rev(db, "responses")
    inserted = db.conn.executemany(
        _INSERT_NEW_RESPONSES + _IF_NEW,
        [row + (number,) for number, row in enumerate(rows, rev)]).rowcount
    if inserted == len(rows):
        return True
    db.execute("DELETE FROM responses WHERE sync_rev >= ?", [rev])
    return False


def delete_response_row(db: Database, response_id: str) -> None:
    db.execute("DELETE FROM responses WHERE id = ?", [response_id])


def attempt_stamps(db: Database, ids: Sequence[str]) -> dict[str, tuple[int, str]]:
    return {r[0]: (r[1], r[2]) for r in select_in(
        db, "SELECT id, updated_at, origin FROM contact_attempts WHERE id IN ({})", ids)}


def write_attempts(db: Database, rows: Iterable[tuple], columns: Sequence[str]) -> None:
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
    db.conn.executemany(f"INSERT INTO contact_attempts({', '.join(columns)}) VALUES "
                        f"({', '.join('?' * len(columns))}) ON CONFLICT(id) DO UPDATE SET "
                        f"{updates}", rows)


# --- Records waiting for their student ------------------------------------------------


def park(db: Database, kind: str, record: dict) -> None:
    record = {k: v for k, v in record.items() if not k.startswith("_")}  # bundle fields only
    db.execute("INSERT INTO sync_parked(kind, record_id, updated_at, origin, student_ref, "
               "data) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
               [kind, record["id"], record["updated_at"], record["origin"],
                record["student_id"], json.dumps(record, ensure_ascii=False, sort_keys=True)])


def has_parked(db: Database) -> bool:
    return db.execute("SELECT EXISTS(SELECT 1 FROM sync_parked)").fetchone()[0] == 1


def take_parked(db: Database, student_refs: Sequence[str]) -> list[tuple[str, dict]]:
    """Remove and return (kind, record) parked for any of ``student_refs``."""
    rows = select_in(db, "SELECT kind, data, rowid FROM sync_parked WHERE student_ref IN ({})",
                     student_refs)
    db.conn.executemany("DELETE FROM sync_parked WHERE rowid = ?", [(r[2],) for r in rows])
    return [(r[0], json.loads(r[1])) for r in rows]


# --- Updates in sets (PostgreSQL: pg/merge_queries.py) ------------------------------------


def update_students(db: Database, records: Sequence[dict], search_index: bool) -> set[str]:
    """Record ids whose newer version was written in one set; none on SQLite, where every
    update takes the per-record path (its writes are local and already cheap)."""
    return set()


def update_responses(db: Database, rows: Sequence[tuple]) -> set[str]:
    """Response ids written in one set; none on SQLite (see ``update_students``)."""
    return set()


# --- The per-record path's picture (PostgreSQL: pg/merge_overlay.py) ----------------------


def overlay(db: Database, students: Sequence[dict] = (), responses: Sequence[dict] = ()):
    """The queries the per-record path runs for one batch: on SQLite these, as they are
    (each look-up is a local B-tree read, no round trip to save)."""
    return sys.modules[__name__]


def flush(db: Database) -> None:
    """Nothing is held back on SQLite (see ``overlay``)."""
