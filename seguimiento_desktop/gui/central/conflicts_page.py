"""Conflictos: values two PCs wrote at the same time for one student, both kept for review.

The merge keeps the version with the later clock in the record and keeps the other one
aside; this page shows both side by side with where and when each was captured, so the
office can call the plantel and fix the right one there (the fix then travels as usual).
"""

from PySide6.QtWidgets import QLabel, QWidget

from seguimiento_desktop.domain.text import quantity
from seguimiento_desktop.gui.central.context import CentralContext
from seguimiento_desktop.gui.central.parts import page_layout, read_only_table, set_row, short_date

COLUMNS = ("Alumno", "Campo", "Valor conservado", "Plantel", "Fecha", "Otro valor",
           "Plantel", "Fecha")


class ConflictsPage(QWidget):
    """Every open conflict, newest merge last, both values visible."""

    def __init__(self, context: CentralContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        layout = page_layout(self, "Conflictos", (
            "Cuando dos PC cambian a la vez el mismo dato de un alumno, se conservan los dos "
            "valores. El registro usa el más reciente; corrija el dato en el plantel si el "
            "correcto es el otro, y el cambio llegará con su siguiente paquete."))
        self.summary = QLabel(self)
        layout.addWidget(self.summary)
        self.table = read_only_table(COLUMNS, self)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        context.events.changed.connect(self.refresh)
        self.refresh()

    def activate(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        found = self.context.reader.conflicts()
        self.table.setRowCount(len(found))
        for row, c in enumerate(found):
            # The name, or the CURP/pseudonym when names stay at the plantel; CURP on hover
            # (a column of its own would push the second date off a 1366-pixel screen).
            set_row(self.table, row, (c.name or c.curp, c.label, c.kept_value or "(vacío)",
                                      f"{c.kept_origin} ({c.kept_pc})", short_date(c.kept_at),
                                      c.other_value or "(vacío)",
                                      f"{c.other_origin} ({c.other_pc})",
                                      short_date(c.other_at)), tooltip=f"CURP: {c.curp}")
        self.summary.setText("No hay conflictos por revisar." if not found
                             else f"{quantity(len(found), 'conflicto')} por revisar.")
