"""Heads-down keying rules (Qt-free): when a typed field ends, and what a paper costs to key."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from seguimiento_desktop.gui.capture.keying import (
    BAD, BLOCK_BLANK, DONE, ENTER, WAIT, answer_keys, code_state, entry_state, list_display,
    multiple_display, paper_characters, paper_items, paper_keystrokes, parse_value,
    split_codes)
from seguimiento_desktop.questionnaires.answers import normalize
from seguimiento_desktop.questionnaires.loader import load_definition
from seguimiento_desktop.questionnaires.model import INTEGER, MULTIPLE, TEXT
from seguimiento_desktop.questionnaires.synthetic import synthetic_answers
from seguimiento_desktop.questionnaires.widths import TEXT_WIDTHS

DEFINITIONS = [load_definition(q) for q in ("C1", "C2", "C3")]
C2_V2 = load_definition("C2", 2)  # papers printed before version 3: lists keyed by codes
QUESTIONS = [q for d in [*DEFINITIONS, C2_V2] for q in d.questions
             if q.is_choice or q.type == TEXT or (q.type == INTEGER and q.max is not None)]


def test_a_code_no_other_code_extends_moves_on():
    assert code_state([1, 2, 3, 4, 5], "3") == DONE
    assert code_state([1, 10, 11, 12], "1") == WAIT  # may become 10, 11 or 12
    assert code_state([1, 10, 11, 12], "11") == DONE
    assert code_state([1, 2, 99], "9") == WAIT and code_state([1, 2, 99], "99") == DONE
    assert code_state([1, 2, 3], "7") == BAD and code_state([1, 2, 3], "x") == BAD


def test_multiple_choice_splits_codes_as_typed():
    codes = list(range(1, 10))
    assert split_codes(codes, "16") == (["1", "6"], "")
    assert split_codes(list(range(1, 11)), "1") == ([], "1")
    assert split_codes(list(range(1, 11)) + [99], "1 3 99") == (["1", "3", "99"], "")
    assert multiple_display(codes, "13") == "1 3 "


def test_a_full_list_or_an_exclusive_code_ends_a_multiple_choice():
    reasons = C2_V2.question("RAZON_NO_ESTUDIA")  # up to 3 reasons
    assert entry_state(reasons, "1 2") == WAIT
    assert entry_state(reasons, "1 2 3") == DONE
    skills = C2_V2.question("COMPETENCIAS_FALTANTES")  # 10 = «nada», exclusive
    assert entry_state(skills, "1") == WAIT  # could still become 10
    assert entry_state(skills, "10") == DONE
    lettered = DEFINITIONS[1].question("COMPETENCIAS_FALTANTES")  # version 3: j is «nada»
    assert entry_state(lettered, "a b") == WAIT and entry_state(lettered, "abc") == DONE
    assert entry_state(lettered, "j") == DONE


def test_a_lettered_list_takes_one_letter_per_marked_option():
    skills = DEFINITIONS[1].question("COMPETENCIAS_FALTANTES")  # a … j, k «otro»
    assert [o.code for o in skills.options][-2:] == [10, 99]
    assert parse_value(skills, "A c") == [1, 3] and parse_value(skills, "ck") == [3, 99]
    assert answer_keys(skills, [3, 99]) == ["c", "k", ENTER]
    assert answer_keys(skills, [1, 2, 3]) == ["a", "b", "c"]  # full: nothing can follow
    assert list_display(skills, "aC") == "a c "
    assert entry_state(skills, "az") == BAD and entry_state(skills, "a1") == BAD
    assert parse_value(skills, "z") == ["z"]  # the engine says which letters there are


def test_a_digit_after_a_lettered_list_saves_its_enter_and_nothing_else():
    c2 = DEFINITIONS[1]
    answers = {"DATOS_CAMBIARON": 1, "ACT_ACTUAL": 4, "SOLICITO_INGRESO": 3,
               "RAZON_NO_ESTUDIA": [1, 6], "PLANEA_ESTUDIAR": 2, "HA_TRABAJADO": 2,
               "BUSCA_TRABAJO": 1, "RAZON_NO_TRABAJA": [2, 99],
               "RAZON_NO_TRABAJA.otro_99": "Cuido a mi hermano"}
    items = dict(paper_items(c2, answers))
    assert items["RAZON_NO_ESTUDIA"] == ["a", "f"]  # «2» of the next question ends it
    assert items["PLANEA_ESTUDIAR"] == ["2"]
    assert items["RAZON_NO_TRABAJA"] == ["b", "j", ENTER]  # a text follows: Enter
    blank = dict(paper_items(c2, {**answers, "DATOS_CAMBIARON": 2, "CELULAR": "3312345678"}))
    assert blank["CORREO"] == [ENTER] and blank["CELULAR"] == list("3312345678")
    assert blank["TEL_CASA"] == [BLOCK_BLANK]  # the other six contact items: one key
    assert all(blank[key] == [] for key in ("RED_SOCIAL", "DOMICILIO", "CONTACTO_TELEFONO"))
    old = dict(paper_items(C2_V2, answers))
    assert old["RAZON_NO_ESTUDIA"] == ["1", "6", ENTER]  # a version 2 paper: codes

def test_a_number_moves_on_only_when_it_fills_its_width():
    hours = DEFINITIONS[1].question("HORAS_SEMANA")  # 1 to 72
    assert entry_state(hours, "8") == WAIT  # «80» on paper must still be typeable
    assert entry_state(hours, "40") == DONE
    assert entry_state(hours, "4a") == BAD


def typed(question, keys: list[str]) -> tuple[object, int]:
    """What the form hands to the engine after these keys, and how many keys it used."""
    text = ""
    for used, key in enumerate(keys, 1):
        if key == ENTER:
            return parse_value(question, text), used
        grown = text + key
        text = list_display(question, grown) if question.type == MULTIPLE else grown
        if entry_state(question, text.strip()) == DONE:
            return parse_value(question, text), used
    return None, len(keys)


@st.composite
def question_and_value(draw):
    question = draw(st.sampled_from(QUESTIONS))
    codes = [o.code for o in question.options]
    if question.type == MULTIPLE:
        exclusive = [o.code for o in question.options if o.exclusive]
        if exclusive and draw(st.booleans()):
            return question, [draw(st.sampled_from(exclusive))]
        plain = [c for c in codes if c not in exclusive]
        size = min(question.max_choices or len(plain), len(plain))
        return question, sorted(draw(st.sets(st.sampled_from(plain), min_size=1, max_size=size)))
    if question.is_choice:
        return question, draw(st.sampled_from(codes))
    if question.type == INTEGER:
        return question, draw(st.integers(int(question.min or 0), int(question.max)))
    if question.format in TEXT_WIDTHS:  # phones and postal codes fill their boxes
        size = TEXT_WIDTHS[question.format]
        return question, draw(st.text("0123456789", min_size=size, max_size=size))
    alphabet = st.characters(whitelist_categories=("L", "N"), whitelist_characters=" .,-ñáé")
    return question, draw(st.text(alphabet, min_size=1, max_size=30).filter(str.strip))


@settings(max_examples=200, deadline=None)
@given(question_and_value())
def test_the_planned_keys_type_exactly_the_answer(case):
    """No key is missing and none spills into the next question."""
    question, value = case
    keys = answer_keys(question, value)
    got, used = typed(question, keys)
    assert used == len(keys)
    assert normalize(question, got) == normalize(question, value)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(DEFINITIONS))
def test_a_paper_costs_its_characters_plus_one_enter_per_open_ended_field(seed, definition):
    answers = synthetic_answers(definition, random.Random(seed))
    keys = paper_keystrokes(definition, answers)
    spaces = sum(answer_keys(definition.question(key), value).count(" ")
                 for key, value in answers.items() if isinstance(value, list))  # «1 10»
    ends = keys.count(ENTER) + sum(  # «/»: a blank block, one key
        item == [BLOCK_BLANK] for _key, item in paper_items(definition, answers))
    assert len(keys) - ends - spaces == paper_characters(definition, answers)


def test_fixed_width_codes_complete_themselves_and_never_spill():
    c2 = DEFINITIONS[1]
    function = c2.question("FUNCION")  # 1–10 and 99: printed 01 … 10, 99
    assert entry_state(function, "0") == WAIT and entry_state(function, "01") == DONE
    assert entry_state(function, "1") == WAIT  # «1» and Enter still works
    assert parse_value(function, "01") == 1
    assert answer_keys(function, 3) == ["0", "3"]
    income = c2.question("INGRESO")  # 0–7 and 98: no code begins another, none is padded
    assert entry_state(income, "0") == DONE and answer_keys(income, 3) == ["3"]
    assert code_state([1, 2, 3, 99], "3") == DONE  # nothing else starts with 3
    assert code_state([1, 2, 3, 99], "9") == WAIT and code_state([1, 2, 3, 99], "08") == BAD


def test_lists_split_themselves_and_only_a_code_that_could_grow_waits():
    codes = list(range(1, 11)) + [99]
    assert split_codes(codes, "5610") == (["5", "6", "10"], "")
    assert split_codes(codes, "51") == (["5"], "1")  # 1 may still become 10
    assert split_codes(codes, "513") == (["5", "1", "3"], "")  # 13 is no code: 1 was
    assert multiple_display(codes, "99 1") == "99 1"
    skills = C2_V2.question("COMPETENCIAS_FALTANTES")  # up to three
    assert parse_value(skills, "5 6") == [5, 6]
    assert entry_state(skills, "567") == DONE  # full: three codes
    assert entry_state(skills, "5 0") == BAD  # no code starts with 0: flagged at once
    assert answer_keys(skills, [1, 10]) == ["1", "1", "0", ENTER]  # 11 is no code: 1, 10
    assert answer_keys(skills, [9, 99]) == ["9", " ", "9", "9", ENTER]  # the one space
    # a list printed in one width would be cut there (kept for definitions that need it)
    assert split_codes(codes, "0406", 2) == (["04", "06"], "")
    assert multiple_display(codes, "0410", 2) == "04 10 "


def test_phones_and_numbers_end_when_their_boxes_are_full():
    c1 = DEFINITIONS[0]
    phone = c1.question("CELULAR")
    assert entry_state(phone, "331234567") == WAIT and entry_state(phone, "3312345678") == DONE
    assert entry_state(phone, "33 1234 5678") == DONE
    assert entry_state(phone, "+52 33 1234 56") == WAIT
    assert answer_keys(phone, "3312345678") == list("3312345678")
    hours = DEFINITIONS[1].question("HORAS_SEMANA")
    assert answer_keys(hours, 8) == ["0", "8"]


def test_a_wrong_letter_is_explained_in_letters_and_an_import_still_in_codes():
    """The keyer reads letters off the paper; a file imported from another program holds
    codes, and the engine (shared by the import and the sala) keeps speaking of codes."""
    from seguimiento_desktop.gui.capture.keying import letter_problem
    from seguimiento_desktop.questionnaires.engine import evaluate
    c1 = DEFINITIONS[0]
    disability = c1.question("DISCAPACIDAD")  # eight options: a … h
    assert letter_problem(disability, "a c") == ""
    assert letter_problem(disability, "a z") == (
        f"«z» no es una letra de la pregunta {disability.number}: escriba la de cada opción "
        "marcada, de la «a» a la «h».")
    imported = evaluate(c1, {"DISCAPACIDAD": ["a", "c"]}).issues_for("DISCAPACIDAD")
    assert imported and "códigos" in imported[0].message and "letra" not in imported[0].message
