"""Archivo → «Depurar datos de contacto…»: the preview first, the purge only when confirmed."""

from PySide6.QtWidgets import QMessageBox

from seguimiento_desktop.domain.models import StudentQuery
from tests.conftest import signed_in
from tests.conftest import signed_in
from tests.gui.person import Click, SaveAs, choose_menu
from tests.gui.test_journeys import demo_app, start_app  # noqa: F401 (the app, as started)
from tests.roster_files import people, roster_rows, write_csv

OLD = "2019-2022"  # its follow-up ended in November 2023


def test_contact_data_of_an_old_cohort_are_shown_then_purged(qtbot, demo_app, person,
                                                             isolated_app, tmp_path):
    roster = write_csv(tmp_path / "lista.csv", roster_rows(people(25, seed=5)))
    with signed_in(isolated_app) as workspace:  # the window's plantel has accounts
        workspace.import_roster(roster, OLD)
    person.do(lambda: choose_menu(demo_app, "Archivo", "Depurar datos de contacto…"),
              Click("Cancelar", expect="Se borrarían", kind=QMessageBox))
    reader = demo_app.context.reader
    reachable = [s for s in reader.find_students(StudentQuery(cohort=OLD))
                 if s.phone or s.email or s.home_phone]
    assert reachable  # nothing changed by looking
    said = person.do(lambda: choose_menu(demo_app, "Archivo", "Depurar datos de contacto…"),
                     Click("Borrar datos de contacto", expect=f"Generación {OLD}",
                           kind=QMessageBox),
                     Click("Aceptar", expect="Se borraron", kind=QMessageBox))
    assert f"{len(reachable)} alumnos" in said[0] and "nombres, CURP y respuestas" in said[0]
    old = reader.find_students(StudentQuery(cohort=OLD))
    assert len(old) == 25 and not any(s.phone or s.email or s.home_phone for s in old)
    assert any(s.phone for s in reader.find_students(StudentQuery(cohort="2024-2027")))
    person.free(demo_app)


def test_the_preview_is_saved_as_the_pdf_report_then_offered_again(
        qtbot, demo_app, person, isolated_app, tmp_path, viewer):
    from tests.pdf_text import pdf_text
    roster = write_csv(tmp_path / "lista.csv", roster_rows(people(25, seed=5)))
    with signed_in(isolated_app) as workspace:
        workspace.import_roster(roster, OLD)
    out = tmp_path / "para-la-direccion"  # typed without «.pdf»
    said = person.do(lambda: choose_menu(demo_app, "Archivo", "Depurar datos de contacto…"),
                     Click("Guardar informe PDF…", expect="Se borrarían", kind=QMessageBox),
                     SaveAs(out),
                     Click("Cancelar", expect=f"Generación {OLD}", kind=QMessageBox))
    pdf = tmp_path / "para-la-direccion.pdf"
    assert viewer.opened == [pdf]
    text = pdf_text(pdf)
    assert "(vista previa)" in text and OLD in text and "Se borrarían" in text
    assert said[0] == said[-1]  # the same preview, offered again after the report
    reader = demo_app.context.reader
    assert any(s.phone for s in reader.find_students(StudentQuery(cohort=OLD)))  # untouched
    person.free(demo_app)
