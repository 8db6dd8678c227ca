"""Consistent copies of the database while it is in use (SQLite online backup API)."""

import os
import sqlite3
from pathlib import Path

from seguimiento_desktop.errors import Cancelled, FileUnreadable, InvalidData
from seguimiento_desktop.progress import CancelToken, Progress
from seguimiento_desktop.storage import encryption, faults, private
from seguimiento_desktop.storage.files import disk_error_message, remove_quietly
from seguimiento_desktop.storage.database import Store

PAGES_PER_STEP = 256


def backup_database(store: Store, destination: Path, progress: Progress,
                    cancel: CancelToken) -> Path:
    """Write a consistent copy of the store to ``destination`` (replaced if it exists).

    The copy is written aside (``….parcial``, private to the user) and renamed into place,
    so a failed or cancelled backup never leaves a file that looks whole.
    """
    _check_destination(store, destination)
    partial = destination.with_name(destination.name + ".parcial")

    def report(status: int, remaining: int, total: int) -> None:
        progress(total - remaining, total, "Respaldando la base de datos…")
        if cancel.cancelled:
            raise Cancelled()

    try:
        _remove_leftovers(partial)
        private.create_private(partial)
        target = encryption.connect(partial, store.key)  # encrypted like the database
        try:
            store.db.conn.backup(target, pages=PAGES_PER_STEP, progress=report)
            # One self-contained file: opened anywhere (even read-only), it needs no WAL files.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        partial.replace(destination)
    except (OSError, *encryption.errors()) as error:
        remove_quietly(partial)
        raise FileUnreadable(_write_failure(destination, error)) from error
    except BaseException:
        remove_quietly(partial)
        raise
    return destination


def _write_failure(destination: Path, error: OSError | sqlite3.Error) -> str:
    """Why a backup could not be written, in Spanish, with what to do; the database in use
    is untouched either way."""
    fault = error if isinstance(error, OSError) else faults.as_os_error(error)
    if fault is not None and fault.errno is not None:
        return (f"No se guardó el respaldo. {disk_error_message(destination, fault)} "
                "La base de datos no cambió.")
    return (f"No se pudo escribir el respaldo en {destination} ({error}). La base de datos no "
            "cambió; pruebe otra carpeta u otra memoria USB.")


def _remove_leftovers(partial: Path) -> None:
    """A backup cut off before its rename (power, a crash) left its partial copy and maybe
    its journal; start from nothing rather than from whatever they hold."""
    for leftover in (partial, partial.with_name(partial.name + "-journal")):
        leftover.unlink(missing_ok=True)


def _check_destination(store: Store, destination: Path) -> None:
    """Refuse, in Spanish, a destination that cannot hold a backup or would destroy the data."""
    if not destination.parent.is_dir():
        raise FileUnreadable(f"No existe la carpeta {destination.parent}. Elija una carpeta que "
                             "exista (o conecte la memoria USB) y vuelva a respaldar.")
    if destination.is_dir():
        raise InvalidData(f"{destination} es una carpeta. Escriba también el nombre del archivo "
                          "del respaldo, por ejemplo respaldo.sqlite.")
    live = store.path.resolve()
    same = destination.exists() and os.path.samefile(destination, live)  # a hard link too
    if same or destination.resolve() in (live, Path(f"{live}-wal"), Path(f"{live}-shm")):
        raise InvalidData("El respaldo no puede escribirse sobre la base de datos en uso: eso "
                          "no sería un respaldo. Elija otro nombre u otra carpeta (mejor en otro "
                          "disco o memoria USB).")
    if destination.exists() and not _replaceable(destination):
        raise InvalidData(f"{destination.name} ya existe y no es un respaldo: respaldar ahí lo "
                          "borraría (si es el archivo de llaves de la base, la base ya no se "
                          "podría abrir). Elija otro nombre, por ejemplo respaldo.sqlite.")


def _replaceable(destination: Path) -> bool:
    """An earlier backup: a clear SQLite file, or an encrypted one with its key file beside
    it (or an empty file). Anything else (the plantel's key file, a document) is not
    overwritten."""
    try:
        with destination.open("rb") as file:
            head = file.read(16)
    except OSError:  # unreadable: writing it will fail too, and say why in Spanish
        return True
    return (head in (b"", b"SQLite format 3\x00")
            or destination.with_name(destination.name + ".llaves").exists())
