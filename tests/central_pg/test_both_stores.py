"""The central office's merge, conflicts, status and gaps, on SQLite and on PostgreSQL.

Every test runs twice (``central_address``: a file, then a database on the throwaway
cluster) and asserts what the office sees; the last one merges the same bundles into
both stores (on the server also one by one, newest first) and finds the same content.
"""

from dataclasses import replace

import pytest
from store_content import content
from sync_support import answer, export, office, plantel, rewrite_bundle, two_pc_conflict

from seguimiento_desktop.sync.central_store import copy_to_server
from seguimiento_desktop.sync.central_workspace import CentralWorkspace
from seguimiento_desktop.sync.models import Pick


def one(central: CentralWorkspace, sql: str, *parameters) -> object:
    return central.store.db.execute(sql, list(parameters)).fetchone()[0]


def test_bundles_merge_once_and_the_status_counts_them(tmp_path, central_address):
    first = plantel(tmp_path, cct="14DCT0099Z", count=6, seed=1)
    second = plantel(tmp_path, cct="30DCM0011K", count=4, seed=2)
    answer(first, first.find_students()[0].curp, "C1")
    central = office(tmp_path, first, second, address=central_address)
    bundles = [export(first, tmp_path / "a"), export(second, tmp_path / "b")]
    report = central.merge(bundles)
    assert [(o.accepted, o.counts.new) for o in report.outcomes] == [(True, 7), (True, 4)]
    assert all(o.ack_path.exists() for o in report.outcomes)
    again = central.merge(bundles).outcomes
    assert all(o.duplicate and o.message.startswith("Ya se había fusionado") for o in again)
    status = {s.cct: s for s in central.status().schools}
    assert (status["14DCT0099Z"].students, status["14DCT0099Z"].responses) == (6, {"C1": 1})
    assert status["30DCM0011K"].students == 4
    assert one(central, "SELECT count(*) FROM students") == 10
    assert one(central, "SELECT count(*) FROM sync_received") == 2


def test_a_bundle_that_fails_its_checks_changes_nothing(tmp_path, central_address):
    school = plantel(tmp_path, count=3)
    central = office(tmp_path, school, address=central_address)
    good = export(school, tmp_path / "a")
    forged = rewrite_bundle(good, tmp_path / "forged.seg", school,
                            plain=b'{"t": "student"}\n')
    outcome = central.merge([forged]).outcomes[0]
    assert not outcome.accepted and outcome.reason in ("contenido", "alterado")
    assert one(central, "SELECT count(*) FROM students") == 0
    assert one(central, "SELECT count(*) FROM sync_received") == 0
    assert central.merge([good]).outcomes[0].counts.new == 3


def test_concurrent_edits_are_conflicts_and_resolve(tmp_path, central_address):
    central, main, capture, first = two_pc_conflict(tmp_path, address=central_address)
    found = {c.label: c for c in central.conflicts()}
    assert set(found) == {"Teléfono", "Correo"}
    assert central.status().open_conflicts == 2
    central.resolve_conflict(found["Teléfono"].id, Pick.OTHER, "Ana López")
    assert one(central, "SELECT phone FROM students WHERE id = ?",
               found["Teléfono"].row_id) == found["Teléfono"].other_value
    assert [c.label for c in central.conflicts()] == ["Correo"]
    assert central.last_resolver() == "Ana López"


def test_a_student_who_moved_is_one_person(tmp_path, central_address):
    first = plantel(tmp_path, cct="14DCT0099Z", count=4, seed=7)
    second = plantel(tmp_path, cct="30DCM0011K", count=4, seed=7)  # the same four CURPs
    moved = second.find_students()[0]
    answer(first, moved.curp, "C1")
    answer(second, moved.curp, "C2")
    central = office(tmp_path, first, second, address=central_address)
    central.merge([export(first, tmp_path / "a"), export(second, tmp_path / "b")])
    assert one(central, "SELECT count(*) FROM students") == 4
    row = one(central, "SELECT id FROM students WHERE curp = ?", moved.curp)
    answered = central.store.db.execute(
        "SELECT questionnaire FROM responses WHERE student_id = ? ORDER BY 1", [row]).fetchall()
    assert [r[0] for r in answered] == ["C1", "C2"]


def test_pseudonymised_students_are_linked_by_pseudonym(tmp_path, central_address):
    first = plantel(tmp_path, cct="14DCT0099Z", count=3, seed=9)
    second = plantel(tmp_path, cct="30DCM0011K", count=3, seed=9)
    central = office(tmp_path, first, second, profile="seudonimizado", address=central_address)
    central.merge([export(first, tmp_path / "a"), export(second, tmp_path / "b")])
    assert one(central, "SELECT count(*) FROM students") == 3
    assert one(central, "SELECT count(*) FROM students WHERE curp LIKE 'S-%' "
                        "AND given_names = ''") == 3


def test_a_missing_bundle_is_named(tmp_path, central_address):
    school = plantel(tmp_path, cct="30DCM0011K", count=2)
    central = office(tmp_path, school, address=central_address)
    export(school, tmp_path / "perdido")
    report = central.merge([export(school, tmp_path / "b")])
    assert any(g.startswith("Falta el paquete 1 de 30DCM0011K") for g in report.gaps)
    assert central.status().schools[0].installations[0].missing == (1,)


@pytest.mark.parametrize("order", ["same order", "one by one, newest first"])
def test_both_stores_hold_the_same_after_the_same_bundles(tmp_path, pg_url, order):
    main = plantel(tmp_path, cct="14DCT0099Z", count=5, seed=3)
    other = plantel(tmp_path, cct="30DCM0011K", count=5, seed=3)  # the same people moved
    lite = office(tmp_path, main, other, name="lite.sqlite")
    for school, wave in ((main, "C1"), (other, "C2")):
        answer(school, school.find_students()[1].curp, wave)
    bundles = [export(main, tmp_path / "a"), export(other, tmp_path / "b")]
    student = main.find_students()[0]
    main.save_student(replace(student, phone="3312345678"))
    other.save_student(replace(other.student_by_curp(student.curp), phone="3399999999"))
    bundles += [export(main, tmp_path / "c"), export(other, tmp_path / "d")]
    copy_to_server(lite.store.path, pg_url)  # the same office (keys, PCs) on the server
    server = CentralWorkspace.open(pg_url, create=False)
    lite.merge(bundles)
    if order == "same order":
        server.merge(bundles)
    for bundle in reversed(bundles) if order != "same order" else ():
        assert server.merge([bundle]).outcomes[0].accepted
    assert content(server) == content(lite)
    assert [c.id for c in server.conflicts()] == [c.id for c in lite.conflicts()]


def test_newer_versions_go_in_sets_on_the_server_and_hold_the_same(tmp_path, pg_url,
                                                                 monkeypatch):
    """Re-sent newer versions (edits, answers, a deletion), a conflict and a moved student:
    the server writes the plain updates in sets, the rest per record, and ends up holding
    exactly what SQLite does, conflicts included."""
    main = plantel(tmp_path, cct="14DCT0099Z", count=6, seed=4)
    other = plantel(tmp_path, cct="30DCM0011K", count=2, seed=4)  # two of them moved
    lite = office(tmp_path, main, other, name="lite.sqlite")
    people = main.find_students()
    for person in people[:3]:
        answer(main, person.curp, "C1")
    bundles = [export(main, tmp_path / "a"), export(other, tmp_path / "b")]
    for person in people[2:5]:  # newer versions made on the merged ones
        main.save_student(replace(main.student_by_curp(person.curp), phone="3311112222"))
    main.delete_student(people[5].id)
    answer(main, people[1].curp, "C1")  # the same slot again: a newer version
    other.save_student(replace(other.find_students()[0], email="otra@example.com"))
    bundles += [export(main, tmp_path / "c"), export(other, tmp_path / "d")]
    copy_to_server(lite.store.path, pg_url)
    server = CentralWorkspace.open(pg_url, create=False)
    from seguimiento_desktop.storage.pg import merge_queries  # psycopg: only when it runs
    in_sets: list[str] = []
    for name in ("update_students", "update_responses"):
        def spy(*args, _real=getattr(merge_queries, name)):
            written = _real(*args)
            in_sets.extend(written)
            return written
        monkeypatch.setattr(merge_queries, name, spy)
    lite_counts = [o.counts for o in lite.merge(bundles).outcomes]
    server_counts = [o.counts for o in server.merge(bundles).outcomes]
    assert server_counts == lite_counts
    assert len(in_sets) >= 4  # three edits and a deletion at least, without the slow path
    assert content(server) == content(lite)
    assert [(c.id, c.label) for c in server.conflicts()] == \
        [(c.id, c.label) for c in lite.conflicts()]
