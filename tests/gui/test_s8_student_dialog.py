"""«Nuevo alumno» as a clerk types it: Tab follows the form, Esc never throws typing away."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from seguimiento_desktop.domain.curp import build_curp
from tests.gui.person import Click, real_click, real_key, real_typing

CURP = build_curp("MARÍA", "GONZÁLEZ", "PÉREZ", date(2007, 3, 14), "M", "JC")


@pytest.fixture
def dialog(qtbot, directory):
    real_click(directory.new_button)
    qtbot.waitUntil(lambda: directory.student_dialog is not None
                    and directory.student_dialog.isVisible(), timeout=5000)
    return directory.student_dialog


def field_name(dialog, widget) -> str:
    fields = {**dialog.inputs, **dialog.combos, "shift": dialog.shift, "status": dialog.status}
    for name, field in fields.items():
        if widget is field or widget.parent() is field:  # an editable combo's line edit
            return name
    return widget.text().replace("&", "")


def test_tab_walks_down_the_personal_data_then_down_the_school_column(dialog):
    real_click(dialog.inputs["curp"])
    seen = []
    for _ in range(13):
        seen.append(field_name(dialog, QApplication.focusWidget()))
        real_key(dialog, Qt.Key.Key_Tab)
    assert seen == ["curp", "given_names", "first_surname", "second_surname",
                    "cohort", "career", "group", "shift", "status",
                    "email", "phone", "home_phone", "Cancelar"]


def test_escape_after_typing_asks_and_keeps_the_typing_unless_discarded(
        qtbot, dialog, directory, demo_context, person):
    real_click(dialog.inputs["curp"])
    real_typing(dialog.inputs["curp"], CURP)
    real_key(dialog, Qt.Key.Key_Tab)
    real_typing(dialog.inputs["given_names"], "Maria")
    asked = person.do(lambda: real_key(dialog, Qt.Key.Key_Escape),
                      Click("Seguir editando", expect="no se ha guardado", kind=QMessageBox))
    assert "¿Descartar" in asked[0]
    assert dialog.isVisible() and dialog.inputs["given_names"].text() == "Maria"
    person.do(lambda: real_key(dialog, Qt.Key.Key_Escape),
              Click("Descartar", expect="no se ha guardado", kind=QMessageBox))
    qtbot.waitUntil(lambda: directory.student_dialog is None, timeout=5000)
    assert demo_context.reader.student_by_curp(CURP) is None
    person.free(directory)


def test_escape_on_an_untouched_dialog_just_closes_it(qtbot, dialog, directory, person):
    real_key(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: directory.student_dialog is None, timeout=5000)
    person.free(directory)
