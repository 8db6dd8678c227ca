"""Reads for reports and exports: a cohort's students and finished responses, in bulk.

Reports read many rows at once, so these return plain tuples (cheap to build into pandas
frames) instead of domain objects.
"""

import json
from collections.abc import Iterator

from seguimiento_desktop.storage.connection import Database

FINISHED = ("completa", "verificada")  # partial responses are counted, never analysed
STUDENT_COLUMNS = ("id", "curp", "given_names", "first_surname", "second_surname", "sex",
                   "cohort", "career", "group_name", "email", "phone", "home_phone",
                   "contact_status", "seq")


def _filters(cohort: str, career: str) -> tuple[str, list]:
    clauses, params = ["s.deleted = 0"], []
    if cohort:
        clauses.append("s.cohort = ?")
        params.append(cohort)
    if career:
        clauses.append("s.career = ?")
        params.append(career)
    return " AND ".join(clauses), params


def cohort_students(db: Database, cohort: str = "", career: str = "") -> list[tuple]:
    """Live students (``STUDENT_COLUMNS``) of a cohort and optional career, by folio."""
    where, params = _filters(cohort, career)
    columns = ", ".join(f"s.{c}" for c in STUDENT_COLUMNS)
    return db.execute(f"SELECT {columns} FROM students s WHERE {where} ORDER BY s.seq",
                      params).fetchall()


def response_rows(db: Database, questionnaire: str, cohort: str = "", career: str = "",
                  finished_only: bool = True) -> Iterator[tuple]:
    """(student id, status, mode, completed_at, answers JSON) of live responses."""
    where, params = _filters(cohort, career)
    status = f" AND r.status IN {FINISHED}" if finished_only else ""
    yield from db.execute(
        "SELECT r.student_id, r.status, r.mode, r.completed_at, r.answers FROM responses r "
        f"JOIN students s ON s.id = r.student_id WHERE {where} AND r.deleted = 0 "
        f"AND r.questionnaire = ?{status} ORDER BY s.seq", params + [questionnaire])


def response_versions(db: Database, questionnaire: str) -> dict[str, int]:
    """Student id -> the questionnaire version their live response was captured with."""
    return dict(db.execute("SELECT student_id, version FROM responses WHERE deleted = 0 "
                           "AND questionnaire = ?", [questionnaire]))


def answer_columns(db: Database, questionnaire: str, question_ids: list[str], cohort: str = "",
                   career: str = "") -> list[tuple]:
    """(student id, answer of each question id…) of finished responses, extracted by SQLite.

    Reports need a few questions of each response: one json_extract with several paths
    parses each response once, in C, and returns just those values as a small JSON array
    (far faster than decoding every whole answer set in Python).
    """
    if not question_ids:
        return [(row[0],) for row in response_rows(db, questionnaire, cohort, career)]
    where, params = _filters(cohort, career)
    # Ids are validated by the definition loader ([A-Z0-9_]); quoted as JSON path keys anyway.
    paths = ", ".join("'$.\"" + qid.replace("'", "").replace('"', "") + "\"'"
                      for qid in question_ids)
    rows = db.execute(
        f"SELECT r.student_id, json_extract(r.answers, {paths}, '$.__none__') "
        "FROM responses r JOIN students s ON s.id = r.student_id "
        f"WHERE {where} AND r.deleted = 0 AND r.questionnaire = ? AND r.status IN {FINISHED} "
        "ORDER BY s.seq", params + [questionnaire]).fetchall()
    # The extra path keeps the result an array even for a single question id.
    return [(student_id, *json.loads(values)[:-1]) for student_id, values in rows]


def status_counts(db: Database, cohort: str = "", career: str = "") -> dict[tuple[str, str], int]:
    """{(questionnaire, status): live responses} for a cohort (and career)."""
    where, params = _filters(cohort, career)
    rows = db.execute(
        "SELECT r.questionnaire, r.status, count(*) FROM responses r JOIN students s "
        f"ON s.id = r.student_id WHERE {where} AND r.deleted = 0 GROUP BY 1, 2", params)
    return {(q, status): n for q, status, n in rows}


def cohorts_and_careers(db: Database) -> dict[str, list[str]]:
    """{cohort: [careers]} of the live directory, for report choosers."""
    found: dict[str, list[str]] = {}
    for cohort, career in db.execute(
            "SELECT DISTINCT cohort, career FROM students WHERE deleted = 0 AND cohort != '' "
            "ORDER BY cohort, career"):
        found.setdefault(cohort, [])
        if career:
            found[cohort].append(career)
    return found
