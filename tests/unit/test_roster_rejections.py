"""The rows an import rejected, saved with row number, data and reason (Excel, CSV, PDF)."""

import csv
from datetime import date

import openpyxl
import pytest

from seguimiento_desktop.domain.curp import build_curp
from seguimiento_desktop.errors import InvalidData
from tests.pdf_text import pdf_text

GOOD = build_curp("ANA PAOLA", "RUIZ", "SOTO", date(2008, 2, 3), "M", "JC")


@pytest.fixture
def report(workspace, tmp_path):
    from seguimiento_desktop.demo import DEMO_SCHOOL
    workspace.set_up_school(DEMO_SCHOOL)
    roster = tmp_path / "lista 6A.csv"
    with roster.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["CURP", "Nombre(s)", "Apellido paterno", "Grupo"])
        writer.writerow([GOOD, "ANA PAOLA", "RUIZ", "6A"])
        writer.writerow(["NOESUNACURP", "PEDRO", "SIN CURP", "6A"])
        writer.writerow([GOOD[:17] + "0" if GOOD[17] != "0" else GOOD[:17] + "1", "=HYPERLINK(1)",
                         "DIGITO", "6A"])
    return workspace.import_roster(str(roster), "2023-2026")


def test_rejected_rows_keep_what_they_said_and_why(report):
    assert [p.row for p in report.rejected] == [3, 4]
    assert report.rejected[0].values["curp"] == "NOESUNACURP"


def test_saved_as_excel_with_row_data_and_reason(workspace, report, tmp_path):
    path = workspace.save_rejected_rows(report, tmp_path / "rechazadas.xlsx", "lista 6A.csv")
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][0] == "Fila" and rows[0][-1] == "Motivo del rechazo"
    assert rows[1][0] == "3" and "NOESUNACURP" in rows[1] and "CURP" in rows[1][-1]
    assert rows[2][2] == "=HYPERLINK(1)"  # shown as typed, never a live formula
    sheet = openpyxl.load_workbook(path).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_saved_as_csv_and_pdf(workspace, report, tmp_path):
    text = workspace.save_rejected_rows(report, tmp_path / "r.csv", "l.csv").read_text("utf-8-sig")
    assert "NOESUNACURP" in text and "'=HYPERLINK(1)" in text
    pdf = workspace.save_rejected_rows(report, tmp_path / "r.pdf", "lista 6A.csv")
    printed = pdf_text(pdf)
    assert "Filas rechazadas" in printed and "NOESUNACURP" in printed


def test_other_formats_and_nothing_to_save_are_explained(workspace, report, tmp_path):
    with pytest.raises(InvalidData, match="xlsx"):
        workspace.save_rejected_rows(report, tmp_path / "r.docx", "l.csv")
