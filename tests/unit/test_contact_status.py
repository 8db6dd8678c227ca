"""A contact attempt moves the graduate's «Localización» the way a counselor expects."""

from datetime import date

import pytest
from hypothesis import given, strategies as st

from seguimiento_desktop.domain.models import CONTACT_RESULTS, CONTACT_STATUSES, ContactAttempt
from seguimiento_desktop.followup import STATUS_STRENGTH, status_after_attempt

DAY = date(2026, 10, 2)


def log(workspace, student, result: str) -> str:
    workspace.log_contact_attempt(ContactAttempt(student.id, DAY, "telefono", result))
    return CONTACT_STATUSES[workspace.student(student.id).contact_status]


@pytest.mark.parametrize("result, shown", [
    ("dejo_mensaje", "Recado dejado"), ("contesto", "Localizado"), ("agendo", "Localizado"),
    ("no_contesto", "No localizado"), ("numero_equivocado", "No localizado"),
    ("rechazo", "Rechazó participar"),
])
def test_the_first_attempt_leaves_sin_contactar(workspace, result, shown):
    workspace.fill_demo(20)
    fresh = next(s for s in workspace.find_students() if s.contact_status == "")
    assert log(workspace, fresh, result) == shown


def test_a_later_missed_call_does_not_undo_what_was_learnt(workspace):
    workspace.fill_demo(20)
    fresh = next(s for s in workspace.find_students() if s.contact_status == "")
    assert log(workspace, fresh, "no_contesto") == "No localizado"
    assert log(workspace, fresh, "dejo_mensaje") == "Recado dejado"
    assert log(workspace, fresh, "numero_equivocado") == "Recado dejado"
    assert log(workspace, fresh, "contesto") == "Localizado"
    assert log(workspace, fresh, "no_contesto") == "Localizado"
    assert log(workspace, fresh, "rechazo") == "Rechazó participar"
    assert log(workspace, fresh, "contesto") == "Rechazó participar"


@given(st.sampled_from(STATUS_STRENGTH), st.sampled_from(sorted(CONTACT_RESULTS)))
def test_an_attempt_never_weakens_the_status(current, result):
    after = status_after_attempt(current, result)
    assert after in CONTACT_STATUSES
    assert STATUS_STRENGTH.index(after) >= STATUS_STRENGTH.index(current)
    assert status_after_attempt("baja", result) == "baja"


def test_every_status_has_a_strength():
    assert set(STATUS_STRENGTH) == set(CONTACT_STATUSES)
