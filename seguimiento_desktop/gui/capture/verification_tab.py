"""Por verificar: finished papers the verification policy selects, and the policy itself."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from seguimiento_desktop.accounts.roles import DIRECTORY
from seguimiento_desktop.domain.dates import local_datetime
from seguimiento_desktop.domain.text import quantity
from seguimiento_desktop.gui.context import AppContext
from seguimiento_desktop.gui.signals import emit

HEADERS = ("Folio", "Alumno", "Capturó", "N.º de su captura", "Terminado")


class VerificationQueueWidget(QWidget):
    """The queue of papers to key a second time; Enter or double-click starts verifying."""

    verify_requested = Signal(object)  # Response

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.policy_dialog = None
        self.policy_line = QLabel(self)
        self.policy_button = QPushButton("&Cambiar política…", self)
        self.policy_button.clicked.connect(self.edit_policy)
        self.verify_button = QPushButton("&Verificar el seleccionado", self)
        self.verify_button.clicked.connect(self._verify_selected)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _index: self._verify_selected())
        self.count_line = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.policy_line, 1)
        top.addWidget(self.policy_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_line, 1)
        bottom.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.pending = []

    def reload(self) -> None:
        reader = self.context.reader
        self.policy_line.setText(reader.verification_policy().describe() + ".")
        self.policy_button.setVisible(reader.may(DIRECTORY))  # the policy: not a capturista's
        self.pending = reader.verification_queue()
        self.table.setRowCount(len(self.pending))
        for row, item in enumerate(self.pending):
            values = (item.folio, item.student_name, item.response.keyer, str(item.ordinal),
                      local_datetime(item.response.completed_at))
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setData(Qt.ItemDataRole.UserRole, row)
                self.table.setItem(row, column, cell)
        self.count_line.setText("No hay cuestionarios por verificar." if not self.pending else
                                f"{quantity(len(self.pending), 'cuestionario')} por verificar. La "
                                "verificación la hace otra persona, sin ver la primera captura.")
        self.verify_button.setEnabled(bool(self.pending))
        if self.pending:
            self.table.selectRow(0)

    def _verify_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            emit(self.verify_requested, self.pending[rows[0].row()].response)

    def edit_policy(self) -> None:
        from seguimiento_desktop.gui.capture.dialogs import VerificationPolicyDialog
        dialog = VerificationPolicyDialog(self.context, self)
        dialog.accepted.connect(self.reload)
        dialog.finished.connect(lambda _r: setattr(self, "policy_dialog", None))
        self.policy_dialog = dialog
        dialog.open()
