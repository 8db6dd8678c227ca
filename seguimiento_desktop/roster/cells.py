"""Cells as spreadsheets store them, turned into text, and rows that are not students.

Excel keeps a phone typed as 3312345678 as a number; calamine hands it back as an int (or
a float like 3312345678.0). Reading cells as raw values and formatting them here, instead
of letting pandas infer column types, keeps every digit and the leading zeros of text.
"""

import math
from collections.abc import Sequence
from datetime import date, datetime, time

from seguimiento_desktop.domain.text import HIDDEN, simplify, without_hidden

# First words of rows that close a list (totals, signatures, print footers)...
_FOOTER_WORDS = ("total", "subtotal", "elaboro", "reviso", "autorizo", "vobo", "atentamente",
                 "fechadeimpresion", "impreso", "pagina", "firma", "sello")
# ...and of short rows that split it into sections ("GRUPO 6A", "ESPECIALIDAD: …").
# Only short rows: CARRERA is also a surname, and a student row has several cells.
_DIVIDER_WORDS = ("grupo", "especialidad", "carrera", "turno", "generacion", "semestre")


def visible(text: str) -> str:
    """``text`` trimmed, without the characters nobody sees (``domain.text.HIDDEN``) that
    lists pasted from web pages or other systems carry: they make a CURP invalid and a
    name differ from the same name, and no Excel book can hold a control character."""
    return without_hidden(text).strip()


def cell_text(value: object) -> str:
    """A cell's value as the text a person sees, trimmed; '' for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, bool):
        return "Sí" if value else "No"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        # Whole numbers (phones, group numbers) lose the ".0" Excel never showed.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    return "" if text in ("nan", "NaT", "None", "<NA>") else text


def column_text(values: Sequence[object]) -> list[str]:
    """``cell_text`` of every cell of a column: text and whole numbers, nearly all of a
    roster's cells, without a call each."""
    texts = [value.strip() if value.__class__ is str
             else str(value) if value.__class__ is int
             else "" if value.__class__ is float and value != value  # an empty cell: NaN
             else cell_text(value)
             for value in values]
    # One search of the whole column: a list without invisible characters pays no more.
    if HIDDEN.search("\n".join(texts)):
        return [visible(text) for text in texts]
    return texts


def is_blank(cells: Sequence[object]) -> bool:
    """Nothing in any cell (rows between groups, the end of the sheet)."""
    return not any(cell_text(cell) for cell in cells)


def is_not_a_student(cells: Sequence[object]) -> bool:
    """A "Total" / "TOTAL DE ALUMNOS: 45" row, a signature line or a "GRUPO 6A" divider.

    Call it only for rows without a CURP, so a student called "Total" is never skipped.
    """
    texts = [t for t in (cell_text(cell) for cell in cells) if t]
    if not texts:
        return True
    first_word = simplify(texts[0])
    if first_word.isdigit() and len(texts) > 1:  # "45 | Total de alumnos"
        first_word = simplify(texts[1])
    if first_word.startswith(_FOOTER_WORDS):
        return True
    return len(texts) <= 2 and first_word.startswith(_DIVIDER_WORDS)
