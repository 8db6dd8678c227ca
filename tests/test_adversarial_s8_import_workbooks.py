"""Hostile workbooks a clerk may be handed: a stray value far from the list, a sheet that
inflates to gigabytes, a hidden sheet holding another list. Each must end in a Spanish
message or the list the clerk sees, never a crashed program or someone else's students."""

import zipfile

import openpyxl
import pytest
from openpyxl.styles import Font
from roster_files import people, roster_rows, write_xlsx

from seguimiento_desktop.errors import FileUnreadable
from seguimiento_desktop.roster.importer import preview_roster

STUDENTS = people(6, seed=81)


def test_a_value_typed_in_the_last_cell_is_a_spanish_message_not_a_crash(run_cli, db_path,
                                                                        tmp_path):
    # calamine would lay out 16,384 x 1,048,576 cells and abort the process (SIGABRT).
    run_cli("init", "--cct", "14DCT0099Z", "--nombre", "CBTIS 299", db=db_path, check=True)
    book = openpyxl.Workbook()
    for row in roster_rows(STUDENTS):
        book.active.append(row)
    book.active["XFD1048576"] = "x"
    book.save(tmp_path / "lista.xlsx")
    result = run_cli("roster", "import", str(tmp_path / "lista.xlsx"), "--generacion",
                     "2023-2026", db=db_path)
    assert result.returncode == 1, result.stderr
    assert "celda XFD1048576" in result.stderr and "Ctrl+Fin" in result.stderr
    assert "Traceback" not in result.stderr
    assert run_cli("students", "list", "--json", db=db_path, check=True).stdout.strip() == "[]"


def test_formatting_down_to_the_last_row_still_reads_the_list(tmp_path):
    path = write_xlsx(tmp_path / "lista.xlsx", roster_rows(STUDENTS))
    book = openpyxl.load_workbook(path)
    book.active.cell(row=1048576, column=12).font = Font(bold=True)  # a format, no value
    book.save(path)
    assert preview_roster(path).total_rows == len(STUDENTS)


SST = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"])
def test_a_sheet_that_inflates_past_the_ceiling_is_refused_before_it_is_read(tmp_path, part):
    source = write_xlsx(tmp_path / "lista.xlsx", roster_rows(STUDENTS))
    bomb = tmp_path / "bomba.xlsx"
    with zipfile.ZipFile(source) as small, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED,
                                                           compresslevel=1) as big:
        for item in small.infolist():
            if item.filename != part:
                big.writestr(item.filename, small.read(item.filename))
        # The sheet's rows, or the strings they point to, padded with blanks.
        head, tail = (small.read(part).split(b"</sheetData>") if part in small.namelist()
                      else (SST, b""))
        with big.open(part, "w", force_zip64=True) as padded:
            padded.write(head)
            for _ in range(260):  # 260 MiB of blanks: a 1.2 MB file
                padded.write(b" " * 2**20)
            padded.write(b"</sheetData>" + tail if tail else b"</sst>")
    with pytest.raises(FileUnreadable, match="ocupa más de 256 MB sin comprimir"):
        preview_roster(bomb)


def test_the_visible_list_wins_over_an_older_one_in_a_hidden_sheet(tmp_path):
    book = openpyxl.Workbook()
    hidden = book.active
    hidden.title = "Anterior"
    for row in roster_rows(people(3, seed=5)):
        hidden.append(row)
    hidden.sheet_state = "hidden"
    shown = book.create_sheet("Alumnos")
    for row in roster_rows(STUDENTS):
        shown.append(row)
    book.save(tmp_path / "lista.xlsx")
    found = preview_roster(tmp_path / "lista.xlsx")
    assert (found.sheet, found.total_rows) == ("Alumnos", len(STUDENTS))
    assert found.sheets == ["Anterior", "Alumnos"]  # still there to choose with --hoja
