"""Asking before a dialog throws typed data away: Esc, «Cancelar» and the close button all
go through QDialog.reject, so a dialog asks there."""

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from seguimiento_desktop.gui.widgets import messages


class UnsavedGuard:
    """Remembers what a dialog's fields held when it opened; ``may_close`` asks only when
    they hold something else (an untouched dialog closes at once, as a person expects)."""

    def __init__(self, read: Callable[[], object]):
        self._read = read
        self._opened_with = read()

    def changed(self) -> bool:
        return self._read() != self._opened_with

    def may_close(self, parent: QWidget, what: str) -> bool:
        """True when nothing was typed or the person chose to discard ``what`` (a
        sentence: «El alumno nuevo no se ha guardado.»)."""
        if not self.changed():
            return True
        return messages.confirm(parent, f"{what}\n\n¿Descartar lo que escribió?", "Descartar",
                                keep="Seguir editando")
