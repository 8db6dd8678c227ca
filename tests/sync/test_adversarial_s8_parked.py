"""A record that waits for its student, sent by a plantel that never had that student.

Found by an outside tester: plantel A sent a response hanging on a record id of plantel
B's (a database copied from B's PC and enrolled as A does it without malice); it waited
for its student, and when B's own bundle brought that student, B's bundle was refused
(«El paquete de A trae datos de un alumno que registró otro plantel»), that one and
every later one: B could never deliver again. The waiting record stays waiting; the
bundle of the plantel that owns the student is merged.
"""

import json

from sync_support import answer, export, office, plantel, rewrite_bundle

from seguimiento_desktop.domain.ids import uuid7
from seguimiento_desktop.storage import sync_state
from seguimiento_desktop.sync.lines import response_line, student_line
from tests.central_pg.conftest import central_address, pg_cluster, pg_url  # noqa: F401

P1, P2 = "14DCT0099Z", "30DCM0011K"


def test_a_record_waiting_on_another_planteles_student_never_blocks_that_plantel(
        tmp_path, central_address):
    first, second = plantel(tmp_path, P1, 1, seed=1), plantel(tmp_path, P2, 2, seed=2)
    central = office(tmp_path, first, second, address=central_address)
    answer(first, first.find_students()[0].curp)
    theirs = second.find_students()[0]
    db = first.store.db
    own = [student_line(r, "completo", None) for r in sync_state.changed_rows(db, "students", 0, 1 << 62)]
    stray = json.loads(response_line(next(iter(sync_state.changed_rows(db, "responses", 0, 1 << 62)))))
    stray.update(id=uuid7(), student_id=theirs.id)
    plain = "".join(line + "\n" for line in [*own, json.dumps(stray)]).encode()
    stray_bundle = rewrite_bundle(export(first, tmp_path / "p1"), tmp_path / "espera.seg", first,
                                  plain=plain, change_manifest=lambda m: m.update(
                                      plain_size=len(plain), counts={
                                          "students": 1, "responses": 1, "contact_attempts": 0}))
    assert central.merge([stray_bundle]).outcomes[0].counts.waiting == 1

    outcome = central.merge([export(second, tmp_path / "p2")]).outcomes[0]
    assert outcome.accepted, outcome.message
    db = central.store.db
    assert db.execute("SELECT count(*) FROM responses WHERE student_id = ?",
                      [theirs.id]).fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM students WHERE school_cct = ?", [P2]).fetchone()[0] == 2
    assert central.status().waiting_records == 1  # still waiting, for the office to see
    for workspace in (first, second, central):
        workspace.close()
