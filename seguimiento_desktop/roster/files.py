"""Opening a roster file as a raw grid of cells, whatever a school saved it as.

What a file *is* comes from its first bytes, not its name: a ZIP is a workbook (.xlsx,
.xlsm, .ods), an OLE2 container is an old .xls or a password-protected workbook (Excel
encrypts a .xlsx by wrapping it in OLE2), anything else that decodes as text is a CSV.
Excel files are read with pandas + calamine as raw cells (``header=None, dtype=object``):
headers are found later, and no type guessing mangles phones or CURPs.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from seguimiento_desktop.errors import FileUnreadable
from seguimiento_desktop.roster.extent import check_sheet_extent

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Stream names (UTF-16LE in the OLE2 directory) of an Office file encrypted with a password.
_ENCRYPTION_MARKERS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
_HTML_STARTS = (b"<html", b"<!doctype", b"<table", b"<?xml")


@dataclass
class Grid:
    """One sheet's cells as rows; ``rows[i]`` is the row Excel numbers ``i + 1``."""

    sheet: str
    rows: Sequence[list[object]]
    sheets: list[str] = field(default_factory=list)


class SheetRows(Sequence):
    """A workbook sheet's rows over the 2-D array pandas read it into: a row becomes a
    list when asked for, and ``column`` hands a whole column over without going through
    the rows (the importer reads a list a column at a time)."""

    def __init__(self, cells):
        self._cells = cells

    def __len__(self) -> int:
        return len(self._cells)

    def __getitem__(self, index):  # a row, or a slice of rows, as lists
        return self._cells[index].tolist()

    def column(self, index: int, start: int = 0) -> list[object]:
        """The cells of column ``index`` from row ``start`` on."""
        return self._cells[start:, index].tolist()

    @property
    def width(self) -> int:
        return self._cells.shape[1]


def read_grids(path: str | Path, sheet: str | None = None) -> Iterator[Grid]:
    """The requested sheet, or every sheet in order (parsed only when reached).

    Raise FileUnreadable, in Spanish and saying what to do, for anything that is not a
    readable spreadsheet: a missing or empty file, random bytes, an encrypted workbook.
    """
    path = Path(path)
    head = _head(path)
    if head.startswith(ZIP_MAGIC):
        yield from _excel_grids(path, sheet)
    elif head.startswith(OLE2_MAGIC):
        _refuse_if_encrypted(path)
        yield from _excel_grids(path, sheet, ole2=True)
    elif head.lstrip().lower().startswith(_HTML_STARTS):
        raise FileUnreadable(
            f"El archivo {path.name} es una página web o XML guardada con extensión de hoja de "
            "cálculo. Ábralo en Excel y guárdelo como «Libro de Excel (.xlsx)».")
    else:
        from seguimiento_desktop.roster.csvfiles import read_text_grid
        yield read_text_grid(path, sheet)


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            head = file.read(512)
    except FileNotFoundError:
        raise FileUnreadable(
            f"No se encontró el archivo {path}. Revise la carpeta y el nombre.") from None
    except IsADirectoryError:
        raise FileUnreadable(f"{path} es una carpeta. Elija el archivo de la lista de alumnos.")
    except OSError as error:
        raise FileUnreadable(
            f"No se pudo abrir el archivo {path.name} ({error.strerror}). Si está abierto en "
            "otro programa, ciérrelo e intente de nuevo.")
    if not head.strip():
        raise FileUnreadable(f"El archivo {path.name} está vacío. Elija el archivo que contiene "
                             "la lista de alumnos.")
    return head


def _refuse_if_encrypted(path: Path) -> None:
    data = path.read_bytes()
    if any(marker in data for marker in _ENCRYPTION_MARKERS):
        raise FileUnreadable(_password_message(path))


def _password_message(path: Path) -> str:
    return (f"El archivo {path.name} está protegido con contraseña. Ábralo en Excel, quite la "
            "contraseña (Archivo › Información › Proteger libro) y guárdelo de nuevo como .xlsx.")


def _excel_grids(path: Path, sheet: str | None, ole2: bool = False) -> Iterator[Grid]:
    import pandas as pd
    from python_calamine import CalamineError, PasswordError
    try:
        with pd.ExcelFile(path, engine="calamine") as workbook:
            names = [str(name) for name in workbook.sheet_names]
            for name in _wanted_sheets(path, names, sheet, _hidden(workbook)):
                if not ole2:
                    check_sheet_extent(path, name)
                frame = pd.read_excel(workbook, sheet_name=name, header=None, dtype=object)
                yield Grid(name, SheetRows(frame.to_numpy(dtype=object)), names)
    except PasswordError:
        raise FileUnreadable(_password_message(path)) from None
    except (CalamineError, ValueError, KeyError, OSError) as error:
        raise FileUnreadable(_damaged_message(path, ole2)) from error


def _hidden(workbook) -> set[str]:
    """Names of the sheets Excel does not show (hidden or «very hidden»)."""
    from python_calamine import SheetVisibleEnum
    return {str(meta.name) for meta in workbook.book.sheets_metadata
            if meta.visible != SheetVisibleEnum.Visible}


def _wanted_sheets(path: Path, names: list[str], sheet: str | None,
                   hidden: set[str]) -> list[str]:
    if sheet is None:  # what the clerk sees first: a hidden sheet's old list must not win
        return [n for n in names if n not in hidden] + [n for n in names if n in hidden]
    if sheet not in names:
        raise FileUnreadable(f"El archivo {path.name} no tiene una hoja llamada «{sheet}». "
                             f"Hojas disponibles: {', '.join(names)}.")
    return [sheet]


def _damaged_message(path: Path, ole2: bool) -> str:
    if ole2 and path.suffix.lower() in (".xlsx", ".xlsm"):
        # Excel saves a password-protected .xlsx as an OLE2 container: by far the likeliest
        # reason a .xlsx starts with the old .xls signature and still cannot be read.
        return _password_message(path)
    return (f"El archivo {path.name} no se pudo leer como hoja de cálculo: está dañado o no es "
            "un archivo de Excel. Ábralo en Excel y guárdelo de nuevo como «Libro de Excel "
            "(.xlsx)» o como «CSV UTF-8».")
