"""A later version that changes a student's CURP to one another student already has at the
office becomes a «CURP» conflict for review (issue 13), never a silent keep.

The office's side runs on both stores (``central_address``); the CLI test on a file."""

import json
from dataclasses import replace

import pytest
from sync_support import export, office, plantel

from seguimiento_desktop.errors import UserError
from seguimiento_desktop.sync.models import Pick
from tests.central_pg.conftest import central_address, pg_cluster, pg_url  # noqa: F401


def _collision(tmp_path, address=None):
    """Plantel A changes a student's CURP (and phone) to the CURP of plantel B's student."""
    a = plantel(tmp_path, "14DCT0099Z", count=2, seed=1)
    b = plantel(tmp_path, "20DCT0001B", count=2, seed=2)
    central = office(tmp_path, a, b, address=address)
    central.merge([export(a, tmp_path / "a1"), export(b, tmp_path / "b1")])
    mine, theirs = a.find_students()[0], b.find_students()[0]
    a.save_student(replace(mine, curp=theirs.curp, phone="3312345678"))
    report = central.merge([export(a, tmp_path / "a2")])
    return central, a, mine, theirs, report


def rows(central):
    return dict(central.store.db.execute("SELECT id, curp || ' ' || phone || ' ' || "
                                         "school_cct FROM students").fetchall())


def test_the_change_is_kept_for_review_and_nobody_is_overwritten(tmp_path, central_address):
    central, a, mine, theirs, report = _collision(tmp_path, central_address)
    assert report.outcomes[0].counts.conflicts == 1
    stored = rows(central)
    assert stored[mine.id] == f"{mine.curp} 3312345678 14DCT0099Z"  # the rest is taken
    assert stored[theirs.id] == f"{theirs.curp} {theirs.phone} 20DCT0001B"
    found = central.conflicts()
    assert [(c.label, c.kept_value, c.other_value, c.curp) for c in found] == [
        ("CURP", mine.curp, theirs.curp, mine.curp)]
    assert central.status().open_conflicts == 1
    # A later merge of anything (the same bundle again, another plantel) keeps it listed.
    central.merge([export(a, tmp_path / "a3")])
    assert [c.id for c in central.conflicts()] == [found[0].id]


def test_taking_the_other_curp_is_refused_keeping_ours_resolves_it(tmp_path, central_address):
    central, a, mine, theirs, _ = _collision(tmp_path, central_address)
    conflict = central.conflicts()[0]
    with pytest.raises(UserError, match=f"La CURP {theirs.curp} ya es de otro alumno"):
        central.resolve_conflict(conflict.id, Pick.OTHER, "Ana")
    with pytest.raises(UserError, match="ya es de otro alumno"):
        central.resolve_conflict(conflict.id, theirs.curp, "Ana")
    assert [c.id for c in central.conflicts()] == [conflict.id]
    done = central.resolve_conflict(conflict.id, Pick.KEPT, "Ana")
    assert (done.field, done.value) == ("curp", mine.curp)
    assert central.conflicts() == [] and rows(central)[mine.id].startswith(mine.curp)


def test_listed_by_the_cli_as_a_curp_conflict(run_cli, tmp_path):
    central, a, mine, theirs, _ = _collision(tmp_path)
    path = str(central.store.path)
    for workspace in (central, a):
        workspace.close()
    listed = json.loads(run_cli("central", "--db", path, "conflicts", "--json",
                                check=True).stdout)
    assert [(c["campo"], c["valor_conservado"], c["otro_valor"], c["origen_conservado"],
             c["otro_origen"]) for c in listed] == [
        ("CURP", mine.curp, theirs.curp, "14DCT0099Z", "14DCT0099Z")]
    refused = run_cli("central", "--db", path, "resolve", listed[0]["id"], "--otro")
    assert refused.returncode == 1 and "ya es de otro alumno" in refused.stderr
