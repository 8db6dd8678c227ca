"""Archivo → «Datos del plantel…»: the plantel's data corrected with the checks of the
first-run assistant (the same page): entidad from the CCT, subsistema from the catalog,
municipio from the entidad's list (INEGI). The CCT itself is not changed here: the
plantel's records and its enrollment at the central office hang on it."""

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from seguimiento_desktop.gui.context import AppContext
from seguimiento_desktop.gui.firstrun.school_page import SchoolPage
from seguimiento_desktop.gui.signals import emit


class SchoolDialog(QDialog):
    """«Guardar» writes through the writer and closes when it is done; it stays disabled
    while a field is refused (a municipio of another entidad…)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.job = None
        self.setWindowTitle("Datos del plantel")
        self.page = SchoolPage(self)
        self.page.fill(context.reader.school())
        buttons = QDialogButtonBox(self)
        self.save: QPushButton = buttons.addButton("&Guardar",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        layout.addWidget(buttons)
        self.page.completeChanged.connect(self._complete_changed)
        self._complete_changed()
        self.resize(600, 420)

    def _complete_changed(self) -> None:
        self.save.setEnabled(self.page.isComplete())

    def accept(self) -> None:
        if self.job is not None or not self.page.isComplete():
            return
        school = self.page.school()
        self.job = self.context.jobs.run(self, "Guardando los datos del plantel…",
                                         lambda ws, progress, cancel: ws.set_up_school(school),
                                         self._written, on_failed=self._failed,
                                         cancellable=False)
        self.job.finished.connect(self._job_ended)

    def _job_ended(self) -> None:
        self.job = None

    def _written(self, _school: object) -> None:
        emit(self.context.events.school_changed)
        super().accept()

    def _failed(self, message: str) -> None:
        from seguimiento_desktop.gui.widgets import messages
        messages.show_error(self, message)
