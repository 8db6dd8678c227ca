"""The login screen: user and password; after repeated failures it waits, growing.

The password is checked in the writer thread (scrypt takes a quarter of a second on
purpose); the dialog gives back the Session its slot opened.
"""

from contextlib import nullcontext
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from seguimiento_desktop import APP_NAME
from seguimiento_desktop.gui.theme import MUTED_COLOR
from seguimiento_desktop.gui.widgets.form import new_form
from seguimiento_desktop.gui.workers import JobRunner


def _sign_in(path: Path, name: str, password: str):
    """The session, or the DamagedDatabase its opening found: an encrypted plantel is
    read only once the password gave its key, so the damage shows here, after the login."""
    from seguimiento_desktop.services import Workspace
    from seguimiento_desktop.storage.integrity import DamagedDatabase
    try:
        with Workspace.sign_in(path, name, password) as workspace:
            return workspace.session
    except DamagedDatabase as damage:
        return damage


def seconds_to_wait(db_path: Path) -> int:
    """Whole seconds before the next attempt may be tried (read from the key file)."""
    from seguimiento_desktop.accounts import keyslots
    keys = keyslots.read_key_file(db_path)
    return int(keyslots.seconds_to_wait(keys) + 0.999) if keys else 0


def password_field(parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class LoginDialog(QDialog):
    """«Iniciar sesión»: ``session`` is set when it is accepted."""

    def __init__(self, db_path: str | Path, parent: QWidget | None = None,
                 user: str = ""):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.session = None
        self.job = None
        self.runner = JobRunner(self.db_path, self, open_workspace=nullcontext)
        self.setWindowTitle(f"Iniciar sesión — {APP_NAME}")
        self.user = QLineEdit(user, self)
        self.password = password_field(self)
        self.message = QLabel("Escriba su usuario y su contraseña.", self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {MUTED_COLOR};")
        form = new_form()
        form.addRow("&Usuario:", self.user)
        form.addRow("&Contraseña:", self.password)
        buttons = QDialogButtonBox(self)
        self.enter = buttons.addButton("&Entrar", QDialogButtonBox.ButtonRole.AcceptRole)
        self.forgot = QPushButton("&Olvidé la contraseña…", self)
        buttons.addButton(self.forgot, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.addButton("&Salir", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        self.forgot.clicked.connect(self.recover)
        self.enter.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self.setMinimumWidth(420)
        (self.password if user else self.user).setFocus()
        self._tick()

    def try_sign_in(self) -> None:
        if self.job is not None or not self.enter.isEnabled():
            return
        name, password = self.user.text(), self.password.text()
        self.enter.setEnabled(False)
        job = self.job = self.runner.run(
            self, "Comprobando la contraseña…",
            lambda path, progress, cancel: _sign_in(path, name, password),
            self._signed_in, on_failed=self._failed, cancellable=False)
        job.finished.connect(lambda: self._job_ended(job))

    def _job_ended(self, job) -> None:
        if self.job is job:  # not the attempt started again after a restore
            self.job = None

    def _signed_in(self, result) -> None:
        from seguimiento_desktop.storage.integrity import DamagedDatabase
        if isinstance(result, DamagedDatabase):
            self._damaged(result)
            return
        self.session = result
        self.accept()

    def _damaged(self, damage) -> None:
        """Offer the newest good backup; once it is in place, sign in to it."""
        from seguimiento_desktop.gui.damaged_database import offer_newest_backup
        self.job = None
        self._tick()  # «Entrar» again, unless failures make it wait
        if offer_newest_backup(self, damage):
            self.try_sign_in()
        else:
            self._failed(str(damage))

    def _failed(self, message: str) -> None:
        self.password.clear()
        self.password.setFocus()
        self.message.setText(message)
        self.message.setStyleSheet("color: #b3261e;")
        self._tick()

    def _tick(self) -> None:
        """Enable «Entrar» once the wait after repeated failures is over, counting down."""
        wait = seconds_to_wait(self.db_path)
        self.enter.setEnabled(wait == 0 and self.job is None)
        if wait:
            self.message.setText(f"Demasiados intentos fallidos. Podrá intentarlo de nuevo en "
                                 f"{wait} s.")
            self._countdown.start()
        else:
            self._countdown.stop()

    def recover(self) -> None:
        """«Olvidé la contraseña…»: the administrator's recovery code sets a new one."""
        from seguimiento_desktop.gui.accounts.recovery_dialog import RecoveryDialog
        dialog = RecoveryDialog(self.db_path, self, self.user.text())
        dialog.accepted.connect(lambda: self._signed_in(dialog.session))
        dialog.open()
