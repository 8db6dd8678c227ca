"""Follow-up status, contact log and the order of the call list."""

from datetime import date

import pytest

from seguimiento_desktop.domain.models import ContactAttempt, Response, StudentQuery
from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.storage import responses

TODAY = date(2026, 11, 23)


@pytest.fixture
def plantel(workspace):
    workspace.fill_demo(90, with_followup=False)
    return workspace


def _cohort_students(ws, cohort):
    return ws.find_students(StudentQuery(cohort=cohort))


def _answer(ws, student, questionnaire, status="completa"):
    with ws.store.transaction() as db:
        responses.write_responses(db, [Response(
            student_id=student.id, questionnaire=questionnaire, version=1, status=status,
            id=f"r-{student.id}-{questionnaire}", updated_at=ws.store.clock.now(),
            origin=ws.store.installation_id)])


def test_status_counts_students_and_finished_responses(plantel):
    graduates = _cohort_students(plantel, "2023-2026")
    for student in graduates[:10]:
        _answer(plantel, student, "C2")
    _answer(plantel, graduates[10], "C2", status="parcial")
    lines = {(l.window.cohort, l.window.questionnaire): l for l in plantel.followup_status(TODAY)}
    c2 = lines[("2023-2026", "C2")]
    assert (c2.students, c2.complete, c2.partial, c2.state) == (len(graduates), 10, 1, "en_curso")
    assert c2.rate == pytest.approx(10 / len(graduates))
    assert lines[("2024-2027", "C1")].state == "pendiente"


def test_call_list_skips_finished_and_refusals_and_puts_reachable_first(plantel):
    graduates = _cohort_students(plantel, "2023-2026")
    _answer(plantel, graduates[0], "C2")
    plantel.log_contact_attempt(ContactAttempt(graduates[1].id, TODAY, "telefono", "rechazo"))
    plantel.log_contact_attempt(ContactAttempt(graduates[2].id, TODAY, "whatsapp", "contesto"))
    pending = plantel.pending_contacts("2023-2026", "C2")
    ids = [p.student.id for p in pending]
    assert graduates[0].id not in ids and graduates[1].id not in ids
    assert len(pending) == len(graduates) - 2
    with_phone = [p for p in pending if p.student.phone]
    assert pending[0].student.phone and pending[0].successes == 1 or pending[0] is with_phone[0]
    assert all(p.student.phone for p in pending[:len(with_phone)])


def test_contact_log_is_newest_first_and_updates_the_status(plantel):
    student = _cohort_students(plantel, "2023-2026")[0]
    plantel.log_contact_attempt(ContactAttempt(student.id, date(2026, 10, 2), "telefono", "no_contesto"))
    plantel.log_contact_attempt(ContactAttempt(student.id, date(2026, 10, 9), "correo", "contesto",
                                               note="Respondió por correo"))
    log = plantel.contact_attempts(student.id)
    assert [a.attempted_on for a in log] == [date(2026, 10, 9), date(2026, 10, 2)]
    assert plantel.student(student.id).contact_status == "localizado"


def test_unknown_medium_is_refused(plantel):
    student = _cohort_students(plantel, "2023-2026")[0]
    with pytest.raises(InvalidData):
        plantel.log_contact_attempt(ContactAttempt(student.id, TODAY, "paloma", "contesto"))
    assert plantel.contact_attempts(student.id) == []


def test_status_can_be_set_by_hand(plantel):
    student = _cohort_students(plantel, "2023-2026")[0]
    assert plantel.set_contact_status(student.id, "baja").contact_status == "baja"
    with pytest.raises(InvalidData):
        plantel.set_contact_status(student.id, "perdido")
