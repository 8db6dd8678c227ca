"""A deletion sent by one plantel for a person another plantel keeps live.

Found by an outside tester: plantel A sent a tombstone under a record id of its own with
the CURP of a student of plantel B (a student imported at A by mistake and deleted before
A's next bundle does the same, without any malice) and, its stamp being the newest, the
office's row became A's deletion: the student left B's counts and every indicator until
someone resolved the conflict. A plantel's deletion deletes its own enrollment of the
person, never another plantel's live one; the conflict is still listed for review.
"""

import json

import pytest
from sync_support import export, office, plantel, rewrite_bundle

from seguimiento_desktop.domain.ids import uuid7
from seguimiento_desktop.storage import sync_state
from seguimiento_desktop.sync.lines import student_line
from tests.central_pg.conftest import central_address, pg_cluster, pg_url  # noqa: F401

P1, P2 = "14DCT0099Z", "30DCM0011K"


def one(central, sql: str, params: list):
    return central.store.db.execute(sql, params).fetchone()


@pytest.mark.parametrize("before", [True, False], ids=["b-primero", "a-primero"])
def test_a_deletion_from_another_plantel_never_hides_a_live_student(tmp_path, central_address,
                                                                    before):
    first, second = plantel(tmp_path, P1, 1, seed=1), plantel(tmp_path, P2, 2, seed=2)
    central = office(tmp_path, first, second, address=central_address)
    victim = json.loads(student_line(next(iter(sync_state.changed_rows(
        second.store.db, "students", 0, 1 << 62))), "completo", None))
    tombstone = dict(victim, id=uuid7(), origin=first.store.installation_id, deleted=True,
                     updated_at=victim["updated_at"] + (1 << 30), phone="", email="",
                     base_updated_at=None, base_origin=None)
    plain = (json.dumps(tombstone) + "\n").encode()
    deletion = rewrite_bundle(export(first, tmp_path / "p1"), tmp_path / "baja.seg", first,
                              plain=plain, change_manifest=lambda m: m.update(
                                  plain_size=len(plain), counts={
                                      "students": 1, "responses": 0, "contact_attempts": 0}))
    bundles = [export(second, tmp_path / "p2"), deletion]
    for bundle in bundles if before else bundles[::-1]:
        assert central.merge([bundle]).outcomes[0].accepted
    assert one(central, "SELECT school_cct, deleted FROM students WHERE curp = ?",
               [victim["curp"]]) == (P2, 0)
    assert one(central, "SELECT count(*) FROM students WHERE school_cct = ? AND deleted = 0",
               [P2])[0] == 2
    deleted = [c for c in central.conflicts() if c.field == "deleted"]
    assert len(deleted) == 1 and {deleted[0].kept_value, deleted[0].other_value} == {
        "True", "False"}
    for workspace in (first, second, central):
        workspace.close()
