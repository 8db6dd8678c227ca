"""The Reportes screen: choose, generate in the background, open, remember the folder."""


import pytest
from PySide6.QtCore import QSettings

from seguimiento_desktop.gui.reports import page as reports_page
from tests.pdf_text import pdf_text


@pytest.fixture
def reports(qtbot, demo_context, tmp_path, viewer):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    widget = reports_page.ReportsPage(demo_context)
    widget.opened = viewer.opened
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    return widget


def _choose(combo, data):
    combo.setCurrentIndex(combo.findData(data))


def _wait(qtbot, widget):
    qtbot.waitUntil(lambda: widget.last_job is not None and widget.last_job.outcome != "running",
                    timeout=60_000)


def test_lists_cohorts_newest_first_and_the_careers_of_the_chosen_one(reports, demo_context):
    cohorts = list(demo_context.reader.report_choices())
    assert [reports.cohort_combo.itemData(i) for i in range(reports.cohort_combo.count())] == \
        list(reversed(cohorts))
    assert reports.career_combo.itemText(0) == "Todas las carreras"
    assert "Programación" in [reports.career_combo.itemText(i)
                              for i in range(reports.career_combo.count())]


def test_followup_report_runs_in_background_opens_the_pdf_and_remembers_the_folder(
        qtbot, reports, tmp_path, messages):
    _choose(reports.kind_combo, "seguimiento")
    _choose(reports.cohort_combo, reports.cohort_combo.itemData(reports.cohort_combo.count() - 1))
    _choose(reports.career_combo, "Programación")
    folder = tmp_path / "salida"
    folder.mkdir()
    reports.choose_output = lambda: folder / "informe"
    reports.generate_button.click()
    _wait(qtbot, reports)
    out = folder / "informe.pdf"
    assert reports.last_job.outcome == "done" and messages.errors == []
    assert out.exists() and "Carrera: Programación" in pdf_text(out)
    assert reports.opened == [out] and "páginas" in reports.status.text()
    assert reports.last_folder() == folder
    assert reports_page.ReportsPage(reports.context).last_folder() == folder  # remembered


def test_ficha_needs_a_curp_and_unknown_ones_are_explained(qtbot, reports, tmp_path, messages):
    _choose(reports.kind_combo, "ficha")
    assert reports.curp_edit.isVisible() and not reports.career_combo.isVisible()
    reports.choose_output = lambda: tmp_path / "f.pdf"
    reports.generate_button.click()
    assert messages.errors == ["Escriba la CURP del egresado para generar su ficha."]
    reports.curp_edit.setText("XXXX000000HDFXXX00")
    reports.generate_button.click()
    _wait(qtbot, reports)
    assert reports.last_job.outcome == "failed" and "Revise la CURP" in messages.errors[-1]
    assert not (tmp_path / "f.pdf").exists()


def test_export_offers_all_cohorts_and_pseudonymised_files(qtbot, reports, tmp_path):
    _choose(reports.kind_combo, "csv")
    assert reports.cohort_combo.itemData(0) == "" and reports.pseudonymised.isVisible()
    _choose(reports.cohort_combo, "")
    _choose(reports.questionnaire_combo, "C1")
    reports.pseudonymised.setChecked(True)
    reports.choose_output = lambda: tmp_path / "c1.csv"
    reports.generate_button.click()
    _wait(qtbot, reports)
    header = (tmp_path / "c1.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "curp" not in header.split(",") and "PLAN" in header.split(",")
    assert reports.opened == []  # exports are not opened in a PDF viewer


def test_cancelling_leaves_no_file(qtbot, reports, tmp_path, messages):
    _choose(reports.kind_combo, "seguimiento")
    reports.choose_output = lambda: tmp_path / "cancelado.pdf"
    reports.generate_button.click()
    reports.last_job.cancel()
    _wait(qtbot, reports)
    assert reports.last_job.outcome == "cancelled" and messages.infos
    assert not (tmp_path / "cancelado.pdf").exists()
