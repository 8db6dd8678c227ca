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


def _options() -> QFileDialog.Option:
    if os.environ.get(QT_DIALOGS_VARIABLE) == "1":
        return QFileDialog.Option.DontUseNativeDialog
    return QFileDialog.Option(0)


def ask_open_path(parent: QWidget, title: str, pattern: str, start: str = "") -> str:
    """One existing file, or "" when the person cancels."""
    return QFileDialog.getOpenFileName(parent, title, start, pattern, options=_options())[0]


def ask_open_paths(parent: QWidget, title: str, pattern: str, start: str = "") -> list[str]:
    return QFileDialog.getOpenFileNames(parent, title, start, pattern, options=_options())[0]


def ask_save_path(parent: QWidget, title: str, suggested: str, pattern: str) -> str:
    """Where to write a new file (the suggested name may include a folder)."""
    return QFileDialog.getSaveFileName(parent, title, suggested, pattern,
                                       options=_options())[0]


def ask_folder(parent: QWidget, title: str, start: str = "") -> str:
    return QFileDialog.getExistingDirectory(
        parent, title, start, _options() | QFileDialog.Option.ShowDirsOnly)


def open_file(parent: QWidget | None, path: Path) -> bool:
    """Show a finished file in the system's viewer; if there is none, say where it is."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    messages.show_info(parent, f"El archivo se guardó en:\n{path}\n\nNo se pudo abrir con el "
                       "programa del sistema. Ábralo desde esa carpeta (para un PDF hace "
                       "falta un visor de PDF instalado).")
    return False
