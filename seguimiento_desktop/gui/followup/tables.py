"""The two tables of the Seguimiento screen: what is due per cohort, and whom to call."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem,
                               QWidget)

from seguimiento_desktop.domain.dates import local_date
from seguimiento_desktop.domain.contact import format_phone
from seguimiento_desktop.domain.models import CONTACT_STATUSES
from seguimiento_desktop.followup import FollowupLine, PendingContact

WINDOW_STATES = {"pendiente": "Próximo", "en_curso": "En curso", "vencido": "Cerrado"}
STATUS_HEADERS = ("Generación", "Cuestionario", "Periodo de aplicación", "Estado", "Alumnos",
                  "Completos", "Parciales", "Tasa de respuesta")
CALL_HEADERS = ("Egresado", "Grupo", "Teléfonos", "Correo", "Contacto alterno", "Intentos",
                "Último intento", "Localización")
# Starting widths, as sample texts, that fit 1366×768 without a horizontal scroll bar.
# Long e-mails and alternate contacts are elided; the tooltip shows them whole.
CALL_SAMPLES = ("BAUTISTA DE LA CRUZ LUIS", "Grupo", "33 7604 0087 / 33 4146 59",
                "luis.bautista@hotmai", "Rosa López (Madre) 81 50", "Intentos",
                "Último intento")


def _configure(table: QTableWidget, headers: tuple[str, ...]) -> None:
    """Read-only, whole-row selection, one row per item: the same in both tables."""
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)  # arrows choose the row; Tab goes on to the buttons
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.horizontalHeader().setStretchLastSection(True)


def _fill(table: QTableWidget, rows: list[tuple[str, ...]], numeric_from: int) -> None:
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            cell = QTableWidgetItem(value)
            cell.setToolTip(value)
            if column >= numeric_from:
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, column, cell)


class DueTableWidget(QTableWidget):
    """One row per cohort × questionnaire in force on the chosen date."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        _configure(self, STATUS_HEADERS)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.lines: list[FollowupLine] = []

    def show_lines(self, lines: list[FollowupLine]) -> None:
        self.lines = lines
        _fill(self, [(line.window.cohort, line.title,
                      f"{local_date(line.window.opens)} al {local_date(line.window.closes)}",
                      WINDOW_STATES.get(line.state, line.state), f"{line.students:,}",
                      f"{line.complete:,}", f"{line.partial:,}", line.rate_text)
                     for line in lines], numeric_from=4)

    def selected_line(self) -> FollowupLine | None:
        rows = self.selectionModel().selectedRows()
        return self.lines[rows[0].row()] if rows else None


class CallListWidget(QTableWidget):
    """Graduates still missing the questionnaire, most likely to answer first."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        _configure(self, CALL_HEADERS)
        metrics = self.fontMetrics()
        for column, sample in enumerate(CALL_SAMPLES):
            self.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)
        self.contacts: list[PendingContact] = []

    def show_contacts(self, contacts: list[PendingContact]) -> None:
        self.contacts = contacts
        _fill(self, [(c.student.full_name, c.student.group, _phones(c.student), c.student.email,
                      c.alternate_contact, str(c.attempts),
                      local_date(c.last_attempt) if c.last_attempt else "",
                      CONTACT_STATUSES.get(c.student.contact_status, ""))
                     for c in contacts], numeric_from=99)
        for row in range(len(contacts)):
            self.item(row, 5).setTextAlignment(Qt.AlignmentFlag.AlignCenter)

    def selected_contact(self) -> PendingContact | None:
        rows = self.selectionModel().selectedRows()
        return self.contacts[rows[0].row()] if rows else None

    def row_of(self, student_id: str) -> int | None:
        return next((i for i, c in enumerate(self.contacts) if c.student.id == student_id), None)


def _phones(student) -> str:
    """Mobile first (it also takes WhatsApp), then the home phone."""
    return " / ".join(format_phone(p) for p in (student.phone, student.home_phone) if p)

