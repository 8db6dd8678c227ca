"""A student list against what the directory already holds: people who asked to leave it
(ARCO cancellation), people deleted, people of another generation. An import must not
quietly undo the first, nor silently change the others."""

import json

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from roster_files import people, roster_rows, write_xlsx

from seguimiento_desktop.domain.models import StudentQuery
from seguimiento_desktop.roster.names import split_surnames

STUDENTS = people(5, seed=61)
COHORT = "2023-2026"


@pytest.fixture
def roster(tmp_path):
    return write_xlsx(tmp_path / "lista.xlsx", roster_rows(STUDENTS))


def test_a_person_who_cancelled_their_data_is_not_brought_back_by_the_next_list(
        run_cli, db_path, roster):
    run_cli("init", "--cct", "14DCT0099Z", "--nombre", "CBTIS 299", db=db_path, check=True)
    run_cli("roster", "import", str(roster), "--generacion", COHORT, db=db_path, check=True)
    gone = STUDENTS[1].curp
    run_cli("privacidad", "cancelar", gone, "--si", db=db_path, check=True)
    again = run_cli("roster", "import", str(roster), "--generacion", COHORT, "--json",
                    db=db_path, check=True)
    report = json.loads(again.stdout)
    [rejected] = report["rechazados"]
    assert gone in rejected["motivos"][0] and "ARCO" in rejected["motivos"][0]
    assert "Nuevo alumno" in rejected["motivos"][0]
    listed = json.loads(run_cli("students", "list", "--json", db=db_path, check=True).stdout)
    assert gone not in {s["curp"] for s in listed} and len(listed) == len(STUDENTS) - 1


def test_a_deleted_student_coming_back_is_said(workspace, roster):
    workspace.import_roster(roster, COHORT)
    gone = workspace.student_by_curp(STUDENTS[2].curp)
    workspace.delete_student(gone.id)
    report = workspace.import_roster(roster, COHORT)
    assert report.updated == 1
    assert any(STUDENTS[2].curp in w.message and "se había eliminado" in w.message
               for w in report.warnings)


def test_a_student_moved_to_another_generation_is_said(workspace, roster):
    workspace.import_roster(roster, "2022-2025")
    report = workspace.import_roster(roster, COHORT, dry_run=True)
    assert report.updated == len(STUDENTS)
    moved = [w for w in report.warnings if "generación 2022-2025" in w.message]
    assert len(moved) == len(STUDENTS) and f"pasa a {COHORT}" in moved[0].message
    assert {s.cohort for s in workspace.find_students(StudentQuery())} == {"2022-2025"}


def imported_names(workspace, tmp_path, header, cells, merge=None):
    """Import a one-sheet list (``cells(student)`` a row) and return what was stored of
    each student's name, in STUDENTS' order, after checking nothing was rejected or odd."""
    book = openpyxl.Workbook()
    book.active.append(header)
    for s in STUDENTS:
        book.active.append(cells(s))
    if merge:
        book.active.merge_cells(merge)
    book.save(tmp_path / "lista.xlsx")
    report = workspace.import_roster(tmp_path / "lista.xlsx", COHORT)
    assert (report.inserted, report.rejected, report.warnings) == (len(STUDENTS), [], [])
    stored = {s.curp: s for s in workspace.find_students(StudentQuery())}
    return [(stored[s.curp].first_surname, stored[s.curp].second_surname,
             stored[s.curp].given_names) for s in STUDENTS]


NAMES = [(s.first_surname, s.second_surname, s.given_names) for s in STUDENTS]


@pytest.mark.parametrize("header, merge", [
    (["CURP", "Apellido", "Apellido", "Nombre", "Grupo"], None),  # father's, then mother's
    (["CURP", "APELLIDOS", None, "NOMBRE(S)", "GRUPO"], "B1:C1"),  # one title over both
])
def test_both_surnames_are_kept_when_their_columns_share_a_title(workspace, tmp_path, header,
                                                                 merge):
    assert imported_names(workspace, tmp_path, header, lambda s: [
        s.curp, s.first_surname, s.second_surname, s.given_names, s.group], merge) == NAMES


def test_one_apellidos_column_holding_both_surnames_is_split(workspace, tmp_path):
    assert imported_names(workspace, tmp_path, ["CURP", "Apellidos", "Nombre(s)", "Grupo"],
                          lambda s: [s.curp, f"{s.first_surname} {s.second_surname}",
                                     s.given_names, s.group]) == NAMES


def test_a_csv_whose_lines_end_with_a_comma_splits_its_apellidos_column(workspace, tmp_path):
    # Many systems end each line with the separator: an untitled, empty last column after
    # «Apellidos» is not the mother's surname (it was: every father's surname held both).
    lines = ["CURP,Nombre(s),Apellidos,"] + [
        f"{s.curp},{s.given_names},{s.first_surname} {s.second_surname}," for s in STUDENTS]
    path = tmp_path / "lista.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    report = workspace.import_roster(path, COHORT)
    assert (report.inserted, report.rejected, report.warnings) == (len(STUDENTS), [], [])
    stored = {s.curp: s for s in workspace.find_students(StudentQuery())}
    assert [(stored[s.curp].first_surname, stored[s.curp].second_surname,
             stored[s.curp].given_names) for s in STUDENTS] == NAMES


@given(st.lists(st.sampled_from(["DE", "LA", "DEL", "PÉREZ", "MONTES", "OCA", "Y", "GARCÍA"]),
                min_size=1, max_size=6),
       st.sampled_from(["", "JUAN", "MARÍA JOSÉ"]), st.sampled_from(STUDENTS))
def test_splitting_an_apellidos_cell_never_loses_nor_invents_a_word(words, given_names, person):
    first, second = split_surnames(" ".join(words), given_names, person.curp)
    assert f"{first} {second}".split() == words and first


def test_invisible_characters_pasted_into_a_list_are_not_stored(workspace, tmp_path):
    # A zero-width space from a web page, a right-to-left override that shows a name
    # backwards in every report, a soft hyphen, a BOM in the middle of a cell, a control
    # character (no Excel export could hold the name).
    marks = ["\u200b", "\u202e", "\u00ad", "\ufeff", "\u2066"]
    lines = ["CURP,Apellido paterno,Apellido materno,Nombre(s),Grupo"] + [
        f"{s.curp}{mark},{mark}{s.first_surname},{s.second_surname},{s.given_names}{mark},6A"
        for s, mark in zip(STUDENTS, marks)]
    lines[1] = lines[1].replace(STUDENTS[0].given_names, STUDENTS[0].given_names + "\x07")
    path = tmp_path / "lista.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    report = workspace.import_roster(path, COHORT)
    assert (report.inserted, report.rejected, report.warnings) == (len(STUDENTS), [], [])
    assert [(s.curp, s.first_surname, s.given_names)
            for s in sorted(workspace.find_students(StudentQuery()),
                            key=lambda s: [p.curp for p in STUDENTS].index(s.curp))] == [
        (s.curp, s.first_surname, s.given_names) for s in STUDENTS]


def test_phones_a_program_wrote_as_decimals_in_a_csv_are_kept(workspace, tmp_path):
    # pandas writes a phone column with an empty cell as floats: «3312345678.0».
    lines = ["CURP,Apellido paterno,Apellido materno,Nombre(s),Teléfono celular"] + [
        f"{s.curp},{s.first_surname},{s.second_surname},{s.given_names},33123456{n:02d}.0"
        for n, s in enumerate(STUDENTS)]
    path = tmp_path / "lista.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    report = workspace.import_roster(path, COHORT)
    assert (report.inserted, report.warnings) == (len(STUDENTS), [])
    assert sorted(s.phone for s in workspace.find_students(StudentQuery())) == [
        f"33123456{n:02d}" for n in range(len(STUDENTS))]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_utf16_list_without_its_byte_order_mark_is_read(workspace, tmp_path, encoding):
    # What some school systems export as «Unicode» text: UTF-16 with no BOM in front.
    lines = ["CURP\tApellido paterno\tApellido materno\tNombre(s)"] + [
        f"{s.curp}\t{s.first_surname}\t{s.second_surname}\t{s.given_names}" for s in STUDENTS]
    path = tmp_path / "lista.txt"
    path.write_bytes("\r\n".join(lines).encode(encoding))
    found = workspace.preview_roster(path)
    assert found.total_rows == len(STUDENTS)
    assert found.rows[0][:4] == [STUDENTS[0].curp, STUDENTS[0].first_surname,
                                 STUDENTS[0].second_surname, STUDENTS[0].given_names]
