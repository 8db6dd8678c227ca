"""The merge's SQL on PostgreSQL: the module ``Merger`` is given by a ``PgStore``.

Everything not defined here is ``storage/sync_merge.py`` as is (its SQL runs on both). What
differs, and why:

- Look-ups take the whole list as one array (``= ANY(?)``, in ``sync_merge.select_in``): one
  round trip per batch.
- Rows known to be new (students, their links and first versions, responses) go in with
  COPY, the server's bulk path; folio numbers and change counters come from sequences, so
  two processes merging at once never take the same number (SQLite counts ``max() + 1``
  under its single writer).
- A person's row is locked (``FOR UPDATE``) before the merge reads what hangs on it, so two
  processes settling the same person one after the other each see the other's result.
- A contact attempt is replaced only by a greater (``updated_at``, ``origin``): the HLC rule
  in the upsert itself.
- A bundle's number is held with a transaction-scoped advisory lock: the same bundle merged
  by two at once is merged once (the second finds it merged and says so).
"""

import json
import sys
from collections.abc import Iterable, Sequence

import psycopg

from seguimiento_desktop.storage.sync_merge import *  # noqa: F401,F403 - same SQL by default
from seguimiento_desktop.storage.sync_merge import (
    NEW_STUDENT_COLUMNS, response_record, student_values, text_array)
from seguimiento_desktop.storage.sync_state import RESPONSE_COLUMNS, STUDENT_COLUMNS

RETRYABLE = (psycopg.errors.TransactionRollback, psycopg.errors.UniqueViolation)
INSERTS_IF_NEW = False  # COPY, the bulk path here, cannot skip a row the table holds

_STUDENT_COPY = NEW_STUDENT_COLUMNS[2:]  # without rowid and seq: the sequences give them


def _copy(db, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    with db.conn.raw.cursor().copy(
            f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _any(db, sql: str, values: Sequence, extra: Sequence = ()) -> list[tuple]:
    """Run ``sql`` (one ``= ANY(?)`` for the list) over ``values`` in one statement."""
    if not values:
        return []
    return db.execute(sql.replace("= ANY(?)", "= ANY(?::text[])"),
                      [*extra, text_array(values)]).fetchall()


def begin_merge(db) -> None:
    """Foreign keys are declared DEFERRABLE INITIALLY DEFERRED: re-keying a person's row
    within the transaction is checked at commit, as on SQLite."""


def lock_bundle(db, installation_id: str, seq: int) -> None:
    """Hold (installation, bundle number) until commit; a second merger waits here."""
    db.execute("SELECT pg_advisory_xact_lock(hashtextextended(? || '/' || ?::text, 0))",
               [installation_id, seq])


def student_row(db, student_id: str) -> dict | None:
    """The person's row, locked until commit (what hangs on it is read after this)."""
    columns = ", ".join(STUDENT_COLUMNS)
    row = db.execute(f"SELECT {columns}, seq FROM students WHERE id = ? FOR UPDATE",
                     [student_id]).fetchone()
    if row is None:
        return None
    record = dict(zip(STUDENT_COLUMNS + ("seq",), row))
    record["deleted"] = bool(record["deleted"])
    return record


def insert_new_students(db, records: Sequence[dict], search_index: bool) -> None:
    """COPY students known not to exist (folio and change numbers from sequences)."""
    _copy(db, "students", _STUDENT_COPY, (student_values(r, None, None)[2:] for r in records))


def link_new_students(db, records: Sequence[dict]) -> None:
    _copy(db, "sync_links", ("key", "target"), ((r["id"], r["id"]) for r in records))
    _copy(db, "sync_versions", ("record_id", "updated_at", "origin", "base_updated_at",
                                "base_origin", "student_id"),
          ((r["id"], r["updated_at"], r["origin"], r.get("base_updated_at"),
            r.get("base_origin"), r["id"]) for r in records))


def response_in_slot(db, student_id: str, questionnaire: str) -> str | None:
    """The response filling a slot, with the person's row locked first (see student_row)."""
    db.execute("SELECT 1 FROM students WHERE id = ? FOR UPDATE", [student_id])
    row = db.execute("SELECT id FROM responses WHERE student_id = ? AND questionnaire = ?",
                     [student_id, questionnaire]).fetchone()
    return row[0] if row else None


def response_row(db, response_id: str) -> dict | None:
    row = db.execute(f"SELECT {', '.join(RESPONSE_COLUMNS)} FROM responses WHERE id = ?",
                     [response_id]).fetchone()
    return response_record(row) if row else None


def insert_new_responses(db, rows: Sequence[tuple]) -> None:
    """COPY response rows known not to exist (RESPONSE_COLUMNS order)."""
    if rows:
        _copy(db, "responses", RESPONSE_COLUMNS, rows)


def write_attempts(db, rows: Iterable[tuple], columns: Sequence[str]) -> None:
    """Upsert attempts from a staging table; a stored version with a greater stamp stays
    (the HLC rule in the upsert's WHERE). ``rows`` hold one version per id."""
    rows = list(rows)
    if not rows:
        return
    _stage(db, "stage_attempts", "contact_attempts", columns, rows)
    names = ", ".join(columns)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
    db.execute(f"INSERT INTO contact_attempts({names}) SELECT {names} FROM stage_attempts "
               f"ON CONFLICT (id) DO UPDATE SET {updates} "
               "WHERE (contact_attempts.updated_at, contact_attempts.origin) < "
               "(excluded.updated_at, excluded.origin)")


def take_parked(db, student_refs: Sequence[str]) -> list[tuple[str, dict]]:
    """Remove and return (kind, record) parked for any of ``student_refs`` (one statement:
    two merges never both take the same record)."""
    rows = _any(db, "DELETE FROM sync_parked WHERE student_ref = ANY(?) RETURNING kind, data, "
                    "rowid", student_refs)
    return [(kind, json.loads(data)) for kind, data, _ in sorted(rows, key=lambda r: r[2])]


# --- Updates in sets: staging tables and one UPDATE … FROM per batch ---------------------
#
# Only the case whose outcome the shared rules leave no choice in goes here: the record's
# row exists under the record's own id, nothing is kept for review at it, and the incoming
# version supersedes the stored one (students: made on it, or later on the same PC, and no
# known version supersedes the incoming one; responses: the same id in the same slot with
# a greater stamp). Everything else (links, renames, CURP holders, conflicts, moves
# between slots) is left to the per-record path, which ``Merger`` runs for the records not
# returned. Rows are locked first, so the UPDATE's own snapshot sees whatever another
# merge committed before the lock was granted.

_STUDENT_SET = ", ".join(f"{c} = st.{c}" for c in _STUDENT_COPY if c != "id")
_RESPONSE_SET = ", ".join(f"{c} = st.{c}" for c in RESPONSE_COLUMNS if c != "id")


def _stage(db, name: str, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """A temporary table shaped as ``columns`` of ``table``, holding exactly ``rows``."""
    db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} ON COMMIT DELETE ROWS AS "
               f"SELECT {', '.join(columns)} FROM {table} WITH NO DATA")
    db.execute(f"TRUNCATE {name}")
    _copy(db, name, columns, rows)


def update_students(db, records: Sequence[dict], search_index: bool) -> set[str]:
    """Write newer versions of students in one statement; the record ids written (their
    versions recorded). The rest are for the per-record path."""
    if not records or search_index:
        return set()
    _stage(db, "stage_students", "students", _STUDENT_COPY,
           (student_values(r, None, None)[2:] for r in records))
    _any(db, "SELECT id FROM students WHERE id = ANY(?) ORDER BY id FOR UPDATE",
         [r["id"] for r in records])
    written = {row[0] for row in db.execute(
        f"UPDATE students s SET {_STUDENT_SET} FROM stage_students st "
        "WHERE s.id = st.id AND s.curp = st.curp AND s.school_cct = st.school_cct "
        "AND (s.updated_at, s.origin) < (st.updated_at, st.origin) "
        "AND ((s.updated_at = st.base_updated_at AND s.origin = st.base_origin) "
        "     OR s.origin = st.origin) "
        "AND EXISTS (SELECT 1 FROM sync_links l WHERE l.key = st.id AND l.target = st.id) "
        "AND NOT EXISTS (SELECT 1 FROM sync_siblings x WHERE x.kind = 'student' "
        "                AND x.row_id = s.id) "
        "AND NOT EXISTS (SELECT 1 FROM sync_versions v WHERE v.student_id = s.id AND "
        "    ((v.base_updated_at = st.updated_at AND v.base_origin = st.origin) OR "
        "     (v.origin = st.origin AND v.updated_at >= st.updated_at))) "
        "RETURNING s.id").fetchall()}
    if written:
        db.execute("INSERT INTO sync_versions(record_id, updated_at, origin, base_updated_at, "
                   "base_origin, student_id) SELECT id, updated_at, origin, base_updated_at, "
                   "base_origin, id FROM stage_students WHERE id = ANY(?) "
                   "ON CONFLICT DO NOTHING", [sorted(written)])
    return written


def update_responses(db, rows: Sequence[tuple]) -> set[str]:
    """Write newer versions of responses (RESPONSE_COLUMNS order) that stay in their slot
    in one statement; the ids written. The rest are for the per-record path."""
    if not rows:
        return set()
    _stage(db, "stage_responses", "responses", RESPONSE_COLUMNS, rows)
    student = RESPONSE_COLUMNS.index("student_id")
    _any(db, "SELECT 1 FROM students WHERE id = ANY(?) ORDER BY id FOR UPDATE",
         sorted({row[student] for row in rows}))
    return {row[0] for row in db.execute(
        f"UPDATE responses r SET {_RESPONSE_SET} FROM stage_responses st "
        "WHERE r.id = st.id AND r.student_id = st.student_id "
        "AND r.questionnaire = st.questionnaire "
        "AND (r.updated_at, r.origin) < (st.updated_at, st.origin) "
        "AND NOT EXISTS (SELECT 1 FROM sync_siblings x WHERE x.kind = 'response' "
        "                AND x.row_id = st.student_id || '|' || st.questionnaire) "
        "RETURNING r.id").fetchall()}


def overlay(db, students: Sequence[dict] = (), responses: Sequence[dict] = ()):
    """These queries over a picture of what ``students`` or ``responses`` (the per-record
    path's records of one batch) touch, read and written in sets (``merge_overlay``)."""
    from seguimiento_desktop.storage.pg.merge_overlay import Overlay
    return Overlay(db, sys.modules[__name__], students, responses)
