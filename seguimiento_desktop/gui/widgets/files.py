"""File choosers and the system viewer, in one place for every screen.

On Windows the system's own dialog is what a clerk knows, so it is the default. The
environment variable ``SEGUIMIENTO_DIALOGOS_QT=1`` asks for Qt's own dialog instead: the
journey tests and the screenshot script set it, so a person can be simulated clicking and
typing in it (a native dialog is outside the app's reach).
"""

import os
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from seguimiento_desktop.gui.widgets import messages

QT_DIALOGS_VARIABLE = "SEGUIMIENTO_DIALOGOS_QT"


def _qt_dialogs() -> bool:
    return os.environ.get(QT_DIALOGS_VARIABLE) == "1"


# Qt's own dialog (Linux desktops without a native one, tests) in Mexican Spanish: Qt's
# Spanish catalog is Spain's («fichero») and leaves some labels in English.
LABELS = {
    QFileDialog.DialogLabel.LookIn: "Buscar en:",
    QFileDialog.DialogLabel.FileName: "Nombre del archivo:",
    QFileDialog.DialogLabel.FileType: "Tipo de archivo:",
    QFileDialog.DialogLabel.Reject: "Cancelar",
}


def _ask(parent: QWidget, title: str, mode: QFileDialog.FileMode, start: str, pattern: str,
         saving: bool = False) -> list[str]:
    """Run one file dialog; the chosen paths, or [] when the person cancels."""
    dialog = QFileDialog(parent, title, start, pattern)
    dialog.setFileMode(mode)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if saving
                         else QFileDialog.AcceptMode.AcceptOpen)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    if _qt_dialogs():
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.resize(820, 500)  # room for the name, size, type and date columns
    for label, text in LABELS.items():
        dialog.setLabelText(label, text)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Guardar" if saving else "Abrir")
    try:
        return dialog.selectedFiles() if dialog.exec() else []
    finally:
        dialog.deleteLater()


def ask_open_path(parent: QWidget, title: str, pattern: str, start: str = "") -> str:
    """One existing file, or "" when the person cancels."""
    chosen = _ask(parent, title, QFileDialog.FileMode.ExistingFile, start, pattern)
    return chosen[0] if chosen else ""


def ask_open_paths(parent: QWidget, title: str, pattern: str, start: str = "") -> list[str]:
    return _ask(parent, title, QFileDialog.FileMode.ExistingFiles, start, pattern)


def ask_save_path(parent: QWidget, title: str, suggested: str, pattern: str) -> str:
    """Where to write a new file (the suggested name may include a folder)."""
    chosen = _ask(parent, title, QFileDialog.FileMode.AnyFile, suggested, pattern, saving=True)
    return chosen[0] if chosen else ""


def with_suffix_if_missing(path: str | Path, suffix: str) -> Path:
    """The chosen path, with ``suffix`` added when the person typed a name without one."""
    from seguimiento_desktop.storage.files import extension_of
    path = Path(path)  # «informe 30.11.2026» has no extension: «.pdf» is added
    return path if extension_of(path) else path.with_name(path.name + suffix)


def ask_folder(parent: QWidget, title: str, start: str = "") -> str:
    chosen = _ask(parent, title, QFileDialog.FileMode.Directory, start, "")
    return chosen[0] if chosen else ""


def open_file(parent: QWidget | None, path: Path) -> bool:
    """Show a finished file in the system's viewer; if there is none, say where it is."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    messages.show_info(parent, f"El archivo se guardó en:\n{path}\n\nNo se pudo abrir con el "
                       "programa del sistema. Ábralo desde esa carpeta (para un PDF hace "
                       "falta un visor de PDF instalado).")
    return False
