"""«Eliminar» a student: the tombstone keeps what the deletion needs to sync (id, CURP,
name, cohort) and loses the contact data, which nobody needs any more (docs/privacy.md)."""

from datetime import date

from seguimiento_desktop.domain.models import ContactAttempt, Response
from seguimiento_desktop.storage import responses
from seguimiento_desktop.storage import students as student_rows
from tests.sync_support import export, office, plantel

CONTACT = {"CORREO": "ana@example.mx", "DOMICILIO": "Av. Juárez 12", "COLONIA": "Centro",
           "CONTACTO_NOMBRE": "Rosa", "CONTACTO_TELEFONO": "3312345678"}


def test_a_deleted_student_keeps_what_sync_needs_and_loses_the_contact_data(tmp_path):
    workspace = plantel(tmp_path, count=4)
    central = office(tmp_path, workspace)
    person, other = workspace.find_students()[:2]
    person = workspace.save_student(person.with_changes(phone="3398765432",
                                                        email="ana@example.mx",
                                                        home_phone="3336161616"))
    for who in (person, other):
        workspace.save_response(Response(student_id=who.id, questionnaire="C1", version=1,
                                         answers={"SEXO": 2, **CONTACT}))
    workspace.log_contact_attempt(ContactAttempt(
        student_id=person.id, attempted_on=date(2026, 10, 1), medium="telefono",
        result="no_contesto", note="dejé recado con su mamá, 33 1234 5678"))
    workspace.delete_student(person.id)
    assert workspace.student_by_curp(person.curp) is None
    tombstone = student_rows.student_by_id(workspace.store.db, person.id)
    assert tombstone.deleted and (tombstone.phone, tombstone.email, tombstone.home_phone) == \
        ("", "", "")
    assert (tombstone.id, tombstone.curp, tombstone.full_name, tombstone.cohort) == \
        (person.id, person.curp, person.full_name, person.cohort)
    assert workspace.response_for(person.id, "C1").answers == {"SEXO": 2}  # statistics stay
    assert workspace.response_for(other.id, "C1").answers == {"SEXO": 2, **CONTACT}
    assert [a.note for a in responses.attempts_for(workspace.store.db, person.id)] == [""]
    logged = next(e for e in workspace.audit_log() if e.action == "borrar_alumno")
    assert "3398765432" not in str(logged.detail) and person.curp in str(logged.detail)
    outcome = central.merge([export(workspace, tmp_path / "usb")]).outcomes[0]
    assert outcome.accepted, outcome.message  # the tombstone reaches the office


def test_the_cli_deletes_a_student_as_the_window_does(run_cli, db_path):
    import json
    run_cli("demo", "--alumnos", "20", db=db_path, check=True)
    someone = next(s for s in json.loads(run_cli("students", "list", "--json", db=db_path,
                                                 check=True).stdout) if s["telefono"])
    said = run_cli("students", "delete", someone["curp"], "--si", db=db_path, check=True)
    assert someone["curp"] in said.stdout
    left = json.loads(run_cli("students", "list", "--json", db=db_path, check=True).stdout)
    assert someone["curp"] not in {s["curp"] for s in left} and len(left) == 19
    from tests.conftest import signed_in
    with signed_in(db_path) as workspace:
        tombstone = student_rows.students_by_curp(workspace.store.db, [someone["curp"]])
    gone = tombstone[someone["curp"]]
    assert gone.deleted and not (gone.phone or gone.email or gone.home_phone)
    missing = run_cli("students", "delete", someone["curp"], "--si", db=db_path)
    assert missing.returncode == 1 and "No hay ningún alumno" in missing.stderr
