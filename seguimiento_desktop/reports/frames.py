"""A cohort's data as pandas frames: one row per student, one column per question id."""

import json
from dataclasses import dataclass, field

import pandas as pd
from seguimiento_desktop.storage.connection import Database

from seguimiento_desktop.domain.models import SEX_LABELS
from seguimiento_desktop.storage import report_queries

QUESTIONNAIRES = ("C1", "C2", "C3")
UNKNOWN_SEX = "Sin dato"


@dataclass
class CohortData:
    """The students of a cohort (and carrera) and their finished answers per questionnaire.

    ``answers[q]`` is indexed by student id and holds one column per question id (codes,
    lists of codes for multiple choice, numbers or text); absent answers are NaN/None.
    """

    cohort: str
    career: str
    students: pd.DataFrame
    answers: dict[str, pd.DataFrame] = field(default_factory=dict)
    statuses: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def population(self) -> int:
        return len(self.students)

    def joined(self, questionnaire: str) -> pd.DataFrame:
        """Answers of ``questionnaire`` with the students' sex and carrera alongside."""
        answers = self.answers[questionnaire]
        return answers.join(self.students[["sex_label", "career"]], how="left")


def students_frame(rows: list[tuple]) -> pd.DataFrame:
    """Students as a frame indexed by id, with a printable sex label."""
    frame = pd.DataFrame.from_records(rows, columns=report_queries.STUDENT_COLUMNS)
    frame = frame.set_index("id", drop=False)
    frame["sex_label"] = frame["sex"].map(SEX_LABELS).fillna(UNKNOWN_SEX)
    return frame


def answers_frame(rows: list[tuple]) -> pd.DataFrame:
    """Finished responses as a frame indexed by student id (one column per question id)."""
    ids = [r[0] for r in rows]
    records = [json.loads(r[4]) for r in rows]
    frame = pd.DataFrame.from_records(records, index=pd.Index(ids, name="student_id"))
    frame["_status"] = [r[1] for r in rows]
    frame["_mode"] = [r[2] for r in rows]
    frame["_completed_at"] = [r[3] for r in rows]
    return frame


def selected_answers_frame(rows: list[tuple], question_ids: list[str]) -> pd.DataFrame:
    """Rows of (student id, answers…) from SQLite as a frame (lists for multiple choice)."""
    frame = pd.DataFrame.from_records(rows, columns=["student_id", *question_ids])
    return frame.set_index("student_id")


def load_cohort(db: Database, cohort: str, career: str = "",
                questions: dict[str, list[str]] | None = None) -> CohortData:
    """Read a cohort's students and finished responses to C1, C2 and C3.

    With ``questions`` ({questionnaire: question ids}) only those answers are read, which
    is what reports do; without it, every answer.
    """
    data = CohortData(cohort, career,
                      students_frame(report_queries.cohort_students(db, cohort, career)))
    for questionnaire in QUESTIONNAIRES:
        if questions is None:
            rows = list(report_queries.response_rows(db, questionnaire, cohort, career))
            data.answers[questionnaire] = answers_frame(rows)
            continue
        wanted = questions[questionnaire]
        rows = report_queries.answer_columns(db, questionnaire, wanted, cohort, career)
        data.answers[questionnaire] = selected_answers_frame(rows, wanted)
    data.statuses = report_queries.status_counts(db, cohort, career)
    return data


def column(frame: pd.DataFrame, question_id: str) -> pd.Series:
    """A question's answers (all None when nobody answered it, so the column is absent)."""
    if question_id in frame.columns:
        return frame[question_id]
    return pd.Series([None] * len(frame), index=frame.index, dtype=object)
