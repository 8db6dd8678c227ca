"""Conflicts resolved at the central office (issue 13): per field, who and when.

Every test runs on both stores (``central_address``: a SQLite file, then a database on the
throwaway PostgreSQL cluster); the office is read through the store's own connection.
"""

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sync_support import export, plantel, two_pc_conflict

from seguimiento_desktop.errors import UserError
from seguimiento_desktop.sync.models import Pick
from tests.central_pg.conftest import central_address, pg_cluster, pg_url  # noqa: F401
from tests.conftest import raw_connection


def row(central, student_id):
    return tuple(central.store.db.execute(
        "SELECT phone, email, updated_at, origin FROM students WHERE id = ?",
        [student_id]).fetchone())


def test_each_way_of_resolving_becomes_the_rows_value_and_leaves_the_list(
        tmp_path, central_address):
    central, main, capture, first = two_pc_conflict(tmp_path, central_address)
    found = {c.label: c for c in central.conflicts()}
    phone, email = found["Teléfono"], found["Correo"]
    before = row(central, phone.row_id)
    stamps = [before[2]] + [r[0] for r in central.store.db.execute(
        "SELECT updated_at FROM sync_siblings").fetchall()]

    done = central.resolve_conflict(phone.id, Pick.OTHER, "  Ana   López ")
    assert (done.choice, done.value, done.resolved_by) == ("otro", phone.other_value, "Ana López")
    after = row(central, phone.row_id)
    assert after[0] == phone.other_value
    assert after[2] > max(stamps) and after[3] == central.store.installation_id
    assert [c.label for c in central.conflicts()] == ["Correo"]
    assert central.status().open_conflicts == 1

    central.resolve_conflict(email.id, "Otro.Correo@Example.com ", "Ana López")
    assert row(central, email.row_id)[1] == "otro.correo@example.com"
    assert central.conflicts() == []
    recorded = [tuple(r) for r in central.store.db.execute(
        "SELECT field, choice, value, resolved_by, resolved_at FROM sync_resolutions "
        "ORDER BY field").fetchall()]
    assert [r[:4] for r in recorded] == [
        ("email", "valor", "otro.correo@example.com", "Ana López"),
        ("phone", "otro", phone.other_value, "Ana López")]
    assert all(r[4] for r in recorded)


def test_keeping_the_kept_value_restamps_it_above_both_versions(tmp_path, central_address):
    central, *_ = two_pc_conflict(tmp_path, central_address)
    phone = next(c for c in central.conflicts() if c.label == "Teléfono")
    before = row(central, phone.row_id)
    central.resolve_conflict(phone.id, Pick.KEPT, "Ana")
    after = row(central, phone.row_id)
    assert after[0] == before[0] and after[2] > before[2]
    assert [c.label for c in central.conflicts()] == ["Correo"]


def test_unknown_ids_and_invalid_values_are_refused_in_spanish_and_change_nothing(
        tmp_path, central_address):
    central, *_ = two_pc_conflict(tmp_path, central_address)
    phone = next(c for c in central.conflicts() if c.label == "Teléfono")
    before = row(central, phone.row_id)
    with pytest.raises(UserError, match="No hay un conflicto abierto"):
        central.resolve_conflict("no-existe:1:2:phone", Pick.KEPT, "Ana")
    with pytest.raises(UserError, match="no es válido para «Teléfono»"):
        central.resolve_conflict(phone.id, "12", "Ana")
    with pytest.raises(UserError, match="quién resuelve"):
        central.resolve_conflict(phone.id, Pick.KEPT, "  ")
    assert row(central, phone.row_id) == before
    assert len(central.conflicts()) == 2
    central.resolve_conflict(phone.id, Pick.KEPT, "Ana")
    with pytest.raises(UserError, match="ya se resolvió"):
        central.resolve_conflict(phone.id, Pick.OTHER, "Ana")


def test_a_later_bundle_merges_after_a_resolution(tmp_path, central_address):
    central, main, capture, first = two_pc_conflict(tmp_path, central_address)
    for conflict in central.conflicts():
        central.resolve_conflict(conflict.id, Pick.KEPT, "Ana")
    main.save_student(replace(main.student(first.id), career="PROGRAMACIÓN"))
    report = central.merge([export(main, tmp_path / "c")])
    assert all(o.accepted for o in report.outcomes)


# --- The resolution travels back in the next acknowledgement -------------------------------


def merged_with_ack(central, workspace, folder):
    outcome = central.merge([export(workspace, folder)], acks_dir=folder).outcomes[0]
    assert outcome.accepted
    return outcome.ack_path


def test_the_next_acknowledgement_carries_the_resolution_to_the_plantel(tmp_path, central_address):
    central, main, capture, first = two_pc_conflict(tmp_path, central_address)
    other = plantel(tmp_path, cct="30DCM0011K", count=2, seed=7)
    found = {c.label: c for c in central.conflicts()}
    central.resolve_conflict(found["Teléfono"].id, Pick.OTHER, "Ana")
    central.resolve_conflict(found["Correo"].id, "bien@example.com", "Ana")
    # Another plantel enrolled later: its acknowledgement carries nothing of this one.
    request = other.sync_enrollment(tmp_path / "solicitud-otro.json")
    central.enroll(request.path, request.fingerprint.hex)
    package = central.write_config_package(tmp_path / "config-2.json")
    other.import_config(package.path, package.fingerprint.words)
    other_ack = merged_with_ack(central, other, tmp_path / "otro")
    assert "resolutions" not in json.loads(Path(other_ack).read_text())["body"]
    assert other.import_ack(other_ack).corrections == 0

    for pc in (main, capture):
        ack = merged_with_ack(central, pc, tmp_path / pc.store.installation_id[-6:])
        result = pc.import_ack(ack)
        assert result.corrections == 2
        mine = pc.student(first.id)
        assert (mine.phone, mine.email) == (found["Teléfono"].other_value, "bien@example.com")
        assert pc.import_ack(ack).corrections == 0  # applied once
    # The plantels' new versions were made on the office's: an update, not a conflict.
    for pc in (main, capture):
        outcome = central.merge([export(pc, tmp_path / f"r{pc.store.installation_id[-6:]}")]
                                ).outcomes[0]
        assert outcome.accepted and outcome.counts.conflicts == 0
    assert central.conflicts() == []
    assert row(central, first.id)[:2] == (found["Teléfono"].other_value, "bien@example.com")


def test_a_later_edit_at_the_plantel_wins_over_an_older_resolution(tmp_path, central_address):
    central, main, capture, first = two_pc_conflict(tmp_path, central_address)
    phone = next(c for c in central.conflicts() if c.label == "Teléfono")
    central.resolve_conflict(phone.id, Pick.OTHER, "Ana")
    ack = merged_with_ack(central, main, tmp_path / "c")
    main.save_student(replace(main.student(first.id), phone="3311111111"))
    assert main.import_ack(ack).corrections == 0
    assert main.student(first.id).phone == "3311111111"


def test_a_resolved_deletion_travels_to_every_pc_of_the_plantel(tmp_path, central_address):
    """«Eliminado»: one PC deleted the student while another edited it. The office takes
    the deletion; each PC's next acknowledgement deletes it there too (and the one that
    had deleted it already stays so), and their next bundles bring no conflict back."""
    central, main, capture, first = two_pc_conflict(tmp_path, central_address)
    main.delete_student(first.id)
    capture.save_student(replace(capture.student(first.id), phone="3300000000"))
    central.merge([export(main, tmp_path / "c"), export(capture, tmp_path / "d")])
    deleted = next(c for c in central.conflicts() if c.label == "Eliminado")
    assert (deleted.kept_value, deleted.other_value) == ("False", "True")
    central.resolve_conflict(deleted.id, Pick.OTHER, "Ana")
    for pc in (capture, main):
        ack = merged_with_ack(central, pc, tmp_path / pc.store.installation_id[-6:])
        assert pc.import_ack(ack).corrections == 1
        with raw_connection(pc.store.path) as conn:
            assert conn.execute("SELECT deleted FROM students WHERE id = ?",
                                [first.id]).fetchone() == (1,)
    for pc in (capture, main):
        central.merge([export(pc, tmp_path / f"r{pc.store.installation_id[-6:]}")])
    assert "Eliminado" not in [c.label for c in central.conflicts()]
    assert tuple(central.store.db.execute("SELECT deleted FROM students WHERE id = ?",
                                          [first.id]).fetchone()) == (1,)
