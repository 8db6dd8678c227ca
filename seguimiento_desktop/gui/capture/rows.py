"""One printed question on screen: its number, text, coded options, field and note.

Rows are built once per questionnaire and reused for every paper (building 50–60 rows
takes longer than keying an item); the form only changes their texts and states.
"""

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QLineEdit, QWidget

from seguimiento_desktop.gui.theme import ACCENT_COLOR, ERROR_COLOR, MUTED_COLOR, WARNING_COLOR
from seguimiento_desktop.questionnaires.model import (
    DATE, DECIMAL, INTEGER, MULTIPLE, TEXT, Question, other_key)
from seguimiento_desktop.questionnaires.widths import fixed_width, printed_code, shown_label

CURRENT_COLOR = ACCENT_COLOR
NOTE_STYLES = {"error": ERROR_COLOR, "warning": WARNING_COLOR, "info": MUTED_COLOR}
_FIELD_CHARS = {TEXT: 34, DATE: 11, DECIMAL: 8, INTEGER: 6, MULTIPLE: 11}
HINTS = {DATE: "DDMMAAAA", MULTIPLE: "códigos", TEXT: "texto, Enter", DECIMAL: "Enter"}


def options_html(question: Question) -> str:
    """The coded options as printed: «1 Sí · 2 No», «01 … 12» (codes in bold, fixed width)."""
    return " &nbsp;·&nbsp; ".join(
        f"<b>{printed_code(question, o.code)}</b>&nbsp;{escape(shown_label(o))}"
        for o in question.options)


def hint(question: Question) -> str:
    """The field's placeholder: what ends it (its boxes, or Enter)."""
    width = fixed_width(question)
    if question.type == TEXT and width:
        return f"{width} dígitos"
    if question.type == INTEGER and width:
        return f"{width} dígitos" if width > 1 else "1 dígito"
    if question.lettered:
        return "letras"
    return HINTS.get(question.type, "")


class QuestionRowWidget(QFrame):
    """A question as on paper; ``editor`` takes the answer, ``others`` the «especifique» texts."""

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(parent)
        self.question = question
        self.number = QLabel(f"<b>{escape(question.number)}.</b>", self)
        self.number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.number.setFixedWidth(self.fontMetrics().horizontalAdvance("00.0.") + 10)
        self.number.setContentsMargins(0, 2, 4, 2)
        self.number.setAutoFillBackground(True)
        self._current_palette = QPalette(self.number.palette())
        self._current_palette.setColor(QPalette.ColorRole.Window, QColor(CURRENT_COLOR))
        self._current_palette.setColor(QPalette.ColorRole.WindowText, QColor("#ffffff"))
        suffix = " <i>(opcional)</i>" if not question.required else ""
        self.text = QLabel(escape(question.text) + suffix, self)
        self.text.setWordWrap(True)
        self.options = QLabel(options_html(question), self)
        self.options.setWordWrap(True)
        self.options.setVisible(bool(question.options))
        self.editor = self._make_editor(question.id, _FIELD_CHARS.get(question.type, 5))
        self.editor.setPlaceholderText(hint(question))
        # The chosen option's label, under the field: always there (empty when nothing is
        # chosen) so that answering never changes the layout of the form.
        # Fixed sizes everywhere a keystroke changes a text: a widget of fixed size does not
        # make Qt lay out the whole form again (re-wrapping every question's text).
        self.chosen = QLabel(self)
        self.chosen.setFixedSize(max(self.editor.width(), 160), self.fontMetrics().height() + 2)
        self.chosen.setStyleSheet(f"color: {MUTED_COLOR};")
        self.chosen.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.hide()
        self.others: dict[int, QLineEdit] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setHorizontalSpacing(10)
        layout.setVerticalSpacing(2)
        layout.addWidget(self.number, 0, 0, 3, 1)
        layout.addWidget(self.text, 0, 1)
        layout.addWidget(self.options, 1, 1)
        layout.addWidget(self.editor, 0, 2, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        if question.options:
            layout.addWidget(self.chosen, 1, 2, Qt.AlignmentFlag.AlignTop)
        row = 2
        for code in question.other_codes:
            other = self._make_editor(other_key(question.id, code), 34)
            label = question.option(code).label
            other.setPlaceholderText(f"{printed_code(question, code)}: especifique")
            other.setToolTip(f"Especifique «{label}»")
            other.hide()
            self.others[code] = other
            layout.addWidget(other, row, 1, 1, 2)
            row += 1
        layout.addWidget(self.note, row, 1, 1, 2)
        layout.setColumnStretch(1, 1)
        self._current = False
        self._note_kind = ""
        self._paint()

    def _make_editor(self, key: str, chars: int) -> QLineEdit:
        editor = QLineEdit(self)
        editor.setProperty("answerKey", key)
        editor.setFixedSize(self.fontMetrics().horizontalAdvance("M" * min(chars, 8))
                            + self.fontMetrics().averageCharWidth() * max(chars - 8, 0) + 16,
                            editor.sizeHint().height())
        return editor

    def editor_for(self, key: str) -> QLineEdit:
        """The field of ``key``: the question itself or one of its «otro» texts."""
        if key == self.question.id:
            return self.editor
        return self.others[int(key.rsplit("_", 1)[1])]

    def set_applicable(self, on: bool) -> None:
        """A skipped question stays visible, greyed, as it is on paper (the keyer skips it)."""
        if self.isEnabled() != on:
            self.setEnabled(on)
            if not on:
                self.editor.setText("")
                self.set_note("")
                self.set_chosen("")

    def show_others(self, chosen: tuple, texts: dict[int, str]) -> None:
        for code, other in self.others.items():
            visible = code in chosen
            other.setVisible(visible)
            other.setText(texts.get(code, "") if visible else "")

    def set_current(self, current: bool) -> None:
        if current != self._current:
            self._current = current
            self._paint()

    def _paint(self) -> None:
        """The current question's number turns into a blue tab. Only that small label
        repaints: colouring the whole row would repaint all its text on every item."""
        self.number.setPalette(self._current_palette if self._current else self.palette())

    def set_chosen(self, label: str) -> None:
        """Show the label of the code typed, so the keyer sees «3 → No solicité ingreso»."""
        metrics = self.chosen.fontMetrics()
        shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, self.chosen.width())
        self.chosen.setText(shown)
        self.chosen.setToolTip(label if shown != label else "")

    def set_note(self, text: str, kind: str = "info") -> None:
        """A message under the question: an error (red), a warning or the chosen option."""
        self.note.setVisible(bool(text))
        if text and kind != self._note_kind:  # a style sheet change re-polishes: only when needed
            self._note_kind = kind
            self.note.setStyleSheet(f"color: {NOTE_STYLES[kind]};"
                                    + (" font-weight: 600;" if kind != "info" else ""))
        if text:
            self.note.setText(text)
