"""Aggregate reads for the central office's consolidated report.

A national cohort is about 1.4 million responses per questionnaire, so everything is
counted inside SQLite (GROUP BY plantel and cohort) and only the totals reach Python:
the report's memory does not grow with the number of graduates.
"""

import json

from seguimiento_desktop.storage.connection import Database

from seguimiento_desktop.storage.report_queries import FINISHED


def school_directory(db: Database) -> dict[str, dict]:
    """{CCT: school data (name, subsystem, state…)} from the enrolled installations."""
    found: dict[str, dict] = {}
    for cct, school in db.execute("SELECT cct, school FROM sync_installations "
                                  "ORDER BY enrolled_at"):
        found[cct] = json.loads(school)  # the latest enrollment wins
    return found


def population(db: Database) -> list[tuple[str, str, int]]:
    """(CCT, cohort, live students)."""
    return db.execute("SELECT school_cct, cohort, count(*) FROM students WHERE deleted = 0 "
                      "GROUP BY 1, 2").fetchall()


def finished_responses(db: Database) -> list[tuple[str, str, str, int]]:
    """(CCT, cohort, questionnaire, finished responses)."""
    return db.execute(
        "SELECT s.school_cct, s.cohort, r.questionnaire, count(*) FROM responses r "
        "JOIN students s ON s.id = r.student_id WHERE r.deleted = 0 AND s.deleted = 0 "
        f"AND r.status IN {FINISHED} GROUP BY 1, 2, 3").fetchall()


def answer_counts(db: Database, questionnaire: str,
                  question_id: str) -> list[tuple[str, str, int, int]]:
    """(CCT, cohort, code, finished responses with that code) for a single-choice question."""
    path = '$."' + question_id.replace('"', "").replace("'", "") + '"'
    return db.execute(
        f"SELECT s.school_cct, s.cohort, json_extract(r.answers, '{path}') AS code, count(*) "
        "FROM responses r JOIN students s ON s.id = r.student_id "
        f"WHERE r.deleted = 0 AND s.deleted = 0 AND r.questionnaire = ? AND r.status IN {FINISHED} "
        "AND code IS NOT NULL GROUP BY 1, 2, 3", [questionnaire]).fetchall()
