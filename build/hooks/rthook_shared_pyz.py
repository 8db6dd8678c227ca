# Runtime hook of the console executable (seguimiento) only: import Python modules from the
# archive (PYZ) embedded in the windowed executable next to it, so the 11 MB of compiled
# modules are stored once, not in both executables. Runs before every other runtime hook,
# right after PyInstaller's bootstrap installed its importer on the console exe's own
# placeholder archive. The PKG layout read here is PyInstaller's CArchive cookie and TOC
# (PyInstaller/archive/readers.py, CArchiveReader).
import os
import struct
import sys

import pyimod01_archive
import pyimod02_importers

_COOKIE_MAGIC = b"MEI\014\013\012\013\016"
_COOKIE_FORMAT = "!8sIIII64s"
_TOC_ENTRY_FORMAT = "!IIIIBc"


def _pyz_location(path):
    """'path?offset' of the PYZ inside the executable at ``path`` (the bootloader's form)."""
    with open(path, "rb") as handle:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        # The cookie ends the archive; an Authenticode signature may follow it (tens of KB).
        handle.seek(max(0, size - 1024 * 1024))
        tail_start = handle.tell()
        tail = handle.read()
        found = tail.rfind(_COOKIE_MAGIC)
        if found < 0:
            raise RuntimeError(f"{path} no contiene el archivo de módulos de la aplicación")
        cookie = struct.unpack_from(_COOKIE_FORMAT, tail, found)
        _, archive_length, toc_offset, toc_length = cookie[:4]
        end = tail_start + found + struct.calcsize(_COOKIE_FORMAT)
        start = end - archive_length
        handle.seek(start + toc_offset)
        toc = handle.read(toc_length)
    position, entry_size = 0, struct.calcsize(_TOC_ENTRY_FORMAT)
    while position < len(toc):
        length, offset, _, _, _, typecode = struct.unpack_from(_TOC_ENTRY_FORMAT, toc, position)
        if typecode == b"z":
            return f"{path}?{start + offset}"
        position += length
    raise RuntimeError(f"{path} no contiene el archivo de módulos de la aplicación")


def _use_windowed_executables_archive():
    name = "SeguimientoEgresados" + (".exe" if sys.platform == "win32" else "")
    gui = os.path.join(os.path.dirname(os.path.abspath(sys.executable)), name)
    if not os.path.isfile(gui):
        sys.exit(f"Error: falta {name} junto a {os.path.basename(sys.executable)}. "
                 "Vuelva a instalar Seguimiento de Egresados.")
    pyimod02_importers.pyz_archive = pyimod01_archive.ZlibArchiveReader(
        _pyz_location(gui), check_pymagic=True)
    pyimod02_importers._pyz_tree = None
    for key, finder in list(sys.path_importer_cache.items()):  # none expected this early
        if isinstance(finder, pyimod02_importers.PyiFrozenFinder):
            del sys.path_importer_cache[key]


_use_windowed_executables_archive()
