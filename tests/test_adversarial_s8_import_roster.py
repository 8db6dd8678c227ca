"""A student list against what the directory already holds: people who asked to leave it
(ARCO cancellation), people deleted, people of another generation. An import must not
quietly undo the first, nor silently change the others."""

import json

import pytest
from roster_files import people, roster_rows, write_xlsx

from seguimiento_desktop.domain.models import StudentQuery

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
