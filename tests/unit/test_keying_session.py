"""One keying or verification of a paper (Qt-free): blanks, confirmations, mismatches."""

from seguimiento_desktop.domain.models import Response, Student
from seguimiento_desktop.gui.capture.session import (
    BLANK, CONFIRM, ERROR_SHOWN, MISMATCH, OK, RETYPE, KeyingSession)
from seguimiento_desktop.questionnaires.loader import load_definition
from seguimiento_desktop.verification import AGAIN, FIRST, SECOND

C2 = load_definition("C2")
STUDENT = Student("AAAA000101HDFRRR09", "ANA", "RUIZ", id="s1")


def session(response=None, verify=False) -> KeyingSession:
    return KeyingSession(C2, STUDENT, response, "ROSA", "papel", verify=verify)


def test_a_valid_code_moves_on_along_the_skip_rules():
    keying = session()
    assert keying.start_key() == "DATOS_CAMBIARON"
    outcome = keying.submit("DATOS_CAMBIARON", "1")  # «no changes»: skip the contact block
    assert (outcome.kind, outcome.next_key) == (OK, "ACT_ACTUAL")


def test_an_unknown_code_is_an_error_in_spanish():
    outcome = session().submit("DATOS_CAMBIARON", "7")
    assert outcome.kind == ERROR_SHOWN and "pregunta 1" in outcome.message.lower()


def test_a_required_blank_asks_once_then_is_left_blank():
    keying = session()
    first = keying.submit("DATOS_CAMBIARON", "")
    assert first.kind == BLANK and "Enter otra vez" in first.message
    assert keying.submit("DATOS_CAMBIARON", "").kind == OK
    assert not keying.state.complete


def test_out_of_range_needs_a_confirmation_that_is_kept():
    keying = session()
    keying.submit("DATOS_CAMBIARON", "1")
    keying.submit("ACT_ACTUAL", "2")
    outcome = keying.submit("HORAS_SEMANA", "80")
    assert outcome.kind == CONFIRM and "F2" in outcome.message
    assert "confírmelo" not in outcome.message  # one instruction, not two
    assert keying.confirm("HORAS_SEMANA").kind == OK
    assert keying.response().confirmed == ("HORAS_SEMANA",)


def test_reopening_a_partial_paper_starts_at_the_first_pending_item():
    saved = Response("s1", "C2", 1, {"DATOS_CAMBIARON": 1, "ACT_ACTUAL": 4}, keyer="ROSA")
    assert session(saved).start_key() == "SOLICITO_INGRESO"


def test_verifying_compares_blind_and_tallies_who_erred():
    first = Response("s1", "C2", 1, {"DATOS_CAMBIARON": 1, "ACT_ACTUAL": 4}, status="completa",
                     keyer="ROSA", id="r1")
    verify = session(first, verify=True)
    assert verify.state.answers == {}  # blind
    assert verify.submit("DATOS_CAMBIARON", "1").kind == OK
    mismatch = verify.submit("ACT_ACTUAL", "2")
    assert mismatch.kind == MISMATCH
    assert mismatch.first.startswith("4 — ") and mismatch.second.startswith("2 — ")
    assert verify.resolve(AGAIN).kind == RETYPE
    assert verify.submit("ACT_ACTUAL", "2").kind == MISMATCH  # typed the same again
    assert verify.resolve(SECOND).kind == OK  # the paper says 2: the first keyer erred
    assert (verify.tally.keyer_errors, verify.tally.verifier_errors) == (1, 0)
    assert verify.state.answers["ACT_ACTUAL"] == 2


def test_a_verifier_slip_keeps_the_first_keying():
    first = Response("s1", "C2", 1, {"DATOS_CAMBIARON": 1, "ACT_ACTUAL": 4}, status="completa",
                     keyer="ROSA", id="r1")
    verify = session(first, verify=True)
    verify.submit("DATOS_CAMBIARON", "1")
    verify.submit("ACT_ACTUAL", "3")
    verify.resolve(FIRST)
    assert verify.state.answers["ACT_ACTUAL"] == 4
    assert (verify.tally.keyer_errors, verify.tally.verifier_errors) == (0, 1)
