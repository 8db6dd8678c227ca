"""Characters nobody sees (a zero-width space pasted from a web page, a right-to-left
override, a bell) never reach a stored name, school or CURP, whether typed in a form,
imported or received: one rule, domain.text.HIDDEN."""

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from seguimiento_desktop.domain.curp import normalize_curp
from seguimiento_desktop.domain.text import HIDDEN, clean_spaces
from tests.unit.test_audit_log import admin  # noqa: F401  # the fixture: demo + administrator

ZWSP, RLO, BELL, SOFT_HYPHEN = "\u200b", "\u202e", "\a", "\u00ad"


@given(st.text())
def test_clean_text_holds_no_hidden_character_and_stays_clean(text):
    cleaned = clean_spaces(text)
    assert HIDDEN.search(cleaned) is None
    assert cleaned == cleaned.strip() and "  " not in cleaned
    assert clean_spaces(cleaned) == cleaned


@given(st.text(st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zs", "Zl", "Zp"))))
def test_text_without_hidden_characters_or_spaces_is_kept_as_it_is(text):
    assert clean_spaces(text) == text


def test_every_hidden_character_is_unprintable():  # clean_spaces' fast path relies on it
    assert not any(chr(c).isprintable() for c in range(0x110000) if HIDDEN.match(chr(c)))


def test_a_name_and_curp_pasted_with_hidden_characters_are_saved_clean(admin):  # noqa: F811
    student = admin.find_students()[0]
    pasted = replace(student, given_names=f"{RLO}Ana{ZWSP} María{BELL}",
                     first_surname=f"Ló{SOFT_HYPHEN}pez", curp=ZWSP + student.curp)
    saved = admin.save_student(pasted)
    assert (saved.given_names, saved.first_surname, saved.curp) == \
        ("ANA MARÍA", "LÓPEZ", student.curp)
    assert admin.student(student.id).given_names == "ANA MARÍA"
    assert normalize_curp(f"{student.curp[:4]}{ZWSP}{student.curp[4:]}") == student.curp
