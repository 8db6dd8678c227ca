"""The demo plantel used in training: its questionnaires agree with its directory."""

from datetime import date

from seguimiento_desktop.domain.models import SEX_LABELS
from seguimiento_desktop.questionnaires.loader import load_definition


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def test_every_demo_answer_agrees_with_the_directory(workspace):
    workspace.fill_demo(300)
    students = {s.id: s for s in workspace.find_students()}
    sexes = {o.code: o.label for o in load_definition("C1").question("SEXO").options}
    checked = 0
    for questionnaire in ("C1", "C2", "C3"):
        for response, _curp, _seq in workspace.responses_with_keys(questionnaire, ""):
            student, answers = students[response.student_id], response.answers
            if questionnaire == "C1":
                assert sexes[answers["SEXO"]] == SEX_LABELS[student.sex], student.curp
                assert answers["CARRERA"] == student.career, student.curp
                answered = date.fromisoformat(response.completed_at[:10])
                assert answers["EDAD"] == _age(student.birth_date, answered), student.curp
                checked += 1
            for question, field in (("CORREO", "email"), ("CELULAR", "phone"),
                                    ("TEL_CASA", "home_phone")):
                if question in answers and getattr(student, field):
                    assert answers[question] == getattr(student, field), student.curp
    assert checked > 150  # most of the three cohorts answered C1
