"""Conflicts resolved at the central office (table ``sync_resolutions``)."""

from dataclasses import dataclass

from seguimiento_desktop.storage.connection import Database


@dataclass(frozen=True)
class ResolutionRow:
    conflict_id: str
    kind: str
    row_id: str
    field: str
    choice: str
    value: str
    resolved_by: str
    resolved_at: str
    updated_at: int
    origin: str


_COLUMNS = ("conflict_id", "kind", "row_id", "field", "choice", "value", "resolved_by",
            "resolved_at", "updated_at", "origin")


def save(db: Database, row: ResolutionRow) -> None:
    db.execute(f"INSERT INTO sync_resolutions({', '.join(_COLUMNS)}) VALUES "
               f"({', '.join('?' * len(_COLUMNS))})",
               [getattr(row, c) for c in _COLUMNS])


def resolved_ids(db: Database) -> set[str]:
    return {r[0] for r in db.execute("SELECT conflict_id FROM sync_resolutions").fetchall()}


def resolutions(db: Database) -> list[ResolutionRow]:
    rows = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM sync_resolutions "
                      "ORDER BY resolved_at, conflict_id").fetchall()
    return [ResolutionRow(*r) for r in rows]


def last_resolver(db: Database) -> str:
    row = db.execute("SELECT resolved_by FROM sync_resolutions ORDER BY resolved_at DESC, "
                     "rowid DESC LIMIT 1").fetchone()
    return row[0] if row else ""


def for_school(db: Database, cct: str, fields: tuple[str, ...]) -> list[dict]:
    """Resolutions of ``fields`` on students whose row is ``cct``'s that the plantel has not
    confirmed yet, for its acknowledgement: the row id and CURP (how the plantel finds its
    record), field, value and the office's stamp, who and when; oldest first.

    Confirmed: a version of the record from one of the plantel's PCs stamped after the
    resolution has arrived here. The plantel has then applied it (its applied version is
    stamped after the office's) or edited the record later, which its ``apply`` lets win
    anyway: sending it again would change nothing there."""
    marks = ", ".join("?" * len(fields))
    rows = db.execute(
        "SELECT r.row_id, s.curp, r.field, r.value, r.updated_at, r.origin, r.resolved_by, "
        "r.resolved_at FROM sync_resolutions r JOIN students s ON s.id = r.row_id "
        f"WHERE r.kind = 'alumno' AND s.school_cct = ? AND r.field IN ({marks}) "
        "AND NOT EXISTS (SELECT 1 FROM sync_versions v WHERE v.student_id = r.row_id "
        "AND v.updated_at > r.updated_at AND v.origin IN (SELECT installation_id FROM "
        "sync_installations WHERE cct = s.school_cct)) "
        "ORDER BY r.updated_at, r.conflict_id", [cct, *fields]).fetchall()
    keys = ("student_id", "curp", "field", "value", "updated_at", "origin", "resolved_by",
            "resolved_at")
    return [dict(zip(keys, row)) for row in rows]


def student_id_by_id_or_curp(db: Database, student_id: str, curp: str) -> str | None:
    row = db.execute("SELECT id FROM students WHERE id = ? UNION ALL SELECT id FROM students "
                     "WHERE curp = ? LIMIT 1", [student_id, curp]).fetchone()
    return row[0] if row else None
