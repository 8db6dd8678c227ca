"""Estadísticas de captura: questionnaires and keystrokes per hour, errors per 1,000 keystrokes."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from seguimiento_desktop.gui.context import AppContext

HEADERS = ("Capturista", "Tarea", "Cuestionarios", "Horas", "Cuestionarios por hora",
           "Pulsaciones por hora", "Errores", "Errores por 1,000 pulsaciones")
ROLES = {"captura": "Captura", "verificacion": "Verificación"}


def read_only_table(parent: QWidget, headers: tuple[str, ...], stretch: int) -> QTableWidget:
    """A table to read (the capture page's side tabs): columns fit their contents and
    column ``stretch`` takes the rest; long texts wrap."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


class KeyerStatsWidget(QWidget):
    """One row per keyer and task, from the keying-session log (errors found by verifying)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.table = read_only_table(self, HEADERS, stretch=0)
        note = QLabel("Los errores se conocen al verificar: cuando dos capturas no coinciden, "
                      "se cuenta un error a quien tecleó distinto de lo que dice el papel.", self)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)

    def reload(self) -> None:
        stats = self.context.reader.keyer_statistics()
        self.table.setRowCount(len(stats))
        for row, item in enumerate(stats):
            values = (item.keyer or "(sin nombre)", ROLES.get(item.role, item.role),
                      f"{item.questionnaires:,}", f"{item.seconds / 3600:,.1f}",
                      f"{item.questionnaires_per_hour:,.1f}", f"{item.keystrokes_per_hour:,.0f}",
                      f"{item.errors:,}", f"{item.errors_per_thousand:,.1f}")
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if column >= 2:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, cell)
