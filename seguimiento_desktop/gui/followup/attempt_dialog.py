"""Registrar intento de contacto: date, medium, result and a note (bitácora de contacto)."""

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QLabel,
                               QPlainTextEdit, QVBoxLayout, QWidget)

from seguimiento_desktop.domain.models import (
    CONTACT_MEDIA, CONTACT_RESULTS, ContactAttempt, Student)
from seguimiento_desktop.gui.context import AppContext
from seguimiento_desktop.gui.widgets.form import new_form
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
        who = QLabel(f"<b>{student.full_name}</b> · Generación {student.cohort} · "
                     f"{questionnaire}", self)
        form = new_form()
        form.addRow("&Fecha:", self.when)
        form.addRow("&Medio:", self.medium)
        form.addRow("&Resultado:", self.result)
        form.addRow("&Nota:", self.note)
        self.buttons = QDialogButtonBox(self)
        self.buttons.addButton("Guardar", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)  # the title bar shows the whole title

    def attempt(self) -> ContactAttempt:
        return ContactAttempt(self.student.id, self.when.date().toPython(),
                              self.medium.currentData(), self.result.currentData(),
                              self.note.toPlainText().strip(), self.questionnaire)

    def save(self) -> None:
        attempt = self.attempt()
        self.context.jobs.run(self, "Guardando el intento de contacto…",
                              lambda ws, _p, _c: ws.log_contact_attempt(attempt),
                              self._saved, cancellable=False)

    def _saved(self, attempt: ContactAttempt) -> None:
        emit(self.saved, attempt)
        self.accept()
