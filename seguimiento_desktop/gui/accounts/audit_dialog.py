"""«Bitácora»: who did what and when, filtered, checked and exported (administrador)."""

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit, QDialog,
                               QDialogButtonBox, QHBoxLayout, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from seguimiento_desktop.accounts.audit_text import action_label, readable_detail
from seguimiento_desktop.gui.widgets import files, messages
from seguimiento_desktop.storage.audit import AuditQuery

ANY = "(todos)"
COLUMNS = ("Registro", "Fecha", "Usuario", "Acción", "Objeto", "Detalle")
SHOWN_ROWS = 2000  # the newest; the export writes every matching row


class AuditDialog(QDialog):
    """Filters (desde, usuario, acción), the matching rows, «Verificar» and «Exportar…»."""

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Bitácora")
        self.since = QDateEdit(QDate.currentDate().addMonths(-1), self)
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("dd/MM/yyyy")
        self.user = QComboBox(self)
        self.action = QComboBox(self)
        self.user.addItems([ANY] + [a.name for a in context.reader.users()])
        self.action.addItem(ANY, "")
        for code in sorted(context.reader.audit_actions(), key=action_label):
            self.action.addItem(action_label(code), code)
        for control in (self.user, self.action):
            control.currentIndexChanged.connect(self.refresh)
        self.since.dateChanged.connect(self.refresh)
        filters = QHBoxLayout()
        for label, control in (("&Desde:", self.since), ("&Usuario:", self.user),
                               ("&Acción:", self.action)):
            caption = QLabel(label, self)
            caption.setBuddy(control)
            filters.addWidget(caption)
            filters.addWidget(control)
        filters.addStretch(1)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()  # «Registro» numbers the rows
        self.count = QLabel(self)
        buttons = QDialogButtonBox(self)
        self.verify = QPushButton("&Verificar la cadena", self)
        self.export = QPushButton("&Exportar…", self)
        buttons.addButton(self.verify, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.export, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton("&Cerrar", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        self.verify.clicked.connect(self.check_chain)
        self.export.clicked.connect(self.export_csv)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self.resize(1000, 560)
        self.refresh()

    def query(self) -> AuditQuery:
        chosen = self.since.date()
        return AuditQuery(since=date(chosen.year(), chosen.month(), chosen.day()).isoformat(),
                          user="" if self.user.currentText() == ANY else self.user.currentText(),
                          action=self.action.currentData() or "")

    def refresh(self) -> None:
        entries = self.context.reader.audit_log(self.query(), SHOWN_ROWS)
        self.table.setRowCount(len(entries))
        for row, e in enumerate(entries):
            detail = e.detail_text() if e.redacted else readable_detail(e.detail)
            for column, value in enumerate((str(e.seq), e.at.replace("T", " "), e.user,
                                            action_label(e.action), e.target, detail)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)  # long paths are cut by the column
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.count.setText(f"{len(entries)} registros" + (
            f" (los {SHOWN_ROWS} más recientes; exporte para verlos todos)"
            if len(entries) == SHOWN_ROWS else ""))

    def check_chain(self) -> None:
        self.context.jobs.run(self, "Verificando la bitácora…",
                              lambda ws, progress, cancel: ws.verify_audit_chain(),
                              lambda check: messages.show_info(self, check.description()),
                              cancellable=False)

    def export_csv(self) -> None:
        suggested = self.context.db_path.with_name(f"bitacora-{date.today().isoformat()}.csv")
        path = files.ask_save_path(self, "Exportar la bitácora", str(suggested),
                                   "Archivo CSV (*.csv)")
        if not path:
            return
        path, query = str(files.with_suffix_if_missing(path, ".csv")), self.query()
        self.context.jobs.run(
            self, "Exportando la bitácora…",
            lambda ws, progress, cancel: ws.export_audit(path, query),
            lambda count: messages.show_info(self, f"Bitácora guardada en:\n{path}\n"
                                                   f"({count} registros)"))
