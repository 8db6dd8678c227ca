"""«Conectar al servidor PostgreSQL»: where the office's store is, and its password.

Asked when the central window opens on a ``postgresql://`` address and the server wants a
password libpq did not find (PGPASSWORD, the user's pgpass file), or when the address has
no server («seguimiento central --db postgresql:// gui»: the remembered one). The server,
port, database and user are remembered (Qt settings of this user); the password never is:
it lives in memory for the connections of this window only.
"""

from urllib.parse import quote, unquote, urlsplit

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)

from seguimiento_desktop.errors import UserError
from seguimiento_desktop.storage.pg.errors import PasswordNeeded

REMEMBERED = "servidor/direccion"  # postgresql://usuario@servidor:puerto/base, no password


def server_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     "SeguimientoEgresados", "oficina-central")


class ServerDialog(QDialog):
    """Servidor, puerto, base de datos, usuario and contraseña; an error from the last try."""

    def __init__(self, address: str, error: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Conectar al servidor PostgreSQL")
        parts = urlsplit(address)
        self.host = QLineEdit(parts.hostname or "", self)
        self.port = QLineEdit(str(parts.port or 5432), self)
        self.database = QLineEdit(unquote(parts.path.lstrip("/")), self)
        self.user = QLineEdit(unquote(parts.username or ""), self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Contraseña")
        self.remember = QCheckBox("Recordar este servidor (nunca la contraseña)", self)
        self.remember.setChecked(True)
        form = QFormLayout()
        for label, field in (("Servidor:", self.host), ("Puerto:", self.port),
                             ("Base de datos:", self.database), ("Usuario:", self.user),
                             ("Contraseña:", self.password)):
            form.addRow(label, field)
        layout = QVBoxLayout(self)
        if error:
            problem = QLabel(error, self)
            problem.setWordWrap(True)
            layout.addWidget(problem)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        buttons = QDialogButtonBox(self)
        buttons.addButton("Conectar", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Cancelar", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        (self.password if all((parts.hostname, parts.username)) else self.host).setFocus()

    def address(self) -> str:
        """The address typed, without the password."""
        port = self.port.text().strip() or "5432"
        return (f"postgresql://{quote(self.user.text().strip(), safe='')}@"
                f"{self.host.text().strip()}:{port}/{quote(self.database.text().strip())}")


def _reaches(address: str, password: str | None) -> None:
    """Connect once and disconnect; DatabaseError (Spanish) when the server says no."""
    from seguimiento_desktop.storage.pg.connection import connect
    connect(address, password).close()


def _first_try(address: str) -> str | None:
    """None when the server lets us in without asking (PGPASSWORD, pgpass); otherwise what
    the dialog shows (nothing when it only wants the password)."""
    try:
        _reaches(address, None)
    except PasswordNeeded:
        return ""
    except UserError as error:
        return error.message
    return None


def connect_to_server(address: str, parent: QWidget | None = None
                      ) -> tuple[str, str | None] | None:
    """(address, password or None when libpq found one), or None if the person gave up."""
    problem = ""
    if urlsplit(address).hostname:
        problem = _first_try(address)
        if problem is None:
            return address, None
    else:
        address = str(server_settings().value(REMEMBERED, "") or "postgresql://")
    while True:
        dialog = ServerDialog(address, problem, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        address, password = dialog.address(), dialog.password.text() or None
        try:
            _reaches(address, password)
        except UserError as error:
            problem = error.message
            continue
        if dialog.remember.isChecked():
            server_settings().setValue(REMEMBERED, address)
        return address, password
