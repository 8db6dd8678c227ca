"""Ayuda → Acerca de: version, the data folder in use and why, the database; the app icon."""

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from seguimiento_desktop import APP_NAME, __version__

if TYPE_CHECKING:
    from seguimiento_desktop.gui.context import AppContext


def application_icon() -> QIcon:
    """The window icon (the executables carry the same drawing as .ico)."""
    from seguimiento_desktop.datafiles import resource
    return QIcon(str(resource("icons", "app.png")))


def about_text(db_path: Path | str | None, migration_backup: Path | None = None) -> str:
    """What the about box says: version, purpose, data folder (and its mode), database."""
    from seguimiento_desktop.paths import data_location
    location = data_location()
    lines = [f"{APP_NAME} {__version__}", "",
             "Directorio de alumnos, cuestionarios de seguimiento y envíos por USB a la "
             "oficina central. Funciona sin Internet.", "",
             f"Carpeta de datos ({location.label}):", str(location.folder)]
    if db_path is not None:
        lines += ["", "Base de datos en uso:", str(db_path)]
    if migration_backup is not None:
        lines += ["", "Al actualizar la base de datos se guardó antes un respaldo en:",
                  str(migration_backup)]
    return "\n".join(lines)


def show_about(parent: QWidget, context: "AppContext | None") -> None:
    from seguimiento_desktop.gui.widgets import messages
    db_path = context.db_path if context is not None else None
    backup = context.reader.store.migration_backup if context is not None else None
    messages.show_info(parent, about_text(db_path, backup), f"Acerca de {APP_NAME}")
