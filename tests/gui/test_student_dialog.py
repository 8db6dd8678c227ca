"""The student dialog: checked as the user types, saved through the writer."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from seguimiento_desktop.domain.curp import build_curp
from seguimiento_desktop.gui.directory.page import DirectoryPage

CURP = build_curp("MARÍA", "GONZÁLEZ", "PÉREZ", date(2007, 3, 14), "M", "JC")
WRONG_DIGIT = CURP[:17] + str((int(CURP[17]) + 1) % 10)


@pytest.fixture
def page(qtbot, school_context):
    page = DirectoryPage(school_context)
    qtbot.addWidget(page)
    page.show()
    return page


@pytest.fixture
def dialog(qtbot, page):
    qtbot.mouseClick(page.empty.findChildren(type(page.new_button))[1], Qt.MouseButton.LeftButton)
    assert page.student_dialog is not None
    return page.student_dialog


def test_a_new_student_starts_with_a_hint_and_guardar_disabled(dialog):
    assert dialog.windowTitle() == "Nuevo alumno"
    assert not dialog.save_button.isEnabled()
    assert dialog.notes["curp"].kind == "hint"
    assert not dialog.notes["given_names"].isVisible()  # untouched fields are not scolded


def test_an_invalid_curp_is_explained_and_blocks_saving(qtbot, dialog):
    qtbot.keyClicks(dialog.inputs["curp"], WRONG_DIGIT.lower())
    note = dialog.notes["curp"]
    assert note.isVisible() and note.kind == "error"
    assert "dígito verificador" in note.text() and f"debería ser {CURP[17]}" in note.text()
    assert dialog.derived["birth_date"].text().endswith("Se obtiene de la CURP</span>")
    qtbot.keyClicks(dialog.inputs["given_names"], "Maria")
    qtbot.keyClicks(dialog.inputs["first_surname"], "Gonzalez")
    assert not dialog.save_button.isEnabled()
    assert dialog.summary.text() == "Corrija lo marcado en rojo para poder guardar."


def test_a_valid_curp_shows_what_it_says(qtbot, dialog):
    qtbot.keyClicks(dialog.inputs["curp"], CURP)
    assert not dialog.notes["curp"].isVisible()
    assert dialog.derived["birth_date"].text() == "14/03/2007"
    assert dialog.derived["sex"].text() == "Mujer"
    assert dialog.derived["birth_state"].text() == "Jalisco"


def test_a_bad_email_is_only_a_warning(qtbot, dialog):
    qtbot.keyClicks(dialog.inputs["email"], "maria@")
    assert dialog.notes["email"].kind == "warning"


def test_saving_adds_the_student_to_the_directory(qtbot, page, dialog, school_context):
    qtbot.keyClicks(dialog.inputs["curp"], CURP)
    qtbot.keyClicks(dialog.inputs["given_names"], "Maria")
    qtbot.keyClicks(dialog.inputs["first_surname"], "Gonzalez")
    qtbot.keyClicks(dialog.inputs["second_surname"], "Perez")
    qtbot.keyClicks(dialog.combos["cohort"].lineEdit(), "2023-2026")
    qtbot.keyClicks(dialog.inputs["phone"], "33 1234 5678")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    saved = school_context.reader.student_by_curp(CURP)
    assert (saved.full_name, saved.cohort, saved.phone, saved.sex) == (
        "MARIA GONZALEZ PEREZ", "2023-2026", "3312345678", "M")
    assert page.stack.currentWidget() is page.table
    assert page.model.rowCount() == 1 and page.selected_student().curp == CURP


def test_editing_keeps_the_record_and_saves_changes(qtbot, directory, demo_context):
    directory.table.selectRow(0)
    student = directory.selected_student()
    qtbot.keyClick(directory.table, Qt.Key.Key_Return)  # Enter opens the dialog
    dialog = directory.student_dialog
    assert dialog.windowTitle() == "Editar alumno" and dialog.save_button.isEnabled()
    dialog.inputs["email"].clear()
    qtbot.keyClicks(dialog.inputs["email"], "nuevo@correo.mx")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_button.click()
    saved = demo_context.reader.student(student.id)
    assert saved.email == "nuevo@correo.mx" and saved.curp == student.curp
    assert demo_context.reader.count_students() == 300


def test_a_duplicate_curp_is_refused_while_typing(qtbot, directory, demo_context):
    existing = directory.model.student_at(0)
    directory.new_student()
    dialog = directory.student_dialog
    qtbot.keyClicks(dialog.inputs["curp"], existing.curp)
    assert "Ya existe un alumno" in dialog.notes["curp"].text()
    assert not dialog.save_button.isEnabled()
