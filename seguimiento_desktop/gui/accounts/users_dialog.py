"""«Usuarios»: accounts, new ones, passwords, deactivation and the idle lock (administrador)."""

from collections.abc import Callable

from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from seguimiento_desktop.accounts.roles import ROLE_DESCRIPTIONS, ROLES
from seguimiento_desktop.gui.accounts.login_dialog import password_field
from seguimiento_desktop.gui.widgets import messages
from seguimiento_desktop.gui.widgets.form import new_form


# What «Crear» saves, in the writer: (workspace, user, full name, role, password).
AccountWork = Callable[[object, str, str, str, str], object]


class NewUserDialog(QDialog):
    """User name, full name, role and password (twice). «Crear» saves through the writer
    and the dialog closes only once it is saved: a refused password (too short, or the two
    differ) is said over the dialog, which keeps what was typed but the passwords."""

    def __init__(self, context, work: AccountWork, busy_title: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.work, self.busy_title, self.job = context, work, busy_title, None
        self.setWindowTitle("Nueva cuenta")
        self.user, self.full_name = QLineEdit(self), QLineEdit(self)
        self.role = QComboBox(self)
        for role in ROLES:
            self.role.addItem(f"{role}: {ROLE_DESCRIPTIONS[role]}", role)
        self.role.setCurrentIndex(ROLES.index("capturista"))
        self.password, self.repeat = password_field(self), password_field(self)
        form = new_form()
        form.addRow("&Usuario:", self.user)
        form.addRow("&Nombre completo:", self.full_name)
        form.addRow("&Rol:", self.role)
        form.addRow("&Contraseña:", self.password)
        form.addRow("R&epítala:", self.repeat)
        buttons = QDialogButtonBox(self)
        buttons.addButton("C&rear", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def create(self) -> None:
        if self.job is not None:
            return
        if self.password.text() != self.repeat.text():
            self._refused("Las dos contraseñas no coinciden. Escríbalas de nuevo.")
            return
        values = (self.user.text(), self.full_name.text(), self.role.currentData(),
                  self.password.text())
        work = self.work  # the writer thread never touches the dialog
        self.job = self.context.jobs.run(
            self, self.busy_title, lambda ws, progress, cancel: work(ws, *values),
            lambda _result: self.accept(), on_failed=self._refused, cancellable=False)
        self.job.finished.connect(self._job_ended)

    def _job_ended(self) -> None:
        self.job = None

    def reject(self) -> None:  # Esc, «Cancelar», the title bar's X
        if self.job is None:  # once «Crear» was pressed the account is saved either way:
            super().reject()  # the dialog waits to say so instead of feigning a cancel

    def _refused(self, message: str) -> None:
        messages.show_error(self, message)
        self.password.clear()
        self.repeat.clear()
        self.password.setFocus()


class UsersDialog(QDialog):
    """The accounts table and what an administrator does with them, each through the
    writer (and so through the core's role check and the bitácora)."""

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Usuarios")
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(("Usuario", "Nombre", "Rol", "Estado"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.minutes = QSpinBox(self)
        self.minutes.setRange(1, 240)
        self.minutes.setSuffix(" min")
        self.minutes.setValue(context.reader.idle_lock_minutes())
        self.minutes.editingFinished.connect(self._save_minutes)
        lock_row = QHBoxLayout()
        lock_row.addWidget(QLabel("Bloquear la sesión tras", self))
        lock_row.addWidget(self.minutes)
        lock_row.addWidget(QLabel("sin uso.", self))
        lock_row.addStretch(1)
        buttons = QDialogButtonBox(self)
        for text, slot in (("&Nueva cuenta…", self.new_user),
                           ("Cambiar &contraseña…", self.change_password),
                           ("&Desactivar", self.deactivate)):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton("C&errar", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(lock_row)
        layout.addWidget(buttons)
        self.resize(720, 420)
        self.refresh()

    def refresh(self, *_: object) -> None:
        accounts = self.context.reader.users()
        self.table.setRowCount(len(accounts))
        for row, account in enumerate(accounts):
            state = "activa" if account.active else "desactivada"
            for column, value in enumerate((account.name, account.full_name, account.role,
                                            state)):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()

    def _chosen(self) -> str:
        row = self.table.currentRow()
        if row < 0:
            messages.show_info(self, "Elija primero una cuenta de la lista.")
            return ""
        return self.table.item(row, 0).text()

    def _run(self, title: str, fn, done_text: str) -> None:
        self.context.jobs.run(self, title, lambda ws, progress, cancel: fn(ws),
                              lambda _: (self.refresh(), messages.show_info(self, done_text)),
                              cancellable=False)

    def new_user(self) -> None:
        dialog = NewUserDialog(self.context, lambda ws, name, full, role, password:
                               ws.create_user(name, full, role, password),
                               "Creando la cuenta…", self)
        self._saved_by(dialog, "Cuenta creada.")

    def change_password(self) -> None:
        name = self._chosen()
        if not name:
            return
        dialog = NewUserDialog(self.context, lambda ws, _name, _full, _role, password:
                               ws.change_password(name, password),
                               "Cambiando la contraseña…", self)
        dialog.setWindowTitle(f"Contraseña nueva para «{name}»")
        for field in (dialog.user, dialog.full_name, dialog.role):
            field.setEnabled(False)
        dialog.user.setText(name)
        self._saved_by(dialog, "Contraseña cambiada.")

    def _saved_by(self, dialog: NewUserDialog, done_text: str) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()
            messages.show_info(self, done_text)

    def deactivate(self) -> None:
        name = self._chosen()
        if name and messages.confirm(self, f"¿Desactivar la cuenta «{name}»? Ya no podrá "
                                           "entrar.", "Desactivar"):
            self._run("Desactivando…", lambda ws: ws.deactivate_user(name),
                      f"Cuenta «{name}» desactivada.")

    def _save_minutes(self) -> None:
        minutes = self.minutes.value()
        if minutes != self.context.reader.idle_lock_minutes():
            self.context.jobs.run(self, "Guardando…",
                                  lambda ws, progress, cancel: ws.set_idle_lock_minutes(minutes),
                                  cancellable=False, quiet=True)
