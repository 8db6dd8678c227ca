"""Questionnaires version 3 keyed as a clerk keys paper all day: lettered lists ended by
the next answer's digit, «/» for a blank block, in first keying and blind verification."""

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from capture_helpers import (
    capture_page, folio_of, known_paper, open_by_folio, press, replay, student_without,
    wait_saved)
from seguimiento_desktop.domain.models import StudentQuery
from seguimiento_desktop.gui.capture.keying import ENTER, paper_keystrokes


@pytest.fixture
def page(qtbot, demo_context):
    return capture_page(qtbot, demo_context)


def open_paper(qtbot, page, questionnaire: str):
    student = student_without(page.context.reader, questionnaire)
    open_by_folio(qtbot, page, folio_of(student, questionnaire))
    return student, page.form


def at_reasons_not_studying(qtbot, page):
    """C2 up to question 17 («¿Por qué no estudias?», letters a–j, up to three)."""
    student, form = open_paper(qtbot, page, "C2")
    replay(form, ["1", "4", "2"])  # same contact data; neither studies nor works; applied
    assert form.current == "RAZON_NO_ESTUDIA"
    return student, form


def asked_about(dialog) -> str:
    """The question number a mismatch dialog names, as the verifier reads it."""
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    return next(re.search(r"Pregunta ([\d.]+)\.", t).group(1) for t in texts if "Pregunta" in t)


def verify(qtbot, page, student, paper: dict) -> list[str]:
    """Key ``paper`` blind as a second person, saying «what I typed is right» at each stop;
    the numbers of the questions that stopped."""
    page.finder.keyer.setText("Otra Persona")
    page.finder.verify.setChecked(True)
    open_by_folio(qtbot, page, folio_of(student, "C2"))
    form, asked = page.form, []
    for key in paper_keystrokes(form.definition, paper):
        press(form.editor(form.current), key)
        if page.mismatch_dialog is not None:
            asked.append(asked_about(page.mismatch_dialog))
            qtbot.waitUntil(page.mismatch_dialog.takes_keys, timeout=2000)  # read it first
            qtbot.keyClick(page.mismatch_dialog, Qt.Key.Key_2)
    wait_saved(qtbot, page)
    return asked


def test_a_list_mismatch_ended_by_a_digit_keeps_that_digit_for_the_next_answer(
        qtbot, page, demo_context):
    """Verifying blind, «d 2» where the first keying has «a»: the «2» opened the question
    whose answers differ; once the verifier says which is right, the «2» is the next
    answer's, as typed, and the rest of the paper is verified with no other stop."""
    student = student_without(demo_context.reader, "C2")
    paper = known_paper(demo_context.reader.definition("C2"))
    assert paper["RAZON_NO_ESTUDIA"] == [4] and paper["PLANEA_ESTUDIAR"] == 2  # «d 2»
    open_by_folio(qtbot, page, folio_of(student, "C2"))
    replay(page.form, paper_keystrokes(page.form.definition, dict(paper, RAZON_NO_ESTUDIA=[1])))
    wait_saved(qtbot, page)
    keys = paper_keystrokes(page.context.reader.definition("C2"), paper)
    asked = verify(qtbot, page, student, paper)
    assert asked == ["17"]
    verifier = next(s for s in demo_context.reader.keyer_statistics()
                    if s.keyer == "OTRA PERSONA")
    assert verifier.keystrokes == len(keys)  # the held «2» counted once, where typed
    saved = demo_context.reader.response_for(student.id, "C2")
    assert saved.status == "verificada" and saved.answers == paper
    assert page.mismatch_dialog is None and page.session is None


def test_a_slash_stopped_by_a_mismatch_blanks_the_rest_of_its_block(qtbot, page, demo_context):
    """Verifying, «/» at 1.2 where the first keying has a mobile the paper does not: once
    the verifier says the blank is right, 1.3 to 1.8 are blank too, as the «/» said, and the
    next key is question 2's."""
    student = student_without(demo_context.reader, "C2")
    paper = dict(known_paper(demo_context.reader.definition("C2")),
                 DATOS_CAMBIARON=2, CORREO="ana.rios@correo.mx")
    open_by_folio(qtbot, page, folio_of(student, "C2"))
    replay(page.form, paper_keystrokes(page.form.definition, dict(paper, CELULAR="5512345678")))
    wait_saved(qtbot, page)
    assert "/" in paper_keystrokes(page.context.reader.definition("C2"), paper)
    assert verify(qtbot, page, student, paper) == ["1.2"]
    saved = demo_context.reader.response_for(student.id, "C2")
    assert saved.status == "verificada" and saved.answers == paper
    assert page.mismatch_dialog is None and page.session is None


def test_a_letter_typed_twice_does_not_fill_the_list(qtbot, page):
    """«a a c e»: a bounced key is one option, so the list still takes its third letter."""
    _student, form = at_reasons_not_studying(qtbot, page)
    replay(form, ["a", "a", "c", "e", "2"])
    answers = form.session.state.answers
    assert answers["RAZON_NO_ESTUDIA"] == (1, 3, 5) and answers["PLANEA_ESTUDIAR"] == 2
    assert form.current == "HA_TRABAJADO"


def test_a_letter_the_list_lacks_is_refused_alone(qtbot, page):
    """«a f k»: k is not on the paper (a–j); it is refused and said. The digit typed next,
    heads-down, does not end the list without the option that was mistyped, and the right
    letter adds to «a f» instead of replacing both."""
    _student, form = at_reasons_not_studying(qtbot, page)
    replay(form, ["a", "f", "k"])
    row, editor = form.rows["RAZON_NO_ESTUDIA"], form.editor("RAZON_NO_ESTUDIA")
    assert "«j»" in row.note.text() and editor.text() == "a f "
    replay(form, ["2"])
    assert form.current == "RAZON_NO_ESTUDIA" and "Enter" in row.note.text()
    assert "RAZON_NO_ESTUDIA" not in form.session.state.answers
    replay(form, ["g", "2"])
    answers = form.session.state.answers
    assert answers["RAZON_NO_ESTUDIA"] == (1, 6, 7) and answers["PLANEA_ESTUDIAR"] == 2


def test_a_slash_on_a_directory_value_keeps_it_and_blanks_the_rest(qtbot, page, demo_context):
    """C1: the home phone the directory knows is printed beside question 4; a paper with
    4 and 5 empty is «/» there, as Enter would confirm 4, and nothing is lost."""
    reader = demo_context.reader
    student = next(s for s in reader.find_students(StudentQuery(limit=300))
                   if s.home_phone and reader.response_for(s.id, "C1") is None)
    open_by_folio(qtbot, page, folio_of(student, "C1"))
    form = page.form
    replay(form, ["1", ENTER, ENTER])  # consent; e-mail and mobile as the directory says
    assert form.current == "TEL_CASA" and form.editor("TEL_CASA").text() == student.home_phone
    replay(form, ["/"])
    answers = form.session.state.answers
    assert answers["TEL_CASA"] == student.home_phone and "RED_SOCIAL" not in answers
    assert form.current == "DOMICILIO"


def test_a_slash_on_an_empty_required_text_is_not_its_answer(qtbot, page):
    """Question 26 (giro) is required: «/» there says so instead of becoming the answer."""
    _student, form = open_paper(qtbot, page, "C2")
    replay(form, ["1", "2"])  # works only
    form.go_to("GIRO")
    replay(form, ["/"])
    note = form.rows["GIRO"].note.text()
    assert form.editor("GIRO").text() == "" and "«/»" in note and "26" in note
    replay(form, [ENTER])  # the paper is blank there: Enter, as the note says
    assert "GIRO" not in form.session.state.answers and form.current == "GIRO"


def test_clicking_another_item_mid_list_shows_what_is_saved(qtbot, page, demo_context):
    """Letters typed and left by a click are not the answer: the field must not show them
    as if they were (the paper would be closed without them)."""
    student, form = at_reasons_not_studying(qtbot, page)
    replay(form, ["a", "f"])
    QTest.mouseClick(form.editor("SOLICITO_INGRESO"), Qt.MouseButton.LeftButton)
    assert form.current == "SOLICITO_INGRESO"
    assert form.editor("RAZON_NO_ESTUDIA").text() == ""
    page.end_session()
    wait_saved(qtbot, page)
    assert "RAZON_NO_ESTUDIA" not in demo_context.reader.response_for(student.id, "C2").answers
