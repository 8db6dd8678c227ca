"""The import wizard: file and cohort, mapping, dry run, import; unreadable files."""

import csv
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWizard

from seguimiento_desktop.domain.curp import build_curp
from seguimiento_desktop.domain.models import StudentQuery
from seguimiento_desktop.errors import FileUnreadable
from seguimiento_desktop.gui.directory.import_wizard import (DONE_PAGE, FILE_PAGE, MAPPING_PAGE,
                                                             ImportWizard)
from seguimiento_desktop.roster.models import ImportReport, RosterPreview, RowProblem
from seguimiento_desktop.services import Workspace
from tests.gui.person import Click, real_click, real_key

PEOPLE = [("ANA PAOLA", "RUIZ", "SOTO", date(2008, 2, 3), "M", "3312345678"),
          ("JOSÉ LUIS", "NÚÑEZ", "PEÑA", date(2007, 11, 21), "H", "3398765432"),
          ("XIMENA", "LUNA", "ROJAS", date(2008, 6, 30), "M", "")]


def write_roster(folder: Path) -> Path:
    path = folder / "lista 6A.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["CURP", "Nombre(s)", "Apellido paterno", "Apellido materno", "Grupo",
                         "Teléfono celular"])
        for given, first, second, born, sex, phone in PEOPLE:
            writer.writerow([build_curp(given, first, second, born, sex, "JC"), given, first,
                             second, "6A", phone])
        writer.writerow(["NOESUNACURP", "PEDRO", "SIN", "CURP", "6A", ""])
    return path


@pytest.fixture
def wizard(qtbot, school_context):
    wizard = ImportWizard(school_context)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def click(qtbot, wizard, which):
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def choose_file(qtbot, wizard, path: Path, cohort: str = "2023-2026"):
    wizard.file_page.path.setText(str(path))
    wizard.file_page.cohort.setEditText(cohort)


def test_file_page_checks_the_file_and_the_cohort(qtbot, wizard, tmp_path):
    page = wizard.file_page
    choose_file(qtbot, wizard, tmp_path / "lista.pdf", "2023")
    assert "Excel" in page.path_note.text()
    assert "no es válida" in page.cohort_note.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    choose_file(qtbot, wizard, write_roster(tmp_path), "2023-2026")
    assert not page.path_note.isVisible()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_an_unreadable_file_is_explained(qtbot, wizard, tmp_path, monkeypatch, person):
    def unreadable(self, path, sheet=None):
        raise FileUnreadable("No se pudo leer «roto.xlsx»: el archivo está dañado.")

    monkeypatch.setattr(Workspace, "preview_roster", unreadable)
    broken = tmp_path / "roto.xlsx"
    broken.write_bytes(b"no es un excel")
    choose_file(qtbot, wizard, broken)
    said = person.do(lambda: real_click(wizard.button(QWizard.WizardButton.NextButton)),
                     Click("Aceptar", expect="roto.xlsx", kind=QMessageBox))
    assert "No se pudo leer «roto.xlsx»: el archivo está dañado." in said[0]
    assert wizard.currentId() == FILE_PAGE
    person.free(wizard)


def test_wizard_flow_against_the_roster_contract(qtbot, wizard, tmp_path, monkeypatch):
    """The wizard's wiring, with the importer replaced by its documented contract."""
    calls = []
    preview = RosterPreview(path="x.csv", sheet="", header_row=1,
                            columns=["CURP", "Alumno", "Notas"], mapping={0: "curp", 1: "full_name"},
                            rows=[["AAAA", "RUIZ SOTO ANA", "x"]], row_numbers=[2], total_rows=1)

    def fake_import(self, path, cohort, *, mapping=None, sheet=None, dry_run=False, strict=False,
                    progress=None, cancel=None):
        calls.append((cohort, mapping, dry_run))
        progress(1, 1, "Revisando…")
        return ImportReport(inserted=1, rejected=[RowProblem(3, ["Falta la CURP."])],
                            dry_run=dry_run, written=not dry_run)

    monkeypatch.setattr(Workspace, "preview_roster", lambda self, path, sheet=None: preview)
    monkeypatch.setattr(Workspace, "import_roster", fake_import)
    choose_file(qtbot, wizard, write_roster(tmp_path), "2023–2026")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentId() == MAPPING_PAGE, timeout=5000)
    combos = wizard.mapping_page.combos
    assert [c.currentText() for c in combos] == ["CURP", "Nombre completo (apellidos y nombre)",
                                                 "(ignorar)"]
    combos[2].setCurrentText("Grupo")
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.dry_report is not None, timeout=5000)
    review = wizard.review_page
    assert review.summary.text() == ("Se insertarán 1, se actualizarán 0, sin cambios 0, "
                                     "rechazadas 1.")
    assert review.rejected.item(0, 0).text() == "3"
    assert review.rejected.item(0, 1).text() == "Falta la CURP."
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.isEnabled() and commit.text() == "&Importar"
    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == DONE_PAGE, timeout=5000)
    assert calls == [("2023-2026", {0: "curp", 1: "full_name", 2: "group"}, True),
                     ("2023-2026", {0: "curp", 1: "full_name", 2: "group"}, False)]
    assert "Alumnos nuevos: 1" in wizard.done_page.summary.text()


def test_duplicate_mapping_is_flagged(qtbot, wizard, tmp_path, monkeypatch):
    preview = RosterPreview(path="x.csv", sheet="", header_row=1, columns=["CURP", "Clave"],
                            mapping={0: "curp"}, rows=[["A", "B"]], row_numbers=[2], total_rows=1)
    monkeypatch.setattr(Workspace, "preview_roster", lambda self, path, sheet=None: preview)
    choose_file(qtbot, wizard, write_roster(tmp_path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == MAPPING_PAGE, timeout=5000)
    wizard.mapping_page.combos[1].setCurrentText("CURP")
    assert "dos columnas" in wizard.mapping_page.note.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_import_a_real_csv(qtbot, wizard, tmp_path, school_context):
    choose_file(qtbot, wizard, write_roster(tmp_path))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentId() == MAPPING_PAGE, timeout=10_000)
    shown = [c.currentText() for c in wizard.mapping_page.combos]
    assert shown == ["CURP", "Nombre(s)", "Primer apellido", "Segundo apellido", "Grupo",
                     "Teléfono celular"]
    assert wizard.mapping_page.rows.rowCount() == 4
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.dry_report is not None, timeout=10_000)
    assert wizard.review_page.summary.text().startswith("Se insertarán 3, se actualizarán 0")
    assert wizard.review_page.summary.text().endswith("rechazadas 1.")
    assert school_context.reader.count_students() == 0  # the dry run wrote nothing
    click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentId() == DONE_PAGE, timeout=10_000)
    assert school_context.reader.count_students() == 3
    nunez = school_context.reader.find_students(StudentQuery(text="nunez"))
    assert [s.cohort for s in nunez] == ["2023-2026"]


def test_escape_after_choosing_columns_asks_before_throwing_them_away(
        qtbot, wizard, tmp_path, person):
    """Choosing the columns of a long list takes a while; Esc by mistake asks first, and a
    mapping left as the program proposed it closes at once."""
    choose_file(qtbot, wizard, write_roster(tmp_path))
    click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentId() == MAPPING_PAGE, timeout=10_000)
    wizard.mapping_page.combos[5].setCurrentText("(ignorar)")  # not the phone after all
    asked = person.do(lambda: real_key(wizard, Qt.Key.Key_Escape),
                      Click("Seguir editando", expect="no se han importado", kind=QMessageBox))
    assert "¿Descartar las columnas elegidas?" in asked[0]
    assert wizard.isVisible() and wizard.mapping_page.combos[5].currentText() == "(ignorar)"
    wizard.mapping_page.combos[5].setCurrentText("Teléfono celular")  # back as proposed
    real_key(wizard, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=5000)
    person.free(wizard)
