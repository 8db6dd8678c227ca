"""The first-run assistant: register a plantel, or try the demo plantel, or cancel."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWizard

from seguimiento_desktop.gui.firstrun.wizard import SCHOOL_PAGE, FirstRunWizard


@pytest.fixture
def wizard(qtbot, context):
    wizard = FirstRunWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def finish(qtbot, wizard):
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.result() == QWizard.DialogCode.Accepted, timeout=15_000)


def test_register_a_plantel_after_fixing_the_cct(qtbot, wizard, context):
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == SCHOOL_PAGE
    page = wizard.school_page
    finish_button = wizard.button(QWizard.WizardButton.FinishButton)

    qtbot.keyClicks(page.cct, "14dct01")
    assert page.cct_note.isVisible() and page.cct_note.kind == "error"
    assert "10 caracteres" in page.cct_note.text()
    qtbot.keyClicks(page.name, "CBTIS 226")
    assert not finish_button.isEnabled()

    page.cct.clear()
    qtbot.keyClicks(page.cct, "14DCT0001A")
    assert page.cct_note.kind == "hint" and "Jalisco" in page.cct_note.text()
    assert page.state.currentText() == "Jalisco"  # derived from the CCT prefix
    qtbot.keyClicks(page.municipality, "Zapopan")
    page.subsystem.setCurrentIndex(2)
    assert finish_button.isEnabled() and finish_button.text() == "&Comenzar"

    finish(qtbot, wizard)
    school = context.reader.school()
    assert (school.cct, school.name, school.state, school.municipality) == (
        "14DCT0001A", "CBTIS 226", "Jalisco", "Zapopan")
    assert school.subsystem == page.subsystem.currentText()


def test_an_empty_name_blocks_registering(qtbot, wizard):
    wizard.next()
    qtbot.keyClicks(wizard.school_page.cct, "14DCT0001A")
    qtbot.keyClicks(wizard.school_page.name, " ")
    assert wizard.school_page.name_note.text() == "Escriba el nombre del plantel."
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()


def test_try_the_demo_plantel(qtbot, wizard, context):
    demo = wizard.choice.demo
    qtbot.mouseClick(demo, Qt.MouseButton.LeftButton, pos=QPoint(10, demo.height() // 2))
    assert wizard.choice.wants_demo
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    finish(qtbot, wizard)
    assert context.reader.school().cct == "14DCT0099Z"
    assert context.reader.count_students() == 300


def test_cancel_leaves_no_plantel(qtbot, wizard, context):
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Rejected
    assert context.reader.school() is None
