"""Consent with consequences: «No acepto» in C1 takes the person out of the follow-up."""

from datetime import date

from seguimiento_desktop.domain.consent import CONSENT_QUESTION, REFUSED_CODE
from seguimiento_desktop.domain.models import Response


def demo(workspace):
    workspace.fill_demo(300)
    return workspace


def refused_ids(workspace) -> set[str]:
    rows = workspace.store.db.execute(
        "SELECT student_id FROM responses WHERE questionnaire = 'C1' AND deleted = 0 AND "
        f"json_extract(answers, '$.{CONSENT_QUESTION}') = {REFUSED_CODE}").fetchall()
    return {row[0] for row in rows}


def test_the_demo_never_asks_again_someone_who_refused(workspace):
    demo(workspace)
    refused = refused_ids(workspace)
    assert refused, "some demo students refuse, as in real planteles"
    for student_id in refused:
        assert workspace.student(student_id).contact_status == "rechazo"
        later = [workspace.response_for(student_id, q) for q in ("C2", "C3")]
        assert later == [None, None]


def test_a_refusal_keyed_in_c1_leaves_call_lists_and_denominators(workspace):
    demo(workspace)
    lines = [l for l in workspace.followup_status(date.today())
             if l.window.questionnaire in ("C2", "C3")]
    line = lines[0]
    pending = workspace.pending_contacts(line.window.cohort, line.window.questionnaire)
    student = pending[0].student
    before = next(l for l in workspace.followup_status(date.today())
                  if l.window == line.window).students
    c1 = workspace.response_for(student.id, "C1")
    answers = dict(c1.answers) if c1 else {}
    answers[CONSENT_QUESTION] = REFUSED_CODE
    workspace.save_response(Response(student_id=student.id, questionnaire="C1",
                                     answers=answers, mode="papel", keyer="ROSA",
                                     version=workspace.definition("C1").version))
    assert workspace.has_refused(student.id)
    assert student.id not in {p.student.id for p in workspace.pending_contacts(
        line.window.cohort, line.window.questionnaire)}
    after = next(l for l in workspace.followup_status(date.today())
                 if l.window == line.window).students
    assert after == before - 1


def test_a_refusal_does_not_undo_a_baja(workspace):
    demo(workspace)
    student = workspace.find_students()[0]
    workspace.set_contact_status(student.id, "baja")
    workspace.save_response(Response(student_id=student.id, questionnaire="C1",
                                     answers={CONSENT_QUESTION: REFUSED_CODE}, mode="papel",
                                     version=workspace.definition("C1").version,
                                     keyer="ROSA"))
    assert workspace.student(student.id).contact_status == "baja"
