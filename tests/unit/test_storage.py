"""Opening databases: WAL, migrations, refusing newer ones, tombstones, search index."""

from dataclasses import replace
from datetime import date

import pytest

from seguimiento_desktop.domain.curp import build_curp
from seguimiento_desktop.domain.models import School, Student, StudentQuery
from seguimiento_desktop.errors import DatabaseError, InvalidData, NotFound
from seguimiento_desktop.services import Workspace
from seguimiento_desktop.storage.migrations import SCHEMA_VERSION
from tests.conftest import raw_connection

JESUS = Student(curp="PEGJ900512HJCRRS04", given_names="Jesús", first_surname="Pérez",
                second_surname="García", cohort="2023-2026", group="6A", career="Programación")


def test_a_new_database_is_in_wal_mode_with_the_app_schema_number(workspace):
    db = workspace.store.db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_reopening_keeps_the_installation_identity(db_path):
    with Workspace.open(db_path) as first:
        identity = first.store.installation_id
    with Workspace.open(db_path) as second:
        assert second.store.installation_id == identity


def test_a_database_from_a_newer_app_is_refused_untouched(db_path):
    Workspace.open(db_path).close()
    conn = raw_connection(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(DatabaseError, match="versión más nueva"):
        Workspace.open(db_path)
    conn = raw_connection(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1


def test_a_file_that_is_not_a_database_gets_a_spanish_message(tmp_path):
    bogus = tmp_path / "datos.sqlite"
    bogus.write_bytes(b"esto no es una base de datos" * 100)
    with pytest.raises(DatabaseError, match="dañado"):
        Workspace.open(bogus)


def test_missing_database_is_not_created_when_not_asked(tmp_path):
    with pytest.raises(DatabaseError, match="seguimiento init"):
        Workspace.open(tmp_path / "no.sqlite", create=False)
    assert not (tmp_path / "no.sqlite").exists()


def test_school_set_up_validates_the_cct(workspace):
    with pytest.raises(InvalidData, match="CCT"):
        workspace.set_up_school(School(cct="14DCT01", name="CBTIS 1"))
    assert workspace.school() is None
    workspace.set_up_school(School(cct="14dct0001a", name="  CBTIS   1 "))
    # The entidad comes from the CCT's first two digits (docs/indicators.md).
    assert workspace.school() == School(cct="14DCT0001A", name="CBTIS 1", state="Jalisco")


def test_saving_a_student_normalises_and_stamps_it(workspace):
    saved = workspace.save_student(replace(JESUS, phone="+52 33 1234 5678"))
    assert saved.given_names == "JESÚS" and saved.phone == "3312345678"
    assert saved.sex == "H" and saved.birth_date.year == 1990
    assert saved.origin == workspace.store.installation_id and saved.updated_at > 0
    again = workspace.save_student(replace(saved, group="6B"))
    assert again.id == saved.id and again.updated_at > saved.updated_at


def test_an_invalid_curp_is_not_saved(workspace):
    with pytest.raises(InvalidData, match="dígito verificador"):
        workspace.save_student(replace(JESUS, curp="PEGJ900512HJCRRS05"))
    assert workspace.count_students() == 0


def test_the_same_curp_cannot_be_added_twice(workspace):
    workspace.save_student(JESUS)
    with pytest.raises(InvalidData, match="Ya existe"):
        workspace.save_student(JESUS)


def test_deleting_leaves_a_tombstone_that_syncs(workspace):
    saved = workspace.save_student(JESUS)
    workspace.delete_student(saved.id)
    assert workspace.count_students() == 0
    assert workspace.find_students(StudentQuery(text="perez")) == []
    tombstone = workspace.find_students(StudentQuery(include_deleted=True))[0]
    assert tombstone.deleted and tombstone.updated_at > saved.updated_at
    with pytest.raises(NotFound):
        workspace.student(saved.id)
    revived = workspace.save_student(JESUS)
    assert revived.id == saved.id and not revived.deleted


@pytest.mark.parametrize("text", ["nunez", "NÚÑEZ", "ñúñ", "ximena", "XIME", "33 9876", "9876",
                                  "runx08", "ximena@", "ruiz nunez"])
def test_search_ignores_accents_and_case_and_finds_parts(workspace, text):
    workspace.save_student(JESUS)
    curp = build_curp("Ximena", "Ruiz", "Núñez", date(2008, 2, 29), "M", "JC", "A")
    workspace.save_student(Student(curp=curp, given_names="Ximena",
                                   first_surname="Ruiz", second_surname="Núñez",
                                   phone="3398765432", email="ximena@example.com"))
    names = [s.given_names for s in workspace.find_students(StudentQuery(text=text))]
    assert names == ["XIMENA"]


@pytest.mark.parametrize("text, found", [("r", ["XIMENA"]), ("Pé", ["JESÚS"]), ("x", []),
                                         ("ru n", []), ("98", ["JESÚS", "XIMENA"]),
                                         ("339", ["XIMENA"]), ("987", ["XIMENA"])])
def test_one_or_two_characters_search_the_start_of_the_surname(workspace, text, found):
    """Two digits do not filter yet (every phone has them); three search anywhere."""
    workspace.save_student(JESUS)
    curp = build_curp("Ximena", "Ruiz", "Núñez", date(2008, 2, 29), "M", "JC", "A")
    workspace.save_student(Student(curp=curp, given_names="Ximena", first_surname="Ruiz",
                                   second_surname="Núñez", phone="3398765432"))
    names = [s.given_names for s in workspace.find_students(StudentQuery(text=text))]
    assert names == found
    assert workspace.count_students(StudentQuery(text=text)) == len(found)


@pytest.mark.parametrize("text, found", [("ruiz n", ["XIMENA"]), ("ruiz x", ["XIMENA"]),
                                         ("ruiz z", []), ("garcia j", ["JESÚS"])])
def test_a_short_word_next_to_a_long_one_is_the_start_of_a_name_word(workspace, text, found):
    workspace.save_student(JESUS)
    curp = build_curp("Ximena", "Ruiz", "Núñez", date(2008, 2, 29), "M", "JC", "A")
    workspace.save_student(Student(curp=curp, given_names="Ximena", first_surname="Ruiz",
                                   second_surname="Núñez"))
    query = StudentQuery(text=text, limit=10)
    page, total = workspace.find_students_page(query)
    assert [s.given_names for s in page] == found and total == len(found)


def test_filters_and_order(workspace):
    workspace.fill_demo(120, with_followup=False)
    cohort = workspace.facets().cohorts[0]
    in_cohort = workspace.find_students(StudentQuery(cohort=cohort))
    assert in_cohort and all(s.cohort == cohort for s in in_cohort)
    by_name = workspace.find_students(StudentQuery(order_by="name"))
    keys = [(s.first_surname, s.second_surname) for s in by_name]
    assert len(by_name) == 120
    page = workspace.find_students(StudentQuery(order_by="name", limit=10, offset=10))
    assert page == by_name[10:20]
    assert workspace.find_students(StudentQuery(order_by="name", descending=True))[0] == by_name[-1]
    assert keys[0] <= keys[-1]


def test_backup_is_a_consistent_copy(workspace, tmp_path):
    workspace.fill_demo(50)
    copy = workspace.backup(tmp_path / "respaldo.sqlite")
    with Workspace.open(copy) as restored:
        assert restored.count_students() == 50
        assert restored.school() == workspace.school()
