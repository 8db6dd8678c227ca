"""The central merge: concurrent edits kept, moved students linked, gaps named, acks.

Tests of what the office holds run on both stores (``central_address``: a SQLite file,
then a database on the throwaway PostgreSQL cluster) and read through the store's own
connection; the acknowledgement and plantel-side tests need only SQLite.
"""

import json
import platform
from dataclasses import replace

import pytest
from sync_support import add_students, answer, copy_database, export, office, plantel

from seguimiento_desktop.domain.models import StudentQuery
from seguimiento_desktop.services import Workspace
from seguimiento_desktop.sync.central_workspace import CentralWorkspace
from seguimiento_desktop.sync.errors import TrustError
from tests.central_pg.conftest import central_address, pg_cluster, pg_url  # noqa: F401
from tests.central_pg.store_content import content
from tests.conftest import raw_connection


def one(central: CentralWorkspace, sql: str, *parameters) -> object:
    return central.store.db.execute(sql, list(parameters)).fetchone()[0]


def capture_pc_copy(main: Workspace, folder) -> Workspace:
    """A second PC set up from a copy of the main PC's database (its own identity)."""
    path = copy_database(main.store.path, folder / "captura.sqlite")
    with raw_connection(path) as conn:
        conn.execute("DELETE FROM settings WHERE key IN ('installation_id', 'sync.signing_key', "
                     "'sync.age_identity', 'sync.config', 'sync.pinned_key')")
        conn.execute("DELETE FROM sync_exports")
    return Workspace.open(path)


def test_concurrent_edits_of_one_student_are_kept_for_review(tmp_path, central_address):
    main = plantel(tmp_path, count=3)
    capture = capture_pc_copy(main, tmp_path)
    central = office(tmp_path, main, capture, address=central_address)
    first = main.find_students()[0]
    main.save_student(replace(first, phone="3312345678"))
    capture.save_student(replace(capture.student(first.id), phone="3399999999",
                                 email="nuevo@example.com"))
    report = central.merge([export(main, tmp_path / "a"), export(capture, tmp_path / "b")])
    assert all(o.accepted for o in report.outcomes)
    conflicts = {c.label: c for c in central.conflicts()}
    assert set(conflicts) == {"Teléfono", "Correo"}
    assert {conflicts["Teléfono"].kept_value, conflicts["Teléfono"].other_value} == {
        "3312345678", "3399999999"}
    phone = conflicts["Teléfono"]  # one plantel, two PCs: the PC tells them apart
    assert phone.kept_origin == phone.other_origin == main.school().cct
    computer = platform.node()  # each PC's name as it asked to be enrolled, and its id's end
    assert {phone.kept_pc, phone.other_pc} == {
        f"PC {computer} (…{main.store.installation_id[-4:]})",
        f"PC {computer} (…{capture.store.installation_id[-4:]})"}
    assert one(central, "SELECT count(*) FROM students") == 3
    assert central.status().open_conflicts == 2


def test_a_later_edit_made_on_the_merged_version_is_not_a_conflict(tmp_path, central_address):
    school = plantel(tmp_path, count=2)
    central = office(tmp_path, school, address=central_address)
    student = school.find_students()[0]
    central.merge([export(school, tmp_path / "a")])
    school.save_student(replace(student, phone="3312345678"))
    school.save_student(replace(school.student(student.id), phone="3300000000"))
    outcome = central.merge([export(school, tmp_path / "b")]).outcomes[0]
    assert outcome.counts.updated == 1 and outcome.counts.conflicts == 0
    assert central.conflicts() == []


def test_student_who_moved_is_linked_not_duplicated(tmp_path, central_address):
    first = plantel(tmp_path, cct="14DCT0099Z", count=4, seed=7)
    second = plantel(tmp_path, cct="30DCM0011K", count=4, seed=7)  # the same four CURPs
    moved = second.find_students()[0]
    answer(first, moved.curp, "C1")
    answer(second, moved.curp, "C2")
    central = office(tmp_path, first, second, address=central_address)
    central.merge([export(first, tmp_path / "a"), export(second, tmp_path / "b")])
    db = central.store.db
    rows = db.execute("SELECT id FROM students WHERE curp = ?", [moved.curp]).fetchall()
    answered = db.execute("SELECT questionnaire FROM responses WHERE student_id = ? "
                          "ORDER BY 1", [rows[0][0]]).fetchall()
    assert len(rows) == 1 and one(central, "SELECT count(*) FROM students") == 4
    assert [tuple(r) for r in answered] == [("C1",), ("C2",)]


def test_a_response_that_arrives_under_a_new_student_is_moved_not_doubled(
        tmp_path, central_address):
    """New students' responses go in a batch at once; one the office holds already (here
    under another student) sends the batch record by record, and nothing is doubled."""
    school = plantel(tmp_path, count=2)
    held = answer(school, school.find_students()[0].curp)
    central = office(tmp_path, school, address=central_address)
    central.merge([export(school, tmp_path / "a")])
    third, fourth = add_students(school, 2, seed=99)
    fresh = answer(school, fourth.curp)
    with raw_connection(school.store.path) as conn:
        conn.execute("UPDATE responses SET student_id = ?, updated_at = updated_at + 1 "
                     "WHERE id = ?", [third.id, held.id])
    outcome = central.merge([export(school, tmp_path / "b")]).outcomes[0]
    assert outcome.accepted, outcome.message
    assert (outcome.counts.new, outcome.counts.unchanged) == (4, 2)  # the ack says so too
    rows = central.store.db.execute("SELECT id, student_id FROM responses ORDER BY id").fetchall()
    assert sorted(map(tuple, rows)) == sorted([(held.id, third.id), (fresh.id, fourth.id)])


def test_a_batch_of_moved_and_new_students_counts_each_once(tmp_path, central_address):
    """A batch of students goes in at once unless the office holds one of them (here two
    who moved from another plantel): then it is merged record by record, as if never tried."""
    first = plantel(tmp_path, cct="14DCT0099Z", count=2, seed=7)
    second = plantel(tmp_path, cct="30DCM0011K", count=3, seed=7)  # the first two moved
    central = office(tmp_path, first, second, address=central_address)
    central.merge([export(first, tmp_path / "a")])
    outcome = central.merge([export(second, tmp_path / "b")]).outcomes[0]
    assert outcome.accepted, outcome.message
    assert (outcome.counts.new, outcome.counts.updated, outcome.counts.unchanged) == (1, 2, 0)
    assert one(central, "SELECT count(*) FROM students") == 3
    assert one(central, "SELECT count(*) FROM sync_links") == 5


def test_missing_bundle_is_named(tmp_path, central_address):
    school = plantel(tmp_path, cct="30DCM0011K", count=2)
    central = office(tmp_path, school, address=central_address)
    export(school, tmp_path / "perdido")  # bundle 1 never reaches the office
    report = central.merge([export(school, tmp_path / "b")])
    assert any(g.startswith("Falta el paquete 1 de 30DCM0011K") for g in report.gaps)
    status = central.status().schools[0].installations[0]
    assert status.missing == (1,) and status.covered == (1,) and status.last_seq == 2


def test_exports_repeat_until_acknowledged(tmp_path):
    school = plantel(tmp_path, count=5)
    central = office(tmp_path, school)
    first = school.export_bundle(tmp_path)
    second = school.export_bundle(tmp_path)  # the first was not acknowledged yet
    assert first.counts["students"] == second.counts["students"] == 5
    ack = central.merge([second.path]).outcomes[0].ack_path
    result = school.import_ack(ack)
    assert result.pending == {"students": 0, "responses": 0, "contact_attempts": 0}
    assert school.import_ack(ack).already_imported
    answer(school, school.find_students()[0].curp)
    third = school.export_bundle(tmp_path)
    assert third.counts == {"students": 0, "responses": 1, "contact_attempts": 0}
    assert third.base_seq == 2


def test_ack_signed_by_another_office_is_refused(tmp_path):
    school = plantel(tmp_path, count=2)
    office(tmp_path, school)
    stranger = office(tmp_path, name="otra.sqlite")
    fake = _ack_signed_by(stranger, export(school, tmp_path / "a"), tmp_path)
    with pytest.raises(TrustError, match="no lo firmó"):
        school.import_ack(fake)
    assert school.sync_status().last_acked_seq == 0


def _ack_signed_by(central, bundle, folder):
    from seguimiento_desktop.sync.acks import write_ack
    from seguimiento_desktop.sync.bundles import read_container
    from seguimiento_desktop.sync.manifest import parse_manifest
    from seguimiento_desktop.sync.models import MergeCounts
    manifest = parse_manifest(read_container(bundle).manifest_raw, bundle.name)
    target = folder / "falso"
    target.mkdir()
    return write_ack(central.identity(), manifest, MergeCounts(), target)


def test_pseudonymised_profile_keeps_names_and_curp_at_the_plantel(tmp_path, central_address):
    first = plantel(tmp_path, cct="14DCT0099Z", count=3, seed=9)
    second = plantel(tmp_path, cct="30DCM0011K", count=3, seed=9)
    central = office(tmp_path, first, second, profile="seudonimizado", address=central_address)
    central.merge([export(first, tmp_path / "a"), export(second, tmp_path / "b")])
    people = first.find_students()
    stored = central.store.db.execute("SELECT curp, given_names, first_surname, email, phone "
                                      "FROM students").fetchall()
    dumped = json.dumps(content(central), ensure_ascii=False)  # every table the merge fills
    assert len(stored) == 3  # the same pseudonym from both planteles: linked
    assert all(curp.startswith("S-") and not any(rest) for curp, *rest in stored)
    for person in people:
        assert person.curp not in dumped and person.first_surname not in dumped
    edited = people[0]
    first.save_student(replace(edited, group="6Z"))
    later = central.merge([export(first, tmp_path / "c")]).outcomes[0]
    assert one(central, "SELECT count(*) FROM students") == 3
    assert one(central, "SELECT count(*) FROM students WHERE group_name = '6Z'") == 1
    assert later.accepted and later.counts.new == 0


def test_main_pc_merges_its_capture_pc_and_finds_the_students(tmp_path):
    main = plantel(tmp_path, count=2, seed=3)
    capture = plantel(tmp_path, count=3, seed=4)  # keyed on another PC of the same plantel
    hub = CentralWorkspace(main.store)  # the main PC receives, in its own database
    hub.init("PC principal del plantel")
    request = capture.sync_enrollment(tmp_path / "captura.json")
    hub.enroll(request.path, request.fingerprint.hex)
    package = hub.write_config_package(tmp_path / "config-captura.json")
    capture.import_config(package.path, package.fingerprint.hex)
    answer(capture, capture.find_students()[0].curp, "C2")
    outcome = hub.merge([export(capture, tmp_path / "usb")]).outcomes[0]
    assert outcome.accepted and outcome.counts.new == 4
    keyed = capture.find_students()[1]
    found = main.find_students(StudentQuery(text=keyed.first_surname.lower()))
    assert keyed.curp in {s.curp for s in found}  # in the main PC's directory search
    assert main.count_students() == 5
    assert len(main.find_responses("C2")) == 1
