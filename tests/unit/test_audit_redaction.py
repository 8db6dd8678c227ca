"""The bitácora keeps a person's data apart from its chain, so a purge or a cancellation
can blank them without breaking it; a detail edited or blanked by hand still shows."""

import json
from dataclasses import replace
from datetime import date

import pytest
from sqlite_utils import Database

from seguimiento_desktop.privacy.arco import cancel_person
from seguimiento_desktop.privacy.retention import purge_contact_data
from seguimiento_desktop.services import Workspace
from seguimiento_desktop.storage import audit
from seguimiento_desktop.storage.audit import AuditQuery
from seguimiento_desktop.storage.migrations import migrations
from tests.conftest import TEST_USER, raw_connection
from tests.unit.test_audit_log import admin  # noqa: F401  # the fixture: demo + administrator

OLD_PHONE, NEW_PHONE = "3399887766", "3311223344"


def edited(admin):
    student = admin.save_student(replace(admin.find_students()[0], phone=OLD_PHONE))
    return admin.save_student(replace(student, phone=NEW_PHONE))


def test_the_chain_holds_a_digest_not_the_values(admin, db_path):
    student = edited(admin)
    edit = admin.audit_log(AuditQuery(action="editar_alumno"))[0]
    assert edit.detail == {"phone": [OLD_PHONE, NEW_PHONE]}
    with raw_connection(db_path) as raw:
        chained = [r[0] for r in raw.execute("SELECT detail FROM audit_log")]
    assert all(d.startswith(audit.DIGEST) for d in chained)
    assert not any(OLD_PHONE in d or student.curp in d for d in chained)


def test_a_cancellation_blanks_the_persons_details_and_the_chain_still_agrees(admin):
    student = edited(admin)
    other = admin.find_students()[1]
    admin.save_student(replace(other, email="otra@example.com"))
    cancel_person(admin.store, student.id, TEST_USER)
    rows = {e.action: e for e in admin.audit_log(AuditQuery(action="editar_alumno"))
            if e.target == student.curp}
    entry = rows["editar_alumno"]
    assert entry.detail == {} and entry.detail_text() == f"(depurado el {date.today()})"
    redaction = admin.audit_log(AuditQuery(action=audit.REDACTION))[0]
    assert (redaction.user, redaction.target) == (TEST_USER, "arco_cancelacion")
    assert entry.seq in redaction.detail["registros"]
    kept = [e for e in admin.audit_log() if e.target == other.curp][0]
    assert kept.detail == {"email": [other.email, "otra@example.com"]}
    check = admin.verify_audit_chain()
    assert check.ok and check.purged >= 2, check.description()
    assert "depurado" in check.description()


@pytest.mark.parametrize("tamper", [
    "UPDATE audit_detail SET detail = replace(detail, '{new}', '3300000000')",
    "UPDATE audit_detail SET salt = '', detail = '', redacted_at = '2026-01-01'",
    "DELETE FROM audit_detail",
])
def test_a_detail_edited_blanked_or_deleted_by_hand_breaks_the_chain(admin, db_path, tamper):
    edited(admin)
    seq = admin.audit_log(AuditQuery(action="editar_alumno"))[0].seq
    with raw_connection(db_path) as raw:
        raw.execute(tamper.format(new=NEW_PHONE) + " WHERE seq = ?", [seq])
    check = admin.verify_audit_chain()
    assert (check.ok, check.broken_at) == (False, seq), check.description()


def test_a_retention_purge_blanks_the_details_of_the_cohorts_people(admin):
    student = edited(admin)
    purge_contact_data(admin.store, months=0, today=date(2100, 1, 1), user=TEST_USER)
    entry = [e for e in admin.audit_log(AuditQuery(action="editar_alumno"))
             if e.target == student.curp][0]
    assert entry.redacted == date.today().isoformat()
    assert admin.audit_log(AuditQuery(action=audit.REDACTION))[0].target == "depurar_contactos"
    assert admin.verify_audit_chain().ok


def old_log_database(path, rows: int = 4):
    """A database as schema 9 left it, its bitácora's details inside the chained rows."""
    db = Database(raw_connection(path, isolation_level=None))
    migrations.apply(db, stop_before="0010_audit_details_apart")
    applied = [name for name, _ in migrations._migrations].index("0010_audit_details_apart")
    db.execute(f"PRAGMA user_version = {applied}")
    previous = audit.GENESIS
    for seq in range(1, rows + 1):
        detail = json.dumps({"phone": [OLD_PHONE, str(seq)]})
        stored = audit.row_hash(previous, seq, "2026-01-01T10:00:00", "admin", "editar_alumno",
                                "CURP", detail)
        db.execute("INSERT INTO audit_log VALUES (?, '2026-01-01T10:00:00', 'admin', "
                   "'editar_alumno', 'CURP', ?, ?, ?)", [seq, detail, previous, stored])
        previous = stored
    db.conn.close()
    return previous


@pytest.mark.parametrize("tampered", [False, True])
def test_the_migration_moves_old_details_apart_and_chains_again(tmp_path, tampered):
    path = tmp_path / "v9.sqlite"
    head = old_log_database(path)
    if tampered:
        with raw_connection(path) as raw:
            raw.execute("DROP TRIGGER audit_log_no_update")
            raw.execute("UPDATE audit_log SET user = 'otro' WHERE seq = 2")
    with Workspace.open(path) as workspace:
        assert workspace.verify_audit_chain().ok
        mark = workspace.audit_log(AuditQuery(action="reencadenar_bitacora"))[0]
        assert mark.seq == 5 and mark.detail["sello_anterior"] == head
        assert mark.detail["nota"] == "re-encadenada en la migración 10"
        assert mark.detail["cadena_anterior"] == (
            "rota en el registro 2" if tampered else "íntegra")
        assert workspace.audit_log(AuditQuery(action="editar_alumno"))[0].detail == {
            "phone": [OLD_PHONE, "4"]}
        chained = [r[0] for r in workspace.store.db.execute("SELECT detail FROM audit_log")]
        assert not any(OLD_PHONE in d for d in chained)
        with pytest.raises(Exception, match="no se modifica"):
            workspace.store.db.execute("UPDATE audit_log SET user = 'x' WHERE seq = 1")
