"""The audit log (bitácora): append-only rows, each hashing the previous row's hash and
its own content, so an edited or deleted row breaks the chain where it was.

Triggers refuse UPDATE and DELETE in normal use; someone who drops them with a raw SQLite
tool still cannot make the chain agree again without recomputing every later hash, and
``verify_chain`` names the first row where it stops agreeing.
"""

import hashlib
import json
from dataclasses import dataclass

from seguimiento_desktop.storage.connection import Database

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    """One line of the bitácora."""

    seq: int
    at: str  # local time, ISO seconds
    user: str
    action: str
    target: str
    detail: dict
    hash: str = ""


@dataclass(frozen=True)
class AuditQuery:
    since: str = ""  # ISO date or datetime; rows at or after it
    user: str = ""
    action: str = ""


def row_hash(previous: str, seq: int, at: str, user: str, action: str, target: str,
             detail: str) -> str:
    """SHA-256 of the previous hash and this row's content, in one canonical form."""
    content = json.dumps([previous, seq, at, user, action, target, detail], ensure_ascii=False,
                         separators=(",", ":"))
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def append(db: Database, at: str, user: str, action: str, target: str, detail: dict) -> None:
    """Add one row after the last (call inside a transaction)."""
    last = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, previous = (last[0] + 1, last[1]) if last else (1, GENESIS)
    text = json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)
    db.execute("INSERT INTO audit_log(seq, at, user, action, target, detail, prev_hash, hash) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               [seq, at, user, action, target, text, previous,
                row_hash(previous, seq, at, user, action, target, text)])


def find(db: Database, query: AuditQuery, limit: int = 0) -> list[AuditEntry]:
    """Rows matching ``query``, newest first."""
    sql, parameters = "SELECT seq, at, user, action, target, detail, hash FROM audit_log", []
    conditions = []
    for clause, value in (("at >= ?", query.since), ("user = ?", query.user),
                          ("action = ?", query.action)):
        if value:
            conditions.append(clause)
            parameters.append(value)
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    sql += " ORDER BY seq DESC" + (f" LIMIT {int(limit)}" if limit else "")
    return [AuditEntry(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6])
            for r in db.execute(sql, parameters).fetchall()]


def actions(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT DISTINCT action FROM audit_log ORDER BY action")]


def verify_chain(db: Database) -> tuple[int, int | None, str]:
    """(rows checked, seq of the first row that does not agree or None, head hash)."""
    previous, expected_seq, checked = GENESIS, 1, 0
    for seq, at, user, action, target, detail, prev_hash, stored in db.execute(
            "SELECT seq, at, user, action, target, detail, prev_hash, hash FROM audit_log "
            "ORDER BY seq"):
        if (seq != expected_seq or prev_hash != previous
                or row_hash(previous, seq, at, user, action, target, detail) != stored):
            return checked, seq if seq == expected_seq else expected_seq, previous
        previous, expected_seq, checked = stored, seq + 1, checked + 1
    return checked, None, previous
