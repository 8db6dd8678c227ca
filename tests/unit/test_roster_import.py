"""Importing a roster: insert, update, unchanged, rejected; dry run, strict, cancel."""

import uuid
from dataclasses import replace
from datetime import date

import pytest
from roster_files import header_row_number, people, roster_rows, write_csv, write_xlsx

from seguimiento_desktop.domain.models import StudentQuery
from seguimiento_desktop.errors import Cancelled, InvalidData
from seguimiento_desktop.progress import CancelToken
from seguimiento_desktop.roster import importer

COHORT = "2023-2026"
STUDENTS = people(6)
FIRST_ROW = header_row_number() + 1


def snapshot(workspace) -> tuple:
    """Everything an import may touch, to prove that nothing changed."""
    db = workspace.store.db
    return (db.execute("SELECT * FROM students ORDER BY id").fetchall(),
            db.execute("SELECT rowid, haystack FROM students_fts ORDER BY rowid").fetchall(),
            db.execute("SELECT * FROM settings ORDER BY key").fetchall())


def everyone(workspace):
    return {s.curp: s for s in workspace.find_students(StudentQuery(include_deleted=True))}


@pytest.fixture
def roster(tmp_path):
    return write_xlsx(tmp_path / "lista.xlsx", roster_rows(STUDENTS, blank_every=4))


def test_a_new_list_is_inserted_for_the_chosen_cohort(workspace, roster):
    report = workspace.import_roster(roster, "2023–2026")
    assert (report.inserted, report.updated, report.unchanged) == (6, 0, 0)
    assert report.rejected == [] and report.written and not report.dry_run
    stored = everyone(workspace)
    for student in STUDENTS:
        saved = stored[student.curp]
        assert saved.cohort == COHORT and saved.group == student.group
        assert (saved.given_names, saved.first_surname) == (student.given_names,
                                                           student.first_surname)
        assert saved.phone == student.phone and saved.email == student.email
        assert saved.birth_date == student.birth_date and saved.sex == student.sex
        assert uuid.UUID(saved.id).version == 7
        assert saved.origin == workspace.store.installation_id and saved.updated_at > 0


def test_blank_and_total_rows_are_skipped_not_rejected(workspace, tmp_path):
    rows = roster_rows(STUDENTS, blank_every=2) + [["TOTAL DE ALUMNOS: 6"], [None, "Elaboró"]]
    report = workspace.import_roster(write_xlsx(tmp_path / "l.xlsx", rows), COHORT)
    assert report.inserted == 6 and report.rejected == [] and report.warnings == []


def test_bad_rows_are_rejected_with_the_row_number_excel_shows(workspace, tmp_path):
    rows = roster_rows(STUDENTS, total=False)
    rows[FIRST_ROW][1] = "PEGJ900512HJCRRS05"    # second student: wrong check digit
    rows[FIRST_ROW + 2][1] = None                 # fourth student: no CURP
    report = workspace.import_roster(write_csv(tmp_path / "l.csv", rows), COHORT)
    assert report.inserted == 4
    assert [(p.row, p.reasons) for p in report.rejected] == [
        (FIRST_ROW + 1, ["La CURP no es válida: el dígito verificador (último carácter) "
                         "debería ser 4 y es 5. Revise que esté bien escrita."]),
        (FIRST_ROW + 3, ["Falta la CURP."])]


def test_a_bad_email_or_phone_is_a_warning_and_the_student_is_kept(workspace, tmp_path):
    rows = roster_rows(STUDENTS[:2], total=False)
    rows[FIRST_ROW - 1][8] = "correo-sin-arroba"
    rows[FIRST_ROW][9] = 12345
    report = workspace.import_roster(write_xlsx(tmp_path / "l.xlsx", rows), COHORT)
    assert report.inserted == 2 and report.rejected == []
    assert [(w.row, w.message) for w in report.warnings] == [
        (FIRST_ROW, "El correo «correo-sin-arroba» no parece válido: no se guardará."),
        (FIRST_ROW + 1, "El teléfono «12345» no tiene 10 dígitos: no se guardará.")]
    stored = everyone(workspace)
    assert stored[STUDENTS[0].curp].email == "" and stored[STUDENTS[1].curp].phone == ""


def test_the_same_curp_twice_is_one_student_with_the_later_values(workspace, tmp_path):
    first, second = STUDENTS[0], STUDENTS[1]
    again = [99, first.curp, "", "", "", "", "6Z", "", "nuevo.correo@gmail.com", None, None]
    rows = roster_rows([first, second], total=False) + [again]
    report = workspace.import_roster(write_xlsx(tmp_path / "l.xlsx", rows), COHORT)
    assert report.inserted == 2
    assert [(w.row, w.message) for w in report.warnings] == [
        (FIRST_ROW + 2, f"La CURP {first.curp} ya aparecía en la fila {FIRST_ROW}; "
                        "se combinaron los datos.")]
    saved = everyone(workspace)[first.curp]
    assert (saved.group, saved.email) == ("6Z", "nuevo.correo@gmail.com")
    assert saved.first_surname == first.first_surname  # empty cells erase nothing


def test_a_curp_already_in_the_directory_is_updated_in_place(workspace, tmp_path):
    workspace.import_roster(write_xlsx(tmp_path / "a.xlsx", roster_rows(STUDENTS)), "2022-2025")
    before = everyone(workspace)
    changed = replace(STUDENTS[0], group="6X", email="")
    rows = roster_rows([changed, *STUDENTS[1:]])
    report = workspace.import_roster(write_xlsx(tmp_path / "b.xlsx", rows), "2022-2025")
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 5)
    after = everyone(workspace)
    assert after[changed.curp].id == before[changed.curp].id
    assert after[changed.curp].group == "6X"
    assert after[changed.curp].email == STUDENTS[0].email  # an empty cell is not an erase
    assert after[changed.curp].updated_at > before[changed.curp].updated_at
    assert after[STUDENTS[1].curp].updated_at == before[STUDENTS[1].curp].updated_at


def test_a_new_cohort_moves_the_students_and_counts_as_an_update(workspace, roster):
    workspace.import_roster(roster, "2022-2025")
    report = workspace.import_roster(roster, COHORT)
    assert report.updated == 6
    assert {s.cohort for s in everyone(workspace).values()} == {COHORT}


def test_importing_the_same_file_twice_changes_nothing_the_second_time(workspace, roster):
    workspace.import_roster(roster, COHORT)
    before = snapshot(workspace)
    report = workspace.import_roster(roster, COHORT)
    assert (report.inserted, report.updated, report.unchanged) == (0, 0, 6)
    assert snapshot(workspace) == before


def test_a_deleted_student_comes_back_as_an_update(workspace, roster):
    workspace.import_roster(roster, COHORT)
    gone = everyone(workspace)[STUDENTS[2].curp]
    workspace.delete_student(gone.id)
    report = workspace.import_roster(roster, COHORT)
    assert (report.updated, report.unchanged) == (1, 5)
    back = everyone(workspace)[gone.curp]
    assert back.id == gone.id and not back.deleted


def test_a_bad_phone_in_the_file_keeps_the_one_already_known(workspace, tmp_path, roster):
    workspace.import_roster(roster, COHORT)
    rows = roster_rows(STUDENTS[:1])
    rows[FIRST_ROW - 1][9] = "123"
    report = workspace.import_roster(write_xlsx(tmp_path / "b.xlsx", rows), COHORT)
    assert report.unchanged == 1 and len(report.warnings) == 1
    assert everyone(workspace)[STUDENTS[0].curp].phone == STUDENTS[0].phone


def test_dry_run_reports_and_changes_nothing(workspace, roster):
    before = snapshot(workspace)
    report = workspace.import_roster(roster, COHORT, dry_run=True)
    assert report.dry_run and not report.written and report.inserted == 6
    assert snapshot(workspace) == before


def test_strict_imports_nothing_when_a_row_is_rejected(workspace, tmp_path):
    rows = roster_rows(STUDENTS)
    rows[FIRST_ROW][1] = "XXXX"
    before = snapshot(workspace)
    report = workspace.import_roster(write_xlsx(tmp_path / "l.xlsx", rows), COHORT, strict=True)
    assert report.refused and not report.written and report.inserted == 0
    assert [p.row for p in report.rejected] == [FIRST_ROW + 1]
    assert snapshot(workspace) == before


def test_strict_imports_a_clean_file(workspace, roster):
    report = workspace.import_roster(roster, COHORT, strict=True)
    assert report.written and report.inserted == 6 and not report.refused


def test_cancelling_during_the_write_leaves_the_database_as_it_was(workspace, roster,
                                                                      monkeypatch):
    workspace.import_roster(roster, "2022-2025")
    before = snapshot(workspace)
    monkeypatch.setattr(importer, "WRITE_CHUNK", 2)  # several chunks in one transaction
    cancel_while_saving(workspace, roster, saved=2)
    assert snapshot(workspace) == before


def cancel_while_saving(workspace, path, saved: int) -> None:
    """Import ``path`` and press «Cancelar» once ``saved`` students are written."""
    token = CancelToken()

    def progress(done, total, message):
        if message.startswith("Guardando") and done == saved:
            token.cancel()
    with pytest.raises(Cancelled):
        workspace.import_roster(path, COHORT, progress=progress, cancel=token)


def test_cancelling_while_rows_are_checked_writes_nothing(workspace, tmp_path):
    many = people(600, seed=11)
    path = write_csv(tmp_path / "l.csv", roster_rows(many, phones_as_numbers=False))
    token = CancelToken()
    seen = []

    def progress(done, total, message):
        seen.append((done, total, message))
        if done == 250:
            token.cancel()
    with pytest.raises(Cancelled):
        workspace.import_roster(path, COHORT, progress=progress, cancel=token)
    assert (250, 600, "Revisando las filas…") in seen
    assert workspace.count_students() == 0


def students_indexes(workspace) -> list:
    """The students' indexes and triggers (a bulk load drops and rebuilds some)."""
    return workspace.store.db.execute(
        "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'students' AND type IN "
        "('index', 'trigger') ORDER BY name").fetchall()


def stored_by_curp(workspace) -> dict:
    """What an import decides, by CURP: the data, folio and change numbers (not the ids
    and clock stamps, which differ from one run to the next)."""
    rows = workspace.store.db.execute(
        "SELECT curp, given_names, first_surname, second_surname, sex, birth_date, cohort, "
        "career, group_name, email, phone, status, seq, sync_rev, sort_key FROM students")
    return {row[0]: row for row in rows}


@pytest.mark.parametrize("known", [0, 40])  # a first list; one that also updates 40
def test_a_list_loaded_in_bulk_is_the_same_as_one_written_row_by_row(
        workspace, tmp_path, monkeypatch, known):
    from seguimiento_desktop.services import Workspace
    from seguimiento_desktop.storage import roster_writes
    everyone = people(600 + known, seed=3)
    first = write_csv(tmp_path / "antes.csv", roster_rows(everyone[:known]))
    moved = [replace(s, group="6Z") for s in everyone[:known]]
    path = write_csv(tmp_path / "l.csv", roster_rows(moved + everyone[known:]))
    indexes = students_indexes(workspace)
    with Workspace.open(tmp_path / "fila-por-fila.sqlite") as by_row:
        for target in (workspace, by_row):
            if known:
                target.import_roster(first, COHORT)
            if target is by_row:
                monkeypatch.setattr(roster_writes, "_BULK_AT_LEAST", 10**9)
            report = target.import_roster(path, COHORT)  # 600 new ≥ 40 stored: in bulk
            assert (report.inserted, report.updated) == (600, known)
        assert stored_by_curp(workspace) == stored_by_curp(by_row)
    assert students_indexes(workspace) == indexes
    db = workspace.store.db
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"  # indexes match rows
    someone = everyone[123]
    found = workspace.find_students(StudentQuery(text=someone.first_surname[:5]))
    assert someone.curp in {s.curp for s in found}
    assert workspace.import_roster(path, COHORT).unchanged == 600 + known


def test_cancelling_a_bulk_load_leaves_the_indexes_and_no_student(workspace, tmp_path,
                                                                  monkeypatch):
    path = write_csv(tmp_path / "l.csv", roster_rows(people(600, seed=4)))
    indexes = students_indexes(workspace)
    monkeypatch.setattr(importer, "WRITE_CHUNK", 100)
    cancel_while_saving(workspace, path, saved=300)
    assert students_indexes(workspace) == indexes and workspace.count_students() == 0
    assert workspace.import_roster(path, COHORT).inserted == 600


def test_progress_reaches_the_end(workspace, roster):
    seen = []
    workspace.import_roster(roster, COHORT, progress=lambda *a: seen.append(a))
    assert seen[0][2] == "Leyendo el archivo…" and seen[-1] == (6, 6, "Guardando los alumnos…")


def test_the_wizards_mapping_overrides_the_automatic_one(workspace, roster):
    mapping = {1: "curp", 2: "first_surname", 3: "second_surname", 4: "given_names",
               10: "phone"}  # "Tel. casa" as the phone; e-mail and group ignored
    workspace.import_roster(roster, COHORT, mapping=mapping)
    for student in STUDENTS:
        saved = everyone(workspace)[student.curp]
        assert saved.email == "" and saved.group == "" and saved.phone == student.home_phone


@pytest.mark.parametrize("mapping, message", [
    ({2: "first_surname", 4: "given_names"}, "CURP"),
    ({1: "curp", 6: "group"}, "nombre"),
])
def test_an_unusable_mapping_is_an_error_and_changes_nothing(workspace, roster, mapping,
                                                              message):
    before = snapshot(workspace)
    with pytest.raises(InvalidData, match=message):
        workspace.import_roster(roster, COHORT, mapping=mapping)
    assert snapshot(workspace) == before


def test_a_file_without_a_curp_column_is_an_error(workspace, tmp_path):
    rows = [["Apellido paterno", "Apellido materno", "Nombre(s)"], ["LUNA", "ROJAS", "ANA"]]
    with pytest.raises(InvalidData, match="CURP"):
        workspace.import_roster(write_csv(tmp_path / "l.csv", rows), COHORT)


def test_an_invalid_cohort_is_refused(workspace, roster):
    with pytest.raises(InvalidData, match="generación"):
        workspace.import_roster(roster, "2023")
    assert workspace.count_students() == 0


def test_a_whole_name_column_is_split_surnames_first(workspace, tmp_path):
    rows = [["Lista"], ["No.", "CURP", "Nombre del alumno", "Grupo"]]
    rows += [[i, s.curp, f"{s.first_surname} {s.second_surname} {s.given_names}", s.group]
             for i, s in enumerate(STUDENTS, 1)]
    report = workspace.import_roster(write_xlsx(tmp_path / "l.xlsx", rows), COHORT)
    assert report.inserted == 6 and report.warnings == []
    for student in STUDENTS:
        saved = everyone(workspace)[student.curp]
        assert (saved.given_names, saved.first_surname, saved.second_surname) == (
            student.given_names, student.first_surname, student.second_surname)


def test_new_students_of_a_graduated_cohort_are_graduates(workspace, roster):
    importer.import_roster(workspace, roster, "2020-2023", today=date(2026, 3, 1))
    assert {s.status for s in everyone(workspace).values()} == {"egresado"}


def test_a_name_of_dots_is_imported_with_a_warning_not_a_crash(workspace, tmp_path):
    dotted = [replace(STUDENTS[0], given_names=".")] + STUDENTS[1:3]
    report = workspace.import_roster(write_csv(tmp_path / "l.csv", roster_rows(dotted)), COHORT)
    assert report.inserted == 3 and report.rejected == []
    assert [w.row for w in report.warnings] == [FIRST_ROW]
    assert "no coincide con las letras de la CURP" in report.warnings[0].message
