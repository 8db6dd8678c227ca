"""CSV files as Excel saves them: UTF-8 (with or without BOM), Windows-1252 or UTF-16
("Texto Unicode"), separated by commas, semicolons (Excel in Spanish) or tabs.

The stdlib ``csv`` reader is used rather than ``pandas.read_csv``: exported lists have
title rows with one field above a header with many, which pandas' parsers reject, and the
grid must keep every row so row numbers match what Excel shows.
"""

import codecs
import csv
import io
from collections import Counter
from pathlib import Path

from seguimiento_desktop.errors import FileUnreadable
from seguimiento_desktop.roster.files import Grid

DELIMITERS = (";", ",", "\t", "|")
SNIFF_LINES = 60
_CONTROL = frozenset(chr(c) for c in range(32)) - {"\t", "\r", "\n"}


def read_text_grid(path: Path, sheet: str | None = None) -> Grid:
    """A text file as a grid; ``sheet`` is ignored (a CSV has one sheet: the file)."""
    text = decode_text(path, path.read_bytes())
    delimiter = sniff_delimiter(text)
    rows: list[list[object]] = list(csv_rows(text, path.name, delimiter=delimiter))
    return Grid(path.stem, rows, [path.stem])


def csv_rows(text: str, file_name: str, **dialect: object) -> list[list[str]]:
    """Every row of a CSV text; a Spanish FileUnreadable instead of ``csv.Error``.

    The stdlib reader refuses a cell over 128 KiB (``field larger than field limit``): no
    real list or questionnaire has one, so it means a damaged file or a quote left open
    (which swallows the rest of the file into one cell).
    """
    reader = csv.reader(io.StringIO(text, newline=""), **dialect)  # type: ignore[arg-type]
    try:
        return list(reader)
    except csv.Error:
        raise FileUnreadable(
            f"No se pudo leer {file_name}: cerca de la línea {reader.line_num} hay una celda "
            f"demasiado grande (más de {csv.field_size_limit() // 1024} KB) o unas comillas "
            "sin cerrar. Revise el archivo en Excel y guárdelo de nuevo como CSV.") from None


def decode_text(path: Path, raw: bytes) -> str:
    """Text from bytes: BOMs first, UTF-16 without one, then strict UTF-8, then
    Windows-1252 (Excel "CSV")."""
    if raw.startswith(codecs.BOM_UTF8):
        text = raw[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = raw.decode("utf-16", errors="replace")
    elif bomless := _utf16_without_bom(raw):
        text = raw.decode(bomless, errors="replace")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
    if _looks_binary(text):
        raise FileUnreadable(
            f"El archivo {path.name} no es una hoja de cálculo ni un archivo de texto CSV. "
            "Guarde la lista de alumnos desde Excel como «Libro de Excel (.xlsx)» o «CSV UTF-8».")
    return text


def _utf16_without_bom(raw: bytes) -> str:
    """"utf-16-le" or "utf-16-be" when every other byte of the start is a zero (Latin text
    in UTF-16, written without its BOM by some programs), else ""."""
    sample = raw[:4096 - 4096 % 2]
    if len(sample) < 8:
        return ""
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.9 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.9 and odd < half * 0.05:
        return "utf-16-be"
    return ""


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ch in _CONTROL)
    return "\x00" in sample or controls > len(sample) // 100


def sniff_delimiter(text: str) -> str:
    """The separator that splits the most lines into the same number of fields.

    Ties go to the separator giving more fields: in a ';' file, names such as
    "PÉREZ GARCÍA, JUAN" would split on ',' into a steady two fields; then to the one
    leaving fewer empty cells (``0,;,;`` is three cells on ',', an empty one on ';').
    """
    sample = text.splitlines()[:SNIFF_LINES]
    return max(DELIMITERS, key=lambda delimiter: _consistency(sample, delimiter))


def _consistency(lines: list[str], delimiter: str) -> tuple[int, int, int]:
    try:
        rows = [row for row in csv.reader(lines, delimiter=delimiter) if len(row) > 1]
    except csv.Error:  # a huge cell: this separator is as good as any; reading will say why
        return 0, 0, 0
    if not rows:
        return 0, 0, 0
    width, count = Counter(len(row) for row in rows).most_common(1)[0]
    return count, width, -sum(cell == "" for row in rows for cell in row)
