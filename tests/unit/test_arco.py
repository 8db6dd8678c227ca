"""ARCO cancelación: the person's contact data, answers and contact log go, as tombstones
that reach the central office."""

from datetime import date

import pytest

from seguimiento_desktop.domain.models import ContactAttempt
from seguimiento_desktop.errors import NotFound
from seguimiento_desktop.privacy.arco import cancel_person
from tests.sync_support import answer, export, office, plantel
from tests.conftest import raw_connection


def test_a_cancelled_person_is_erased_here_and_at_the_office(tmp_path):
    workspace = plantel(tmp_path, count=4)
    central = office(tmp_path, workspace)
    person, other = workspace.find_students()[:2]
    for questionnaire in ("C1", "C2"):
        answer(workspace, person.curp, questionnaire)
    answer(workspace, other.curp)
    workspace.log_contact_attempt(ContactAttempt(
        student_id=person.id, attempted_on=date(2026, 10, 1), medium="telefono",
        result="no_contesto", note="dejé recado con su mamá, 33 1234 5678"))
    assert central.merge([export(workspace, tmp_path / "usb1")]).outcomes[0].accepted
    assert cancel_person(workspace.store, person.id) == (2, 1)
    assert workspace.student_by_curp(person.curp) is None
    assert workspace.response_for(person.id, "C1") is None
    assert workspace.response_for(other.id, "C1") is not None  # nobody else touched
    outcome = central.merge([export(workspace, tmp_path / "usb2")]).outcomes[0]
    assert outcome.accepted, outcome.message
    for path in (workspace.path, central.store.path):
        with raw_connection(path) as conn:
            row = conn.execute("SELECT deleted, phone, email FROM students WHERE curp = ?",
                               [person.curp]).fetchone()
            answers = conn.execute("SELECT deleted, answers FROM responses WHERE student_id = ?",
                                   [person.id]).fetchall()
            notes = conn.execute("SELECT deleted, note FROM contact_attempts WHERE "
                                 "student_id = ?", [person.id]).fetchall()
        assert row == (1, "", ""), path
        assert sorted(answers) == [(1, "{}"), (1, "{}")], path
        assert notes == [(1, "")], path
    with pytest.raises(NotFound):
        cancel_person(workspace.store, person.id)


def test_the_cancellation_and_its_bitacora_line_are_one_write(tmp_path):
    """The next list's import keeps the person out by this line: written by cancel_person
    in its own transaction, whichever face called it, once."""
    from seguimiento_desktop.storage.audit import AuditQuery, find
    workspace = plantel(tmp_path, count=3)
    person = workspace.find_students()[0]
    answer(workspace, person.curp, "C1")
    cancel_person(workspace.store, person.id, "orientadora")
    lines = find(workspace.store.db, AuditQuery(action="arco_cancelacion"))
    assert [(e.target, e.user) for e in lines] == [(person.curp, "orientadora")]
