"""At start, a damaged database: show the damage and offer the newest good backup."""

from PySide6.QtWidgets import QWidget

from seguimiento_desktop.errors import UserError
from seguimiento_desktop.gui.widgets import messages
from seguimiento_desktop.storage.integrity import DamagedDatabase, replace_damaged


def offer_newest_backup(window: QWidget, error: UserError) -> bool | None:
    """None when ``error`` is not a damaged database with a good backup (show it as usual);
    else ask, and True once the backup is in place (the damaged file kept aside)."""
    if not isinstance(error, DamagedDatabase) or error.backup is None:
        return None
    head = error.message.split("\n")[0]
    question = (f"{head}\n\nEl respaldo bueno más reciente es:\n{error.backup.description()}\n"
                f"({error.backup.path})\n\nSe pondrá en lugar de la base dañada, que se guarda "
                "aparte en la carpeta «respaldos» (no se borra). Lo hecho después de ese "
                "respaldo habrá que capturarlo de nuevo.\n\n¿Restaurar ese respaldo?")
    if not messages.confirm(window, question, "Restaurar este respaldo"):
        return False
    try:
        aside = replace_damaged(error.path, error.backup.path, error.key)
    except (UserError, OSError) as failure:
        messages.show_error(window, f"No se pudo restaurar el respaldo: {failure}")
        return False
    messages.show_info(window, "Respaldo restaurado.\n\nLa base de datos dañada quedó guardada "
                       f"en:\n{aside}")
    return True
