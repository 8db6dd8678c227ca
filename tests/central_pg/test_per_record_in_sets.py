"""Moves, renames and conflicts on the server: settled by the same rules, in sets.

The records the set-based UPDATE leaves (a second plantel's record of a person, a row that
takes a smaller record id, two answers for one slot, two versions of one record in one
bundle) go through the shared per-record rules over a picture read and written in sets
(``storage/pg/merge_overlay.py``). Each test merges the same bundles into a SQLite office
and its copy on the server and finds the same counts, content and conflicts.
"""

import json
from collections import Counter
from dataclasses import replace

import pytest
from store_content import content
from sync_support import answer, export, office, plantel, rewrite_bundle

from seguimiento_desktop.storage import sync_state
from seguimiento_desktop.sync.central_store import copy_to_server
from seguimiento_desktop.sync.central_workspace import CentralWorkspace
from seguimiento_desktop.sync.lines import response_line, student_line

FIRST, SECOND = "14DCT0099Z", "30DCM0011K"


def same_in_both(lite, pg_url, bundles, order=None):
    """Merge ``bundles`` (each in its own call, in ``order``) into the SQLite office
    ``lite`` and its copy on the server; assert both hold the same. The server's office
    and the statements it was sent, by verb."""
    copy_to_server(lite.store.path, pg_url)
    server = CentralWorkspace.open(pg_url, create=False)
    statements: Counter[str] = Counter()
    execute = server.store.db.execute

    def counted(sql, *args):
        statements[sql[:60]] += 1
        return execute(sql, *args)
    for bundle in order or bundles:
        expected = lite.merge([bundle]).outcomes[0]
        server.store.db.execute = counted
        found = server.merge([bundle]).outcomes[0]
        server.store.db.execute = execute
        assert found.accepted and found.counts == expected.counts, (found, expected)
    assert content(server) == content(lite)
    assert [(c.id, c.label, c.other_value) for c in server.conflicts()] == \
        [(c.id, c.label, c.other_value) for c in lite.conflicts()]
    return server, statements


@pytest.mark.parametrize("newest_first", [False, True], ids=["in order", "newest first"])
def test_moved_students_answered_twice_and_edited_hold_the_same(tmp_path, pg_url,
                                                                newest_first):
    """Both planteles hold the same eight people and answered C1 for three of them (two
    answers for one slot); the second edits two moved students; then each sends more.
    Newest first, the first plantel's smaller record ids arrive last: every row is renamed."""
    first = plantel(tmp_path, FIRST, count=8, seed=5)
    second = plantel(tmp_path, SECOND, count=8, seed=5)  # the same CURPs, later ids
    lite = office(tmp_path, first, second, name="lite.sqlite")
    people = [p.curp for p in first.find_students()]
    for curp in people[:3]:
        answer(first, curp, "C1")
        answer(second, curp, "C1")
    answer(second, people[3], "C2")
    for curp in people[4:6]:
        second.save_student(replace(second.student_by_curp(curp), phone="3311112222"))
    bundles = [export(first, tmp_path / "a"), export(second, tmp_path / "b")]
    first.save_student(replace(first.student_by_curp(people[4]), email="nuevo@example.com"))
    answer(second, people[0], "C1")  # a newer version of its own answer in a held slot
    second.delete_student(second.student_by_curp(people[7]).id)
    bundles += [export(first, tmp_path / "c"), export(second, tmp_path / "d")]
    server, _ = same_in_both(lite, pg_url, bundles,
                             list(reversed(bundles)) if newest_first else None)
    assert server.store.db.execute("SELECT count(*) FROM students").fetchone()[0] == 8
    assert server.store.db.execute(
        "SELECT count(*) FROM sync_siblings WHERE kind = 'response'").fetchone()[0] >= 3


def records(workspace) -> list[dict]:
    """Every record of a plantel as its bundle lines carry them."""
    rows = [json.loads(student_line(r, "completo", None)) for r in
            sync_state.changed_rows(workspace.store.db, "students", 0, 1 << 62)]
    return rows + [json.loads(response_line(r)) for r in
                   sync_state.changed_rows(workspace.store.db, "responses", 0, 1 << 62)]


def test_two_versions_of_one_record_in_one_bundle_hold_the_same(tmp_path, pg_url):
    """A bundle that carries a student and a response twice (the second time newer, made
    on the first) besides a moved student: one batch, records repeated within it."""
    first = plantel(tmp_path, FIRST, count=3, seed=6)
    second = plantel(tmp_path, SECOND, count=3, seed=6)
    lite = office(tmp_path, first, second, name="lite.sqlite")
    answer(second, second.find_students()[0].curp, "C1")
    lines = records(second)
    student = next(r for r in lines if r["t"] == "student")
    reply = next(r for r in lines if r["t"] == "response")
    newer_student = {**student, "phone": "3355554444", "updated_at": student["updated_at"] + 7,
                     "base_updated_at": student["updated_at"], "base_origin": student["origin"]}
    newer_reply = {**reply, "status": "completa", "updated_at": reply["updated_at"] + 7}
    plain = "".join(json.dumps(r) + "\n" for r in lines + [newer_student, newer_reply]).encode()
    counts = Counter(r["t"] for r in lines + [newer_student, newer_reply])
    forged = rewrite_bundle(export(second, tmp_path / "b"), tmp_path / "repetido.seg", second,
                            plain=plain, change_manifest=lambda m: m.update(
                                plain_size=len(plain), counts={
                                    "students": counts["student"],
                                    "responses": counts["response"], "contact_attempts": 0}))
    server, _ = same_in_both(lite, pg_url, [export(first, tmp_path / "a"), forged])
    assert server.store.db.execute("SELECT phone FROM students WHERE curp = ?",
                                   [student["curp"]]).fetchone()[0] == "3355554444"


def test_a_bundle_of_moved_students_takes_a_few_statements_not_some_per_student(
        tmp_path, pg_url):
    """Forty students who moved (their CURPs held by the first plantel's rows), each with
    an answer for a slot the first plantel filled: a conflict each, settled in sets."""
    first = plantel(tmp_path, FIRST, count=40, seed=8)
    second = plantel(tmp_path, SECOND, count=40, seed=8)
    lite = office(tmp_path, first, second, name="lite.sqlite")
    for person in first.find_students():
        answer(first, person.curp, "C1")
        answer(second, person.curp, "C1")
    bundles = [export(first, tmp_path / "a"), export(second, tmp_path / "b")]
    server, statements = same_in_both(lite, pg_url, bundles)
    assert len(server.conflicts()) >= 40
    per_bundle = sum(statements.values()) / len(bundles)
    assert per_bundle < 60, statements  # 42 here; record by record, 431
