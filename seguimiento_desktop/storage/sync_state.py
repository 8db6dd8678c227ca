"""Sync state of an installation: keys and settings, changed rows, the export log.

Private keys live in the ``settings`` table of the database (see docs/bundle-format.md,
«Claves»): one file to back up, and a thief of the PC gains nothing a key file beside the
database would not also give, since the database itself holds the plantel's records.
"""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from seguimiento_desktop.storage.connection import Database

# Columns that travel, by table, in the order bundles write them.
STUDENT_COLUMNS = ("id", "curp", "given_names", "first_surname", "second_surname", "sex",
                   "birth_date", "cohort", "career", "group_name", "shift", "email", "phone",
                   "home_phone", "status", "contact_status", "school_cct", "updated_at", "origin",
                   "deleted", "base_updated_at", "base_origin")
RESPONSE_COLUMNS = ("id", "student_id", "questionnaire", "version", "mode", "status", "keyer",
                    "verifier", "answers", "confirmed", "started_at", "completed_at",
                    "updated_at", "origin", "deleted")
ATTEMPT_COLUMNS = ("id", "student_id", "questionnaire", "attempted_on", "medium", "result",
                   "note", "updated_at", "origin", "deleted")
TABLES = {"students": STUDENT_COLUMNS, "responses": RESPONSE_COLUMNS,
          "contact_attempts": ATTEMPT_COLUMNS}


@dataclass(frozen=True)
class Revisions:
    """Local change numbers (``sync_rev``) per synced table: a position in the change log."""

    students: int = 0
    responses: int = 0
    attempts: int = 0

    def by_table(self) -> dict[str, int]:
        return {"students": self.students, "responses": self.responses,
                "contact_attempts": self.attempts}


@dataclass(frozen=True)
class ExportRecord:
    """One bundle this installation wrote (the plantel's export log)."""

    seq: int
    destination: str
    created_at: str
    file_name: str
    payload_sha256: str
    revisions: Revisions
    counts: dict
    acked_at: str | None = None


# --- Settings ------------------------------------------------------------------------


def get_setting(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_setting(db: Database, key: str, value: str) -> None:
    """Create or replace a setting (call inside a transaction)."""
    db.execute("INSERT INTO settings(key, value) VALUES (?, ?) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])


def get_json(db: Database, key: str, default: Any = None) -> Any:
    value = get_setting(db, key)
    return default if value is None else json.loads(value)


def set_json(db: Database, key: str, value: Any) -> None:
    set_setting(db, key, json.dumps(value, ensure_ascii=False, sort_keys=True))


# --- Changed rows ------------------------------------------------------------------


def current_revisions(db: Database) -> Revisions:
    """The newest change number of each synced table."""
    values = [db.execute(f"SELECT ifnull(max(sync_rev), 0) FROM {table}").fetchone()[0]
              for table in TABLES]
    return Revisions(*values)


def acked_position(db: Database, destination: str) -> tuple[Revisions, int]:
    """(change numbers delivered to ``destination``, last acknowledged bundle number).

    Every export repeats what is unacknowledged, so an acknowledged bundle proves that every
    change up to its recorded numbers arrived; the maximum over acknowledged bundles counts.
    """
    row = db.execute("SELECT ifnull(max(rev_students), 0), ifnull(max(rev_responses), 0), "
                     "ifnull(max(rev_attempts), 0), ifnull(max(seq), 0) FROM sync_exports "
                     "WHERE destination = ? AND acked_at IS NOT NULL", [destination]).fetchone()
    return Revisions(row[0], row[1], row[2]), row[3]


def count_changes(db: Database, since: Revisions, until: Revisions) -> dict[str, int]:
    """How many rows of each table changed in (since, until]."""
    low, high = since.by_table(), until.by_table()
    return {table: db.execute(f"SELECT count(*) FROM {table} WHERE sync_rev > ? AND sync_rev <= ?",
                              [low[table], high[table]]).fetchone()[0] for table in TABLES}


def changed_rows(db: Database, table: str, since: int, until: int) -> Iterator[tuple]:
    """Rows of ``table`` changed in (since, until], in change order, columns as in TABLES."""
    columns = ", ".join(TABLES[table])
    yield from db.conn.execute(f"SELECT {columns} FROM {table} WHERE sync_rev > ? "
                               "AND sync_rev <= ? ORDER BY sync_rev", [since, until])


# --- The export log ---------------------------------------------------------------


def next_export_seq(db: Database) -> int:
    return db.execute("SELECT ifnull(max(seq), 0) + 1 FROM sync_exports").fetchone()[0]


def record_export(db: Database, record: ExportRecord) -> None:
    """Log a bundle written and verified (call inside a transaction)."""
    revs = record.revisions
    db.execute("INSERT INTO sync_exports(seq, destination, created_at, file_name, "
               "payload_sha256, rev_students, rev_responses, rev_attempts, counts) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
               [record.seq, record.destination, record.created_at, record.file_name,
                record.payload_sha256, revs.students, revs.responses, revs.attempts,
                json.dumps(record.counts, sort_keys=True)])


def export_by_seq(db: Database, seq: int) -> ExportRecord | None:
    row = db.execute("SELECT seq, destination, created_at, file_name, payload_sha256, "
                     "rev_students, rev_responses, rev_attempts, counts, acked_at "
                     "FROM sync_exports WHERE seq = ?", [seq]).fetchone()
    return _to_export(row) if row else None


def last_export(db: Database) -> ExportRecord | None:
    row = db.execute("SELECT seq, destination, created_at, file_name, payload_sha256, "
                     "rev_students, rev_responses, rev_attempts, counts, acked_at "
                     "FROM sync_exports ORDER BY seq DESC LIMIT 1").fetchone()
    return _to_export(row) if row else None


def export_log(db: Database) -> list[ExportRecord]:
    """Every bundle written from this installation, newest first."""
    rows = db.execute("SELECT seq, destination, created_at, file_name, payload_sha256, "
                      "rev_students, rev_responses, rev_attempts, counts, acked_at "
                      "FROM sync_exports ORDER BY seq DESC").fetchall()
    return [_to_export(r) for r in rows]


def _to_export(row: tuple) -> ExportRecord:
    return ExportRecord(row[0], row[1], row[2], row[3], row[4], Revisions(row[5], row[6], row[7]),
                        json.loads(row[8]), row[9])


def mark_acked(db: Database, seq: int, when: str) -> None:
    """Count bundle ``seq`` as delivered (call inside a transaction)."""
    db.execute("UPDATE sync_exports SET acked_at = ? WHERE seq = ? AND acked_at IS NULL",
               [when, seq])


def unacknowledged(db: Database, destination: str) -> int:
    """Bundles to ``destination`` newer than the last acknowledged one (older ones are covered)."""
    return db.execute("SELECT count(*) FROM sync_exports WHERE destination = ? AND seq > "
                      "(SELECT ifnull(max(seq), 0) FROM sync_exports WHERE destination = ? "
                      "AND acked_at IS NOT NULL)", [destination, destination]).fetchone()[0]
