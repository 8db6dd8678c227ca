"""Seguimiento: for a date, what each cohort answers and how many did; whom to call next."""

import seguimiento_desktop.gui.immortal  # noqa: F401 (PySide6 6.12.0 refcount bug)
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QComboBox, QDateEdit, QHBoxLayout, QLabel, QPushButton,
                               QVBoxLayout, QWidget)
from PySide6.QtCore import Qt

from seguimiento_desktop.domain.models import CONTACT_MEDIA, CONTACT_RESULTS, CONTACT_STATUSES
from seguimiento_desktop.followup import PendingContact
from seguimiento_desktop.gui.context import AppContext
from seguimiento_desktop.gui.followup.tables import CallListWidget, DueTableWidget
from seguimiento_desktop.gui.signals import emit



class FollowupPage(QWidget):
    """Due questionnaires per cohort on top; the call list of the chosen one below."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.attempt_dialog = None  # the open dialog, if any (tests reach it here)
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setDate(QDate.currentDate())
        self.due = DueTableWidget(self)
        self.calls = CallListWidget(self)
        self.call_title = QLabel(self)
        self.call_title.setObjectName("sectionTitle")
        self.history = QLabel(self)
        self.history.setWordWrap(True)
        self.history.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.status = QComboBox(self)
        for key, label in CONTACT_STATUSES.items():
            self.status.addItem(label, key)
        self.attempt_button = QPushButton("&Registrar intento…", self)
        self.status_button = QPushButton("Cambiar &estado", self)
        self.capture_button = QPushButton("&Capturar cuestionario", self)
        self._lay_out()
        self.day.dateChanged.connect(lambda _d: self.reload())
        self.due.itemSelectionChanged.connect(self._show_calls)
        self.calls.itemSelectionChanged.connect(self._show_contact)
        self.calls.activated.connect(lambda _i: self.log_attempt())
        self.attempt_button.clicked.connect(self.log_attempt)
        self.status_button.clicked.connect(self.set_status)
        self.capture_button.clicked.connect(self.open_capture)
        context.events.students_changed.connect(self.reload)
        self.reload()

    def _lay_out(self) -> None:
        title = QLabel("Seguimiento de egresados", self)
        title.setObjectName("pageTitle")
        top = QHBoxLayout()
        top.addWidget(QLabel("Cuestionarios que tocan al día:", self))
        top.addWidget(self.day)
        top.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.attempt_button)
        actions.addSpacing(12)
        actions.addWidget(QLabel("Localización:", self))
        actions.addWidget(self.status)
        actions.addWidget(self.status_button)
        actions.addStretch(1)
        actions.addWidget(self.capture_button)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.call_title)
        lower_layout.addWidget(self.calls, 1)
        lower_layout.addLayout(actions)
        lower_layout.addWidget(self.history)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.due)  # as tall as its rows: the call list gets the rest
        layout.addSpacing(8)
        layout.addWidget(lower, 1)

    # --- Reading -------------------------------------------------------------------

    @property
    def today(self) -> date:
        return self.day.date().toPython()

    def reload(self) -> None:
        """Re-read the due questionnaires (and the call list of the chosen one)."""
        chosen = self.due.selected_line()
        lines = self.context.reader.followup_status(self.today)
        self.due.blockSignals(True)  # one call-list refresh below, not one per change
        self.due.show_lines(lines)
        self.due.setFixedHeight(self.due.horizontalHeader().height() + 4 + sum(
            self.due.rowHeight(r) for r in range(len(lines))) + 2)
        keys = [(line.window.cohort, line.window.questionnaire) for line in lines]
        wanted = (chosen.window.cohort, chosen.window.questionnaire) if chosen else None
        open_now = next((i for i, line in enumerate(lines) if line.state == "en_curso"), 0)
        if lines:
            self.due.selectRow(keys.index(wanted) if wanted in keys else open_now)
        self.due.blockSignals(False)
        self._show_calls()

    def activate(self) -> None:
        self.reload()

    def _show_calls(self) -> None:
        line = self.due.selected_line()
        selected = self.calls.selected_contact()
        contacts = (self.context.reader.pending_contacts(line.window.cohort,
                                                         line.window.questionnaire)
                    if line else [])
        self.calls.show_contacts(contacts)
        self.call_title.setText(
            "No hay cuestionarios que aplicar en esta fecha." if line is None else
            f"Por contactar: {len(contacts):,} de la generación {line.window.cohort} sin "
            f"{line.window.questionnaire} completo, primero quienes es más probable que contesten")
        row = self.calls.row_of(selected.student.id) if selected else None
        if contacts:
            self.calls.selectRow(row if row is not None else 0)
        self._show_contact()

    def _show_contact(self) -> None:
        contact = self.calls.selected_contact()
        for widget in (self.attempt_button, self.status_button, self.capture_button, self.status):
            widget.setEnabled(contact is not None)
        if contact is None:
            self.history.setText("")
            return
        index = self.status.findData(contact.student.contact_status)
        self.status.setCurrentIndex(max(index, 0))
        attempts = self.context.reader.contact_attempts(contact.student.id)
        lines = [f"{a.attempted_on:%d/%m/%Y} · {CONTACT_MEDIA.get(a.medium, a.medium)} · "
                 f"{CONTACT_RESULTS.get(a.result, a.result)}" + (f" · {a.note}" if a.note else "")
                 for a in attempts[:4]]
        self.history.setText(f"<b>Intentos con {contact.student.full_name}:</b> "
                             + ("<br>".join(lines) if lines else "ninguno todavía."))

    # --- Actions -------------------------------------------------------------------

    def _selected(self) -> tuple[PendingContact, str] | None:
        contact, line = self.calls.selected_contact(), self.due.selected_line()
        return (contact, line.window.questionnaire) if contact and line else None

    def log_attempt(self) -> None:
        from seguimiento_desktop.gui.followup.attempt_dialog import ContactAttemptDialog
        chosen = self._selected()
        if chosen is None:
            return
        dialog = ContactAttemptDialog(self.context, chosen[0].student, chosen[1], date.today(),
                                      self)
        dialog.saved.connect(lambda _a: emit(self.context.events.students_changed))
        dialog.finished.connect(lambda _r: setattr(self, "attempt_dialog", None))
        self.attempt_dialog = dialog
        dialog.open()

    def set_status(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        student_id, status = chosen[0].student.id, self.status.currentData()
        self.context.jobs.run(self, "Guardando el estado…",
                              lambda ws, _p, _c: ws.set_contact_status(student_id, status),
                              lambda _s: emit(self.context.events.students_changed),
                              cancellable=False)

    def open_capture(self) -> None:
        """Key the questionnaire for the chosen graduate (e.g. while on the phone)."""
        chosen = self._selected()
        window = self.window()
        if chosen is None or not hasattr(window, "page"):
            return
        window.page("capture").open_student(chosen[0].student.id, chosen[1])
