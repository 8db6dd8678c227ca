"""Registrar intento de contacto: date, medium, result and a note (bitácora de contacto)."""

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QLabel,
                               QPlainTextEdit, QVBoxLayout, QWidget)

from seguimiento_desktop.domain.models import (
    CONTACT_MEDIA, CONTACT_RESULTS, ContactAttempt, Student)
from seguimiento_desktop.gui.context import AppContext
from seguimiento_desktop.gui.widgets.form import new_form
from seguimiento_desktop.gui.widgets.unsaved import UnsavedGuard
from seguimiento_desktop.gui.signals import emit


def _combo(values: dict[str, str], parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    for key, label in values.items():
        combo.addItem(label, key)
    return combo


class ContactAttemptDialog(QDialog):
    """Log one call, message or visit; a refusal or an answer updates the graduate's status."""

    saved = Signal(object)  # ContactAttempt

    def __init__(self, context: AppContext, student: Student, questionnaire: str,
                 today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.student, self.questionnaire = context, student, questionnaire
        self.job = None
        self.setWindowTitle("Registrar intento de contacto")
        self.when = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("dd/MM/yyyy")
        self.when.setMaximumDate(QDate(today.year, today.month, today.day))
        self.medium = _combo(CONTACT_MEDIA, self)
        self.result = _combo(CONTACT_RESULTS, self)
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText("Por ejemplo: contestó la mamá; llamar después de las 6 pm.")
        self.note.setFixedHeight(self.fontMetrics().height() * 4)
        self.note.setTabChangesFocus(True)  # a tab in a note is a trap, not a character
        who = QLabel(f"<b>{student.full_name}</b> · Generación {student.cohort} · "
                     f"{questionnaire}", self)
        form = new_form()
        form.addRow("&Fecha:", self.when)
        form.addRow("&Medio:", self.medium)
        form.addRow("&Resultado:", self.result)
        form.addRow("&Nota:", self.note)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton("Guardar",
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)  # the title bar shows the whole title
        self.unsaved = UnsavedGuard(self, lambda: (self.attempt(), self.note.toPlainText()))

    def attempt(self) -> ContactAttempt:
        return ContactAttempt(self.student.id, self.when.date().toPython(),
                              self.medium.currentData(), self.result.currentData(),
                              self.note.toPlainText().strip(), self.questionnaire)

    def save(self) -> None:
        """Once: a second click (or Enter) before the first save ends logged the call twice."""
        if self.job is not None:
            return
        attempt = self.attempt()
        self.save_button.setEnabled(False)
        self.job = self.context.jobs.run(self, "Guardando el intento de contacto…",
                                         lambda ws, _p, _c: ws.log_contact_attempt(attempt),
                                         self._saved, on_failed=self._failed,
                                         cancellable=False)

    def reject(self) -> None:
        """Esc, «Cancelar» or the close button: a typed note is lost only if the person
        says so; while saving, the save closes the dialog."""
        if self.job is None and self.unsaved.may_close(
                "El intento de contacto no se ha guardado."):
            super().reject()

    def _failed(self, message: str) -> None:
        from seguimiento_desktop.gui.widgets import messages
        self.job = None
        self.save_button.setEnabled(True)
        messages.show_error(self, message)

    def _saved(self, attempt: ContactAttempt) -> None:
        emit(self.saved, attempt)
        self.accept()
