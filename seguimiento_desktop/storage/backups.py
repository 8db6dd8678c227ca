"""Consistent copies of the database while it is in use (SQLite online backup API)."""

import sqlite3
from pathlib import Path

from seguimiento_desktop.errors import Cancelled, FileUnreadable
from seguimiento_desktop.progress import CancelToken, Progress
from seguimiento_desktop.storage.database import Store

PAGES_PER_STEP = 256


def backup_database(store: Store, destination: Path, progress: Progress,
                    cancel: CancelToken) -> Path:
    """Write a consistent copy of the store to ``destination`` (replaced if it exists)."""
    partial = destination.with_name(destination.name + ".parcial")

    def report(status: int, remaining: int, total: int) -> None:
        progress(total - remaining, total, "Respaldando la base de datos…")
        if cancel.cancelled:
            raise Cancelled()

    try:
        target = sqlite3.connect(partial)
        try:
            store.db.conn.backup(target, pages=PAGES_PER_STEP, progress=report)
        finally:
            target.close()
        partial.replace(destination)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise FileUnreadable(f"No se pudo escribir el respaldo en {destination}: "
                             f"{error.strerror}. Revise que haya espacio y permisos.") from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return destination
