"""«Olvidé la contraseña…»: an administrator's new password, with the recovery code."""

from contextlib import nullcontext
from pathlib import Path

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from seguimiento_desktop.accounts import codes
from seguimiento_desktop.gui.accounts.admin_pages import RecoveryCodeWidget
from seguimiento_desktop.gui.accounts.login_dialog import password_field
from seguimiento_desktop.gui.widgets import messages
from seguimiento_desktop.gui.widgets.form import new_form
from seguimiento_desktop.gui.workers import JobRunner


def _recover(path: Path, code: str, name: str, password: str):
    from seguimiento_desktop.services import Workspace
    with Workspace.recover(path, code, name, password) as workspace:
        return workspace.session, workspace.new_recovery_code


class RecoveryDialog(QDialog):
    """Accepted (``session`` set, signed in) when the code opens the recovery slot."""

    def __init__(self, db_path: Path, parent: QWidget | None = None, user: str = ""):
        super().__init__(parent)
        self.db_path, self.session, self.job = db_path, None, None
        self.runner = JobRunner(db_path, self, open_workspace=nullcontext)
        self.setWindowTitle("Recuperar la contraseña del administrador")
        explanation = QLabel(
            "Escriba el código de recuperación que se imprimió al crear la base de datos y la "
            "contraseña nueva del administrador.", self)
        explanation.setWordWrap(True)
        self.user = QLineEdit(user, self)
        self.code = QLineEdit(self)
        self.code.setPlaceholderText(f"{codes.GROUPS} grupos de {codes.GROUP_SIZE}, como en la "
                                     "hoja impresa")
        self.code.setMinimumWidth(  # the whole hint, and the whole code once typed
            self.code.fontMetrics().horizontalAdvance(self.code.placeholderText()) + 24)
        self.password, self.repeat = password_field(self), password_field(self)
        form = new_form()
        form.addRow("&Administrador:", self.user)
        form.addRow("&Código:", self.code)
        form.addRow("Contraseña &nueva:", self.password)
        form.addRow("&Repítala:", self.repeat)
        buttons = QDialogButtonBox(self)
        buttons.addButton("Cambiar &contraseña", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._recover)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _recover(self) -> None:
        if self.job is not None:
            return
        if self.password.text() != self.repeat.text():
            messages.show_error(self, "Las dos contraseñas no coinciden.")
            return
        code, name, password = self.code.text(), self.user.text(), self.password.text()
        self.job = self.runner.run(
            self, "Comprobando el código…",
            lambda path, progress, cancel: _recover(path, code, name, password),
            self._done, cancellable=False)
        self.job.finished.connect(self._job_ended)

    def _job_ended(self) -> None:
        self.job = None

    def _done(self, outcome) -> None:
        self.session, new_code = outcome
        shown = NewRecoveryCodeDialog(new_code, self)
        shown.finished.connect(self.accept)
        shown.open()


class NewRecoveryCodeDialog(QDialog):
    """The code that replaced the one just used, shown once as at set-up; it closes only
    when the person says it was kept (it is never shown again)."""

    def __init__(self, code: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Código de recuperación nuevo")
        explanation = QLabel(
            "Contraseña cambiada. Ya inició sesión.\n\nEl código que usó ya no sirve. Este es "
            "el código de recuperación nuevo: se muestra solo esta vez. Imprímalo o cópielo y "
            "guárdelo en un lugar seguro, lejos de la computadora.", self)
        explanation.setWordWrap(True)
        self.shown = RecoveryCodeWidget(code, self)
        self.done_button = QPushButton("&Listo", self)
        self.done_button.setEnabled(False)
        self.shown.kept.toggled.connect(self.done_button.setEnabled)
        self.done_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.shown)
        layout.addWidget(self.done_button)

    def reject(self) -> None:
        if self.shown.kept.isChecked():  # Esc or the title bar's × only once it was kept
            super().reject()
