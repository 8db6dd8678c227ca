"""The first-run assistant: register a plantel, or try the demo plantel, or cancel; then
the administrator's account and the recovery code, shown once."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QWizard

from seguimiento_desktop.gui.firstrun.wizard import (ADMIN_PAGE, CODE_PAGE, SCHOOL_PAGE,
                                                     FirstRunWizard)
from seguimiento_desktop.services import Workspace


@pytest.fixture
def wizard(qtbot, context):
    wizard = FirstRunWizard(context)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def next_page(qtbot, wizard):
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def create_administrator(qtbot, wizard, password="clave-de-laura"):
    """The administrator's page, then the recovery code page: kept, as asked."""
    assert wizard.currentId() == ADMIN_PAGE
    page = wizard.admin_page
    page.user.clear()
    qtbot.keyClicks(page.user, "laura")
    qtbot.keyClicks(page.full_name, "Laura Mendez")
    qtbot.keyClicks(page.password, password)
    qtbot.keyClicks(page.repeat, password[:-1])
    assert "no coinciden" in page.password_note.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.keyClicks(page.repeat, password[-1])
    next_page(qtbot, wizard)
    assert wizard.currentId() == CODE_PAGE
    finish_button = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish_button.isEnabled()  # only once the person says the code was kept
    wizard.code_page.copy.click()
    from PySide6.QtGui import QGuiApplication
    assert QGuiApplication.clipboard().text() == wizard.code_page.code
    qtbot.mouseClick(wizard.code_page.kept, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, wizard.code_page.kept.height() // 2))
    assert finish_button.isEnabled() and finish_button.text() == "&Comenzar"
    return wizard.code_page.code


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
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    next_page(qtbot, wizard)
    code = create_administrator(qtbot, wizard)

    finish(qtbot, wizard)
    assert context.session.account.name == "laura" and context.reader.account.role == (
        "administrador")
    school = context.reader.school()
    assert (school.cct, school.name, school.state, school.municipality) == (
        "14DCT0001A", "CBTIS 226", "Jalisco", "Zapopan")
    assert school.subsystem == page.subsystem.currentText()
    Workspace.sign_in(context.db_path, "laura", "clave-de-laura").close()
    Workspace.recover(context.db_path, code, "laura", "otra-clave-x").close()  # the code shown


def test_an_empty_name_blocks_registering(qtbot, wizard):
    wizard.next()
    qtbot.keyClicks(wizard.school_page.cct, "14DCT0001A")
    qtbot.keyClicks(wizard.school_page.name, " ")
    assert wizard.school_page.name_note.text() == "Escriba el nombre del plantel."
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_try_the_demo_plantel(qtbot, wizard, context):
    demo = wizard.choice.demo
    qtbot.mouseClick(demo, Qt.MouseButton.LeftButton, pos=QPoint(10, demo.height() // 2))
    assert wizard.choice.wants_demo
    next_page(qtbot, wizard)
    create_administrator(qtbot, wizard)
    finish(qtbot, wizard)
    assert context.reader.school().cct == "14DCT0099Z"
    assert context.reader.count_students() == 300


def test_cancel_leaves_no_plantel(qtbot, wizard, context):
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QWizard.DialogCode.Rejected
    assert context.reader.school() is None and not context.reader.has_accounts()


def test_esc_after_typing_the_plantel_asks_before_the_program_closes(qtbot, wizard, context,
                                                                      person):
    """Esc is a reflex, and cancelling the assistant closes the program: the plantel typed
    so far is asked about first («Seguir editando» keeps it)."""
    from PySide6.QtWidgets import QMessageBox

    from tests.gui.person import Click, real_click, real_key
    next_page(qtbot, wizard)
    qtbot.keyClicks(wizard.school_page.cct, "14DCT0001A")
    said = person.do(lambda: real_key(wizard, Qt.Key.Key_Escape),
                     Click("Seguir editando", expect="El plantel aún no se registra",
                           kind=QMessageBox))
    assert "¿Descartar lo que escribió?" in said[0]
    assert wizard.isVisible() and wizard.school_page.cct.text() == "14DCT0001A"
    person.do(lambda: real_click(wizard.button(QWizard.WizardButton.CancelButton)),
              Click("Descartar", kind=QMessageBox))
    assert wizard.result() == QWizard.DialogCode.Rejected
    assert context.reader.school() is None
