"""Questionnaire responses, contact attempts and keying sessions."""

import json
from collections.abc import Iterable, Sequence
from datetime import date

from seguimiento_desktop.storage.connection import Database

from seguimiento_desktop.domain.models import ContactAttempt, Response

_RESPONSE_COLUMNS = ("id", "student_id", "questionnaire", "version", "mode", "status", "keyer",
                     "verifier", "answers", "confirmed", "started_at", "completed_at",
                     "updated_at", "origin", "deleted")
_ATTEMPT_COLUMNS = ("id", "student_id", "questionnaire", "attempted_on", "medium", "result",
                    "note", "updated_at", "origin", "deleted")


def _to_response(row: Sequence) -> Response:
    values = dict(zip(_RESPONSE_COLUMNS, row))
    values["answers"] = json.loads(values["answers"])
    values["confirmed"] = tuple(json.loads(values["confirmed"]))
    values["deleted"] = bool(values["deleted"])
    return Response(**values)


def _response_row(response: Response) -> list:
    values = {c: getattr(response, c) for c in _RESPONSE_COLUMNS}
    values["answers"] = json.dumps(response.answers, ensure_ascii=False, sort_keys=True)
    values["confirmed"] = json.dumps(list(response.confirmed))
    values["deleted"] = int(response.deleted)
    return list(values.values())


def _upsert_sql(table: str, columns: Sequence[str], key: str = "id") -> str:
    return (f"INSERT INTO {table}({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
            f"ON CONFLICT({key}) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in columns if c != key))


def write_responses(db: Database, responses: Iterable[Response]) -> None:
    """Insert or replace responses by id (call inside a transaction)."""
    db.conn.executemany(_upsert_sql("responses", _RESPONSE_COLUMNS),
                        (_response_row(r) for r in responses))


def response_for(db: Database, student_id: str, questionnaire: str) -> Response | None:
    """The student's response to a questionnaire (tombstones included), if any."""
    row = db.execute(f"SELECT {', '.join(_RESPONSE_COLUMNS)} FROM responses "
                     "WHERE student_id = ? AND questionnaire = ?",
                     [student_id, questionnaire]).fetchone()
    return _to_response(row) if row else None


def find_responses(db: Database, questionnaire: str = "", cohort: str = "") -> list[Response]:
    """Live responses, optionally of one questionnaire and one cohort, in folio order."""
    return [response for response, _, _ in responses_with_keys(db, questionnaire, cohort)]


def responses_with_keys(db: Database, questionnaire: str = "",
                        cohort: str = "") -> list[tuple[Response, str, int]]:
    """(response, student's CURP, student's folio number) for live responses, in folio order."""
    clauses, params = ["r.deleted = 0", "s.deleted = 0"], []
    if questionnaire:
        clauses.append("r.questionnaire = ?")
        params.append(questionnaire)
    if cohort:
        clauses.append("s.cohort = ?")
        params.append(cohort)
    sql = (f"SELECT {', '.join('r.' + c for c in _RESPONSE_COLUMNS)}, s.curp, s.seq "
           f"FROM responses r JOIN students s ON s.id = r.student_id "
           f"WHERE {' AND '.join(clauses)} ORDER BY s.seq, r.questionnaire")
    return [(_to_response(row[:-2]), row[-2], row[-1]) for row in db.execute(sql, params)]


def response_counts(db: Database) -> dict[tuple[str, str], dict[str, int]]:
    """{(cohort, questionnaire): {status: count}} over live responses."""
    counts: dict[tuple[str, str], dict[str, int]] = {}
    rows = db.execute(
        "SELECT s.cohort, r.questionnaire, r.status, count(*) FROM responses r "
        "JOIN students s ON s.id = r.student_id WHERE r.deleted = 0 AND s.deleted = 0 "
        "GROUP BY 1, 2, 3").fetchall()
    for cohort, questionnaire, status, count in rows:
        counts.setdefault((cohort, questionnaire), {})[status] = count
    return counts


def student_id_by_seq(db: Database, seq: int) -> str | None:
    row = db.execute("SELECT id FROM students WHERE seq = ? AND deleted = 0", [seq]).fetchone()
    return row[0] if row else None


def write_attempts(db: Database, attempts: Iterable[ContactAttempt]) -> None:
    """Insert or replace contact attempts by id (call inside a transaction)."""
    def row(a: ContactAttempt) -> list:
        values = {c: getattr(a, c) for c in _ATTEMPT_COLUMNS}
        values["attempted_on"] = a.attempted_on.isoformat()
        values["deleted"] = int(a.deleted)
        return list(values.values())
    db.conn.executemany(_upsert_sql("contact_attempts", _ATTEMPT_COLUMNS), (row(a) for a in attempts))


def attempts_for(db: Database, student_id: str) -> list[ContactAttempt]:
    """A graduate's contact log, newest first."""
    rows = db.execute(f"SELECT {', '.join(_ATTEMPT_COLUMNS)} FROM contact_attempts "
                      "WHERE student_id = ? AND deleted = 0 ORDER BY attempted_on DESC, id DESC",
                      [student_id]).fetchall()
    return [_to_attempt(r) for r in rows]


def _to_attempt(row: Sequence) -> ContactAttempt:
    values = dict(zip(_ATTEMPT_COLUMNS, row))
    values["attempted_on"] = date.fromisoformat(values["attempted_on"])
    values["deleted"] = bool(values["deleted"])
    return ContactAttempt(**values)


def attempt_summaries(db: Database) -> dict[str, tuple[int, int, str]]:
    """{student_id: (attempts, successful attempts, last attempt date)} for ranking calls."""
    rows = db.execute(
        "SELECT student_id, count(*), sum(result IN ('contesto', 'agendo')), max(attempted_on) "
        "FROM contact_attempts WHERE deleted = 0 GROUP BY student_id").fetchall()
    return {r[0]: (r[1], r[2] or 0, r[3]) for r in rows}


def record_keying_session(db: Database, response_id: str, keyer: str, role: str,
                          started_at: str, seconds: float, keystrokes: int, errors: int) -> None:
    """Log one keying or verification session, for keyer statistics."""
    db.execute("INSERT INTO keying_sessions(response_id, keyer, role, started_at, seconds, "
               "keystrokes, errors) VALUES (?, ?, ?, ?, ?, ?, ?)",
               [response_id, keyer, role, started_at, seconds, keystrokes, errors])


def keyer_totals(db: Database) -> list[tuple[str, str, int, float, int, int]]:
    """(keyer, role, questionnaires, seconds, keystrokes, errors) per keyer and role."""
    return db.execute(
        "SELECT keyer, role, count(DISTINCT response_id), sum(seconds), sum(keystrokes), "
        "sum(errors) FROM keying_sessions GROUP BY keyer, role ORDER BY keyer, role").fetchall()


def finished_keyings(db: Database) -> list[tuple[Response, int, str]]:
    """(response, folio number, student's full name) of live finished, keyed responses.

    For the verification queue, which must look at every finished paper: these responses
    come WITHOUT their answers (reading and parsing 20,000 answer sets takes a second), so
    never save one back; read the whole response with ``response_for``.
    """
    rows = db.execute(
        "SELECT r.id, r.student_id, r.questionnaire, r.version, r.mode, r.status, r.keyer, "
        "r.verifier, r.completed_at, s.seq, "
        "trim(s.given_names || ' ' || s.first_surname || ' ' || s.second_surname) "
        "FROM responses r JOIN students s ON s.id = r.student_id "
        "WHERE r.deleted = 0 AND s.deleted = 0 AND r.status IN ('completa', 'verificada') "
        "AND r.keyer != '' ORDER BY s.seq, r.questionnaire").fetchall()
    return [(Response(row[1], row[2], row[3], mode=row[4], status=row[5], keyer=row[6],
                      verifier=row[7], completed_at=row[8], id=row[0]), row[9], row[10])
            for row in rows]
