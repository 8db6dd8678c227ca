"""The bitácora: who did what and when, hash-chained so an edit or a deletion shows."""

import csv
from dataclasses import replace

import pytest
from hypothesis import given, strategies as st

from seguimiento_desktop.accounts import codes
from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.services import Workspace
from seguimiento_desktop.storage.audit import AuditQuery
from seguimiento_desktop.storage.encryption import database_errors
from tests.conftest import TEST_PASSWORD, TEST_USER, add_administrator, raw_connection


@pytest.fixture
def admin(db_path):
    with Workspace.open(db_path) as workspace:
        workspace.fill_demo(10, with_followup=False)
    add_administrator(db_path)
    with Workspace.sign_in(db_path, TEST_USER, TEST_PASSWORD) as workspace:
        yield workspace


def actions(workspace) -> list[str]:
    return [e.action for e in reversed(workspace.audit_log())]


def test_sign_ins_failures_edits_and_exports_are_recorded(admin, db_path, tmp_path):
    with pytest.raises(Exception):
        Workspace.sign_in(db_path, TEST_USER, "equivocada")
    student = admin.find_students()[0]
    admin.save_student(replace(student, phone="3312345678"))
    admin.export_responses("csv", tmp_path / "c1.csv", "C1")
    admin.backup(tmp_path / "respaldo.sqlite")
    admin.delete_student(student.id)
    assert "inicio_fallido" not in actions(admin)  # waiting in the key file: no key yet
    Workspace.sign_in(db_path, TEST_USER, TEST_PASSWORD).close()  # it goes in the bitácora now
    assert actions(admin)[:3] == ["llenar_demostracion", "crear_administrador", "inicio_sesion"]
    assert actions(admin)[3:] == ["editar_alumno", "exportar_respuestas", "respaldar",
                                  "borrar_alumno", "inicio_fallido", "inicio_sesion"]
    edit = admin.audit_log(AuditQuery(action="editar_alumno"))[0]
    assert (edit.user, edit.target) == (TEST_USER, student.curp)
    assert edit.detail == {"phone": [student.phone, "3312345678"]}
    assert admin.audit_log(AuditQuery(action="respaldar"))[0].detail == {
        "destino": str(tmp_path / "respaldo.sqlite")}
    assert admin.verify_audit_chain().ok


def test_an_edited_row_breaks_the_chain_where_it_was(admin, db_path):
    for name in ("uno", "dos", "tres"):
        admin.log_action("prueba", name)
    assert admin.verify_audit_chain().ok
    with raw_connection(db_path) as raw:
        with pytest.raises(database_errors(), match="no se modifica"):
            raw.execute("UPDATE audit_log SET user = 'otro' WHERE target = 'dos'")
        raw.execute("DROP TRIGGER audit_log_no_update")  # someone with a raw SQLite tool
        raw.execute("UPDATE audit_log SET user = 'otro' WHERE target = 'dos'")
        seq = raw.execute("SELECT seq FROM audit_log WHERE target = 'dos'").fetchone()[0]
    check = admin.verify_audit_chain()
    assert (check.ok, check.broken_at, check.rows) == (False, seq, seq - 1)
    assert f"se rompe en el registro {seq}" in check.description()


def test_a_deleted_row_breaks_the_chain(admin, db_path):
    for name in ("uno", "dos", "tres"):
        admin.log_action("prueba", name)
    with raw_connection(db_path) as raw:
        raw.execute("DROP TRIGGER audit_log_no_delete")
        seq = raw.execute("SELECT seq FROM audit_log WHERE target = 'dos'").fetchone()[0]
        raw.execute("DELETE FROM audit_log WHERE seq = ?", [seq])
    assert admin.verify_audit_chain().broken_at == seq


def test_a_restore_keeps_the_accounts_and_the_trail(admin, db_path, tmp_path):
    backup = admin.backup(tmp_path / "antes.sqlite")
    admin.create_user("ana", "Ana Pérez", "orientador", "clave-de-ana")
    aside = admin.restore_backup(backup)
    assert [u.name for u in admin.users()] == ["admin", "ana"]
    with Workspace.sign_in(aside, TEST_USER, TEST_PASSWORD) as kept:  # its key file beside it
        assert [u.name for u in kept.users()] == ["admin", "ana"]
    assert actions(admin)[-3:] == ["respaldar", "crear_usuario", "restaurar_respaldo"]
    assert admin.verify_audit_chain().ok
    with raw_connection(db_path) as raw:
        with pytest.raises(database_errors()):
            raw.execute("DELETE FROM audit_log")


def test_the_log_filters_and_exports_as_csv(admin, tmp_path):
    admin.log_action("prueba", "=1+1")
    out = tmp_path / "bitacora.csv"
    assert admin.export_audit(out, AuditQuery(action="prueba")) == 1
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0][:4] == ["registro", "fecha", "usuario", "accion"]
    assert rows[1][3:5] == ["prueba", "'=1+1"]  # never a formula in Excel
    assert admin.audit_log(AuditQuery(user="nadie")) == []
    assert "exportar_bitacora" in admin.audit_actions()


@given(st.text(alphabet=codes.ALPHABET, min_size=24, max_size=24),
       st.sampled_from(["", " ", "-", "  -"]), st.booleans())
def test_a_recovery_code_is_read_back_however_it_is_typed(plain, separator, lower):
    printed = "-".join(plain[i:i + 4] for i in range(0, 24, 4))
    typed = separator.join(plain[i:i + 4] for i in range(0, 24, 4))
    typed = typed.lower() if lower else typed
    assert codes.normalize_recovery_code(typed.replace("0", "O").replace("1", "l")) == printed


@given(st.text(max_size=40))
def test_anything_else_is_a_spanish_error_or_a_well_formed_code(text):
    try:
        code = codes.normalize_recovery_code(text)
    except InvalidData as error:
        assert "código de recuperación" in str(error)
    else:
        assert len(code) == 29 and codes.normalize_recovery_code(code) == code


@given(st.text(max_size=40))
def test_user_names_are_plain_or_refused(text):
    try:
        name = codes.normalize_user_name(text)
    except InvalidData:
        return
    assert codes.NAME_PATTERN.fullmatch(name) and codes.normalize_user_name(name) == name


def test_new_recovery_codes_read_back_as_themselves():
    code = codes.new_recovery_code()
    assert codes.normalize_recovery_code(code) == code != codes.new_recovery_code()


def test_a_contact_attempt_names_the_person_and_the_questionnaire(admin):
    from datetime import date

    from seguimiento_desktop.domain.models import ContactAttempt
    student = admin.find_students()[0]
    admin.log_contact_attempt(ContactAttempt(student.id, date.today(), "telefono",
                                             "no_contesto", questionnaire="C2"))
    entry = admin.audit_log(AuditQuery(action="registrar_intento_contacto"))[0]
    assert entry.detail == {"intento": f"C2 de {student.id}"}
