"""Inconsistencias: contradictions the keyer confirmed (F2) as written on the paper."""

from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableWidgetItem, QVBoxLayout, QWidget

from seguimiento_desktop.domain.text import quantity
from seguimiento_desktop.gui.capture.stats import read_only_table
from seguimiento_desktop.gui.context import AppContext

HEADERS = ("Folio", "CURP", "Nombre", "Cuestionario", "Pregunta", "Inconsistencia",
           "Capturista")


class InconsistenciesWidget(QWidget):
    """Read-only: one row per confirmed contradiction, whom to call back and why."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.table = read_only_table(self, HEADERS, stretch=HEADERS.index("Inconsistencia"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.summary = QLabel(self)
        note = QLabel("Respuestas que se contradicen y que el capturista confirmó con F2 porque "
                      "así vienen en el papel: conviene volver a llamar al egresado para "
                      "aclararlas. También salen en la hoja «Inconsistencias» de la exportación "
                      "a Excel.", self)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)

    def reload(self) -> None:
        found = self.context.reader.inconsistency_report()
        self.summary.setText(quantity(len(found), "inconsistencia confirmada",
                                      "inconsistencias confirmadas") + ".")
        self.table.setRowCount(len(found))
        for row, item in enumerate(found):
            values = (item.folio, item.curp, item.name, item.questionnaire, item.question,
                      item.message, item.keyer or "(sin nombre)")
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeRowsToContents()
