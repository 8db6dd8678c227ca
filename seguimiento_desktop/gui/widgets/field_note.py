"""The line under a form field: an error in red, a warning in amber, or a quiet hint."""

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLabel, QWidget

from seguimiento_desktop.gui.theme import ERROR_COLOR, MUTED_COLOR, WARNING_COLOR

_COLORS = {"error": ERROR_COLOR, "warning": WARNING_COLOR, "hint": MUTED_COLOR}


class FieldNoteWidget(QLabel):
    """Hidden when there is nothing to say; ``kind`` is 'error', 'warning' or 'hint'."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.kind = ""
        self.hide()

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
            height = needed + self.height() - self.contentsRect().height()
            if height != self.minimumHeight():
                self.setMinimumHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit_height()

    def clear_note(self) -> None:
        self.kind = ""
        self.setText("")
        self.hide()
