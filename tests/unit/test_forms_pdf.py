"""Printed questionnaires: every applicable question on paper, one copy per student."""

import pytest

from seguimiento_desktop.domain.models import StudentQuery
from seguimiento_desktop.errors import Cancelled, FileUnreadable, InvalidData
from seguimiento_desktop.progress import CancelToken
from seguimiento_desktop.questionnaires.loader import load_definition
from seguimiento_desktop.reports.forms import FormBuilder, FormCopy
from reportlab.platypus import KeepTogether, Paragraph


def question_texts(flowables):
    texts = []
    for f in flowables:
        if isinstance(f, KeepTogether):
            texts += [p.text for p in f._content if isinstance(p, Paragraph)][:1]
    return texts


@pytest.mark.parametrize("questionnaire", ["C1", "C2", "C3"])
def test_every_question_is_printed_once_in_screen_order(workspace, questionnaire):
    definition = load_definition(questionnaire)
    story = FormBuilder(definition, None).copy_flowables(FormCopy(None, "C2-BLANCO-001"), "")
    printed = question_texts(story)
    assert len(printed) == len(definition.questions)
    assert [t.split(".")[0] for t in printed][:3] == [q.number.split(".")[0] for q in definition.questions[:3]]


def test_skip_rules_are_explained_on_paper(workspace):
    definition = load_definition("C2")
    story = FormBuilder(definition, None).copy_flowables(FormCopy(None, "x"), "")
    notes = [p.text for p in story if isinstance(p, Paragraph) and "Contesta solo si" in p.text]
    notes += [p.text for f in story if isinstance(f, KeepTogether) for p in f._content
              if isinstance(p, Paragraph) and "Contesta solo si" in p.text]
    assert any("pregunta 2" in n for n in notes)


def test_a_group_prints_one_copy_per_student_plus_blanks(workspace, tmp_path):
    workspace.fill_demo(30, with_followup=False)
    cohort = workspace.facets().cohorts[1]
    group = workspace.find_students(StudentQuery(cohort=cohort))[0].group
    pupils = workspace.find_students(StudentQuery(cohort=cohort, group=group))
    seen = []
    out = tmp_path / "c2.pdf"
    pages = workspace.print_questionnaires("C2", out, cohort, group, blank_copies=2,
                                           progress=lambda d, t, m: seen.append((d, t)))
    assert out.read_bytes().startswith(b"%PDF") and pages >= len(pupils) + 2
    assert seen[-1] == (len(pupils) + 2, len(pupils) + 2)
    assert not list(tmp_path.glob(".*parcial"))


def test_cancel_leaves_no_file(workspace, tmp_path):
    workspace.fill_demo(20, with_followup=False)
    token = CancelToken()

    def progress(done, total, message):
        if done >= 1:
            token.cancel()
    with pytest.raises(Cancelled):
        workspace.print_questionnaires("C1", tmp_path / "c1.pdf", progress=progress, cancel=token)
    assert list(tmp_path.glob("*c1.pdf*")) == []


def test_nothing_to_print_is_explained(workspace, tmp_path):
    with pytest.raises(InvalidData, match="No hay alumnos"):
        workspace.print_questionnaires("C2", tmp_path / "x.pdf", cohort="2030-2033")


def test_an_unwritable_folder_is_a_spanish_message(workspace, tmp_path):
    workspace.fill_demo(5, with_followup=False)
    with pytest.raises(FileUnreadable, match="carpeta|unidad|permiso"):
        workspace.print_questionnaires("C1", tmp_path / "no" / "existe" / "c1.pdf")


def _table_codes(flowable) -> list[str]:
    from reportlab.platypus import Table
    if isinstance(flowable, KeepTogether):
        return [c for part in flowable._content for c in _table_codes(part)]
    if isinstance(flowable, Table):
        return [cell for row in flowable._cellvalues for cell in row if isinstance(cell, str)]
    return []


def test_codes_print_in_their_fixed_width_and_numbers_get_a_box_per_digit(workspace):
    from seguimiento_desktop.reports.forms import _DigitBoxes
    definition = load_definition("C2")
    story = FormBuilder(definition, None).copy_flowables(FormCopy(None, "x"), "")
    codes = [c for f in story for c in _table_codes(f)]
    assert "01" in codes and "10" in codes and "99" in codes  # FUNCION prints 01 … 10, 99
    boxes = [part for f in story if isinstance(f, KeepTogether) for part in f._content
             if isinstance(part, _DigitBoxes)]
    assert [2] in [list(b.groups) for b in boxes]  # hours 1–72: two boxes
    assert [2, 4, 4] in [list(b.groups) for b in boxes]  # a phone: ten


def test_the_cover_speaks_to_the_graduate_as_tu_and_names_the_notice_once(workspace):
    definition = load_definition("C1")
    story = FormBuilder(definition, None).copy_flowables(FormCopy(None, "x"), "")
    text = " ".join(p.text for p in story if isinstance(p, Paragraph))
    assert "Marca con una X el cuadro de tu respuesta" in text and "Marque" not in text
    assert text.count("Aviso de privacidad") == 1


def test_a_students_copy_shows_what_the_directory_knows_for_confirmation(workspace):
    workspace.fill_demo(5, with_followup=False)
    student = workspace.find_students(StudentQuery(limit=1))[0]
    story = FormBuilder(load_definition("C1"), None).copy_flowables(FormCopy(student, "x"), "")
    notes = [p.text for f in story if isinstance(f, KeepTogether) for p in f._content
             if isinstance(p, Paragraph) and "Según el directorio" in p.text]
    assert any(student.career in n for n in notes)
    assert any(("1 Mujer" if student.sex == "M" else "2 Hombre") in n for n in notes)
    blank = FormBuilder(load_definition("C1"), None).copy_flowables(FormCopy(None, "y"), "")
    assert not any(isinstance(p, Paragraph) and "Según el directorio" in p.text
                   for f in blank if isinstance(f, KeepTogether) for p in f._content)

