"""How far a workbook sheet reaches, measured before calamine reads it.

calamine lays a sheet out as one dense grid from its first to its last cell with a value,
and its Rust allocator aborts the whole process (the window with it) when that grid does
not fit in memory: an 8 KB .xlsx with a stray «x» in cell XFD1048576 asks for 512 GB. It
also holds the sheet's whole XML in memory, so a small file that inflates to gigabytes
(a zip bomb) exhausts it too. Both are refused here, in Spanish, before calamine sees
the sheet.

The sheet's used range (``<dimension ref="A1:L2003"/>``, first in its XML, written by
Excel, LibreOffice, openpyxl and the libraries school systems export with) settles a
normal list in well under a millisecond. A sheet without one, or whose range is too big
(formatting alone, all the way down, widens it too), is streamed out of the ZIP with a
ceiling on its size: the last cell holding a value (rows come in ascending order) and
the widest column give the grid's size (~7 ms for 5,000 rows, 5% of their import, which
is why the stated range is trusted first). A file forged to state a small range over far
cells is not caught.
"""

import re
import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from seguimiento_desktop.errors import FileUnreadable

# About 400,000 rows of a 12-column list; a roster is a few thousand rows.
MAX_SHEET_BYTES = 256 * 1024 * 1024
# Cells of the dense grid: ~40 bytes each between calamine, Python and pandas (400 MB).
MAX_CELLS = 10_000_000
# Columns A to Z are not measured (most cells are there); a sheet counts as that wide.
NARROW = 26
_CHUNK = 1024 * 1024
_SMALL_PART = 16 * 1024 * 1024  # workbook.xml and its relationships: a few KB in practice
_VALUE_TAGS = (b"<v>", b"<v ", b"<is>", b"<is ")
# A cell in column AA or beyond that is not an empty self-closed (format-only) one.
_WIDE_CELL = re.compile(rb'<c r="([A-Z]{2,3})(\d{1,7})"[^>]*(?<!/)>')
_DIMENSION = re.compile(rb'<dimension ref="(?:[A-Z]{1,3}\d{1,7}:)?([A-Z]{1,3})(\d{1,7})"')
_HEAD = 4096  # the XML declaration, <sheetPr>, <dimension>: before any row
_CELL_REF = re.compile(rb'r="([A-Z]{1,3})(\d{1,7})"')
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def check_sheet_extent(path: Path, sheet: str) -> None:
    """Raise FileUnreadable if the .xlsx sheet ``sheet`` is too big to read safely.

    A workbook whose parts cannot be found is left to calamine, which says it is damaged.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            # The sheet's text lives in the shared strings, read whole too: their stated
            # size (a stated size that lies is a forged file, as above).
            if any(info.filename.endswith("sharedStrings.xml")
                   and info.file_size > MAX_SHEET_BYTES for info in archive.infolist()):
                raise FileUnreadable(_too_big(path, sheet))
            entry = _sheet_entries(archive).get(sheet)
            if entry is not None:
                _check_entry(archive, entry, path, sheet)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, EOFError):
        return


def _sheet_entries(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """Sheet name -> its XML part, through xl/workbook.xml and its relationships."""
    book = ElementTree.fromstring(_small_part(archive, "xl/workbook.xml"))
    rels = ElementTree.fromstring(_small_part(archive, "xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    entries = {}
    for sheet in book.iter():
        if sheet.tag.endswith("}sheet") and targets.get(sheet.get(_NS_REL)):
            target = targets[sheet.get(_NS_REL)]
            name = (target.lstrip("/") if target.startswith("/")
                    else str(PurePosixPath("xl") / target))
            entries[sheet.get("name", "")] = archive.getinfo(name)
    return entries


def _small_part(archive: zipfile.ZipFile, name: str) -> bytes:
    with archive.open(name) as part:
        return part.read(_SMALL_PART)


def _check_entry(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, path: Path,
                 sheet: str) -> None:
    if entry.file_size > MAX_SHEET_BYTES:
        raise FileUnreadable(_too_big(path, sheet))
    with archive.open(entry) as part:
        stated = _DIMENSION.search(part.read(_HEAD))
    if stated and int(stated[2]) * _column_number(stated[1]) <= MAX_CELLS:
        return
    _scan(archive, entry, path, sheet)


def _scan(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, path: Path, sheet: str) -> None:
    extent = _Extent()
    read = 0
    with archive.open(entry) as part:
        carried = b""
        while chunk := part.read(_CHUNK):
            read += len(chunk)
            if read > MAX_SHEET_BYTES:  # the ZIP's own size said less: it lied
                raise FileUnreadable(_too_big(path, sheet))
            # The last cell waits for the next chunk: its value may not have come yet.
            text = carried + chunk
            cut = text.rfind(b"<c ")
            extent.scan(text[:cut] if cut > 0 else text)
            carried = text[cut:] if cut > 0 else b""
        extent.scan(carried)
    if extent.rows * max(extent.columns, NARROW) > MAX_CELLS:
        raise FileUnreadable(_too_far(path, sheet, extent))


class _Extent:
    """The last cell with a value and the widest cell seen so far in a sheet's XML."""

    def __init__(self) -> None:
        self.rows = self.columns = 0
        self.last = self.widest = ""

    def scan(self, text: bytes) -> None:
        for letters, row in set(_WIDE_CELL.findall(text)):
            if _column_number(letters) > self.columns:
                self.columns, self.widest = _column_number(letters), (letters + row).decode()
        value = max(text.rfind(tag) for tag in _VALUE_TAGS)
        match = _CELL_REF.search(text, max(0, text.rfind(b"<c ", 0, value))) if value >= 0 else None
        if match and int(match[2]) >= self.rows:
            self.rows, self.last = int(match[2]), (match[1] + match[2]).decode()

    def far_cell(self) -> str:
        """The cell that makes the grid too big: far to the right, or far down."""
        return self.widest if self.columns > NARROW else self.last


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _too_big(path: Path, sheet: str) -> str:
    return (f"La hoja «{sheet}» de {path.name} ocupa más de {MAX_SHEET_BYTES // 2**20} MB sin "
            "comprimir: es demasiado grande para una lista de alumnos o el archivo está dañado. "
            "Copie solo la lista a un libro nuevo de Excel y guárdelo como .xlsx o como "
            "«CSV UTF-8».")


def _too_far(path: Path, sheet: str, extent: _Extent) -> str:
    return (f"La hoja «{sheet}» de {path.name} tiene algo escrito en la celda {extent.far_cell()}, muy "
            "lejos de la lista, y no se puede leer completa. En Excel, vaya a esa celda "
            "(Ctrl+Fin), borre lo que sobra después de la lista y guarde el archivo de nuevo "
            "(o copie solo la lista a un libro nuevo).")
