"""Directorio → «Datos personales…» (ARCO, acceso), with Qt's real folder dialog."""

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
                     Choose(out, expect=student.full_name),
                     Click("Aceptar", expect="Listo", kind=QMessageBox))
    pdf, data = out / f"{student.curp}-ficha.pdf", out / f"{student.curp}-datos.json"
    assert str(pdf) in said[-1] and str(data) in said[-1]
    assert json.loads(data.read_text("utf-8"))["ficha"]["curp"] == student.curp
    assert pdf.read_bytes().startswith(b"%PDF")
    person.free(directory)
