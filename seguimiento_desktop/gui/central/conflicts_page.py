"""Conflictos: values two PCs wrote at the same time for one student, both kept for review.

The merge keeps the version with the later clock in the record and keeps the other one
aside; this page shows both side by side with where and when each was captured, so the
office can call the plantel and fix the right one there (the fix then travels as usual).
"""

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from seguimiento_desktop.domain.text import quantity
from seguimiento_desktop.gui.central.context import CentralContext
from seguimiento_desktop.gui.central.parts import page_layout, read_only_table, set_row, short_date
from seguimiento_desktop.gui.central.resolve_dialog import ResolveDialog
from seguimiento_desktop.gui.widgets import messages
from seguimiento_desktop.sync.models import Conflict

COLUMNS = ("Alumno", "Campo", "Valor conservado", "Plantel", "Fecha", "Otro valor",
           "Plantel", "Fecha")


class ConflictsPage(QWidget):
    """Every open conflict, newest merge last, both values visible."""

    def __init__(self, context: CentralContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        layout = page_layout(self, "Conflictos", (
            "Cuando dos PC cambian a la vez el mismo dato de un alumno, se conservan los dos "
            "valores. El registro usa el más reciente; seleccione una fila y use «Resolver…» "
            "para elegir el valor correcto o escribirlo."))
        self.summary = QLabel(self)
        layout.addWidget(self.summary)
        buttons = QHBoxLayout()
        self.resolve_button = QPushButton("Resolver…", self)
        self.resolve_button.clicked.connect(self.resolve_selected)
        buttons.addWidget(self.resolve_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.found: list[Conflict] = []
        self.table = read_only_table(COLUMNS, self)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        context.events.changed.connect(self.refresh)
        self.refresh()

    def activate(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        found = self.found = self.context.reader.conflicts()
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
        self.resolve_button.setEnabled(bool(found))

    def selected(self) -> Conflict | None:
        row = self.table.currentRow()
        return self.found[row] if 0 <= row < len(self.found) and \
            self.table.selectionModel().hasSelection() else None

    def resolve_selected(self):
        """«Resolver…»: the dialog for the selected row, then the resolution as a job."""
        conflict = self.selected()
        if conflict is None:
            messages.show_error(self, "Seleccione en la tabla el conflicto que quiere resolver.")
            return None
        dialog = ResolveDialog(conflict, self.context.reader.last_resolver(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        value, by = dialog.choice(), dialog.resolver.text()
        return self.context.jobs.run(
            self, "Guardando la resolución…",
            lambda office, progress, cancel: office.resolve_conflict(conflict.id, value, by),
            lambda _done: self.context.events.changed.emit(), cancellable=False)
