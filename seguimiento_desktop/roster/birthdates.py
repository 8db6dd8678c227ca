"""A roster's birth-date column, checked against the CURP (which is what counts).

The CURP carries the birth date, so the directory takes it from there; a list's «Fecha de
nacimiento» column is only a second opinion. When the two disagree one of them has a
typo, which the school should know about: the import warns, it does not reject the row.
"""

import re
from datetime import date, timedelta

from seguimiento_desktop.domain.dates import local_date

# Excel counts days from 1899-12-30 (its 1900 leap-year bug included); a date cell read
# as a plain number shows up as that count.
_EXCEL_EPOCH = date(1899, 12, 30)
_DAY_FIRST = re.compile(r"(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{2}|\d{4})")
_YEAR_FIRST = re.compile(r"(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})(?:[ T].*)?")
_SERIAL = re.compile(r"\d{4,5}")


def parse_birth_date(text: str) -> date | None:
    """The date a cell shows: 15/03/2007, 15-03-07, 2007-03-15, or an Excel day number."""
    text = text.strip()
    try:
        if match := _YEAR_FIRST.fullmatch(text):
            year, month, day = map(int, match.groups())
        elif match := _DAY_FIRST.fullmatch(text):
            day, month, year = map(int, match.groups())
            year += 2000 if year < 100 and year <= date.today().year % 100 else (
                1900 if year < 100 else 0)
        elif _SERIAL.fullmatch(text):
            return _EXCEL_EPOCH + timedelta(days=int(text))
        else:
            return None
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def birth_date_warning(cell: str | None, from_curp: date | None) -> str | None:
    """A Spanish warning when the row's birth date is unreadable or not the CURP's."""
    if not cell or from_curp is None:
        return None
    found = parse_birth_date(cell)
    if found is None:
        return (f"La fecha de nacimiento «{cell[:40]}» no se entiende; se tomó la de la CURP "
                f"({local_date(from_curp)}).")
    if found != from_curp:
        return (f"La fecha de nacimiento de la lista ({local_date(found)}) no coincide con la "
                f"de la CURP ({local_date(from_curp)}); se tomó la de la CURP. Revise cuál de "
                "las dos tiene el error.")
    return None
