"""Builders of synthetic roster files (XLSX, CSV, broken ones) for the roster tests.

People come from ``seguimiento_desktop.demo.demo_students``: invented names, valid CURPs,
never real people. Files look like what school-control systems export: title rows with a
merged cell above the header, phones stored as numbers, blank rows, a "Total" row.
"""

from collections.abc import Iterable, Sequence
from pathlib import Path

import openpyxl

from seguimiento_desktop.demo import demo_students
from seguimiento_desktop.domain.models import Student

HEADERS = ["No.", "CURP", "Apellido paterno", "Apellido materno", "Nombre(s)", "Especialidad",
           "Grupo", "Turno", "Correo electrónico", "Teléfono celular", "Tel. casa", "Promedio"]
TITLE_ROWS = [["CENTRO DE BACHILLERATO TECNOLÓGICO industrial y de servicios No. 299"],
              ["Lista de alumnos — generación 2023-2026"], []]
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def people(count: int, seed: int = 7) -> list[Student]:
    """``count`` invented students with unique CURPs."""
    return list(demo_students(count, seed=seed))


def student_cells(number: int, student: Student, phones_as_numbers: bool = True) -> list:
    """One roster row in HEADERS order; phones as Excel keeps them when typed as numbers."""
    def phone(text: str) -> object:
        return (int(text) if phones_as_numbers else text) if text else None
    return [number, student.curp, student.first_surname, student.second_surname,
            student.given_names, student.career, student.group, student.shift,
            student.email or None, phone(student.phone), phone(student.home_phone), 8.7]


def roster_rows(students: Sequence[Student], *, title: bool = True, total: bool = True,
                blank_every: int = 0, phones_as_numbers: bool = True) -> list[list]:
    """Title rows, the header, the students (a blank row every ``blank_every``), "Total"."""
    rows: list[list] = [list(r) for r in TITLE_ROWS] if title else []
    rows.append(list(HEADERS))
    for number, student in enumerate(students, 1):
        rows.append(student_cells(number, student, phones_as_numbers))
        if blank_every and number % blank_every == 0:
            rows.append([])
    if total:
        rows += [[], ["Total", None, None, None, f"TOTAL DE ALUMNOS: {len(students)}"]]
    return rows


def header_row_number(title: bool = True) -> int:
    """The Excel row of HEADERS in a file built by ``roster_rows``."""
    return len(TITLE_ROWS) + 1 if title else 1


def write_xlsx(path: Path, rows: Iterable[Sequence], sheet: str = "Alumnos",
               merge_title: bool = True, extra_sheets: Sequence[str] = ()) -> Path:
    """Save ``rows`` as a workbook; the first title cell is merged across the table."""
    workbook = openpyxl.Workbook()
    for name in extra_sheets:  # sheets before the list (a cover page, notes)
        workbook.create_sheet(name).append(["Hoja sin lista de alumnos"])
    sheet_ = workbook.active
    sheet_.title = sheet
    if extra_sheets:
        workbook.move_sheet(sheet, offset=len(extra_sheets))
    for row in rows:
        sheet_.append(list(row))
    if merge_title and str(sheet_["A1"].value or "").strip():
        sheet_.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    workbook.save(path)
    return path


def write_csv(path: Path, rows: Iterable[Sequence], *, encoding: str = "utf-8",
              delimiter: str = ",", bom: bool = False) -> Path:
    """Save ``rows`` as Excel would: ``encoding`` (utf-8, cp1252), optional BOM, CRLF."""
    def cell(value: object) -> str:
        text = "" if value is None else str(value)
        if any(ch in text for ch in (delimiter, '"', "\n")):
            text = '"' + text.replace('"', '""') + '"'
        return text
    text = "".join(delimiter.join(cell(v) for v in row) + "\r\n" for row in rows)
    data = text.encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def write_fake_encrypted_xlsx(path: Path) -> Path:
    """What Excel writes for a password-protected .xlsx: an OLE2 container holding the
    EncryptionInfo and EncryptedPackage streams (here only their names, for the sniffing)."""
    directory = ("EncryptionInfo".encode("utf-16-le") + b"\x00" * 50
                 + "EncryptedPackage".encode("utf-16-le"))
    path.write_bytes(OLE2_MAGIC + b"\x00" * 504 + directory + bytes(range(256)) * 8)
    return path


def write_random_bytes(path: Path, size: int = 4096, seed: int = 3) -> Path:
    import random
    path.write_bytes(random.Random(seed).randbytes(size))
    return path
