"""Asking before a dialog throws typed data away: Esc, «Cancelar» and the close button all
go through QDialog.reject, so a dialog asks there."""

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QDialog

from seguimiento_desktop.gui.widgets import messages


class UnsavedGuard(QObject):
    """Remembers what ``dialog``'s fields held when it opened; ``may_close`` asks only when
    they hold something else (an untouched dialog closes at once, as a person expects)."""

    def __init__(self, dialog: QDialog, read: Callable[[], object]):
        super().__init__(dialog)
        self._read = read
        self._opened_with = read()
        self._by_program = False
        dialog.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Close:
            # close() called by the program (the app or a test run ending) is no person's
            # choice, and a question then would be answered by nobody.
            self._by_program = not event.spontaneous()
        return False

    def changed(self) -> bool:
        return self._read() != self._opened_with

    def may_close(self, what: str, question: str = "¿Descartar lo que escribió?") -> bool:
        """True when nothing was typed or the person chose to discard ``what`` (a
        sentence: «El alumno nuevo no se ha guardado.»)."""
        by_program, self._by_program = self._by_program, False
        if by_program or not self.changed():
            return True
        return messages.confirm(self.parent(), f"{what}\n\n{question}",
                                "Descartar", keep="Seguir editando")
