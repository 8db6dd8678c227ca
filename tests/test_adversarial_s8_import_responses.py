"""`responses import` against what is already keyed: a CSV must never overwrite a
questionnaire captured on paper, nor let a second row of the same person win silently."""

import random

import pytest

from seguimiento_desktop.domain.models import Response, StudentQuery, folio
from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.questionnaires.synthetic import synthetic_answers


@pytest.fixture
def plantel(workspace):
    workspace.fill_demo(20, with_followup=False)
    return workspace


@pytest.fixture
def keyed(plantel):
    """A graduate whose whole C2 was keyed from paper."""
    student = plantel.find_students(StudentQuery(cohort=plantel.facets().cohorts[1]))[0]
    definition = plantel.definition("C2")
    answers = synthetic_answers(definition, random.Random(4))
    saved = plantel.save_response(Response(student.id, "C2", definition.version, answers))
    assert saved.status == "completa"
    return student, saved


def write_csv(path, header, rows):
    path.write_text("\n".join(",".join(map(str, r)) for r in [header, *rows]), encoding="utf-8")
    return path


def test_a_csv_row_never_replaces_a_questionnaire_already_keyed(plantel, keyed, tmp_path):
    student, saved = keyed
    other = 1 if saved.answers["ACT_ACTUAL"] != 1 else 2
    report = plantel.import_responses(
        write_csv(tmp_path / "c2.csv", ["curp", "ACT_ACTUAL"], [[student.curp, other]]), "C2")
    assert report.imported == 0
    [problem] = report.problems
    assert problem.row == 2 and folio("C2", student.seq) in problem.reason
    assert "no reemplaza lo capturado" in problem.reason
    assert plantel.response_for(student.id, "C2").answers == saved.answers


def test_the_same_answers_again_are_left_as_they_are(plantel, keyed, tmp_path):
    student, saved = keyed
    header = ["folio", *saved.answers]
    row = [folio("C2", student.seq)] + [";".join(map(str, v)) if isinstance(v, list) else v
                                        for v in saved.answers.values()]
    report = plantel.import_responses(write_csv(tmp_path / "c2.csv", header, [row]), "C2")
    assert (report.imported, report.unchanged, report.problems) == (0, 1, [])
    assert report.as_json()["sin_cambios"] == 1
    assert plantel.response_for(student.id, "C2") == saved


def test_a_person_twice_in_the_file_is_named_and_nothing_is_imported(plantel, tmp_path):
    student = plantel.find_students(StudentQuery(cohort=plantel.facets().cohorts[1]))[1]
    report = plantel.import_responses(write_csv(
        tmp_path / "c2.csv", ["curp", "DATOS_CAMBIARON", "ACT_ACTUAL"],
        [[student.curp, 1, 1], [folio("C2", student.seq), 1, 2]]), "C2")
    assert report.imported == 0
    assert [(p.row, "fila 2" in p.reason) for p in report.problems] == [(3, True)]
    assert plantel.response_for(student.id, "C2") is None


def test_a_file_saved_as_unicode_text_by_excel_is_read(plantel, tmp_path):
    # Excel's «Texto Unicode (.txt)»: UTF-16 with its BOM, tab-separated.
    student = plantel.find_students(StudentQuery(cohort=plantel.facets().cohorts[1]))[2]
    path = tmp_path / "c2.txt"
    path.write_bytes(f"curp\tDATOS_CAMBIARON\tACT_ACTUAL\r\n{student.curp}\t1\t4\r\n"
                     .encode("utf-16"))
    report = plantel.import_responses(path, "C2")
    assert (report.imported, report.problems) == (1, [])
    assert plantel.response_for(student.id, "C2").answers["ACT_ACTUAL"] == 4


def test_a_folio_of_another_questionnaire_is_a_problem_not_a_student(plantel, tmp_path):
    # «C3-000005» in a C2 file: the wrong paper, or the wrong file, never this C2.
    student = plantel.find_students(StudentQuery(cohort=plantel.facets().cohorts[1]))[3]
    report = plantel.import_responses(write_csv(
        tmp_path / "c2.csv", ["folio", "DATOS_CAMBIARON", "ACT_ACTUAL"],
        [[folio("C3", student.seq), 1, 1]]), "C2")
    [problem] = report.problems
    assert problem.row == 2 and "C3" in problem.reason and "C2" in problem.reason
    assert plantel.response_for(student.id, "C2") is None


def test_a_question_twice_in_the_header_is_refused_before_anything(plantel, tmp_path):
    student = plantel.find_students(StudentQuery(cohort=plantel.facets().cohorts[1]))[4]
    path = write_csv(tmp_path / "c2.csv", ["curp", "DATOS_CAMBIARON", "ACT_ACTUAL", "ACT_ACTUAL"],
                     [[student.curp, 1, 1, 2]])
    with pytest.raises(InvalidData, match="ACT_ACTUAL.*dos veces"):
        plantel.import_responses(path, "C2")
    assert plantel.response_for(student.id, "C2") is None
