"""Splitting "APELLIDO1 APELLIDO2 NOMBRES" into name parts, with and without a CURP."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seguimiento_desktop.demo import FEMALE_NAMES, MALE_NAMES, SURNAMES
from seguimiento_desktop.domain.curp import build_curp, name_letters
from seguimiento_desktop.roster.names import split_full_name

BORN = date(2007, 5, 17)


@pytest.mark.parametrize("text, parts", [
    ("PÉREZ GARCÍA JESÚS", ("JESÚS", "PÉREZ", "GARCÍA")),
    ("HERNÁNDEZ LÓPEZ MARÍA FERNANDA", ("MARÍA FERNANDA", "HERNÁNDEZ", "LÓPEZ")),
    ("DE LA CRUZ PÉREZ ANA PAOLA", ("ANA PAOLA", "DE LA CRUZ", "PÉREZ")),
    ("RUIZ DEL ÁNGEL JOSÉ LUIS", ("JOSÉ LUIS", "RUIZ", "DEL ÁNGEL")),
    ("  luna   rojas   ximena ", ("ximena", "luna", "rojas")),
    ("Pérez García, Juan Carlos", ("Juan Carlos", "Pérez", "García")),
    ("DE LA CRUZ, MARÍA", ("MARÍA", "DE LA CRUZ", "")),
    ("LUNA XIMENA", ("XIMENA", "LUNA", "")),
    ("LUNA", ("", "LUNA", "")),
    ("", ("", "", "")),
])
def test_surnames_first_without_a_curp(text, parts):
    assert split_full_name(text) == parts


def test_the_curp_settles_a_compound_surname_without_particles_first():
    curp = build_curp("JUAN", "MONTES DE OCA", "GARCÍA", BORN, "H", "JC")
    assert split_full_name("MONTES DE OCA GARCÍA JUAN", curp) == ("JUAN", "MONTES DE OCA", "GARCÍA")


def test_the_curp_recognises_a_list_written_given_names_first():
    curp = build_curp("ANA PAOLA", "RUIZ", "SOTO", BORN, "M", "JC")
    assert split_full_name("ANA PAOLA RUIZ SOTO", curp) == ("ANA PAOLA", "RUIZ", "SOTO")


def test_an_invalid_curp_falls_back_to_the_default_split():
    assert split_full_name("RUIZ SOTO ANA PAOLA", "NOESUNACURP") == ("ANA PAOLA", "RUIZ", "SOTO")


given_names = st.sampled_from(FEMALE_NAMES + MALE_NAMES)
surnames = st.sampled_from(SURNAMES + ["MONTES DE OCA", "DE LOS SANTOS", "SAN JUAN", "VAN DER BERG"])


@given(given_names, surnames, surnames)
def test_with_a_curp_the_split_gives_the_curps_letters(given_, first, second):
    curp = build_curp(given_, first, second, BORN, "M", "JC")
    parts = split_full_name(f"{first} {second} {given_}", curp)
    initials, consonants = name_letters(*parts)
    assert initials + consonants == curp[:4] + curp[13:16]
    assert " ".join(p for p in (parts[1], parts[2], parts[0]) if p) == f"{first} {second} {given_}"


@given(given_names, st.sampled_from(SURNAMES), st.sampled_from(SURNAMES))
def test_school_control_names_split_back_exactly(given_, first, second):
    curp = build_curp(given_, first, second, BORN, "H", "JC")
    expected = (given_, first, second)
    assert split_full_name(f"{first} {second} {given_}") == expected
    assert split_full_name(f"{first} {second} {given_}", curp) == expected


@given(st.lists(st.text(alphabet="ABCDEÉÑ .,-", min_size=1, max_size=8), max_size=6))
def test_words_are_never_lost_or_reordered(words):
    text = " ".join(words)
    given_, first, second = split_full_name(text)
    rebuilt = " ".join(p for p in (first, second, given_) if p)
    assert rebuilt.replace(",", " ").split() == text.replace(",", " ").split()
