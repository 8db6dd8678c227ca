"""Cuenta → «Cambiar mi contraseña…»: any account changes its own (its slot is rewrapped)."""

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from seguimiento_desktop.gui.accounts.login_dialog import password_field
from seguimiento_desktop.gui.widgets import messages
from seguimiento_desktop.gui.widgets.form import new_form


class ChangePasswordDialog(QDialog):
    """The current password, the new one twice; checked and saved by the writer."""

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.job = context, None
        self.setWindowTitle("Cambiar mi contraseña")
        self.current = password_field(self)
        self.password, self.repeat = password_field(self), password_field(self)
        form = new_form()
        form.addRow("Contraseña &actual:", self.current)
        form.addRow("Contraseña &nueva:", self.password)
        form.addRow("&Repítala:", self.repeat)
        buttons = QDialogButtonBox(self)
        buttons.addButton("Cam&biar", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._change)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _change(self) -> None:
        if self.job is not None:
            return
        if self.password.text() != self.repeat.text():
            messages.show_error(self, "Las dos contraseñas nuevas no coinciden.")
            return
        current, new = self.current.text(), self.password.text()
        self.job = self.context.jobs.run(
            self, "Cambiando la contraseña…",
            lambda ws, progress, cancel: ws.change_my_password(current, new),
            self._done, cancellable=False)
        self.job.finished.connect(self._job_ended)

    def _job_ended(self) -> None:
        self.job = None

    def _done(self, _result: object) -> None:
        messages.show_info(self, "Contraseña cambiada.")
        self.accept()
