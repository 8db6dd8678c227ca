"""Reading the files schools really have, and refusing, in Spanish, what cannot be read."""

import pytest
from roster_files import (HEADERS, TITLE_ROWS, header_row_number, people, roster_rows, write_csv,
                          write_fake_encrypted_xlsx, write_random_bytes, write_xlsx)

from seguimiento_desktop.errors import FileUnreadable
from seguimiento_desktop.roster.csvfiles import sniff_delimiter
from seguimiento_desktop.roster.importer import preview_roster

STUDENTS = people(6)


def check_preview(preview, title=True):
    assert preview.header_row == header_row_number(title)
    assert preview.columns[:len(HEADERS)] == HEADERS
    assert preview.mapping == {1: "curp", 2: "first_surname", 3: "second_surname",
                               4: "given_names", 5: "career", 6: "group", 7: "shift",
                               8: "email", 9: "phone", 10: "home_phone"}
    assert preview.total_rows == len(STUDENTS)
    assert [row[1] for row in preview.rows] == [s.curp for s in STUDENTS]


def test_xlsx_with_title_rows_merged_title_blank_rows_and_total(tmp_path):
    rows = roster_rows(STUDENTS, blank_every=2)
    preview = preview_roster(write_xlsx(tmp_path / "lista.xlsx", rows))
    check_preview(preview)
    assert preview.sheet == "Alumnos"
    first = header_row_number() + 1
    assert preview.row_numbers == [first, first + 1, first + 3, first + 4, first + 6, first + 7]


def test_phones_stored_as_numbers_keep_their_ten_digits(tmp_path):
    preview = preview_roster(write_xlsx(tmp_path / "lista.xlsx", roster_rows(STUDENTS)))
    phones = [row[9] for row in preview.rows]
    assert phones == [s.phone for s in STUDENTS]


def test_the_first_sheet_with_a_header_is_chosen(tmp_path):
    path = write_xlsx(tmp_path / "libro.xlsx", roster_rows(STUDENTS), extra_sheets=["Portada"])
    preview = preview_roster(path)
    assert preview.sheet == "Alumnos" and preview.sheets == ["Portada", "Alumnos"]
    with pytest.raises(FileUnreadable, match="hoja «Portada»"):
        preview_roster(path, sheet="Portada")
    with pytest.raises(FileUnreadable, match="no tiene una hoja llamada «Otra»"):
        preview_roster(path, sheet="Otra")


@pytest.mark.parametrize("encoding, bom, delimiter", [
    ("utf-8", False, ","), ("utf-8", True, ","), ("cp1252", False, ";"),
    ("utf-8", True, ";"), ("utf-8", False, "\t"), ("cp1252", False, "\t"),
])
def test_csv_as_excel_saves_it(tmp_path, encoding, bom, delimiter):
    path = write_csv(tmp_path / "lista.csv", roster_rows(STUDENTS, blank_every=3),
                     encoding=encoding, bom=bom, delimiter=delimiter)
    preview = preview_roster(path)
    check_preview(preview)
    assert preview.rows[0][2] == STUDENTS[0].first_surname  # accents decoded right
    assert preview.rows[0][9] == STUDENTS[0].phone


def test_csv_without_title_rows(tmp_path):
    path = write_csv(tmp_path / "lista.csv", roster_rows(STUDENTS, title=False, total=False))
    check_preview(preview_roster(path), title=False)


def test_semicolon_wins_over_commas_inside_names():
    text = "CURP;Alumno;Grupo\r\nX;PÉREZ GARCÍA, JUAN;6A\r\nY;LUNA ROJAS, ANA;6B\r\n"
    assert sniff_delimiter(text) == ";"


def test_a_csv_renamed_xlsx_is_still_read(tmp_path):
    path = write_csv(tmp_path / "lista.xlsx", roster_rows(STUDENTS))
    check_preview(preview_roster(path))


def write(path, data: bytes):
    path.write_bytes(data)
    return path


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize("make, message", [
    (lambda p: write_random_bytes(p / "lista.xlsx"), "no es una hoja de cálculo"),
    (lambda p: write_random_bytes(p / "lista.csv"), "no es una hoja de cálculo"),
    (lambda p: write(p / "lista.xlsx", b""), "está vacío"),
    (lambda p: write_fake_encrypted_xlsx(p / "lista.xlsx"), "protegido con contraseña"),
    (lambda p: write(p / "x.xlsx", OLE2 + bytes(600)), "protegido con contraseña"),
    (lambda p: write(p / "x.xls", OLE2 + bytes(600)), "dañado"),
    (lambda p: write(p / "x.xlsx", b"PK\x03\x04" + bytes(300)), "dañado"),
    (lambda p: write(p / "x.xls", b"<html><table><tr><td>CURP</td></tr></table></html>"),
     "página web"),
    (lambda p: p / "no-existe.xlsx", "No se encontró el archivo"),
    (lambda p: p, "es una carpeta"),
])
def test_unreadable_files_are_explained_in_spanish(tmp_path, make, message):
    with pytest.raises(FileUnreadable, match=message) as caught:
        preview_roster(make(tmp_path))
    assert "Traceback" not in str(caught.value)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_file_without_a_recognisable_header_is_explained(tmp_path, suffix):
    rows = [list(r) for r in TITLE_ROWS] + [["uno", "dos", "tres"], [1, 2, 3]]
    path = tmp_path / f"lista{suffix}"
    write_xlsx(path, rows) if suffix == ".xlsx" else write_csv(path, rows)
    with pytest.raises(FileUnreadable, match="No se encontró la fila de encabezados"):
        preview_roster(path)


def test_an_empty_workbook_has_no_header(tmp_path):
    path = write_xlsx(tmp_path / "vacio.xlsx", [])
    with pytest.raises(FileUnreadable, match="encabezados"):
        preview_roster(path)
