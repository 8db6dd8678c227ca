"""Malformed definition files stop the load with a Spanish message naming file and question."""

import copy
import json
from pathlib import Path

import pytest

from seguimiento_desktop.errors import InvalidData, NotFound, UserError
from seguimiento_desktop.questionnaires.loader import (
    DefinitionError, load_definition, load_definition_file, parse_definition)
from seguimiento_desktop.questionnaires.schema import schema_errors

GOOD = {
    "id": "C9", "version": 1, "title": "Cuestionario de prueba",
    "option_sets": {"si_no": [{"code": 1, "label": "Sí"}, {"code": 2, "label": "No"}]},
    "sections": [
        {"id": "A", "title": "Primera", "questions": [
            {"id": "ACT", "number": "1", "text": "Actividad", "type": "single",
             "options": [{"code": 1, "label": "Estudia"}, {"code": 2, "label": "Trabaja",
                                                           "goto": "OPINION"}]},
            {"id": "EDAD", "number": "2", "text": "Edad", "type": "integer", "min": 15, "max": 25},
            {"id": "BECA", "number": "3", "text": "Beca", "type": "single", "option_set": "si_no",
             "show_if": {"question": "ACT", "in": [1]}},
        ]},
        {"id": "B", "title": "Segunda", "questions": [
            {"id": "OPINION", "number": "4", "text": "Opinión", "type": "scale",
             "options": [{"code": c, "label": f"Nivel {c}"} for c in range(1, 6)]},
        ]},
    ],
}


def variant(**edits) -> dict:
    """A copy of GOOD with questions edited: edits maps question id -> changes."""
    data = copy.deepcopy(GOOD)
    for section in data["sections"]:
        for question in section["questions"]:
            question.update(edits.get(question["id"], {}))
    return data


def problems_of(data: dict) -> str:
    with pytest.raises(DefinitionError) as caught:
        parse_definition(data, source="prueba.json")
    message = str(caught.value)
    assert message.startswith("El cuestionario «prueba.json» no es válido")
    return message


def test_the_good_example_loads():
    definition = parse_definition(GOOD, source="prueba.json")
    assert definition.question_ids == ("ACT", "EDAD", "BECA", "OPINION")
    assert [o.code for o in definition.question("BECA").options] == [1, 2]


def test_bad_json_names_the_file_and_line(tmp_path: Path):
    path = tmp_path / "roto.json"
    path.write_text('{"id": "C2",\n "version": 1,\n "title": "x" "sections": []}', encoding="utf-8")
    with pytest.raises(DefinitionError, match=r"«roto\.json» no es JSON válido.*línea 3"):
        load_definition_file(path)


def test_unreadable_file_is_a_user_error(tmp_path: Path):
    path = tmp_path / "binario.json"
    path.write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(UserError, match="binario.json"):
        load_definition_file(path)


def test_duplicate_question_id():
    data = variant(BECA={"id": "EDAD"})
    assert "el id de pregunta «EDAD» está repetido 2 veces" in problems_of(data)


def test_goto_to_unknown_question():
    data = copy.deepcopy(GOOD)
    data["sections"][0]["questions"][0]["options"][1]["goto"] = "P99"
    assert "pregunta «ACT» (1): la opción 2 salta a «P99», que no existe" in problems_of(data)


def test_goto_to_an_earlier_question():
    data = copy.deepcopy(GOOD)
    data["sections"][1]["questions"][0]["options"][0]["goto"] = "EDAD"
    message = problems_of(data)
    assert "pregunta «OPINION» (4): la opción 1 salta a «EDAD», que está antes" in message


def test_show_if_must_look_backwards_and_exist():
    assert "que no está antes" in problems_of(variant(BECA={"show_if": {"question": "OPINION", "in": [1]}}))
    assert "«show_if» depende de «NADA», que no existe" in problems_of(
        variant(BECA={"show_if": {"question": "NADA", "in": [1]}}))


def test_show_if_codes_must_be_options():
    message = problems_of(variant(BECA={"show_if": {"question": "ACT", "in": [7]}}))
    assert "pregunta «BECA» (3): «show_if» usa el código 7, que no es opción de «ACT»" in message


def test_condition_needs_exactly_one_form():
    message = problems_of(variant(BECA={"show_if": {"question": "ACT", "in": [1], "not_in": [2]}}))
    assert "exactamente una forma" in message


def test_duplicate_option_codes_and_missing_other_text():
    data = variant(ACT={"options": [{"code": 1, "label": "Estudia"}, {"code": 1, "label": "Trabaja"},
                                    {"code": 99, "label": "Otra actividad"}]})
    message = problems_of(data)
    assert "el código 1 está repetido" in message
    assert "la opción 99 «Otra actividad» es un «otro» y necesita «other_text»" in message


def test_scale_needs_all_five_points():
    data = copy.deepcopy(GOOD)
    data["sections"][1]["questions"][0]["options"].pop()
    assert "una escala necesita las opciones 1, 2, 3, 4 y 5" in problems_of(data)


def test_ranges_must_be_sane():
    assert "el rango está al revés" in problems_of(variant(EDAD={"min": 30, "max": 20}))
    assert "deben ser enteros" in problems_of(variant(EDAD={"min": 1.5}))
    assert "solo se usan en preguntas de número o fecha" in problems_of(variant(BECA={"min": 1}))
    assert "AAAA-MM-DD" in problems_of(variant(EDAD={"type": "date", "min": "ayer"}))


def test_fields_that_do_not_belong_to_the_type():
    assert "«max_length» solo se usa en preguntas de texto" in problems_of(variant(EDAD={"max_length": 3}))
    assert "no llevan opciones" in problems_of(
        variant(EDAD={"options": [{"code": 1, "label": "Uno"}]}))
    assert "necesita opciones" in problems_of(variant(BECA={"option_set": "no_existe"}))
    assert "goto" in problems_of(variant(ACT={"type": "multiple"}))


def test_unknown_catalog():
    data = variant(BECA={"catalog": "planetas"})
    del data["sections"][0]["questions"][2]["option_set"]
    message = problems_of(data)
    assert "pregunta «BECA» (3)" in message and "El catálogo «planetas» no existe" in message


def test_schema_errors_name_the_question_and_field():
    data = variant(EDAD={"tipo": "integer"}, BECA={"type": "lista"})
    message = problems_of(data)
    assert "pregunta «EDAD» (2): el campo «tipo» no se reconoce" in message
    assert "pregunta «BECA» (3), campo «type»: «lista» no es válido" in message


def test_schema_errors_without_an_id_still_say_where():
    data = copy.deepcopy(GOOD)
    del data["sections"][0]["questions"][1]["id"]
    message = problems_of(data)
    assert "pregunta n.º 2 de la sección «A»: falta el campo obligatorio «id»" in message
    data = copy.deepcopy(GOOD)
    data["sections"][0]["questions"][0]["options"][0]["code"] = "uno"
    assert "campo «options[0].code»: debe ser un número entero" in problems_of(data)


def test_top_level_errors():
    data = copy.deepcopy(GOOD)
    data["version"] = "1"
    del data["title"]
    message = problems_of(data)
    assert "falta el campo obligatorio «title»" in message
    assert "campo «version»: debe ser un número entero" in message


def test_replacement_file_roundtrip_and_expected_id(tmp_path: Path):
    path = tmp_path / "C9.json"
    path.write_text(json.dumps({**GOOD, "version": 2}), encoding="utf-8")
    assert load_definition_file(path).version == 2
    with pytest.raises(DefinitionError, match="debe ser del cuestionario «C2» pero declara «C9»"):
        load_definition_file(path, expected_id="C2")


def test_unknown_bundled_definition():
    with pytest.raises(NotFound, match="Disponibles: C1, C2, C3"):
        load_definition("C7")
    assert load_definition("c2") is load_definition("C2")  # cached, case-insensitive


def test_definition_errors_are_invalid_data():
    assert issubclass(DefinitionError, InvalidData)


def test_schema_checker_refuses_unknown_keywords():
    with pytest.raises(ValueError):
        schema_errors({}, {"type": "object", "oneOf": []})


def test_only_one_source_of_options():
    data = variant(BECA={"options": [{"code": 1, "label": "Sí"}]})
    assert "use solo una de «options», «option_set» o «catalog»" in problems_of(data)
