"""Message boxes in Spanish, in one place (tests patch these functions, not QMessageBox).

Button texts are set explicitly so they read "Aceptar"/"Cancelar" even when Qt's own
Spanish translation is missing from the installation.
"""

from PySide6.QtWidgets import QMessageBox, QWidget

from seguimiento_desktop import APP_NAME

GENERIC_ERROR = ("Ocurrió un error inesperado y la operación no se completó. "
                 "Sus datos guardados no se perdieron. Si vuelve a ocurrir, avise a soporte "
                 "y mencione el archivo de registro de la aplicación.")


def _box(parent: QWidget | None, icon: QMessageBox.Icon, text: str,
         title: str = APP_NAME) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(box.textFormat().PlainText)
    return box


def show_error(parent: QWidget | None, message: str, title: str = APP_NAME) -> None:
    """Tell the user what went wrong (a UserError's Spanish message)."""
    box = _box(parent, QMessageBox.Icon.Warning, message, title)
    box.addButton("Aceptar", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def show_info(parent: QWidget | None, message: str, title: str = APP_NAME) -> None:
    box = _box(parent, QMessageBox.Icon.Information, message, title)
    box.addButton("Aceptar", QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def confirm(parent: QWidget | None, message: str, action: str,
            title: str = APP_NAME, keep: str = "Cancelar") -> bool:
    """Ask before something the user may regret; ``action`` labels the yes-button, ``keep``
    the default one (Enter and Esc choose it)."""
    box = _box(parent, QMessageBox.Icon.Question, message, title)
    yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(keep, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is yes
