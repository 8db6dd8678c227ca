"""Helpers for the capture tests: a paper with known answers, and replaying its keys."""

import random
from datetime import date

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from seguimiento_desktop.domain.calendar import premature_questionnaire
from seguimiento_desktop.domain.consent import REFUSED_STATUS
from seguimiento_desktop.domain.models import StudentQuery, folio
from seguimiento_desktop.gui.capture.keying import ENTER
from seguimiento_desktop.questionnaires.synthetic import synthetic_answers

# A C2 paper of a graduate who studies and works: long, with texts, a multiple choice,
# an «otro, especifique» and a number, like the papers keyed in a plantel.
KNOWN_PAPER_SEED = 11  # version 3: works; five lists, each ended by the next answer's digit


def known_paper(definition, seed: int = KNOWN_PAPER_SEED) -> dict:
    return synthetic_answers(definition, random.Random(seed))


def student_without(reader, questionnaire: str):
    """A student of the demo plantel with no response yet to ``questionnaire`` whom the
    capture screen opens without asking: of a cohort that may answer it today (C2 and C3
    of a cohort not yet graduated ask first) and who did not refuse to participate."""
    today = date.today()
    for student in reader.find_students(StudentQuery(limit=300)):
        if reader.response_for(student.id, questionnaire) is None \
                and student.contact_status != REFUSED_STATUS \
                and premature_questionnaire(student.cohort, questionnaire, today) is None:
            return student
    raise AssertionError("every demo student already answered")


def folio_of(student, questionnaire: str) -> str:
    return folio(questionnaire, student.seq)


def press(widget, key: str) -> None:
    """One keystroke as a keyer types it (ENTER or one character, accents included).

    QTest only types ASCII characters; «é» or «ñ» are sent as the key events a Spanish
    keyboard produces (Latin-1 key codes equal the character's code point).
    """
    if key == ENTER:
        QTest.keyClick(widget, Qt.Key.Key_Return)
        return
    code = Qt.Key(ord(key.upper())) if len(key.upper()) == 1 else Qt.Key.Key_unknown
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, key))


def replay(form, keys) -> None:
    """Type ``keys`` into whichever field the form has made current, as a keyer would."""
    for key in keys:
        press(form.editor(form.current), key)


def open_by_folio(qtbot, page, text: str) -> None:
    """Type (or scan) a folio and Enter in the search box."""
    page.finder.search.clear()
    qtbot.keyClicks(page.finder.search, text)
    qtbot.keyClick(page.finder.search, Qt.Key.Key_Return)


def capture_page(qtbot, context, keyer: str = "Rosa Prueba"):
    """The Captura page on screen, at a keyer's size, with a keyer's name typed."""
    from seguimiento_desktop.gui.capture.page import CapturePage
    page = CapturePage(context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.finder.keyer.setText(keyer)
    return page


def wait_saved(qtbot, page) -> None:
    """Until the autosave and the paper's closing have been written."""
    qtbot.waitUntil(lambda: not page.saver.busy and not page.context.jobs.busy, timeout=5000)
