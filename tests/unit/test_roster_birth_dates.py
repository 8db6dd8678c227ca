"""A roster's birth-date column that disagrees with the CURP is a warning (issue 10.15)."""

from datetime import date, datetime

import pytest
from roster_files import HEADERS, people, student_cells, write_xlsx

from seguimiento_desktop.domain.curp import decode_curp
from seguimiento_desktop.roster.birthdates import parse_birth_date

COHORT = "2023-2026"
STUDENTS = people(3, seed=15)


def roster_with_births(path, births):
    rows = [HEADERS + ["Fecha de nacimiento"]]
    rows += [student_cells(n, s) + [birth] for n, (s, birth) in enumerate(zip(STUDENTS, births), 1)]
    return write_xlsx(path, rows, merge_title=False)


def test_a_birth_date_that_disagrees_with_the_curp_is_a_warning(workspace, tmp_path):
    right = [decode_curp(s.curp).birth_date for s in STUDENTS]
    wrong = date(right[1].year, right[1].month % 12 + 1, 1)
    path = roster_with_births(tmp_path / "lista.xlsx", [
        datetime.combine(right[0], datetime.min.time()), wrong.strftime("%d/%m/%Y"), "mañana"])
    preview = workspace.preview_roster(path)
    assert "birth_date" in preview.mapping.values()
    report = workspace.import_roster(path, COHORT)
    assert report.inserted == 3 and not report.rejected
    warned = {w.row: w.message for w in report.warnings}
    assert set(warned) == {3, 4}
    assert "no coincide con la de la CURP" in warned[3] and wrong.strftime("%d/%m/%Y") in warned[3]
    assert "no se entiende" in warned[4]
    stored = workspace.student_by_curp(STUDENTS[1].curp)
    assert stored.birth_date == right[1]  # the CURP's date is the one kept


@pytest.mark.parametrize("text, expected", [
    ("15/03/2007", date(2007, 3, 15)), ("15-03-07", date(2007, 3, 15)),
    ("2007-03-15", date(2007, 3, 15)), ("2007-03-15 00:00:00", date(2007, 3, 15)),
    ("39156", date(2007, 3, 15)), ("31/02/2007", None), ("ayer", None), ("", None)])
def test_birth_dates_are_read_as_schools_write_them(text, expected):
    assert parse_birth_date(text) == expected
