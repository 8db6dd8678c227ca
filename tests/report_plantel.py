"""A tiny plantel whose report figures were computed by hand (see the table below).

Cohort 2022-2025, 8 students; s8 never answered; s7's C1 is partial (counted, not analysed).

| s | sex | carrera      | C1 PLAN | OP_DOCENTES | C2 ACT | C2 SECTOR | C3 ACT | C3 RAZON_NO_ESTUDIA |
| 1 | M   | Programación | 1       | 5           | 1      |           | 1      |                     |
| 2 | M   | Programación | 2       | 4           | 2      | 31        | 3      |                     |
| 3 | H   | Programación | 3       | 4           | 1      |           | 2      | [1, 6]              |
| 4 | H   | Programación | 1       | 3           | 4      |           |        |                     |
| 5 | M   | Contabilidad | 5       | 9 (no aplica)| 3     | 46        |        |                     |
| 6 | H   | Contabilidad | 2       | 2           | 2      | 31        |        |                     |
| 7 | M   | Contabilidad | (parcial)|            |        |           |        |                     |
| 8 | H   | Contabilidad |         |             |        |           |        |                     |
"""

from dataclasses import replace

from seguimiento_desktop.demo import DEMO_SCHOOL, demo_students
from seguimiento_desktop.domain.ids import uuid7
from seguimiento_desktop.domain.models import Response
from seguimiento_desktop.storage import responses, students

COHORT = "2022-2025"
SEXES = "MMHHMHMH"
CAREERS = ["Programación"] * 4 + ["Contabilidad"] * 4
C1 = {1: {"PLAN": 1, "OP_DOCENTES": 5}, 2: {"PLAN": 2, "OP_DOCENTES": 4},
      3: {"PLAN": 3, "OP_DOCENTES": 4}, 4: {"PLAN": 1, "OP_DOCENTES": 3},
      5: {"PLAN": 5, "OP_DOCENTES": 9}, 6: {"PLAN": 2, "OP_DOCENTES": 2}}
C2 = {1: {"ACT_ACTUAL": 1}, 2: {"ACT_ACTUAL": 2, "SECTOR": 31}, 3: {"ACT_ACTUAL": 1},
      4: {"ACT_ACTUAL": 4}, 5: {"ACT_ACTUAL": 3, "SECTOR": 46}, 6: {"ACT_ACTUAL": 2, "SECTOR": 31}}
C3 = {1: {"ACT_ACTUAL": 1}, 2: {"ACT_ACTUAL": 3},
      3: {"ACT_ACTUAL": 2, "RAZON_NO_ESTUDIA": [1, 6]}}


def build_small_plantel(workspace) -> list:
    """Write the 8 students and their responses; return the students in order s1..s8."""
    workspace.set_up_school(DEMO_SCHOOL)
    made = [workspace.stamp(replace(s, id=uuid7(), sex=SEXES[i], career=CAREERS[i], group="6A"))
            for i, s in enumerate(demo_students(8, (COHORT,), seed=11))]
    records = []
    for questionnaire, table in (("C1", C1), ("C2", C2), ("C3", C3)):
        for number, answers in table.items():
            records.append(_response(workspace, made[number - 1], questionnaire, answers))
    records.append(_response(workspace, made[6], "C1", {"PLAN": 1}, status="parcial"))
    with workspace.store.transaction() as db:
        students.write_students(db, made, DEMO_SCHOOL.cct)
        responses.write_responses(db, records)
    return [workspace.student_by_curp(s.curp) for s in made]


def _response(workspace, student, questionnaire, answers, status="completa") -> Response:
    return Response(student_id=student.id, questionnaire=questionnaire, version=1,
                    answers=answers, status=status, id=uuid7(),
                    completed_at="2025-11-05T10:00:00", updated_at=workspace.store.clock.now(),
                    origin=workspace.store.installation_id)
