"""Cohorts of any length follow the same calendar; «baja» and refusals leave the rates'
denominators and the call list; waves not yet due read «pendiente»."""

from dataclasses import replace
from datetime import date

from seguimiento_desktop.demo import demo_students
from seguimiento_desktop.domain.calendar import is_followed
from seguimiento_desktop.domain.ids import uuid7
from seguimiento_desktop.domain.models import Response, School, StudentQuery
from seguimiento_desktop.indicators.coverage import coverage
from seguimiento_desktop.storage import responses
from seguimiento_desktop.storage import students as student_rows

TODAY = date(2026, 11, 23)


def _plantel(workspace, cohorts):
    workspace.set_up_school(School(cct="14DCT0099Z", name="CBTIS 99"))
    people = [workspace.stamp(replace(s, id=uuid7())) for s in demo_students(40, cohorts, seed=3)]
    with workspace.store.transaction() as db:
        student_rows.write_students(db, people, "14DCT0099Z")
    return workspace


def test_cohorts_of_two_to_five_years_follow_the_same_rule():
    for entry in (2024, 2023, 2022, 2021):  # 2, 3, 4 and 5 years, all graduating in 2026
        assert is_followed(f"{entry}-2026", TODAY)
    assert not is_followed("2021-2023", TODAY)  # its C3 closed in November 2024
    assert is_followed("2025-2027", TODAY) and not is_followed("2026-2028", TODAY)


def test_a_two_year_cohort_appears_in_follow_up_status(workspace):
    _plantel(workspace, ("2024-2026",))
    lines = {(l.window.cohort, l.window.questionnaire) for l in workspace.followup_status(TODAY)}
    assert ("2024-2026", "C2") in lines


def test_baja_and_refusals_leave_denominators_and_the_call_list(workspace):
    _plantel(workspace, ("2023-2026",))
    people = workspace.find_students(StudentQuery(cohort="2023-2026"))
    gone, refused, answered_then_left = people[0], people[1], people[2]
    workspace.save_student(replace(gone, status="baja"))
    workspace.set_contact_status(refused.id, "rechazo")
    workspace.set_contact_status(answered_then_left.id, "baja")
    with workspace.store.transaction() as db:
        responses.write_responses(db, [Response(
            student_id=answered_then_left.id, questionnaire="C2", version=1, status="completa",
            id="r1", updated_at=workspace.store.clock.now(), origin=workspace.store.installation_id)])
    line = next(l for l in workspace.followup_status(TODAY) if l.window.questionnaire == "C2")
    assert (line.students, line.complete) == (len(people) - 2, 1)
    called = {p.student.id for p in workspace.pending_contacts("2023-2026", "C2")}
    assert not called & {gone.id, refused.id, answered_then_left.id}
    assert len(called) == len(people) - 3


def test_a_wave_not_yet_due_is_pending_not_zero(workspace):
    _plantel(workspace, ("2023-2026",))
    cells = {c.questionnaire: c for q in ("C1", "C2", "C3")
             for c in coverage(workspace.store.db, q, TODAY)}
    assert cells["C3"].pending and cells["C3"].text() == "pendiente" and cells["C3"].rate is None
    assert cells["C2"].text() == "0.0%"  # open now: nobody yet is a real 0 %
