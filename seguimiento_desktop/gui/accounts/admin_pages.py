"""Wizard pages that create the administrator and show the recovery code once.

Used by the first-run assistant and, on a database from before accounts, by the
assistant that asks for the administrator before anything else. Nothing is written until
the assistant finishes: the code shown here is the one the administrator's slot gets.
"""

from PySide6.QtGui import QFont, QGuiApplication, QTextDocument
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget, QWizardPage)

from seguimiento_desktop.accounts import codes
from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.gui.accounts.login_dialog import password_field
from seguimiento_desktop.gui.signals import emit
from seguimiento_desktop.gui.widgets.form import add_noted_row, new_form


class AdministratorPage(QWizardPage):
    """User name, full name and password (twice) of the administrator."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle("Cuenta del administrador")
        self.setSubTitle("El administrador crea las cuentas de orientadores y capturistas, hace "
                         "respaldos y consulta la bitácora. Cada persona entra con su usuario "
                         "y su contraseña.")
        self.user = QLineEdit("administrador", self)
        self.full_name = QLineEdit(self)
        self.full_name.setPlaceholderText("Ejemplo: Laura Méndez Ruiz")
        self.password, self.repeat = password_field(self), password_field(self)
        form = new_form(self)
        self.user_note = add_noted_row(form, "&Usuario:", self.user)
        form.addRow("&Nombre completo:", self.full_name)
        self.password_note = add_noted_row(form, "&Contraseña:", self.password)
        form.addRow("&Repita la contraseña:", self.repeat)
        for field in (self.user, self.full_name, self.password, self.repeat):
            field.textChanged.connect(self._changed)
        self._changed()

    def problem(self) -> str | None:
        try:
            codes.normalize_user_name(self.user.text())
            codes.check_password(self.password.text())
        except InvalidData as error:
            return str(error)
        if not self.full_name.text().strip():
            return "Escriba el nombre completo del administrador."
        if self.password.text() != self.repeat.text():
            return "Las dos contraseñas no coinciden."
        return None

    def _changed(self) -> None:
        self.password_note.show_note(self.problem() or "Bien.", "hint")
        emit(self.completeChanged)

    def isComplete(self) -> bool:  # noqa: N802 (Qt name)
        return self.problem() is None

    def account(self) -> tuple[str, str, str]:
        return self.user.text(), self.full_name.text(), self.password.text()


class RecoveryCodeWidget(QWidget):
    """The recovery code in large type, «Copiar», «Imprimir…» and «la guardé»."""

    def __init__(self, code: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.code = code
        self.shown = QLabel(self.code, self)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(18)
        self.shown.setFont(font)
        self.shown.setTextInteractionFlags(self.shown.textInteractionFlags().TextSelectableByMouse)
        self.copy = QPushButton("&Copiar", self)
        self.print = QPushButton("&Imprimir…", self)
        self.copy.clicked.connect(self.copy_code)
        self.print.clicked.connect(self.print_code)
        self.kept = QCheckBox("Ya imprimí o copié el código y lo guardé en un lugar seguro.", self)
        row = QHBoxLayout()
        row.addWidget(self.copy)
        row.addWidget(self.print)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.shown)
        layout.addLayout(row)
        layout.addSpacing(12)
        layout.addWidget(self.kept)

    def copy_code(self) -> None:
        QGuiApplication.clipboard().setText(self.code)

    def print_code(self) -> None:
        """Qt's print dialog, then a page with the code (no file is written)."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Imprimir el código de recuperación")
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            page = QTextDocument()
            page.setPlainText("Seguimiento de Egresados\nCódigo de recuperación del "
                              f"administrador:\n\n{self.code}\n\nGuárdelo en un lugar seguro.")
            page.print_(printer)


class RecoveryCodePage(QWizardPage):
    """The recovery code, shown once, with «Copiar» and «Imprimir…»; the assistant finishes
    only when the person says it was kept."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle("Código de recuperación")
        self.setSubTitle("Si el administrador olvida su contraseña, este código es la única "
                         "forma de entrar. Se muestra solo esta vez: imprímalo o cópielo y "
                         "guárdelo en un lugar seguro, lejos de la computadora.")
        self.shown = RecoveryCodeWidget(codes.new_recovery_code(), self)
        self.code, self.kept, self.copy = self.shown.code, self.shown.kept, self.shown.copy
        self.kept.toggled.connect(lambda *_: emit(self.completeChanged))
        layout = QVBoxLayout(self)
        layout.addWidget(self.shown)
        layout.addStretch(1)

    def isComplete(self) -> bool:  # noqa: N802 (Qt name)
        return self.kept.isChecked()


def create_administrator(workspace, account: tuple[str, str, str], code: str):
    """In the writer thread: the administrator with the code shown; their session."""
    name, full_name, password = account
    workspace.create_administrator(name, full_name, password, code)
    return workspace.session
