"""Retention: contact data of a cohort whose follow-up ended more than N months ago go;
names, CURP and every statistical answer stay."""

from datetime import date

import pytest

from seguimiento_desktop.domain.models import StudentQuery
from seguimiento_desktop.privacy import retention

DEMO_DAY = date(2026, 11, 30)  # the demo's cohorts: 2022-2025, 2023-2026, 2024-2027
LATER = date(2027, 6, 15)  # 2022-2025's C3 closed in November 2026: more than 6 months ago


@pytest.fixture
def demo(workspace):
    workspace.fill_demo(300, today=DEMO_DAY)
    return workspace


def snapshot(workspace, cohort):
    people = workspace.find_students(StudentQuery(cohort=cohort))
    answers = {r.id: r.answers for r in workspace.find_responses(cohort=cohort)}
    return people, answers


def test_the_preview_lists_what_will_go_and_changes_nothing(demo):
    before = snapshot(demo, "2022-2025")
    plan = retention.retention_plan(demo.store, today=LATER)
    assert [c.cohort for c in plan.cohorts] == ["2022-2025"]
    entry = plan.cohorts[0]
    assert entry.followup_ended == date(2026, 11, 30)
    assert entry.students > 0 and entry.responses > 0
    assert snapshot(demo, "2022-2025") == before
    assert retention.retention_plan(demo.store, today=DEMO_DAY).cohorts == ()
    assert retention.retention_plan(demo.store, months=0, today=date(2026, 12, 1)).cohorts


def test_a_purge_removes_contact_data_and_keeps_the_statistics(demo):
    people, answers = snapshot(demo, "2022-2025")
    followup = [(line.window, line.students, line.complete, line.partial)
                for line in demo.followup_status(LATER, all_windows=True)]
    kept_cohort = snapshot(demo, "2024-2027")
    retention.purge_contact_data(demo.store, today=LATER)
    after_people, after_answers = snapshot(demo, "2022-2025")
    assert not any(s.phone or s.email or s.home_phone for s in after_people)
    assert [(s.curp, s.full_name) for s in after_people] == [(s.curp, s.full_name) for s in people]
    for response_id, stored in after_answers.items():
        assert not retention.CONTACT_ANSWERS & set(stored)
        assert stored == {k: v for k, v in answers[response_id].items()
                          if k not in retention.CONTACT_ANSWERS}
    assert [(line.window, line.students, line.complete, line.partial)
            for line in demo.followup_status(LATER, all_windows=True)] == followup
    assert snapshot(demo, "2024-2027") == kept_cohort
    assert retention.retention_plan(demo.store, today=LATER).empty


def test_the_months_are_a_setting(demo):
    assert retention.retention_months(demo.store) == 6
    retention.set_retention_months(demo.store, 12)
    assert retention.retention_plan(demo.store, today=LATER).cohorts == ()
    with pytest.raises(Exception, match="meses"):
        retention.set_retention_months(demo.store, -1)
