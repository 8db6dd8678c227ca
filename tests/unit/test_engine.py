"""The engine, rule by rule and message by message, on a small questionnaire made for it."""

import pytest

from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.questionnaires.engine import (
    confirm, evaluate, first_pending, next_question, previous_question, set_answer)
from seguimiento_desktop.questionnaires.loader import parse_definition
from seguimiento_desktop.questionnaires.model import describe_condition, other_key


def opts(*labels, **extra):
    """Options coded 1, 2, … (``extra`` maps a code to extra fields, e.g. goto)."""
    return [{"code": i, "label": label, **extra.get(f"o{i}", {})} for i, label in enumerate(labels, 1)]


TOY = {
    "id": "C9", "version": 1, "title": "Prueba",
    "sections": [
        {"id": "A", "title": "Generales", "questions": [
            {"id": "ACT", "number": "1", "text": "Actividad", "type": "single",
             "options": opts("Estudia", "Trabaja", "Ambos", "Ninguno", o4={"goto": "OPINION"})},
            {"id": "RAZON", "number": "2", "text": "Razones", "type": "multiple", "max_choices": 2,
             "options": [{"code": 1, "label": "Dinero"}, {"code": 2, "label": "Distancia"},
                         {"code": 7, "label": "Ninguna", "exclusive": True},
                         {"code": 99, "label": "Otra (especifique)", "other_text": True}],
             "show_if": {"question": "ACT", "not_in": [1, 3]}, "required": False},
            {"id": "EDAD", "number": "3", "text": "Edad", "type": "integer", "min": 15, "max": 25},
            {"id": "PROMEDIO", "number": "4", "text": "Promedio", "type": "decimal", "min": 6,
             "max": 10, "required": False},
            {"id": "FECHA", "number": "5", "text": "Fecha", "type": "date", "min": "2020-01-01",
             "max": "2030-12-31", "required": False},
            {"id": "CORREO", "number": "6", "text": "Correo", "type": "text", "format": "email",
             "max_length": 40, "required": False},
            {"id": "TEL", "number": "6.1", "text": "Teléfono", "type": "text", "format": "phone",
             "show_if": {"question": "CORREO", "answered": True}},
        ]},
        {"id": "B", "title": "Estudios", "show_if": {"question": "ACT", "in": [1, 3]}, "questions": [
            {"id": "NIVEL", "number": "7", "text": "Nivel", "type": "single",
             "options": [{"code": 1, "label": "TSU"}, {"code": 2, "label": "Licenciatura"},
                         {"code": 99, "label": "Otro (especifique)", "other_text": True}]},
            {"id": "BECA", "number": "8", "text": "Beca", "type": "single", "options": opts("Sí", "No"),
             "show_if": {"all": [{"question": "ACT", "in": [1]}, {"question": "NIVEL", "in": [2]}]}},
        ]},
        {"id": "C", "title": "Opinión", "questions": [
            {"id": "OPINION", "number": "9", "text": "Opinión", "type": "scale",
             "options": opts("Muy mala", "Mala", "Regular", "Buena", "Muy buena")},
            {"id": "SEGUIR", "number": "10", "text": "¿Seguir?", "type": "single",
             "options": opts("Sí", "No", o2={"goto": "FIN"})},
            {"id": "POR_QUE", "number": "11", "text": "¿Por qué?", "type": "text",
             "show_if": {"any": [{"question": "OPINION", "in": [1, 2]}, {"question": "ACT", "in": [4]}]}},
        ]},
    ],
}


@pytest.fixture(scope="module")
def toy():
    return parse_definition(TOY, source="toy.json")


def answered(toy, **answers):
    state = evaluate(toy)
    for key, value in answers.items():
        state = set_answer(state, key.replace("__", "."), value)
    return state


def kinds(state, qid):
    return [issue.kind for issue in state.issues_for(qid)]


def test_empty_response_shows_only_unconditional_questions(toy):
    state = evaluate(toy)
    assert state.applicable_ids == ("ACT", "EDAD", "PROMEDIO", "FECHA", "CORREO", "OPINION", "SEGUIR")
    assert state.missing_required == ("ACT", "EDAD", "OPINION", "SEGUIR")
    assert not state.complete


def test_in_rule_on_a_section_and_all_rule(toy):
    state = answered(toy, ACT=1)
    assert state.is_applicable("NIVEL") and not state.is_applicable("BECA")
    state = set_answer(state, "NIVEL", 2)
    assert state.is_applicable("BECA")
    assert not set_answer(state, "ACT", 3).is_applicable("BECA")


def test_not_in_rule(toy):
    assert answered(toy, ACT=2).is_applicable("RAZON")
    assert not answered(toy, ACT=1).is_applicable("RAZON")
    assert not evaluate(toy).is_applicable("RAZON")  # unanswered: not yet known, hidden


def test_answered_rule(toy):
    assert not evaluate(toy).is_applicable("TEL")
    assert answered(toy, CORREO="ana@gmail.com").is_applicable("TEL")


def test_any_rule(toy):
    assert answered(toy, OPINION=2).is_applicable("POR_QUE")
    assert not answered(toy, OPINION=4).is_applicable("POR_QUE")
    assert answered(toy, ACT=4).is_applicable("POR_QUE")


def test_goto_skips_the_questions_in_between(toy):
    state = answered(toy, ACT=4)
    assert state.applicable_ids == ("ACT", "OPINION", "SEGUIR", "POR_QUE")


def test_goto_fin_ends_the_questionnaire(toy):
    state = answered(toy, ACT=4, OPINION=1, POR_QUE="x", SEGUIR=2)
    assert state.applicable_ids[-1] == "SEGUIR"
    assert "POR_QUE" not in state.answers


def test_answers_of_skipped_questions_are_cleared(toy):
    state = answered(toy, ACT=1, NIVEL=99, NIVEL__otro_99="Diplomado", EDAD=17, OPINION=4)
    assert state.answers["NIVEL.otro_99"] == "Diplomado"
    state = set_answer(state, "ACT", 4)
    assert set(state.answers) == {"ACT", "OPINION"}
    state = set_answer(state, "ACT", 1)
    assert "NIVEL" not in state.answers  # nothing comes back


def test_chain_of_dependencies_is_cleared(toy):
    state = answered(toy, ACT=1, NIVEL=2, BECA=1)
    state = set_answer(state, "NIVEL", None)
    assert "BECA" not in state.answers and not state.is_applicable("BECA")


def test_other_text_is_dropped_when_the_option_is_unticked(toy):
    state = answered(toy, ACT=2, RAZON=[1, 99], RAZON__otro_99="Salud")
    assert state.issues_for("RAZON") == ()
    state = set_answer(state, "RAZON", [1])
    assert "RAZON.otro_99" not in state.answers


def test_other_text_for_an_unchosen_option_is_refused(toy):
    with pytest.raises(InvalidData, match="Primero marque «Otro \\(especifique\\)» en la pregunta 7"):
        answered(toy, ACT=1, NIVEL=1, NIVEL__otro_99="Diplomado")
    with pytest.raises(InvalidData, match="no pide especificar"):
        answered(toy, ACT=1, NIVEL=1, NIVEL__otro_1="x")


def test_answering_a_skipped_question_is_refused(toy):
    with pytest.raises(InvalidData, match="La pregunta 7 no aplica"):
        answered(toy, ACT=2, NIVEL=1)
    with pytest.raises(InvalidData, match="no tiene la pregunta «NADA»"):
        answered(toy, NADA=1)


def test_required_missing_message(toy):
    issue = evaluate(toy).issues_for("EDAD")[0]
    assert issue.kind == "requerida"
    assert issue.message == "La pregunta 3 es obligatoria y no tiene respuesta."


def test_unknown_code_message(toy):
    state = answered(toy, ACT=7)
    assert state.issues_for("ACT")[0].message == (
        "El código 7 no es una opción de la pregunta 1. Códigos válidos: 1, 2, 3, 4.")


def test_wrong_type_messages(toy):
    assert "escriba el código de una opción" in answered(toy, ACT="dos").issues_for("ACT")[0].message
    assert answered(toy, EDAD="17.5").issues_for("EDAD")[0].message == (
        "La pregunta 3 espera un número entero; «17.5» no lo es.")
    assert kinds(answered(toy, PROMEDIO="ocho"), "PROMEDIO") == ["tipo_invalido"]


def test_text_input_is_parsed(toy):
    state = answered(toy, ACT=" 2 ", EDAD="17", PROMEDIO="8,5", RAZON=["1", 2])
    assert state.answers["ACT"] == 2 and state.answers["EDAD"] == 17
    assert state.answers["PROMEDIO"] == 8.5 and state.answers["RAZON"] == (1, 2)


def test_out_of_range_can_be_confirmed(toy):
    state = answered(toy, EDAD=31)
    issue = state.issues_for("EDAD")[0]
    assert issue.kind == "fuera_de_rango" and issue.severity == "error" and issue.confirmable
    assert issue.message == ("El valor 31 de la pregunta 3 está fuera del rango esperado (de 15 a 25). "
                             "Si así viene en el papel, confírmelo.")
    state = confirm(state, "EDAD")
    assert state.issues_for("EDAD")[0].severity == "aviso"
    assert "El capturista confirmó" in state.warnings[0].message
    assert "EDAD" in state.confirmed and not any(i.question_id == "EDAD" for i in state.errors)
    state = set_answer(state, "EDAD", 32)  # a new value needs a new confirmation
    assert "EDAD" not in state.confirmed and state.issues_for("EDAD")[0].severity == "error"


def test_confirmation_survives_reloading(toy):
    state = answered(toy, ACT=2, EDAD=40, OPINION=3, SEGUIR=1)
    state = set_answer(state, "EDAD", 40, confirmed=True)
    reloaded = evaluate(toy, dict(state.answers), state.confirmed)
    assert reloaded.complete and reloaded.warnings


def test_unknown_codes_are_not_confirmable(toy):
    state = answered(toy, ACT=2, EDAD=17, OPINION=3, SEGUIR=1, RAZON=[5])
    state = confirm(state, "RAZON")
    assert kinds(state, "RAZON") == ["codigo_desconocido"] and not state.complete


def test_other_text_missing_and_too_long(toy):
    state = answered(toy, ACT=1, NIVEL=99)
    assert state.issues_for("NIVEL")[0].message == (
        "En la pregunta 7 se eligió «Otro (especifique)»: escriba cuál en «especifique».")
    state = set_answer(state, other_key("NIVEL", 99), "x" * 201)
    assert kinds(state, "NIVEL") == ["texto_largo"]


def test_text_too_long(toy):
    state = answered(toy, CORREO="a" * 35 + "@gmail.com")
    assert state.issues_for("CORREO")[0].message == (
        "La respuesta de la pregunta 6 tiene 45 caracteres; el máximo es 40.")


def test_bad_date_and_date_range(toy):
    state = answered(toy, FECHA="31/02/2025")
    assert state.issues_for("FECHA")[0].message == (
        "«31/02/2025» no es una fecha válida en la pregunta 5. Escríbala como AAAA-MM-DD.")
    assert kinds(answered(toy, FECHA="2025-02-30"), "FECHA") == ["fecha_invalida"]
    assert kinds(answered(toy, FECHA="2019-12-31"), "FECHA") == ["fuera_de_rango"]
    assert kinds(answered(toy, FECHA="2025-02-28"), "FECHA") == []


def test_email_and_phone_formats(toy):
    assert "no parece un correo" in answered(toy, CORREO="ana.gmail.com").issues_for("CORREO")[0].message
    state = answered(toy, CORREO="ana@gmail.com", TEL="33 1234 567")
    assert "debe tener 10 dígitos" in state.issues_for("TEL")[0].message
    assert kinds(set_answer(state, "TEL", "(33) 1234-5678"), "TEL") == []
    assert kinds(set_answer(state, "TEL", "+52 33 1234 5678"), "TEL") == []


def test_exclusive_option_and_max_choices(toy):
    assert kinds(answered(toy, ACT=2, RAZON=[1, 7]), "RAZON") == ["opcion_exclusiva"]
    state = answered(toy, ACT=2, RAZON=[1, 2, 99], RAZON__otro_99="Salud")
    assert state.issues_for("RAZON")[0].message == (
        "En la pregunta 2 se pueden marcar hasta 2 opciones; hay 3.")


def test_complete_response(toy):
    state = answered(toy, ACT=1, EDAD=17, NIVEL=2, BECA=2, OPINION=5, SEGUIR=1)
    assert state.complete and state.issues == ()
    assert not set_answer(state, "BECA", None).complete


def test_blank_clears_an_answer(toy):
    state = answered(toy, EDAD=17)
    assert "EDAD" not in set_answer(state, "EDAD", "  ").answers
    assert "RAZON" not in set_answer(answered(toy, ACT=2, RAZON=[1]), "RAZON", []).answers


def test_navigation_follows_skips(toy):
    state = answered(toy, ACT=4)
    assert next_question(state, None) == "ACT"
    assert next_question(state, "ACT") == "OPINION"
    assert previous_question(state, "OPINION") == "ACT"
    assert previous_question(state, "ACT") is None
    assert previous_question(state, None) == "POR_QUE"
    assert next_question(state, "POR_QUE") is None


def test_first_pending(toy):
    assert first_pending(answered(toy, ACT=1)) == "EDAD"
    assert first_pending(answered(toy, ACT=1, EDAD=99, NIVEL=1, OPINION=1, SEGUIR=2)) == "EDAD"


def test_evaluate_drops_stale_answers_and_refuses_unknown_keys(toy):
    state = evaluate(toy, {"ACT": 4, "NIVEL": 1, "NIVEL.otro_99": "x", "EDAD": "18"})
    assert dict(state.answers) == {"ACT": 4}
    with pytest.raises(InvalidData, match="«P99» no corresponde a ninguna pregunta"):
        evaluate(toy, {"P99": 1})
    with pytest.raises(InvalidData, match="no corresponde"):
        evaluate(toy, {"ACT.otro_1": "x"})


def test_conditions_in_words(toy):
    assert describe_condition(toy, toy.question("BECA").show_if) == "(pregunta 1 es 1 y pregunta 7 es 2)"
    assert describe_condition(toy, toy.question("TEL").show_if) == "pregunta 6 contestada"
    assert describe_condition(toy, toy.question("RAZON").show_if) == "pregunta 1 no es 1 o 3"


def test_stored_answers_are_plain_json(toy):
    state = answered(toy, ACT=2, RAZON=[2, 1], CORREO=12345)
    assert state.stored_answers() == {"ACT": 2, "RAZON": [1, 2], "CORREO": "12345"}


def test_public_api_is_reexported():
    import seguimiento_desktop.questionnaires as q
    assert q.set_answer is set_answer and q.load_definition("C2").id == "C2"
