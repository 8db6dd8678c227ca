"""The PDF reports: what a director, a counselor or a supervisor reads on paper."""

from datetime import date

import pytest

from seguimiento_desktop.errors import Cancelled, FileUnreadable, InvalidData, NotFound
from seguimiento_desktop.progress import CancelToken
from tests.pdf_text import pdf_pages, pdf_text
from tests.report_plantel import COHORT, build_small_plantel

TODAY = date(2026, 11, 23)


def test_followup_report_prints_figures_in_spanish_format(workspace, tmp_path):
    build_small_plantel(workspace)
    out = tmp_path / "informe.pdf"
    pages = workspace.render_followup_report(COHORT, out, today=TODAY)
    text = pdf_text(out)
    assert pages == pdf_pages(out) and 4 <= pages <= 12
    assert "Informe de seguimiento de egresados" in text and "Generación 2022-2025" in text
    assert "23 de noviembre de 2026" in text and f"Página 1 de {pages}" in text
    assert "75.0%" in text and "37.5%" in text  # C1/C2 and C3 response rates
    assert "33.3%" in text  # 2 of 6 C2 respondents study only
    assert "Nota metodológica" in text and "se omiten" in text  # small cells suppressed and said so


def test_followup_report_with_no_answers_still_explains_itself(workspace, tmp_path):
    workspace.fill_demo(20, with_followup=False, today=TODAY)
    out = tmp_path / "vacio.pdf"
    workspace.render_followup_report("2023-2026", out, today=TODAY)
    text = pdf_text(out)
    assert "Todavía no hay respuestas" in text and "Nota metodológica" in text


def test_followup_report_reports_progress_and_can_be_cancelled(workspace, tmp_path):
    build_small_plantel(workspace)
    seen = []
    workspace.render_followup_report(COHORT, tmp_path / "a.pdf", today=TODAY,
                                     progress=lambda d, t, m: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1]
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        workspace.render_followup_report(COHORT, tmp_path / "b.pdf", today=TODAY, cancel=token)
    assert not (tmp_path / "b.pdf").exists() and not list(tmp_path.glob(".b.pdf*"))


def test_contact_list_lists_who_is_missing_by_group_with_alternate_contact(workspace, tmp_path):
    students = build_small_plantel(workspace)
    out = tmp_path / "contactos.pdf"
    lines = workspace.contact_lines(COHORT, "C3", today=TODAY)
    assert {l.student.curp for l in lines} == {s.curp for s in students[3:]}
    workspace.render_contact_list(COHORT, out, "C3", today=TODAY)
    text = pdf_text(out)
    assert "Lista de contacto" in text and "Grupo 6A" in text
    assert students[7].first_surname in text and students[0].curp not in text


def test_contact_list_defaults_to_the_waves_already_open(workspace):
    workspace.fill_demo(30, with_followup=False, today=TODAY)
    assert workspace.contact_waves("2023-2026", today=TODAY) == ("C2",)
    with pytest.raises(InvalidData, match="todavía no debe contestar C2"):
        workspace.contact_waves("2024-2027", today=TODAY)


def test_student_record_shows_question_texts_and_option_labels(workspace, tmp_path):
    students = build_small_plantel(workspace)
    out = tmp_path / "ficha.pdf"
    workspace.render_student_record(students[2].curp.lower(), out, today=TODAY)
    text = pdf_text(out)
    assert "Ficha del egresado" in text and students[2].curp in text
    assert "Al terminar el bachillerato, ¿qué piensas hacer?" in text
    assert "Estudiar y trabajar" in text  # C1 PLAN = 3, printed as its label
    assert "Falta de dinero; Necesito trabajar" in text  # a multiple answer in words


def test_student_record_for_an_unknown_curp_says_what_to_do(workspace, tmp_path):
    build_small_plantel(workspace)
    with pytest.raises(NotFound, match="Revise la CURP"):
        workspace.render_student_record("XXXX000000HDFXXX00", tmp_path / "f.pdf")


def test_report_into_a_missing_folder_is_a_spanish_message(workspace, tmp_path):
    build_small_plantel(workspace)
    with pytest.raises(FileUnreadable, match="No se encontró la carpeta"):
        workspace.render_followup_report(COHORT, tmp_path / "no" / "x.pdf", today=TODAY)
