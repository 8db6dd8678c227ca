"""CURP validation: RENAPO's rules, Spanish explanations, and construction for demo data."""

from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from seguimiento_desktop.domain.curp import (
    CHECK_ALPHABET, INCONVENIENT_WORDS, build_curp, check_digit, curp_problem, decode_curp,
    name_mismatch, normalize_curp)
from seguimiento_desktop.domain.states import curp_codes

VALID = ["SABC560626MDFLRN01", "MOTR930411HJCRMN03", "PEGJ900512HJCRRS04", "MOTR930411HJCRMG70"]


@pytest.mark.parametrize("curp", VALID)
def test_reference_vectors_pass(curp):
    assert curp_problem(curp) is None


@pytest.mark.parametrize("curp", ["ZAZD801124MBSYQN13", "RUNO390705HSLPTC02"])
def test_format_only_examples_fail_on_the_check_digit(curp):
    assert "dígito verificador" in curp_problem(curp)


def test_typed_curp_is_normalised():
    assert curp_problem("  pegj900512hjcrrs04 ") is None
    assert normalize_curp("pegj-900512 hjcrrs04") == "PEGJ900512HJCRRS04"


@pytest.mark.parametrize("curp, fragment", [
    ("", "Falta la CURP"),
    ("PEGJ900512", "18 caracteres y tiene 10"),
    ("PEGJ900512QJCRRS04", "posición 11"),
    ("PEGJ900230HJCRRS04", "no existe"),
    ("PEGJ900512HZZRRS04", "no es una entidad"),
    ("PEGJ900512HJCRRS05", "debería ser 4"),
])
def test_each_problem_is_explained_in_spanish(curp, fragment):
    assert fragment in curp_problem(curp)


def test_decoding_gives_birth_date_sex_and_state():
    info = decode_curp("PEGJ900512HJCRRS04")
    assert (info.birth_date, info.sex, info.birth_state) == (date(1990, 5, 12), "H", "Jalisco")


def test_letter_differentiator_means_born_in_2000s():
    curp = build_curp("Ximena", "Ruiz", "Ochoa", date(2008, 2, 29), "M", "JC", "B")
    assert decode_curp(curp).birth_date == date(2008, 2, 29)


def test_name_letters_follow_renapo_rules():
    # Ñ counts as X, particles are skipped, MARÍA JOSÉ uses the second name.
    curp = build_curp("María José", "Núñez", "de la Cruz", date(2008, 1, 5), "M", "DF", "A")
    assert curp[:4] == "NUCJ" and curp[13:16] == "XRS"


def test_inconvenient_words_get_an_x():
    curp = build_curp("Ana", "Pérez", "Domínguez", date(1999, 1, 1), "M", "JC")
    assert curp[:4] == "PXDA" and curp[:4] not in INCONVENIENT_WORDS  # PEDA is inconvenient


def test_name_mismatch_is_a_warning_not_an_error():
    assert name_mismatch("PEGJ900512HJCRRS04", "Jesús", "Pérez", "García") is None
    assert "no coincide" in name_mismatch("PEGJ900512HJCRRS04", "Juan", "López", "García")


names = st.text(alphabet="ABCDEFGHIJLMNOPRSTUVZÑÁÉÍÓÚ ", min_size=1, max_size=20).filter(str.strip)
birth_dates = st.dates(min_value=date(1930, 1, 1), max_value=date(2025, 12, 31))


@given(names, names, names, birth_dates, st.sampled_from("HMX"),
       st.sampled_from(sorted(curp_codes())), st.sampled_from("0123456789ABCDEFGHJK"))
def test_every_built_curp_validates_and_decodes(given_name, first, second, born, sex, state, diff):
    curp = build_curp(given_name, first, second, born, sex, state, diff)
    assert curp_problem(curp) is None
    info = decode_curp(curp)
    assert (info.birth_date, info.sex) == (born, sex)


@given(st.sampled_from(VALID), st.integers(0, 16), st.sampled_from(CHECK_ALPHABET))
def test_a_changed_character_is_caught_unless_the_weighted_sum_agrees(curp, index, char):
    altered = curp[:index] + char + curp[index + 1:]
    delta = (CHECK_ALPHABET.index(char) - CHECK_ALPHABET.index(curp[index])) * (18 - index)
    if altered != curp and delta % 10 != 0:
        assert curp_problem(altered) is not None


@given(st.text(max_size=30))
def test_any_text_gets_an_answer_and_never_crashes(text):
    problem = curp_problem(text)
    assert problem is None or problem.startswith(("La CURP", "Falta"))
    if problem is None:
        assert check_digit(normalize_curp(text)[:17]) == normalize_curp(text)[17]
