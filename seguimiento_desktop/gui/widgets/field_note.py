"""The line under a form field: an error in red, a warning in amber, or a quiet hint."""

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLabel, QWidget

from seguimiento_desktop.gui.theme import ERROR_COLOR, MUTED_COLOR, WARNING_COLOR

_COLORS = {"error": ERROR_COLOR, "warning": WARNING_COLOR, "hint": MUTED_COLOR}


class FieldNoteWidget(QLabel):
    """Hidden when there is nothing to say; ``kind`` is 'error', 'warning' or 'hint'.

    Its first line of space is kept while hidden, so the fields below do not jump while
    the person types and notes come and go; only a longer note takes more room.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.kind = ""
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.one_line = self.fontMetrics().height() + self.margin() * 2
        self.setMinimumHeight(self.one_line)
        self.hide()

    def reserve(self, lines: int) -> None:
        """Keep room for a note of ``lines`` lines, shown or not (forms whose notes are
        often long: the fields never move while the person types)."""
        sample = "\n".join(["Ág"] * lines)  # measured as _fit_height measures a note
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
        height = self.fontMetrics().boundingRect(QRect(0, 0, 10_000, 10_000), flags,
                                                 sample).height()
        self.one_line = height + self.height() - self.contentsRect().height()
        self.setMinimumHeight(self.one_line)

    def show_note(self, text: str | None, kind: str = "error") -> None:
        if not text:
            self.clear_note()
            return
        self.kind = kind
        self.setStyleSheet(f"color: {_COLORS[kind]};")
        self.setText(("⚠ " if kind == "warning" else "") + text)
        self._fit_height()
        self.show()

    def _fit_height(self) -> None:
        # Form layouts do not always honour a wrapped label's height-for-width: ask for
        # the wrapped height explicitly so a long message is never cut in half.
        width = self.contentsRect().width()
        if width > 0 and self.text():
            flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
            needed = self.fontMetrics().boundingRect(QRect(0, 0, width, 10_000), flags,
                                                     self.text()).height()
            height = max(needed + self.height() - self.contentsRect().height(),
                         self.one_line)
            if height != self.minimumHeight():
                self.setMinimumHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit_height()

    def clear_note(self) -> None:
        self.kind = ""
        self.setText("")
        self.setMinimumHeight(self.one_line)
        self.hide()
