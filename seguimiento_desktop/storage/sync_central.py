"""The receiving side's registers: enrolled installations and the bundles received.

Used by the central office and by a plantel's main PC that merges its capture PCs.
"""

import json
from dataclasses import dataclass

from seguimiento_desktop.storage.connection import Database


PC_NAME = "pc_name"  # key of the enrolled PC's own name in ``school`` (empty before 13)


@dataclass(frozen=True)
class EnrolledRow:
    installation_id: str
    cct: str
    school: dict
    signing_key: str
    age_recipient: str
    fingerprint: str
    enrolled_at: str
    revoked_at: str | None

    @property
    def pc_name(self) -> str:
        return str(self.school.get(PC_NAME, ""))


@dataclass(frozen=True)
class ReceivedRow:
    installation_id: str
    seq: int
    payload_sha256: str
    base_seq: int
    created_at: str
    received_at: str
    file_name: str
    counts: dict


_ENROLLED = ("installation_id, cct, school, signing_key, age_recipient, fingerprint, "
             "enrolled_at, revoked_at")
_RECEIVED = ("installation_id, seq, payload_sha256, base_seq, created_at, received_at, "
             "file_name, counts")


def catalog_school(cct: str, school: dict) -> dict:
    """The school data of an enrollment with entidad and subsistema as the catalogs name
    them: the entidad the CCT's first two digits stand for (the typed one, in its catalog
    spelling, only when the CCT has none), the subsistema's catalog name when the text
    names one (aliases such as «DGETI» included; unknown text kept), and the municipio's
    name in INEGI's list of that entidad when it names one (unknown text kept)."""
    from seguimiento_desktop.domain.cct import cct_state
    from seguimiento_desktop.domain.municipalities import municipality_name
    from seguimiento_desktop.domain.states import state_name
    from seguimiento_desktop.domain.subsystems import subsystem_name
    typed = school.get("state", "")
    places = {"subsystem": subsystem_name(school.get("subsystem", "")),
              "state": cct_state(cct) or state_name(typed) or str(typed or "")}
    if "municipality" in school:
        places["municipality"] = municipality_name(cct[:2], school["municipality"])
    return {**school, **places}


def catalog_municipalities(db: Database) -> None:
    """Municipio free text of the schools on record and of the enrolled planteles made the
    name in INEGI's list of the CCT's entidad where it names one (unknown text is kept).
    Run by migrations: SQLite's 0009 and the PostgreSQL store's twin (the same SQL)."""
    from seguimiento_desktop.domain.municipalities import municipality_name
    for rowid, cct, typed in db.execute("SELECT rowid, cct, municipality FROM schools").fetchall():
        if municipality_name(cct[:2], typed) != typed:
            db.execute("UPDATE schools SET municipality = ? WHERE rowid = ?",
                       [municipality_name(cct[:2], typed), rowid])
    rows = db.execute("SELECT installation_id, cct, school FROM sync_installations").fetchall()
    for installation, cct, school in rows:
        found = json.loads(school)
        if catalog_school(cct, found) != found:
            db.execute("UPDATE sync_installations SET school = ? WHERE installation_id = ?",
                       [json.dumps(catalog_school(cct, found), ensure_ascii=False), installation])


def _enrolled(row: tuple) -> EnrolledRow:
    return EnrolledRow(row[0], row[1], json.loads(row[2]), *row[3:])


def save_installation(db: Database, row: EnrolledRow) -> None:
    """Enroll (or re-enroll, replacing keys) an installation (call inside a transaction);
    its entidad and subsistema are saved as the catalogs name them."""
    db.execute(f"INSERT INTO sync_installations({_ENROLLED}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
               "ON CONFLICT(installation_id) DO UPDATE SET cct = excluded.cct, "
               "school = excluded.school, signing_key = excluded.signing_key, "
               "age_recipient = excluded.age_recipient, fingerprint = excluded.fingerprint, "
               "enrolled_at = excluded.enrolled_at, revoked_at = NULL",
               [row.installation_id, row.cct,
                json.dumps(catalog_school(row.cct, row.school), ensure_ascii=False),
                row.signing_key, row.age_recipient, row.fingerprint, row.enrolled_at, None])


def installation(db: Database, installation_id: str) -> EnrolledRow | None:
    row = db.execute(f"SELECT {_ENROLLED} FROM sync_installations WHERE installation_id = ?",
                     [installation_id]).fetchone()
    return _enrolled(row) if row else None


def installations(db: Database) -> list[EnrolledRow]:
    rows = db.execute(f"SELECT {_ENROLLED} FROM sync_installations "
                      "ORDER BY cct, enrolled_at").fetchall()
    return [_enrolled(r) for r in rows]


def revoke(db: Database, installation_id: str, when: str) -> bool:
    cursor = db.execute("UPDATE sync_installations SET revoked_at = ? WHERE installation_id = ? "
                        "AND revoked_at IS NULL", [when, installation_id])
    return cursor.rowcount > 0


def was_received(db: Database, installation_id: str, seq: int, sha256: str) -> bool:
    return db.execute("SELECT 1 FROM sync_received WHERE installation_id = ? AND seq = ? AND "
                      "payload_sha256 = ?", [installation_id, seq, sha256]).fetchone() is not None


def seq_seen_with_other_content(db: Database, installation_id: str, seq: int, sha256: str) -> bool:
    return db.execute("SELECT 1 FROM sync_received WHERE installation_id = ? AND seq = ? AND "
                      "payload_sha256 != ?", [installation_id, seq, sha256]).fetchone() is not None


def record_received(db: Database, row: ReceivedRow) -> None:
    """Remember a merged bundle, for replay detection and gap reports (inside a transaction)."""
    db.execute(f"INSERT INTO sync_received({_RECEIVED}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
               "ON CONFLICT DO NOTHING",
               [row.installation_id, row.seq, row.payload_sha256, row.base_seq, row.created_at,
                row.received_at, row.file_name, json.dumps(row.counts, sort_keys=True)])


def received_by_installation(db: Database) -> dict[str, list[ReceivedRow]]:
    """Every bundle received, per installation and by sequence number, in one query (a
    national office has tens of thousands of installations)."""
    found: dict[str, list[ReceivedRow]] = {}
    for r in db.execute(f"SELECT {_RECEIVED} FROM sync_received "
                        "ORDER BY installation_id, seq, received_at"):
        found.setdefault(r[0], []).append(ReceivedRow(*r[:7], json.loads(r[7])))
    return found


def school_counts(db: Database) -> dict[str, tuple[int, dict[str, int]]]:
    """{CCT: (live students, {questionnaire: live responses})} by the students' plantel."""
    result: dict[str, tuple[int, dict[str, int]]] = {}
    for cct, count in db.execute("SELECT school_cct, count(*) FROM students WHERE deleted = 0 "
                                 "GROUP BY school_cct").fetchall():
        result[cct] = (count, {})
    for cct, questionnaire, count in db.execute(
            "SELECT s.school_cct, r.questionnaire, count(*) FROM responses r JOIN students s "
            "ON s.id = r.student_id WHERE r.deleted = 0 AND s.deleted = 0 "
            "GROUP BY 1, 2").fetchall():
        result.setdefault(cct, (0, {}))[1][questionnaire] = count
    return result
