"""«Registrar intento» while on the phone: one click is one attempt, Tab leaves the note,
and a note typed is not thrown away by Esc without asking."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.gui.person import Click, real_click, real_key, real_typing
from tests.gui.test_followup_page import page  # noqa: F401 (the Seguimiento page, shown)


@pytest.fixture
def dialog(qtbot, page):
    real_click(page.attempt_button)
    qtbot.waitUntil(lambda: page.attempt_dialog is not None and page.attempt_dialog.isVisible(),
                    timeout=5000)
    return page.attempt_dialog


def test_a_double_click_on_guardar_logs_one_attempt(qtbot, page, dialog, demo_context, person):
    student = page.calls.selected_contact().student
    before = len(demo_context.reader.contact_attempts(student.id))
    save = dialog.buttons.buttons()[0]
    real_click(save)
    real_click(save)
    qtbot.waitUntil(lambda: page.attempt_dialog is None, timeout=5000)
    demo_context.jobs.wait_until_idle()
    qtbot.wait(100)  # a second job's result, if there was one, reaches the GUI thread
    assert len(demo_context.reader.contact_attempts(student.id)) == before + 1
    person.free(page)


def test_tab_leaves_the_note_and_esc_asks_before_losing_it(qtbot, page, dialog, person):
    real_click(dialog.note)
    real_typing(dialog.note, "Contesto la mama")
    real_key(dialog, Qt.Key.Key_Tab)
    assert dialog.note.toPlainText() == "Contesto la mama"
    assert QApplication.focusWidget() is dialog.buttons.buttons()[0]  # Guardar
    person.do(lambda: real_key(dialog, Qt.Key.Key_Escape),
              Click("Seguir editando", expect="no se ha guardado", kind=QMessageBox))
    assert dialog.isVisible() and dialog.note.toPlainText() == "Contesto la mama"
    person.do(lambda: real_click(dialog.buttons.buttons()[1]),  # Cancelar
              Click("Descartar", expect="no se ha guardado", kind=QMessageBox))
    qtbot.waitUntil(lambda: page.attempt_dialog is None, timeout=5000)
    person.free(page)


def test_esc_on_an_untouched_dialog_just_closes_it(qtbot, page, dialog, person):
    real_key(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.attempt_dialog is None, timeout=5000)
    person.free(page)
