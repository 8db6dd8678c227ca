"""Captura: keying a paper heads-down with real keystrokes, skips, errors, going back, autosave."""

import pytest
from PySide6.QtCore import Qt

from capture_helpers import (
    known_paper, open_by_folio, folio_of, press, replay, student_without, wait_saved)
from seguimiento_desktop.gui.capture.keying import ENTER, paper_characters, paper_keystrokes
from seguimiento_desktop.gui.capture.page import CapturePage
from seguimiento_desktop.gui.signals import emit


@pytest.fixture
def page(qtbot, demo_context):
    page = CapturePage(demo_context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.finder.keyer.setText("Rosa  Prueba")
    return page


def open_c2(qtbot, page, demo_context):
    student = student_without(demo_context.reader, "C2")
    open_by_folio(qtbot, page, folio_of(student, "C2"))
    assert page.session is not None and page.session.student.id == student.id
    return student, page.form


def test_scanning_a_folio_opens_the_paper_at_its_first_question(qtbot, page, demo_context):
    student, form = open_c2(qtbot, page, demo_context)
    assert form.current == "DATOS_CAMBIARON"
    assert page.focusWidget() is form.editor("DATOS_CAMBIARON")
    assert student.full_name in page.case_line.text()


def test_a_name_shows_matches_as_it_is_typed(qtbot, page, demo_context):
    student = student_without(demo_context.reader, "C2")
    qtbot.keyClicks(page.finder.search, student.first_surname.lower())
    qtbot.waitUntil(lambda: not page.finder.type_ahead.isActive()  # looked up the whole name
                    and page.finder.matches.count() > 0, timeout=3000)
    names = [page.finder.matches.item(i).text() for i in range(page.finder.matches.count())]
    assert all(student.first_surname in name for name in names)


def test_keying_a_whole_c2_saves_exactly_the_paper(qtbot, page, demo_context):
    student, form = open_c2(qtbot, page, demo_context)
    paper = known_paper(form.definition)
    keys = paper_keystrokes(form.definition, paper)
    replay(form, keys)
    wait_saved(qtbot, page)
    saved = demo_context.reader.response_for(student.id, "C2")
    assert saved.answers == paper
    assert saved.status == "completa" and saved.keyer == "ROSA PRUEBA" and saved.mode == "papel"
    assert "Cuestionario guardado" in page.finder.message.text()
    assert page.focusWidget() is page.finder.search  # ready for the next barcode
    ana = next(s for s in demo_context.reader.keyer_statistics() if s.keyer == "ROSA PRUEBA")
    assert ana.keystrokes == len(keys) and ana.questionnaires == 1


def key_the_known_c2(qtbot, page, demo_context) -> tuple[int, list[str], int]:
    """(keystrokes the page logged, the keys typed, characters written on the paper)."""
    _student, form = open_c2(qtbot, page, demo_context)
    paper = known_paper(form.definition)
    keys = paper_keystrokes(form.definition, paper)
    replay(form, keys)
    wait_saved(qtbot, page)  # the session ended: its keystrokes were logged
    logged = next(s for s in demo_context.reader.keyer_statistics()
                  if s.keyer == "ROSA PRUEBA").keystrokes
    return logged, keys, paper_characters(form.definition, paper)


def test_codes_and_texts_cost_their_characters_and_nothing_more(qtbot, page, demo_context):
    """Every code costs its digits, a number or text its characters; the only other key is
    one Enter ending a field that cannot end by itself (a text, a list of codes, an optional
    item left blank)."""
    logged, keys, characters = key_the_known_c2(qtbot, page, demo_context)
    assert logged == len(keys)
    assert len(keys) - keys.count(ENTER) == characters


def test_keystrokes_within_five_percent_of_the_paper(qtbot, page, demo_context):
    logged, _keys, characters = key_the_known_c2(qtbot, page, demo_context)
    assert logged <= 1.05 * characters


def test_a_digit_after_the_letters_of_a_list_is_the_next_answer(qtbot, page, demo_context):
    """Version 3 prints a letter beside each box of a list: «a», «F» and then the «2» of the
    next question, with no Enter between them; each key counted once."""
    _student, form = open_c2(qtbot, page, demo_context)
    replay(form, ["1", "4", "2"])  # same contact data; neither studies nor works; applied
    assert form.current == "RAZON_NO_ESTUDIA"
    assert form.rows["RAZON_NO_ESTUDIA"].editor.placeholderText() == "letras"
    replay(form, ["a", "F", "2"])
    answers = form.session.state.answers
    assert answers["RAZON_NO_ESTUDIA"] == (1, 6) and answers["PLANEA_ESTUDIAR"] == 2
    assert form.editor("RAZON_NO_ESTUDIA").text() == "a f"
    assert form.current == "HA_TRABAJADO"
    reasons = form.definition.question("RAZON_NO_ESTUDIA")
    assert form.rows["RAZON_NO_ESTUDIA"].chosen.text().startswith(reasons.options[0].label[:10])
    assert form.session.keystrokes == 6


def test_a_digit_in_a_list_with_no_letter_yet_says_how_to_key_it(qtbot, page, demo_context):
    _student, form = open_c2(qtbot, page, demo_context)
    replay(form, ["1", "4", "2", "3"])  # «3» where the paper has letters
    row = form.rows["RAZON_NO_ESTUDIA"]
    assert form.current == "RAZON_NO_ESTUDIA" and form.editor("RAZON_NO_ESTUDIA").text() == ""
    assert not row.note.isHidden() and "letra" in row.note.text()
    replay(form, ["z"])  # no such option: flagged at once, in Spanish
    assert form.current == "RAZON_NO_ESTUDIA" and "«j»" in row.note.text()
    replay(form, [ENTER])
    form.editor("RAZON_NO_ESTUDIA").clear()
    replay(form, ["b", ENTER])
    assert form.session.state.answers["RAZON_NO_ESTUDIA"] == (2,)
    assert form.current == "PLANEA_ESTUDIAR"


def test_a_slash_leaves_the_rest_of_an_empty_contact_block_blank(qtbot, page, demo_context):
    _student, form = open_c2(qtbot, page, demo_context)
    replay(form, ["2", *"ana.rios@correo.mx", ENTER])  # only the e-mail changed
    assert form.current == "CELULAR"
    replay(form, ["/"])  # the other seven contact boxes are empty on the paper
    assert form.current == "ACT_ACTUAL"
    answers = form.session.state.answers
    assert answers["CORREO"] == "ana.rios@correo.mx" and "CELULAR" not in answers
    assert form.session.keystrokes == 1 + 19 + 1
    replay(form, ["/"])  # not on a required item: flagged, nothing skipped
    assert form.current == "ACT_ACTUAL" and not form.rows["ACT_ACTUAL"].note.isHidden()


def test_skip_rules_grey_the_skipped_questions(qtbot, page, demo_context):
    _student, form = open_c2(qtbot, page, demo_context)
    press(form.editor("DATOS_CAMBIARON"), "1")  # «no changed»: jump to question 2
    assert form.current == "ACT_ACTUAL"
    assert not form.rows["CORREO"].isEnabled() and not form.rows["CONTACTO_TELEFONO"].isEnabled()
    press(form.editor("ACT_ACTUAL"), "4")  # neither studies nor works
    assert form.current == "SOLICITO_INGRESO"
    assert not form.rows["EST_NIVEL"].isEnabled() and not form.rows["PUESTO"].isEnabled()
    assert form.rows["SOLICITO_INGRESO"].isEnabled()


def test_an_impossible_code_is_flagged_at_once_in_spanish(qtbot, page, demo_context):
    _student, form = open_c2(qtbot, page, demo_context)
    press(form.editor("DATOS_CAMBIARON"), "7")
    row = form.rows["DATOS_CAMBIARON"]
    assert form.current == "DATOS_CAMBIARON"  # it does not move on
    assert not row.note.isHidden() and "7" in row.note.text() and "1" in row.note.text()
    press(form.editor("DATOS_CAMBIARON"), "1")  # the typed 7 was selected: 1 replaces it
    assert form.current == "ACT_ACTUAL"
    assert row.note.isHidden() and row.chosen.text().startswith("Sí")


def test_out_of_range_hours_are_confirmed_with_f2(qtbot, page, demo_context):
    _student, form = open_c2(qtbot, page, demo_context)
    replay(form, ["1", "2"])  # works only
    form.go_to("HORAS_SEMANA")  # as if the keyer had clicked the field
    replay(form, ["8", "0"])
    row = form.rows["HORAS_SEMANA"]
    assert form.current == "HORAS_SEMANA" and "F2" in row.note.text()
    qtbot.keyClick(form.editor("HORAS_SEMANA"), Qt.Key.Key_F2)
    assert form.current == "INGRESO"
    assert "HORAS_SEMANA" in page.session.state.confirmed
    assert page.session.state.answers["HORAS_SEMANA"] == 80


def test_shift_tab_goes_back_and_keeps_the_answer(qtbot, page, demo_context):
    _student, form = open_c2(qtbot, page, demo_context)
    replay(form, ["1", "2"])  # works only: the «si no estudias» section is next
    assert form.current == "SOLICITO_INGRESO"
    qtbot.keyClick(form.editor(form.current), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert form.current == "ACT_ACTUAL" and form.editor("ACT_ACTUAL").text() == "2"
    press(form.editor("ACT_ACTUAL"), "3")  # studies and works: the studies section opens
    assert form.current == "EST_NIVEL" and form.rows["EST_NIVEL"].isEnabled()


def test_other_specify_text_is_keyed_after_its_code(qtbot, page, demo_context):
    _student, form = open_c2(qtbot, page, demo_context)
    replay(form, ["1", "4", "3"])  # neither studies nor works; question 12
    replay(form, ["j", ENTER])  # j, the tenth box, is «Otra razón»; Enter: a text follows
    assert form.current == "RAZON_NO_ESTUDIA.otro_99"
    qtbot.keyClicks(form.editor(form.current), "Cuido a mi hermano")
    qtbot.keyClick(form.editor(form.current), Qt.Key.Key_Return)
    assert form.current == "PLANEA_ESTUDIAR"
    assert page.session.state.answers["RAZON_NO_ESTUDIA.otro_99"] == "Cuido a mi hermano"


def test_autosave_survives_closing_the_page_mid_paper(qtbot, page, demo_context):
    student, form = open_c2(qtbot, page, demo_context)
    replay(form, ["1", "4", "2"])  # three items, then the power goes (the page closes)
    page.close()
    wait_saved(qtbot, page)
    stored = demo_context.reader.response_for(student.id, "C2")
    assert stored.status == "parcial"
    assert stored.answers == {"DATOS_CAMBIARON": 1, "ACT_ACTUAL": 4, "SOLICITO_INGRESO": 2}
    again = CapturePage(demo_context)
    qtbot.addWidget(again)
    again.show()
    assert again.finder.keyer.text() == "ROSA PRUEBA"  # the keyer's name is remembered
    open_by_folio(qtbot, again, folio_of(student, "C2"))
    assert again.form.current == "RAZON_NO_ESTUDIA"  # where it stopped
    assert again.form.editor("ACT_ACTUAL").text() == "4"


def test_a_keyer_name_is_needed(qtbot, page, demo_context):
    page.finder.keyer.clear()
    student = student_without(demo_context.reader, "C2")
    open_by_folio(qtbot, page, folio_of(student, "C2"))
    assert page.session is None
    assert "Escriba su nombre en «Capturista»" in page.finder.message.text()
    assert student.full_name in page.finder.message.text()
    page.finder.keyer.setText("Rosa Prueba")
    emit(page.finder.keyer.returnPressed)  # Enter in «Capturista» opens the waiting paper
    assert page.session is not None and page.session.student.id == student.id


def test_an_unknown_folio_says_so(qtbot, page):
    open_by_folio(qtbot, page, "C2-999999")
    assert page.session is None and "C2-999999" in page.finder.message.text()


def test_quitting_mid_paper_keeps_the_answers_and_logs_the_keying(qtbot, page, demo_context):
    student, form = open_c2(qtbot, page, demo_context)
    replay(form, ["1", "4", "2"])
    page._quitting()  # what QApplication.aboutToQuit runs
    qtbot.waitUntil(lambda: not demo_context.jobs.busy, timeout=5000)
    assert demo_context.reader.response_for(student.id, "C2").answers["SOLICITO_INGRESO"] == 2
    rosa = next(s for s in demo_context.reader.keyer_statistics() if s.keyer == "ROSA PRUEBA")
    assert rosa.keystrokes == 3


def test_a_curp_opens_the_questionnaire_due_for_the_cohort(qtbot, page, demo_context):
    student = student_without(demo_context.reader, "C2")
    open_by_folio(qtbot, page, student.curp.lower())
    due = demo_context.reader.due_questionnaire(student.cohort)
    assert page.session.student.id == student.id and page.case.questionnaire == due
    assert page.finder.chosen_questionnaire() == due


def test_a_paper_started_on_an_older_version_is_keyed_on_that_version(
        qtbot, make_context, demo_template, isolated_app):
    import shutil
    from seguimiento_desktop.domain.models import Response, StudentQuery
    from seguimiento_desktop.services import Workspace
    shutil.copy(demo_template, isolated_app)
    with Workspace.open(isolated_app) as workspace:
        student = next(s for s in workspace.find_students(StudentQuery(limit=300))
                       if workspace.response_for(s.id, "C2") is None)
        workspace.save_response(Response(student.id, "C2", 1, {"DATOS_CAMBIARON": 1}))
    context = make_context()
    page = CapturePage(context)
    qtbot.addWidget(page)
    page.show()
    page.finder.keyer.setText("Rosa Prueba")
    open_by_folio(qtbot, page, folio_of(student, "C2"))
    assert page.session.definition.version == 1 and page.form.definition.version == 1
    assert "HA_TRABAJADO" not in page.form.rows  # version 1 did not ask it
    assert page.form.current == "ACT_ACTUAL"
    press(page.form.editor("ACT_ACTUAL"), "4")
    wait_saved(qtbot, page)
    assert context.reader.response_for(student.id, "C2").version == 1


def test_what_the_directory_knows_is_offered_and_one_enter_confirms_it(qtbot, page, demo_context):
    from seguimiento_desktop.domain.models import StudentQuery
    reader = demo_context.reader
    student = next(s for s in reader.find_students(StudentQuery(limit=300))
                   if s.email and reader.response_for(s.id, "C1") is None)
    open_by_folio(qtbot, page, folio_of(student, "C1"))
    form = page.form
    press(form.editor("CONSENTIMIENTO"), "1")
    assert form.current == "CORREO"
    assert form.editor("CORREO").text() == student.email
    assert form.editor("CORREO").selectedText() == student.email  # typing replaces it
    assert "directorio" in form.rows["CORREO"].note.text()
    press(form.editor("CORREO"), ENTER)
    assert page.session.state.answers["CORREO"] == student.email
    assert form.current == "CELULAR"
    form.go_to("SEXO")
    expected = "1" if student.sex == "M" else "2"
    assert form.editor("SEXO").text() == expected
    press(form.editor("SEXO"), ENTER)
    assert page.session.state.answers["SEXO"] == int(expected)


def test_a_contradiction_in_c3_waits_for_f2_and_is_kept_as_confirmed(qtbot, page, demo_context):
    student = student_without(demo_context.reader, "C3")
    open_by_folio(qtbot, page, folio_of(student, "C3"))
    form = page.form
    replay(form, ["1", "4"])  # contact unchanged; «No estudio ni trabajo»
    press(form.editor("CAMBIO_ESTUDIOS"), "5")
    assert form.current == "CAMBIO_EMPLEO"
    press(form.editor("CAMBIO_EMPLEO"), "1")  # «Sigo en el mismo trabajo»: contradicts 2
    row = form.rows["CAMBIO_EMPLEO"]
    assert form.current == "CAMBIO_EMPLEO" and "F2" in row.note.text()
    assert "no trabaja" in row.note.text()
    qtbot.keyClick(form.editor("CAMBIO_EMPLEO"), Qt.Key.Key_F2)
    assert form.current != "CAMBIO_EMPLEO"
    assert "CAMBIO_EMPLEO" in page.session.state.confirmed


def test_a_catalog_label_does_not_repeat_its_code_beside_it():
    from seguimiento_desktop.gui.capture.rows import options_html
    from seguimiento_desktop.questionnaires.loader import load_definition
    sector = load_definition("C2").question("SECTOR")
    assert "<b>11</b>&nbsp;Agricultura" in options_html(sector)
    assert "<b>31</b>&nbsp;31-33 Industrias" in options_html(sector)  # the range stays


def test_the_privacy_notice_shown_is_the_one_printed(qtbot, page, demo_context):
    from PySide6.QtWidgets import QLabel
    from seguimiento_desktop.privacy.notice import privacy_notice
    student = student_without(demo_context.reader, "C1")
    open_by_folio(qtbot, page, folio_of(student, "C1"))
    shown = page.form.findChild(QLabel, "privacyNotice")
    assert shown is not None and shown.isVisible()
    assert shown.text() == privacy_notice(demo_context.reader.store)
    assert "CBTIS 299" in shown.text() and "recibe solo tus respuestas" in shown.text()


def test_the_keyer_cannot_choose_the_sala_mode(page):
    """«Autoaplicado en sala» is written by the computer lab's browser form, never keyed."""
    modes = [page.finder.mode.itemText(i) for i in range(page.finder.mode.count())]
    assert "Papel" in modes and "Teléfono" in modes
    assert "Autoaplicado en sala" not in modes


def test_a_paper_printed_before_version_3_is_keyed_with_its_own_version(
        qtbot, page, demo_context):
    """A C2 printed as version 2 (codes beside the boxes of its lists) is keyed as printed:
    «Versión» 2, remembered for the next papers of the stack; its answers keep version 2."""
    student, form = open_c2(qtbot, page, demo_context)
    versions = page.finder.version
    assert versions.isEnabled() and versions.currentText() == "3 (vigente)"
    versions.setCurrentIndex(versions.findData(2))
    versions.activated.emit(versions.currentIndex())  # the keyer picks «2» from the list
    form = page.form
    assert form.definition.version == 2
    assert form.rows["RAZON_NO_ESTUDIA"].editor.placeholderText() == "códigos"
    replay(form, ["1", "4", "2", "1", "6", ENTER])  # the list by its printed codes
    assert form.session.state.answers["RAZON_NO_ESTUDIA"] == (1, 6)
    assert form.current == "PLANEA_ESTUDIAR"
    versions.setCurrentIndex(versions.findData(3))
    versions.activated.emit(versions.currentIndex())  # too late: answers were keyed as 2
    assert page.form.definition.version == 2 and versions.currentData() == 2
    assert not versions.isEnabled() and "versión 2" in page.finder.message.text()
    page.end_session()
    wait_saved(qtbot, page)
    assert demo_context.reader.response_for(student.id, "C2").version == 2
    other = student_without(demo_context.reader, "C2")
    open_by_folio(qtbot, page, folio_of(other, "C2"))
    assert page.form.definition.version == 2  # the next paper of the same stack
