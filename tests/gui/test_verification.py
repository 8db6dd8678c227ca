"""Verify mode: a second keyer re-keys a finished paper blind; mismatches ask who is right."""

import pytest
from PySide6.QtCore import Qt

from capture_helpers import (
    folio_of, known_paper, open_by_folio, press, student_without, wait_saved)
from seguimiento_desktop.gui.capture.keying import paper_keystrokes
from seguimiento_desktop.gui.capture.page import CapturePage
from seguimiento_desktop.verification import EVERY, VerificationPolicy


@pytest.fixture
def page(qtbot, demo_context):
    page = CapturePage(demo_context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


def key_paper(qtbot, page, student, keyer: str, paper: dict, verify: bool = False,
              answer_mismatch=None) -> list[str]:
    """Key ``paper`` for ``student`` as ``keyer``; a mismatch dialog gets ``answer_mismatch``."""
    page.finder.keyer.setText(keyer)
    page.finder.verify.setChecked(verify)
    open_by_folio(qtbot, page, folio_of(student, "C2"))
    form = page.form
    asked = []
    for key in paper_keystrokes(form.definition, paper):
        press(form.editor(form.current), key)
        if page.mismatch_dialog is not None:
            asked.append(page.mismatch_dialog)
            qtbot.waitUntil(page.mismatch_dialog.takes_keys, timeout=2000)  # read it first
            qtbot.keyClick(page.mismatch_dialog, answer_mismatch)
    wait_saved(qtbot, page)
    return asked


def first_keying(qtbot, page, demo_context):
    student = student_without(demo_context.reader, "C2")
    paper = known_paper(page.context.reader.definition("C2"))
    key_paper(qtbot, page, student, "Rosa Prueba", paper)
    return student, paper


def errors_of(reader, keyer: str, role: str) -> int:
    return next(s.errors for s in reader.keyer_statistics() if s.keyer == keyer and s.role == role)


def test_verifying_starts_blind(qtbot, page, demo_context):
    student, _paper = first_keying(qtbot, page, demo_context)
    page.finder.keyer.setText("Otra Persona")
    page.finder.verify.setChecked(True)
    open_by_folio(qtbot, page, folio_of(student, "C2"))
    assert page.session.verify
    assert page.form.current == "DATOS_CAMBIARON"
    assert all(row.editor.text() == "" for row in page.form.rows.values())
    assert "VERIFICANDO" in page.case_line.text()


def test_a_mismatch_the_keyer_typed_wrong_is_charged_to_the_keyer(qtbot, page, demo_context):
    student, paper = first_keying(qtbot, page, demo_context)
    on_paper = dict(paper, UTIL_CONOCIMIENTOS=1 + paper["UTIL_CONOCIMIENTOS"] % 5)
    asked = key_paper(qtbot, page, student, "Otra Persona", on_paper, verify=True,
                      answer_mismatch=Qt.Key.Key_2)
    assert len(asked) == 1  # one stop, showing both keyings with their labels
    question = demo_context.reader.definition("C2").question("UTIL_CONOCIMIENTOS")
    assert asked[0].first_value.text().startswith(f"{paper['UTIL_CONOCIMIENTOS']} — ")
    assert asked[0].second_value.text() == (f"{on_paper['UTIL_CONOCIMIENTOS']} — " + question.option(
        on_paper["UTIL_CONOCIMIENTOS"]).label)
    saved = demo_context.reader.response_for(student.id, "C2")
    assert saved.status == "verificada" and saved.verifier == "OTRA PERSONA"
    assert saved.answers == on_paper
    assert errors_of(demo_context.reader, "ROSA PRUEBA", "captura") == 1
    assert errors_of(demo_context.reader, "OTRA PERSONA", "verificacion") == 0


def test_a_mismatch_the_verifier_typed_wrong_keeps_the_first_keying(qtbot, page, demo_context):
    student, paper = first_keying(qtbot, page, demo_context)
    mistyped = dict(paper, UTIL_CARRERA=1 + paper["UTIL_CARRERA"] % 5)
    key_paper(qtbot, page, student, "Otra Persona", mistyped, verify=True,
              answer_mismatch=Qt.Key.Key_1)
    saved = demo_context.reader.response_for(student.id, "C2")
    assert saved.answers == paper and saved.status == "verificada"
    assert errors_of(demo_context.reader, "OTRA PERSONA", "verificacion") == 1
    assert errors_of(demo_context.reader, "ROSA PRUEBA", "captura") == 0


def test_the_same_person_cannot_verify_their_own_paper(qtbot, page, demo_context):
    student, _paper = first_keying(qtbot, page, demo_context)
    page.finder.keyer.setText("rosa prueba")
    page.finder.verify.setChecked(True)
    open_by_folio(qtbot, page, folio_of(student, "C2"))
    assert page.session is None
    assert "otra persona" in page.finder.message.text()


def test_policy_dialog_and_queue(qtbot, page, demo_context):
    first_keying(qtbot, page, demo_context)
    page.tabs.setCurrentWidget(page.queue)
    assert "No se pide verificar" in page.queue.policy_line.text()
    page.queue.edit_policy()
    dialog = page.queue.policy_dialog
    dialog.every.setChecked(True)
    dialog.every_value.setValue(1)
    buttons = [b.text() for b in dialog.buttons.buttons()]
    assert buttons == ["Guardar", "Cancelar"]
    dialog.buttons.buttons()[0].click()
    qtbot.waitUntil(lambda: page.queue.policy_dialog is None, timeout=5000)
    assert demo_context.reader.verification_policy() == VerificationPolicy(EVERY, 1)
    assert "todos los cuestionarios" in page.queue.policy_line.text()
    folios = [page.queue.table.item(r, 0).text() for r in range(page.queue.table.rowCount())]
    assert len(folios) == len(demo_context.reader.verification_queue()) > 0
    page.finder.keyer.setText("Otra Persona")
    page.queue.table.selectRow(0)
    page.queue.verify_button.click()
    assert page.session is not None and page.session.verify
    assert page.tabs.currentIndex() == 0


def test_keyer_statistics_tab(qtbot, page, demo_context):
    first_keying(qtbot, page, demo_context)
    page.tabs.setCurrentWidget(page.stats)
    table = page.stats.table
    keyers = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert "ROSA PRUEBA" in keyers
    row = keyers.index("ROSA PRUEBA")
    assert table.item(row, 1).text() == "Captura" and table.item(row, 2).text() == "1"


def test_a_digit_typed_before_the_mismatch_could_be_read_does_not_answer_it(qtbot):
    """Heads-down, the next answer's digit lands in the window that just opened: it must
    not pick a keying unread. Once the window has been seen, 1, 2 and 3 answer."""
    from seguimiento_desktop.gui.capture.dialogs import READ_FIRST_MS, MismatchDialog
    from seguimiento_desktop.questionnaires.loader import load_definition
    dialog = MismatchDialog(load_definition("C2").question("ACT_ACTUAL"), "1", "2")
    qtbot.addWidget(dialog)
    chosen = []
    dialog.chosen.connect(chosen.append)
    dialog.open()
    qtbot.keyClick(dialog, Qt.Key.Key_2)  # the verifier's next key, typed at once
    assert dialog.isVisible() and chosen == []
    qtbot.wait(READ_FIRST_MS + 50)
    qtbot.keyClick(dialog, Qt.Key.Key_1)
    assert chosen == ["first"] and not dialog.isVisible()
