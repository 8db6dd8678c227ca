"""Double entry (verificación): the policy, which papers it picks, and who is charged."""

import pytest

from seguimiento_desktop.domain.models import Response, StudentQuery
from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.questionnaires.loader import load_definition
from seguimiento_desktop.services import Workspace
from seguimiento_desktop.verification import (
    EVERY, FIRST, PERCENT, SECOND, VerificationPolicy, VerificationTally, differences,
    keying_order, same_answer, selected_for_verification)

C2 = load_definition("C2")


def done(rid: str, keyer: str, at: str) -> Response:
    return Response("s", "C2", 1, status="completa", keyer=keyer, completed_at=at, id=rid)


def test_policies_are_checked_and_described_in_spanish():
    assert VerificationPolicy(EVERY, 10).describe() == (
        "Se verifica 1 de cada 10 cuestionarios de cada capturista")
    assert VerificationPolicy(PERCENT, 5).describe().startswith("Se verifica el 5 %")
    with pytest.raises(InvalidData):
        VerificationPolicy(PERCENT, 150).checked()
    assert VerificationPolicy.from_text("{not json") == VerificationPolicy()


def test_every_nth_counts_per_keyer_in_completion_order():
    papers = [done(f"a{i}", "ANA", f"2026-10-0{i}") for i in range(1, 7)]
    papers += [done(f"l{i}", "LUIS", f"2026-10-0{i}") for i in range(1, 4)]
    assert keying_order(papers)["a3"] == 3 and keying_order(papers)["l3"] == 3
    chosen = selected_for_verification(VerificationPolicy(EVERY, 3), papers)
    assert chosen == {"a3", "a6", "l3"}


def test_a_percentage_is_close_to_asked_and_stable():
    papers = [done(f"r{i:04d}", "ANA", f"t{i:04d}") for i in range(2000)]
    chosen = selected_for_verification(VerificationPolicy(PERCENT, 10), papers)
    assert 150 <= len(chosen) <= 250
    assert chosen == selected_for_verification(VerificationPolicy(PERCENT, 10), papers)


def test_answers_compare_as_the_paper_reads():
    assert same_answer(C2, "ACT_ACTUAL", 2, "2")
    assert same_answer(C2, "PUESTO", "Vendedor  de mostrador", "vendedor de mostrador")
    assert differences(C2, {"ACT_ACTUAL": 2, "PUESTO": "A"}, {"ACT_ACTUAL": 3, "PUESTO": "a"}) \
        == ["ACT_ACTUAL"]


def test_the_tally_charges_whoever_typed_what_the_paper_does_not_say():
    tally = VerificationTally().resolved("Q1", SECOND).resolved("Q2", FIRST)
    assert (tally.keyer_errors, tally.verifier_errors, tally.mismatches) == (1, 1, ("Q1", "Q2"))


@pytest.fixture
def workspace(tmp_path):
    with Workspace.open(tmp_path / "p.sqlite") as workspace:
        workspace.fill_demo(60, with_followup=False)
        yield workspace


def finished(workspace, student, keyer="ROSA") -> Response:
    answers = {"DATOS_CAMBIARON": 1, "ACT_ACTUAL": 4, "SOLICITO_INGRESO": 3,
               "RAZON_NO_ESTUDIA": [7], "PLANEA_ESTUDIAR": 2, "BUSCA_TRABAJO": 2,
               "RAZON_NO_TRABAJA": [1], "CERTIFICADO": 1, "TITULO_TECNICO": 1,
               "UTIL_CONOCIMIENTOS": 4, "UTIL_CARRERA": 4, "FORMACION_SUFICIENTE": 1,
               "COMPETENCIAS_FALTANTES": [2], "APOYO_EGRESO": 3, "RECOMENDARIA": 1}
    return workspace.finish_keying(Response(student.id, "C2", 1, answers), keyer,
                                   "2026-11-01T10:00:00", 95.0, 60)


def test_finish_keying_saves_and_logs_in_one_go(workspace):
    student = workspace.find_students(StudentQuery(limit=1))[0]
    saved = finished(workspace, student, "  rosa   prueba ")
    assert saved.status == "completa" and saved.keyer == "ROSA PRUEBA"
    stats = workspace.keyer_statistics()
    assert [(s.keyer, s.questionnaires, s.keystrokes) for s in stats] == [("ROSA PRUEBA", 1, 60)]


def test_queue_and_verification_through_the_workspace(workspace):
    students = workspace.find_students(StudentQuery(limit=4))
    for student in students:
        finished(workspace, student)
    workspace.set_verification_policy(VerificationPolicy(EVERY, 2))
    queue = workspace.verification_queue()
    assert sorted(p.ordinal for p in queue) == [2, 4]  # listed by folio
    response = next(p.response for p in queue if p.ordinal == 2)
    with pytest.raises(InvalidData, match="otra persona"):
        workspace.finish_verification(response, "rosa", VerificationTally(), "", 1.0, 1)
    tally = VerificationTally(keyer_errors=2, verifier_errors=1)
    verified = workspace.finish_verification(response, "Luis", tally, "", 80.0, 55)
    assert verified.status == "verificada" and verified.verifier == "LUIS"
    assert [p.ordinal for p in workspace.verification_queue()] == [4]
    errors = {(s.keyer, s.role): s.errors for s in workspace.keyer_statistics()}
    assert errors == {("LUIS", "verificacion"): 1, ("ROSA", "captura"): 2}


def test_the_last_keyer_is_remembered(workspace):
    assert workspace.last_keyer() == ""
    workspace.remember_keyer("ana  lópez")
    assert workspace.last_keyer() == "ANA LÓPEZ"
