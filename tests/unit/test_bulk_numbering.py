"""Bulk writers number sync_rev as the insert triggers would; the directory's filter lists
come from a loose index scan with the same result as three DISTINCT scans."""

from dataclasses import replace

from sync_support import answer, export, office, plantel

from seguimiento_desktop.storage.students import directory_facets
from tests.conftest import raw_connection


def revs(path, table: str) -> list[int]:
    with raw_connection(path) as conn:
        return [r[0] for r in conn.execute(f"SELECT sync_rev FROM {table} ORDER BY rowid")]


def test_merged_rows_take_consecutive_numbers_and_single_rows_still_get_theirs(tmp_path):
    school = plantel(tmp_path, count=5)
    for student in school.find_students()[:3]:
        answer(school, student.curp, "C1")
    central = office(tmp_path, school)
    assert all(o.accepted for o in central.merge([export(school, tmp_path / "a")]).outcomes)
    assert revs(central.store.path, "students") == [1, 2, 3, 4, 5]
    assert revs(central.store.path, "responses") == [1, 2, 3]
    with raw_connection(central.store.path) as conn:  # the single-row path: the trigger
        conn.execute("INSERT INTO students(id, curp, given_names, first_surname, updated_at, "
                     "origin) VALUES ('x', 'X', 'A', 'B', 1, 'o')")
    assert revs(central.store.path, "students")[-1] == 6


def test_an_export_after_a_bulk_import_carries_every_row(tmp_path):
    school = plantel(tmp_path, count=4)
    numbers = revs(school.store.path, "students")
    assert len(set(numbers)) == len(numbers) == 4 and None not in numbers
    central = office(tmp_path, school)
    outcome = central.merge([export(school, tmp_path / "a")]).outcomes[0]
    assert outcome.counts.new == 4


def test_facets_equal_three_distinct_scans(tmp_path):
    school = plantel(tmp_path, count=40)
    students = school.find_students()
    school.save_student(replace(students[0], career="", group="ZZ"))
    school.delete_student(students[1].id)
    db = school.store.db

    def distinct(column: str) -> list[str]:
        return [r[0] for r in db.execute(
            f"SELECT DISTINCT {column} FROM students WHERE deleted = 0 AND {column} != '' "
            f"ORDER BY {column}")]
    facets = directory_facets(db)
    assert (facets.cohorts, facets.groups, facets.careers) == (
        distinct("cohort"), distinct("group_name"), distinct("career"))
    assert "ZZ" in facets.groups


class _Forgetful(set):
    """A set that never remembers: the merger then asks the database about every student."""

    def update(self, *others) -> None:
        pass


def test_the_merger_remembering_fresh_students_gives_what_asking_the_database_gives(
        tmp_path, monkeypatch):
    from sync_support import copy_database, snapshot

    from seguimiento_desktop.sync import bundles as bundle_io
    from seguimiento_desktop.sync import merge
    from seguimiento_desktop.sync.central_workspace import CentralWorkspace
    first = plantel(tmp_path, cct="14DCT0099Z", count=5, seed=3)
    second = plantel(tmp_path, cct="30DCM0011K", count=5, seed=3)  # the same CURPs
    central = office(tmp_path, first, second)
    for school in (first, second):
        for student in school.find_students()[:3]:
            answer(school, student.curp, "C1")
            answer(school, student.curp, "C2")
    bundles = [export(first, tmp_path / "a"), export(second, tmp_path / "b")]
    twin = CentralWorkspace.open(copy_database(central.store.path, tmp_path / "twin.sqlite"))
    monkeypatch.setattr(bundle_io, "BATCH_LINES", 2)  # a student's responses span batches
    assert all(o.accepted for o in central.merge(bundles).outcomes)
    init = merge.Merger.__init__

    def forgetful(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self._fresh, self._fresh_slots = _Forgetful(), _Forgetful()
    monkeypatch.setattr(merge.Merger, "__init__", forgetful)
    assert all(o.accepted for o in twin.merge(bundles).outcomes)
    assert snapshot(central.store.path) == snapshot(twin.store.path)
    assert len(snapshot(central.store.path)["responses"]) == 6
