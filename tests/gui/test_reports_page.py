"""Reportes, as a person uses it: every report, export and printout with Qt's real dialogs
(the file dialog in its Qt variant, message boxes, the progress dialog), answered with real
clicks and keys by the ``person`` (tests/gui/person.py). Each journey ends with no modal
window left and the page taking a real click.
"""

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from seguimiento_desktop.domain.models import StudentQuery
from seguimiento_desktop.exports import writers
from seguimiento_desktop.gui.reports import page as reports_page
from tests.gui.person import Click, SaveAs, real_click, real_key, real_typing

UNKNOWN_CURP = "XXXX000000HDFXXX00"


@pytest.fixture(autouse=True)
def own_settings(tmp_path):
    """The remembered folder lives in the test's own folder."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "cfg"))


@pytest.fixture
def reports(qtbot, demo_context):
    widget = reports_page.ReportsPage(demo_context)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def choose(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered"
    combo.setCurrentIndex(index)


def finished(qtbot, page, outcome: str = "done") -> None:
    qtbot.waitUntil(lambda: page.last_job is not None and page.last_job.outcome != "running",
                    timeout=60_000)
    assert page.last_job.outcome == outcome


def generate(person, page, *answers) -> list[str]:
    """Click «Generar…» and answer the windows that follow."""
    return person.do(lambda: real_click(page.generate_button), *answers)


def type_into(field, text: str) -> None:
    real_click(field)
    real_typing(field, text)


def test_lists_cohorts_newest_first_and_the_careers_of_the_chosen_one(reports, demo_context):
    cohorts = list(demo_context.reader.report_choices())
    assert [reports.cohort_combo.itemData(i) for i in range(reports.cohort_combo.count())] == \
        list(reversed(cohorts))
    assert reports.career_combo.itemText(0) == "Todas las carreras"
    assert "Programación" in [reports.career_combo.itemText(i)
                              for i in range(reports.career_combo.count())]


def test_followup_report_opens_the_pdf_and_remembers_the_folder(qtbot, reports, tmp_path,
                                                                viewer, person):
    choose(reports.kind_combo, "seguimiento")
    choose(reports.career_combo, "Programación")
    folder = tmp_path / "salida"
    folder.mkdir()
    said = generate(person, reports, SaveAs(folder / "informe", expect="Guardar como"))
    assert "Guardar como" in said[0]
    finished(qtbot, reports)
    out = folder / "informe.pdf"
    assert out.read_bytes().startswith(b"%PDF")
    assert viewer.opened == [out] and "páginas)" in reports.status.text()
    assert reports_page.ReportsPage(reports.context).last_folder() == folder  # remembered
    person.free(reports)


def test_contact_list_for_the_calls(qtbot, reports, tmp_path, viewer, person):
    choose(reports.kind_combo, "contactos")
    choose(reports.questionnaire_combo, "C2")
    generate(person, reports, SaveAs(tmp_path / "llamadas.pdf"))
    finished(qtbot, reports)
    assert viewer.opened == [tmp_path / "llamadas.pdf"]
    person.free(reports)


def test_a_report_that_cannot_be_made_is_explained(qtbot, reports, tmp_path, person):
    """A quick job that fails: its message must stay answerable (the runner's old freeze)."""
    choose(reports.kind_combo, "contactos")
    choose(reports.cohort_combo, reports.cohort_combo.itemData(0))  # newest: C2 not open yet
    said = generate(person, reports, SaveAs(tmp_path / "pronto.pdf"),
                    Click("Aceptar", expect="todavía no debe contestar C2", kind=QMessageBox))
    assert reports.last_job.outcome == "failed" and "abre el" in said[-1]
    assert reports.status.text() == "No se generó el archivo."
    assert not (tmp_path / "pronto.pdf").exists()
    person.free(reports)


# --- Ficha del egresado -------------------------------------------------------------------

def pick_from_the_list(qtbot, search, text: str) -> None:
    """Type part of a name, wait for the drop-down, take its first entry with ↓ and Enter."""
    type_into(search.edit, text)
    popup = search.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=5000)
    real_key(search.edit, Qt.Key.Key_Down)
    real_key(search.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: search.student is not None, timeout=5000)


def test_ficha_of_someone_found_by_name(qtbot, reports, demo_context, tmp_path, viewer,
                                        person):
    choose(reports.kind_combo, "ficha")
    assert reports.student_search.isVisible() and not reports.career_combo.isVisible()
    someone = demo_context.reader.find_students(StudentQuery(limit=1))[0]
    pick_from_the_list(qtbot, reports.student_search,
                       f"{someone.first_surname} {someone.given_names[:3]}")
    chosen = reports.student_search.student
    assert chosen.first_surname == someone.first_surname
    assert chosen.curp in reports.student_search.edit.text()
    generate(person, reports, SaveAs(tmp_path / "ficha.pdf"))
    finished(qtbot, reports)
    assert viewer.opened == [tmp_path / "ficha.pdf"]
    assert reports.request().file_name() == f"ficha_{chosen.curp}.pdf"
    person.free(reports)


def test_ficha_with_a_curp_that_does_not_exist(qtbot, reports, demo_context, tmp_path, viewer,
                                               person):
    """One of the six actions that froze the app: now the person is looked up first, an
    unknown CURP is said in Spanish and no file is asked for; a real CURP then works."""
    choose(reports.kind_combo, "ficha")
    generate(person, reports, Click("Aceptar", expect="Escriba el nombre o la CURP",
                                    kind=QMessageBox))
    type_into(reports.student_search.edit, UNKNOWN_CURP.lower())
    said = generate(person, reports, Click("Aceptar", expect=f"CURP {UNKNOWN_CURP}",
                                           kind=QMessageBox))
    assert "No hay ningún alumno" in said[0] and reports.last_job is None
    real_key(reports.student_search.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    someone = demo_context.reader.find_students(StudentQuery(limit=1))[0]
    real_typing(reports.student_search.edit, someone.curp)
    qtbot.waitUntil(lambda: reports.student_search.student is not None, timeout=5000)
    generate(person, reports, SaveAs(tmp_path / "ficha.pdf"))
    finished(qtbot, reports)
    assert viewer.opened == [tmp_path / "ficha.pdf"]
    person.free(reports)


def test_ficha_says_when_a_name_matches_nobody_or_several(qtbot, reports, demo_context,
                                                         person):
    choose(reports.kind_combo, "ficha")
    type_into(reports.student_search.edit, "Zzyzx")
    generate(person, reports, Click("Aceptar", expect="Ningún alumno coincide con «Zzyzx»",
                                    kind=QMessageBox))
    reports.student_search.edit.clear()
    type_into(reports.student_search.edit, "Garcia")  # real_typing mangles accents
    generate(person, reports, Click("Aceptar", expect="Varios alumnos coinciden",
                                    kind=QMessageBox))
    assert reports.last_job is None  # no file was asked for, nothing ran
    person.free(reports)


def test_a_viewer_that_fails_says_where_the_file_is(qtbot, reports, demo_context, tmp_path,
                                                    viewer, person, monkeypatch):
    """No PDF viewer: the person is told where the file is (after a quick job)."""
    from PySide6.QtGui import QDesktopServices
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    choose(reports.kind_combo, "ficha")
    reports.student_search.choose(demo_context.reader.find_students(StudentQuery(limit=1))[0])
    out = tmp_path / "sin visor.pdf"
    said = generate(person, reports, SaveAs(out),
                    Click("Aceptar", expect="El archivo se guardó en", kind=QMessageBox))
    assert str(out) in said[-1] and out.exists()
    assert viewer.opened == []
    person.free(reports)


# --- Cuestionarios para imprimir ----------------------------------------------------------

def test_questionnaires_for_a_group(qtbot, reports, tmp_path, viewer, person):
    choose(reports.kind_combo, "cuestionarios")
    choose(reports.questionnaire_combo, "C2")
    choose(reports.target_combo, "grupo")
    assert reports.group_combo.isVisible() and reports.group_combo.count() > 1
    reports.blank_spin.setValue(2)
    generate(person, reports, SaveAs(tmp_path / "grupo.pdf"))
    finished(qtbot, reports)
    assert viewer.opened == [tmp_path / "grupo.pdf"]
    assert reports.last_job.result >= 3
    person.free(reports)


def test_questionnaires_for_chosen_students(qtbot, reports, demo_context, tmp_path, viewer,
                                            person):
    choose(reports.kind_combo, "cuestionarios")
    choose(reports.target_combo, "elegidos")
    assert not reports.cohort_combo.isVisible()
    said = generate(person, reports, Click("Aceptar", expect="Agregue a la lista",
                                           kind=QMessageBox))
    assert said and reports.last_job is None  # no file dialog for an empty list
    two = demo_context.reader.find_students(StudentQuery(limit=2))
    for student in two:
        type_into(reports.student_list.search.edit, student.curp)
        qtbot.waitUntil(lambda: reports.student_list.search.typed() == "", timeout=5000)
    assert reports.student_list.curps() == [s.curp for s in two]
    assert reports.student_list.count.text() == "2 alumnos elegidos"
    generate(person, reports, SaveAs(tmp_path / "elegidos.pdf"))
    finished(qtbot, reports)
    assert viewer.opened == [tmp_path / "elegidos.pdf"]
    person.free(reports)


@pytest.mark.slow
def test_cancelling_a_printout_leaves_no_file(qtbot, reports, tmp_path, person):
    choose(reports.kind_combo, "cuestionarios")
    choose(reports.target_combo, "generacion")
    reports.blank_spin.setValue(100)  # long enough (seconds) to be cancelled anywhere
    out = tmp_path / "cancelado.pdf"
    said = generate(person, reports, SaveAs(out),
                    Click("Cancelar", expect="Generando", kind=QProgressDialog),
                    Click("Aceptar", expect="cancelada", kind=QMessageBox))
    assert "No se guardó" in said[-1] or "cancel" in said[-1].lower()
    finished(qtbot, reports, "cancelled")
    assert reports.status.text() == "Cancelado: no se guardó ningún archivo."
    assert list(tmp_path.glob("cancelado*")) == []
    person.free(reports)


# --- Exports ------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["excel", "csv", "spss"])
def test_exports_write_their_files(qtbot, reports, tmp_path, viewer, person, kind):
    if kind == "spss" and not writers.spss_available():
        pytest.skip("pyreadstat no está instalado")
    choose(reports.kind_combo, kind)
    choose(reports.cohort_combo, "")
    out = tmp_path / f"respuestas{reports.kind().suffix}"
    generate(person, reports, SaveAs(out))
    finished(qtbot, reports)
    written = reports.last_job.result.files
    assert written and all(p.exists() and p.name.startswith("respuestas") for p in written)
    assert viewer.opened == []  # exports are not opened in a PDF viewer
    assert str(written[0]) in reports.status.text()
    person.free(reports)


def test_a_pseudonymised_export_has_no_names_or_curp(qtbot, reports, tmp_path, person):
    choose(reports.kind_combo, "csv")
    assert reports.cohort_combo.itemData(0) == "" and reports.pseudonymised.isVisible()
    choose(reports.cohort_combo, "")
    choose(reports.questionnaire_combo, "C1")
    real_click(reports.pseudonymised)
    assert reports.pseudonymised.isChecked()
    generate(person, reports, SaveAs(tmp_path / "c1.csv"))
    finished(qtbot, reports)
    header = (tmp_path / "c1.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert "curp" not in header and "PLAN" in header
    person.free(reports)


# --- Reached from the menu and the directory ---------------------------------------------

@pytest.fixture
def window(qtbot, demo_context):
    from seguimiento_desktop.gui.main_window import MainWindow
    main = MainWindow(demo_context)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    return main


def test_file_menu_opens_the_printout(qtbot, window, tmp_path, viewer, person):
    from tests.gui.person import choose_menu
    choose_menu(window, "Archivo", "Imprimir cuestionarios…")
    page = window.stack.currentWidget()
    assert page is window.pages["reports"] and page.kind().key == "cuestionarios"
    choose(page.target_combo, "grupo")
    generate(person, page, SaveAs(tmp_path / "grupo.pdf"))
    finished(qtbot, page)
    assert viewer.opened == [tmp_path / "grupo.pdf"]
    person.free(window)


def test_ficha_from_the_directory(qtbot, window, tmp_path, viewer, person):
    directory = window.pages["directory"]
    assert not directory.record_button.isEnabled()
    directory.table.selectRow(0)
    student = directory.selected_student()
    real_click(directory.record_button)
    page = window.stack.currentWidget()
    assert page is window.pages["reports"] and page.kind().key == "ficha"
    assert page.student_search.student == student
    generate(person, page, SaveAs(tmp_path / "ficha.pdf"))
    finished(qtbot, page)
    assert viewer.opened == [tmp_path / "ficha.pdf"]
    person.free(window)
