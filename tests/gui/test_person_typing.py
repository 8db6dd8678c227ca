from PySide6.QtWidgets import QLineEdit
from tests.gui.person import real_click, real_typing

def test_accents_arrive_as_typed(qtbot):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    real_click(edit)
    real_typing(edit, "García Núñez")
    assert edit.text() == "García Núñez"
