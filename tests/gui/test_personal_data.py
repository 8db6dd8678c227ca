"""Directorio → «Datos personales…» (ARCO: acceso and cancelación), with Qt's real dialogs."""

import json

from PySide6.QtWidgets import QMessageBox

from tests.gui.person import Choose, Click, real_click


def test_a_persons_data_are_saved_for_them_as_pdf_and_json(qtbot, directory, person, tmp_path):
    qtbot.waitUntil(lambda: directory.model.rowCount() > 0, timeout=5000)
    directory.table.selectRow(0)
    student = directory.selected_student()
    assert directory.arco_button.isEnabled()
    out = tmp_path / "para-la-persona"
    out.mkdir()
    said = person.do(lambda: real_click(directory.arco_button),
                     Click("Guardar sus datos…", expect="Derechos ARCO", kind=QMessageBox),
                     Choose(out, expect=student.full_name),
                     Click("Aceptar", expect="Listo", kind=QMessageBox))
    pdf, data = out / f"{student.curp}-ficha.pdf", out / f"{student.curp}-datos.json"
    assert str(pdf) in said[-1] and str(data) in said[-1]
    assert json.loads(data.read_text("utf-8"))["ficha"]["curp"] == student.curp
    assert pdf.read_bytes().startswith(b"%PDF")
    person.free(directory)


def test_a_person_who_asks_for_cancellation_is_erased(qtbot, directory, person):
    qtbot.waitUntil(lambda: directory.model.rowCount() > 0, timeout=5000)
    reader = directory.context.reader
    directory.table.selectRow(0)
    student = directory.selected_student()
    total = reader.count_students()
    said = person.do(lambda: real_click(directory.arco_button),
                     Click("Borrar sus datos…", kind=QMessageBox),
                     Click("Borrar sus datos", expect="No se puede deshacer", kind=QMessageBox),
                     Click("Aceptar", expect="Listo", kind=QMessageBox))
    assert student.full_name in said[1]
    assert reader.student_by_curp(student.curp) is None
    assert reader.count_students() == total - 1
    qtbot.waitUntil(lambda: directory.model.total == total - 1, timeout=5000)
    person.free(directory)
