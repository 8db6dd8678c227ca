"""The audit log (bitácora): append-only rows, each hashing the previous row's hash and
its own content, so an edited or deleted row breaks the chain where it was.

Triggers refuse UPDATE and DELETE in normal use; someone who drops them with a raw SQLite
tool still cannot make the chain agree again without recomputing every later hash, and
``verify_chain`` names the first row where it stops agreeing.

A row's detail (before/after values of a person's data: phones, e-mails, names) is not in
the chained row: it lives in ``audit_detail``, keyed by the row's seq, with a random salt,
and the chained row holds only ``sha256(salt + detail)``. A purge or an ARCO cancellation
blanks the detail and its salt (``redact``) and appends a row that says which rows it
blanked: the chain still agrees, the values are gone, and with the salt gone the digest
cannot be brute-forced back to a phone number. A detail edited by hand no longer matches
its digest; one blanked by hand is not listed by any «depurar_bitacora» row: both are
reported as a break.
"""

import json
import os
from dataclasses import dataclass

from seguimiento_desktop.storage.connection import Database

GENESIS = "0" * 64
REDACTION = "depurar_bitacora"  # the row a purge appends; its detail lists the rows blanked
NO_USER = "(sin cuenta)"  # as accounts/usecases.py writes a row nobody signed in for
DIGEST = "sha256:"  # how a chained row's detail column starts when the detail is apart


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
    redacted: str = ""  # the date its detail was purged («depurado»), or ""

    def detail_text(self) -> str:
        """The detail as the GUI, the CLI and the CSV show it."""
        if self.redacted:
            return f"(depurado el {self.redacted})"
        return json.dumps(self.detail, ensure_ascii=False) if self.detail else ""


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
    return _sha256(content)


def detail_digest(salt: str, text: str) -> str:
    """What the chained row holds in place of the detail."""
    return DIGEST + _sha256(salt + text)


def _sha256(text: str) -> str:
    import hashlib  # here: loading OpenSSL is 2.5 ms of the GUI's start, which writes nothing
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _put_detail(db: Database, seq: int, text: str) -> str:
    salt = os.urandom(16).hex()
    db.execute("INSERT INTO audit_detail(seq, salt, detail, redacted_at) VALUES (?, ?, ?, '')",
               [seq, salt, text])
    return detail_digest(salt, text)


def append(db: Database, at: str, user: str, action: str, target: str, detail: dict) -> int:
    """Add one row after the last (call inside a transaction); its seq."""
    last = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    seq, previous = (last[0] + 1, last[1]) if last else (1, GENESIS)
    digest = _put_detail(db, seq, json.dumps(detail, ensure_ascii=False, sort_keys=True,
                                             default=str))
    db.execute("INSERT INTO audit_log(seq, at, user, action, target, detail, prev_hash, hash) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               [seq, at, user, action, target, digest, previous,
                row_hash(previous, seq, at, user, action, target, digest)])
    return seq


_SELECT = ("SELECT l.seq, l.at, l.user, l.action, l.target, d.detail, l.hash, d.redacted_at "
           "FROM audit_log l LEFT JOIN audit_detail d ON d.seq = l.seq")


def find(db: Database, query: AuditQuery, limit: int = 0) -> list[AuditEntry]:
    """Rows matching ``query``, newest first."""
    sql, parameters = _SELECT, []
    conditions = []
    for clause, value in (("l.at >= ?", query.since), ("l.user = ?", query.user),
                          ("l.action = ?", query.action)):
        if value:
            conditions.append(clause)
            parameters.append(value)
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    sql += " ORDER BY l.seq DESC" + (f" LIMIT {int(limit)}" if limit else "")
    return [AuditEntry(r[0], r[1], r[2], r[3], r[4],
                       json.loads(r[5]) if r[5] and not r[7] else {}, r[6], r[7] or "")
            for r in db.execute(sql, parameters).fetchall()]


def actions(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT DISTINCT action FROM audit_log ORDER BY action")]


def redact(db: Database, targets: list[str], at: str, user: str, reason: str) -> list[int]:
    """Blank the details of every row about ``targets`` (CURPs) and append the row that
    says so (call inside the purge's transaction); the seqs blanked."""
    seqs = []
    for start in range(0, len(targets), 500):
        chunk = targets[start:start + 500]
        seqs += [r[0] for r in db.execute(
            "SELECT l.seq FROM audit_log l JOIN audit_detail d ON d.seq = l.seq "
            f"WHERE d.redacted_at = '' AND l.action != ? AND l.target IN "
            f"({', '.join('?' * len(chunk))})", [REDACTION, *chunk])]
    day = at[:10]
    for seq in seqs:
        db.execute("UPDATE audit_detail SET salt = '', detail = '', redacted_at = ? "
                   "WHERE seq = ?", [day, seq])
    if seqs:
        append(db, at, user, REDACTION, reason, {"registros": sorted(seqs)})
    return seqs


def verify_chain(db: Database) -> tuple[int, int | None, str, int]:
    """(rows checked, seq of the first row that does not agree or None, head hash, details
    purged)."""
    previous, expected_seq, checked, purged, listed = GENESIS, 1, 0, 0, set()
    for seq, at, user, action, target, digest, prev_hash, stored, salt, text, redacted in (
            db.execute("SELECT l.seq, l.at, l.user, l.action, l.target, l.detail, l.prev_hash, "
                       "l.hash, d.salt, d.detail, d.redacted_at FROM audit_log l "
                       "LEFT JOIN audit_detail d ON d.seq = l.seq ORDER BY l.seq")):
        if (seq != expected_seq or prev_hash != previous
                or row_hash(previous, seq, at, user, action, target, digest) != stored
                or not _detail_agrees(digest, salt, text, redacted)):
            return checked, seq if seq == expected_seq else expected_seq, previous, purged
        if redacted:
            purged += 1
        elif action == REDACTION:
            listed.update(json.loads(text).get("registros", []))
        previous, expected_seq, checked = stored, seq + 1, checked + 1
    unlisted = sorted(_redacted_seqs(db) - listed)
    if unlisted:  # blanked by hand: no «depurar_bitacora» row names it
        return unlisted[0] - 1, unlisted[0], previous, purged
    return checked, None, previous, purged


def _detail_agrees(digest: str, salt: str | None, text: str | None, redacted: str | None) -> bool:
    if not digest.startswith(DIGEST):
        return False
    if salt is None:  # the detail row was deleted by hand
        return False
    if redacted:
        return salt == "" and text == ""
    return detail_digest(salt, text) == digest


def _redacted_seqs(db: Database) -> set[int]:
    return {r[0] for r in db.execute("SELECT seq FROM audit_detail WHERE redacted_at != ''")}


def move_details_apart(db: Database, migration: int, at: str) -> None:
    """Migration ``migration``: rows written before the details were kept apart hold them
    in the chained row, and their hashes cover them. The old chain is checked first, then
    every detail moves to ``audit_detail`` and the rows are chained again over the digests;
    a last row «reencadenar_bitacora» records the old head and what the check found, so a
    copy of the old head kept elsewhere still vouches for the rows before it."""
    rows = db.execute("SELECT seq, at, user, action, target, detail, prev_hash, hash "
                      "FROM audit_log ORDER BY seq").fetchall()
    previous, broken = GENESIS, None
    for seq, at_, user, action, target, detail, prev_hash, stored in rows:
        if prev_hash != previous or row_hash(previous, seq, at_, user, action, target,
                                             detail) != stored:
            broken = broken or seq
        previous = stored
    db.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
    previous = GENESIS
    for seq, at_, user, action, target, detail, _, _ in rows:
        digest = _put_detail(db, seq, detail)
        chained = row_hash(previous, seq, at_, user, action, target, digest)
        db.execute("UPDATE audit_log SET detail = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                   [digest, previous, chained, seq])
        previous = chained
    db.execute("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
               "BEGIN SELECT RAISE(ABORT, 'la bitácora no se modifica'); END")
    if rows:
        append(db, at, "(sistema)", "reencadenar_bitacora", f"migración {migration}",
               {"nota": f"re-encadenada en la migración {migration}", "registros": len(rows),
                "sello_anterior": rows[-1][7],
                "cadena_anterior": f"rota en el registro {broken}" if broken else "íntegra"})
