"""CURP validation: RENAPO's rules, Spanish explanations, and construction for demo data."""

from datetime import date

import pytest
from hypothesis import given, strategies as st

import re

from seguimiento_desktop.domain import curp as curp_module
from seguimiento_desktop.domain.curp import (
    CHECK_ALPHABET, INCONVENIENT_WORDS, RULES, build_curp, check_digit, curp_problem,
    decode_curp, name_mismatch, normalize_curp)
from seguimiento_desktop.domain.states import curp_codes
from seguimiento_desktop.domain.text import HIDDEN  # pasted with a CURP, never part of it

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


def rules_one_by_one(raw: object) -> str | None:
    """The validator as RULES spells it: every rule in order, the first message found."""
    curp = re.sub(r"[\s\-]", "", HIDDEN.sub("", str(raw))).upper() if raw is not None else ""
    if not curp:
        return "Falta la CURP."
    if len(curp) != 18:
        return f"La CURP debe tener 18 caracteres y tiene {len(curp)}."
    return next((message for _, rule in RULES if (message := rule(curp))), None)


# Near-misses of real CURPs: one to three characters changed anywhere (a Unicode digit, an
# Ñ, a lower-case letter, a space or a dash among them), re-signed or not.
_TYPED = CHECK_ALPHABET + "ñ٣¹ -aÁ"


@given(st.sampled_from(VALID), st.lists(st.tuples(st.integers(0, 17), st.sampled_from(_TYPED)),
                                        max_size=3), st.booleans())
def test_the_one_pass_check_agrees_with_the_rules_one_by_one_on_near_misses(curp, changes,
                                                                            resign):
    for index, char in changes:
        curp = curp[:index] + char + curp[index + 1:]
    if resign and len(curp) == 18 and all(ch in CHECK_ALPHABET for ch in curp[:17]):
        curp = curp[:17] + check_digit(curp[:17])
    assert curp_problem(curp) == rules_one_by_one(curp), curp


@given(st.one_of(st.text(max_size=22), st.text(alphabet=_TYPED, min_size=16, max_size=20)))
def test_the_one_pass_check_and_the_quick_normalising_agree_on_any_text(text):
    assert normalize_curp(text) == re.sub(r"[\s\-]", "", HIDDEN.sub("", text)).upper()
    assert curp_problem(text) == rules_one_by_one(text)


def test_the_one_pass_check_agrees_on_every_single_character_change():
    # Exhaustive where hypothesis would rarely land: each position of each reference CURP
    # changed to each character a keyer might type, with its own check digit and re-signed.
    for curp in VALID:
        for index in range(18):
            for char in _TYPED:
                changed = curp[:index] + char + curp[index + 1:]
                variants = [changed]
                if index < 17 and char in CHECK_ALPHABET:
                    variants.append(changed[:17] + check_digit(changed[:17]))
                for variant in variants:
                    assert curp_problem(variant) == rules_one_by_one(variant), variant


def test_a_unicode_digit_is_not_a_date_digit():
    # «٩٠٠٥١٢» is 900512 in Arabic-Indic digits: Python's \d took it, then the check digit
    # had no value for it (ValueError). RENAPO writes 0-9 only.
    assert "fecha de nacimiento" in curp_problem("PEGJ٩٠٠٥١٢HJCRRS04")
    assert curp_module.decode_curp("PEGJ٩٠٠٥١٢HJCRRS04") is None
