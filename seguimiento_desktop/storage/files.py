"""Writing user-chosen files safely: the file appears whole or not at all."""

import errno
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from seguimiento_desktop.errors import FileUnreadable, InvalidData
from seguimiento_desktop.storage.private import create_private, make_private


# What a person means by a file's extension: «.pdf», «.xlsx», «.sav». The digits after the
# last dot of «llamadas 30.11.2026» or «informe v1.2» are part of the name.
_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,4}")


def extension_of(path: Path) -> str:
    """``path``'s extension as a person means it, '' when its name has none."""
    return path.suffix if _EXTENSION.fullmatch(path.suffix) else ""


def named_for(path: Path, suffix: str, kind: str, advice: str = "") -> Path:
    """``path`` with ``suffix`` added when its name has no extension; InvalidData saying
    what to use when it has another (a PDF named .xlsx does not open in Excel)."""
    extension = extension_of(path)
    if not extension:
        return path.with_name(path.name + suffix)
    if extension.lower() != suffix:
        stem = path.name[:-len(extension)]
        raise InvalidData(f"«{path.name}» no es un nombre para un archivo {kind}: use "
                          f"«{stem}{suffix}»{advice}.")
    return path


def disk_error_message(path: Path, error: OSError) -> str:
    """A Spanish explanation of why a file could not be written, with what to do."""
    if error.errno in (errno.ENOSPC, errno.EFBIG):  # EFBIG: over a size limit (4 GiB on FAT32)
        return (f"No hay espacio suficiente para guardar {path.name} en {path.parent}. "
                "Libere espacio o elija otra unidad y vuelva a intentarlo.")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"No hay permiso para escribir en {path.parent}. Elija otra carpeta o revise "
                "que la memoria USB no esté protegida contra escritura.")
    if error.errno in (errno.ENOENT, errno.ENODEV, errno.EIO):
        return (f"No se encontró la carpeta {path.parent} o la unidad se desconectó. "
                "Conecte de nuevo la memoria USB y vuelva a intentarlo.")
    return f"No se pudo guardar {path.name}: {error.strerror or error}."


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success fsync it and rename it into place.

    On any failure (a full disk, a removed stick, a cancel) the partial file is removed and
    an existing file at ``path`` is left as it was.
    """
    partial = path.with_name(f".{path.name}.parcial")
    try:
        create_private(partial)  # private from its first byte (storage/private.py)
        yield partial
        make_private(partial)
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except OSError as error:
        remove_quietly(partial)
        raise FileUnreadable(disk_error_message(path, error)) from error
    except BaseException:
        remove_quietly(partial)
        raise


def remove_quietly(partial: Path) -> None:
    """Remove a partial file, if there; a write-protected or pulled stick refuses even
    this, and then there is nothing it could have written."""
    try:
        partial.unlink(missing_ok=True)
    except OSError:
        pass
