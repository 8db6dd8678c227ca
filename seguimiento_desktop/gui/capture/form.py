"""The questionnaire on screen, keyed heads-down: the keyboard goes item to item.

A complete code moves on by itself; Enter or Tab end any other field; a digit typed after
the letters of a lettered list ends the list and is the first key of the next answer;
«/» on an empty optional item leaves it and the optional items after it in its block blank;
Shift+Tab goes back;
F2 confirms an out-of-range value (or a contradiction) that really is on the paper. An item
the directory already knows opens with its value written and selected: Enter confirms it. What is valid and what
comes next is decided by ``KeyingSession`` (Qt-free); this widget only shows it.
"""

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget)

from seguimiento_desktop.gui.capture.keying import (
    BAD, BLOCK_BLANK, DONE, digit_ends_list, display_text, entry_state, list_display)
from seguimiento_desktop.gui.capture.rows import QuestionRowWidget
from seguimiento_desktop.gui.capture.session import (
    BLANK, CONFIRM, ERROR_SHOWN, MISMATCH, OK, RETYPE, KeyingSession, Outcome)
from seguimiento_desktop.questionnaires.answers import WARNING
from seguimiento_desktop.questionnaires.model import MULTIPLE, Definition, other_key
from seguimiento_desktop.gui.signals import emit

SUBMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
MODIFIERS = (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta)
RETYPE_NOTE = "Teclee otra vez lo que dice el papel."
SLASH_NOTE = ("«/» no deja en blanco la pregunta {number}: solo las opcionales. Teclee lo "
              "que dice el papel; si está en blanco, pulse Enter.")
LETTERS_NOTE = ("Esta lista se captura con la letra de cada opción marcada (a, b, c…); "
                "si no hay ninguna marcada, Enter.")
REFUSED_NOTE = ("La última letra no es de esta lista: teclee la que dice el papel o, si la "
                "lista ya está completa, pulse Enter.")
PREFILL_NOTE = ("Dato del directorio: Enter si en el papel está en blanco o dice lo mismo; si no, "
                "teclee lo que dice el papel.")
LOOK_AHEAD_PX = 140  # keep the next questions in sight, as the eye runs ahead on paper


class QuestionnaireFormWidget(QScrollArea):
    """Every question of one definition, in paper order, with its section titles."""

    answered = Signal(str)  # an item was accepted: time to autosave
    mismatch = Signal(object)  # verifying: an Outcome with both keyings
    reached_end = Signal()

    def __init__(self, definition: Definition, parent: QWidget | None = None,
                 notice: str = ""):
        super().__init__(parent)
        self.definition = definition
        self.session: KeyingSession | None = None
        self.current: str | None = None
        self.rows: dict[str, QuestionRowWidget] = {}
        self._applicable: tuple[bool, ...] = ()
        self._typed: dict[str, str] = {}  # each field's text after the last keystroke
        self._forwarding = False  # a digit that ended a list goes on to the next field
        # Verifying: a digit that ended a list whose keyings differ waits for the verifier's
        # word, then is the next answer's first key as typed (key, modifiers, text).
        self._held: tuple[str, Qt.Key, Qt.KeyboardModifier, str] | None = None
        # The list whose last letter was refused: a digit does not end it until a letter
        # is accepted or Enter says it is complete (heads-down, the digit would come next
        # and the list would be saved without the option that was mistyped).
        self._refused: str | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(self)
        body.setAutoFillBackground(True)  # opaque: Qt scrolls it by copying pixels
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 12, 4)
        layout.setSpacing(1)
        title = QLabel(f"<b>{definition.title}</b> (versión {definition.version})", body)
        title.setWordWrap(True)
        layout.addWidget(title)
        if definition.privacy and notice:  # privacy/notice.py: what the paper prints
            self.notice = QLabel(notice, body)
            self.notice.setObjectName("privacyNotice")
            self.notice.setWordWrap(True)
            self.notice.setStyleSheet("color: #5f6b7a; font-size: 8pt;")
            layout.addWidget(self.notice)
        for section in definition.sections:
            header = QLabel(section.title, body)
            header.setObjectName("sectionTitle")
            header.setStyleSheet("font-weight: 600; color: #1f3a5a; padding: 8px 0 2px 0;"
                                 " border-bottom: 1px solid #c5ced8;")
            layout.addWidget(header)
            for question_id in section.question_ids:
                row = QuestionRowWidget(definition.question(question_id), body)
                self.rows[question_id] = row
                layout.addWidget(row)
                for editor in [row.editor, *row.others.values()]:
                    editor.installEventFilter(self)
                    editor.textEdited.connect(self._edited)
        layout.addStretch(1)
        self.setWidget(body)

    # --- Starting a paper ------------------------------------------------------------

    def start(self, session: KeyingSession) -> None:
        """Show ``session``'s answers (none when verifying blind) and go to where it stopped."""
        self.session = session
        self._applicable = ()
        for row in self.rows.values():
            row.set_current(False)
            row.set_note("")
        self._refresh_rows(set(self.rows))
        self.go_to(session.start_key() or next(iter(self.rows)))

    def go_to(self, key: str) -> None:
        """Make ``key``'s field the current one, ready for the next keystroke."""
        question_id = key.split(".otro_")[0]
        if self.current and self.current.split(".otro_")[0] != question_id:
            self.rows[self.current.split(".otro_")[0]].set_current(False)
        self.current = key
        self._refused = None
        row = self.rows[question_id]
        row.set_current(True)
        editor = row.editor_for(key)
        offered = self.session.offered(key) if self.session is not None else ""
        if offered and not editor.text():  # the directory's value: Enter confirms it
            editor.setText(offered)
            row.set_note(PREFILL_NOTE, "info")
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        editor.selectAll()
        self._keep_in_sight(row)

    def _keep_in_sight(self, row: QuestionRowWidget) -> None:
        """Scroll just enough to show the current item and the next ones below it: a
        small scroll repaints only the strip that comes into view (a big jump would
        repaint the whole form, most of the cost of a keystroke on an old PC)."""
        self.ensureWidgetVisible(row, 0, LOOK_AHEAD_PX)

    def editor(self, key: str) -> QLineEdit:
        return self.rows[key.split(".otro_")[0]].editor_for(key)

    # --- Keyboard --------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QLineEdit):
            key = watched.property("answerKey")
            if key != self.current and self.session is not None:
                if self.current is not None:  # typing left by a click is not its answer
                    self._show_value(self.current)
                self.go_to(key)  # the keyer clicked another field
            return False
        if event.type() != QEvent.Type.KeyPress or self.session is None:
            return False
        return self._key_pressed(watched, event)

    def _key_pressed(self, editor: QLineEdit, event: QKeyEvent) -> bool:
        key = event.key()
        if key in MODIFIERS:
            return False
        if not self._forwarding:  # a forwarded digit was counted where it was typed
            self.session.keystrokes += 1
        if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and
                                         event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.go_back()
            return True
        if key in SUBMIT_KEYS:
            self.submit(editor.property("answerKey"), editor.text())
            return True
        if key == Qt.Key.Key_F2:
            outcome = self.session.confirm(editor.property("answerKey"))
            if outcome is not None:
                self._handle(outcome)
            return True
        if event.text() == BLOCK_BLANK and self._untouched(editor):
            self._leave_block_blank(editor)
            return True
        if event.text().isdigit() and self._in_lettered_list(editor):
            self._digit_after_list(editor, event)
            return True
        return False

    def _untouched(self, editor: QLineEdit) -> bool:
        """Empty, or holding just the directory's value it opened with."""
        text = editor.text()
        return not text.strip() or text == self.session.offered(editor.property("answerKey"))

    def _leave_block_blank(self, editor: QLineEdit) -> None:
        """«/»: this optional item and the rest of its block are blank on the paper. On a
        required item or an «especifique» it is refused and said, never kept as the answer."""
        key = editor.property("answerKey")
        question = self.definition.question(key.split(".otro_")[0])
        if key == question.id and not question.required:
            self._handle(self.session.leave_block_blank(key, editor.text()))
            return
        self.rows[question.id].set_note(SLASH_NOTE.format(number=question.number), "error")
        editor.selectAll()

    def _in_lettered_list(self, editor: QLineEdit) -> bool:
        key = editor.property("answerKey")
        return key == key.split(".otro_")[0] and self.definition.question(key).lettered

    def _digit_after_list(self, editor: QLineEdit, event: QKeyEvent) -> None:
        """A digit in a lettered list: the list is complete, and the digit begins the next
        answer (typed there as if the keyer had pressed Enter first). With no letter typed
        yet, or a list the engine refuses, the digit is not used and the row says why."""
        key = editor.property("answerKey")
        question = self.definition.question(key)
        if self._refused == key:
            self.rows[key].set_note(REFUSED_NOTE, "error")
            return
        if not digit_ends_list(question, editor.text()):
            self.rows[key].set_note(LETTERS_NOTE, "error")
            editor.selectAll()
            return
        outcome = self.session.submit(key, editor.text())
        self._handle(outcome)
        typed = (key, Qt.Key(event.key()), event.modifiers(), event.text())
        if outcome.kind == MISMATCH:
            self._held = typed  # the verifier answers first; the digit was typed all the same
        elif self.current != key:
            self._forward(typed)
        # else refused: the note says why, and the digit is not the next answer's

    def _forward(self, typed: tuple[str, Qt.Key, Qt.KeyboardModifier, str]) -> None:
        """Type a digit that ended a list into the field now current, counted once."""
        _list, key, modifiers, text = typed
        following = self.editor(self.current)
        self._forwarding = True
        try:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(following, QKeyEvent(kind, key, modifiers, text))
        finally:
            self._forwarding = False

    def _edited(self, text: str) -> None:
        editor = self.sender()
        key = editor.property("answerKey")
        question = self.definition.question(key.split(".otro_")[0])
        if key != question.id:
            return
        before = self._typed.get(key, "")
        if question.type == MULTIPLE and len(text) > len(before):
            text = list_display(question, text)
            editor.setText(text)
        state = entry_state(question, text.strip())
        if state == BAD and question.type == MULTIPLE and entry_state(
                question, before.strip()) != BAD:
            self.submit(key, text)  # the engine's own words for what is wrong
            if self.current == key:  # only the bad code goes: selecting the list, as a
                editor.setText(before)  # single code is, would let the next key erase it
                self._refused = key
            return
        if len(text) > len(before):
            self._refused = None
        self._typed[key] = text  # a list is re-spaced only as it grows (Backspace works)
        if state in (DONE, BAD):  # a complete code moves on; an impossible one is flagged now
            self.submit(key, text)

    def go_back(self) -> None:
        """Shift+Tab: the previous item, leaving this one as it was saved."""
        previous = self.session.key_before(self.current) if self.current else None
        if previous is None:
            return
        self._show_value(self.current)
        self.go_to(previous)

    # --- What the session decided ----------------------------------------------------

    def submit(self, key: str, text: str) -> None:
        self._handle(self.session.submit(key, text))

    def resolve(self, right: str) -> None:
        """Verifying: the verifier said which keying matches the paper; a digit that had
        ended that list goes on to the next answer (not when the list is to be retyped)."""
        held, self._held = self._held, None
        outcome = self.session.resolve(right)
        self._handle(outcome)
        if held is not None and outcome.kind == OK and held[0] == outcome.key \
                and self.current != outcome.key:
            self._forward(held)

    def _handle(self, outcome: Outcome) -> None:
        row = self.rows[outcome.key.split(".otro_")[0]]
        editor = row.editor_for(outcome.key)
        if outcome.kind == OK:
            self._accepted(outcome)
        elif outcome.kind == MISMATCH:
            emit(self.mismatch, outcome)
        elif outcome.kind == RETYPE:
            editor.clear()
            self._typed[outcome.key] = ""
            row.set_note(RETYPE_NOTE, "warning")
            editor.setFocus()
        else:
            kind = {ERROR_SHOWN: "error", CONFIRM: "warning", BLANK: "warning"}[outcome.kind]
            row.set_note(outcome.message, kind)
            editor.selectAll()

    def _accepted(self, outcome: Outcome) -> None:
        self._refresh_rows({outcome.key.split(".otro_")[0]})
        emit(self.answered, outcome.key)
        if outcome.next_key is not None:
            self.go_to(outcome.next_key)
        else:
            emit(self.reached_end)

    def _refresh_rows(self, touched: set[str]) -> set[str]:
        """Grey or un-grey rows whose applicability changed; re-show ``touched`` values."""
        state = self.session.state
        questions = self.definition.questions
        changed = {q.id for q, on, before in zip(questions, state.applicable,
                                                 self._applicable or (None,) * len(questions))
                   if on != before}
        self._applicable = state.applicable
        for question_id in changed | touched:
            self.rows[question_id].set_applicable(state.is_applicable(question_id))
            self._show_value(question_id)
        return changed

    def _show_value(self, key: str) -> None:
        question_id = key.split(".otro_")[0]
        row = self.rows[question_id]
        question = row.question
        answers = self.session.state.answers
        if key != question_id:
            row.editor_for(key).setText(answers.get(key, ""))
            return
        value = answers.get(question_id)
        row.editor.setText(display_text(question, value))
        self._typed[question_id] = row.editor.text()
        chosen = value if isinstance(value, tuple) else (value,)
        row.show_others(chosen, {c: answers.get(other_key(question_id, c), "")
                                 for c in question.other_codes})
        labels = [question.option(c).label for c in chosen
                  if question.is_choice and c is not None and question.option(c)]
        row.set_chosen("; ".join(labels))
        warning = [i.message for i in self.session.state.issues_for(question_id)
                   if i.severity == WARNING]
        row.set_note("; ".join(warning), "warning")
