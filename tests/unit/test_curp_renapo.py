"""The CURP validator against an independent reading of RENAPO's rules (tests/unit/renapo.py):
CURPs generated from names by RENAPO's rules pass, every mutant breaking one rule is
rejected with that rule's message, the validator agrees with the oracle on near-misses,
and disabling any one rule of the validator lets mutants through."""

import random
from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from seguimiento_desktop.domain import curp as curp_module
from seguimiento_desktop.domain.curp import (
    RULES, age_warning, broken_rule, build_curp, curp_problem, decode_curp)
from seguimiento_desktop.domain.models import Student
from seguimiento_desktop.domain.student_rules import check_student
from tests.unit.renapo import (
    ALPHABET, GIVEN, STATES, SURNAMES, mutation_counts, mutations, oracle_valid, random_curp,
    renapo_curp)

names = st.one_of(st.sampled_from(GIVEN + SURNAMES),
                  st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZÑÁÉÍÓÚ ", min_size=1,
                          max_size=16).filter(str.strip))
people = st.tuples(names, names, st.one_of(st.just(""), names),
                   st.dates(date(1930, 1, 1), date(2025, 12, 31)), st.sampled_from("HMX"),
                   st.sampled_from(STATES), st.integers(0, 99))
seeds = st.integers(0, 2**32 - 1)


@given(people)
def test_a_curp_made_by_renapo_rules_is_valid_and_the_app_builds_the_same(person):
    given_name, first, second, born, sex, state, homoclave = person
    curp = renapo_curp(*person)
    assert oracle_valid(curp)
    assert curp_problem(curp) is None, curp
    info = decode_curp(curp)
    assert (info.birth_date, info.sex) == (born, sex)
    built = build_curp(given_name, first, second, born, sex, state, curp[16])
    assert built == curp


@settings(max_examples=150)
@given(seeds)
def test_every_mutant_is_rejected_for_the_rule_it_breaks(seed):
    rng = random.Random(seed)
    for rule, mutant in mutations(random_curp(rng), rng):
        assert broken_rule(mutant) == rule, mutant
        assert curp_problem(mutant).startswith("La CURP")


@settings(max_examples=300)
@given(seeds, st.integers(1, 3), st.booleans())
def test_validator_agrees_with_the_oracle_on_near_misses(seed, changes, resign):
    rng = random.Random(seed)
    curp = random_curp(rng)
    for _ in range(changes):
        index = rng.randrange(17)
        curp = curp[:index] + rng.choice(ALPHABET) + curp[index + 1:]
    if resign:
        curp = curp[:17] + curp_module.check_digit(curp[:17])
    assert (curp_problem(curp) is None) == oracle_valid(curp), curp


def test_mutation_counts_reject_every_mutant_for_its_rule():
    counts = mutation_counts(samples=60)
    assert set(counts) == {name for name, _ in RULES} | {"longitud"}
    for rule, (tried, right, accepted) in counts.items():
        assert tried == right and accepted == 0, rule


@pytest.mark.parametrize("name", [name for name, _ in RULES])
def test_disabling_any_rule_changes_the_verdict_on_its_mutants(name, monkeypatch):
    """A mutation test of the validator itself: without the rule its mutants escape, or
    (for the shape rules kept for their clearer message) a later rule explains them."""
    rng = random.Random(7)
    mutants = [m for _ in range(40) for r, m in mutations(random_curp(rng), rng) if r == name]
    messages = {m: curp_problem(m) for m in mutants}
    weakened = [(n, (lambda curp: None) if n == name else rule) for n, rule in RULES]
    monkeypatch.setattr(curp_module, "RULES", weakened)
    curp_module._problem_of_normalized.cache_clear()
    changed = [m for m in mutants if curp_module.curp_problem(m) != messages[m]]
    escaped = [m for m in mutants if curp_module.curp_problem(m) is None]
    curp_module._problem_of_normalized.cache_clear()
    assert len(changed) == len(mutants)
    if name not in {"fecha", "entidad_forma", "verificador_forma"}:
        assert escaped, f"the rule {name} is never the only one catching its mutants"


@pytest.mark.parametrize("curp, fragment", [
    ("BACA610329MNECKR88", "una palabra que RENAPO no asigna (usa «BXCA»)"),
    ("PRGJ900512HJCRRS04", "posición 2 debe ir la primera vocal interna"),
    ("PEGJ900512HJCARS04", "sin vocales ni números"),
    ("PEGJ900512HJCÑRS04", "la Ñ se escribe X"),
])
def test_each_renapo_rule_has_its_own_spanish_message(curp, fragment):
    problem = curp_problem(curp[:17] + curp_module.check_digit(curp[:17]))
    assert fragment in problem


def test_an_implausible_age_is_a_warning_not_a_rejection():
    old = build_curp("Ana", "Ruiz", "Soto", date(1908, 3, 1), "M", "JC")
    assert curp_problem(old) is None
    assert "tendría 115 años al iniciar la generación (2023)" in age_warning(old, 2023)
    young = build_curp("Ana", "Ruiz", "Soto", date(2015, 3, 1), "M", "JC", "A")
    assert "8 años" in age_warning(young, 2023)
    usual = build_curp("Ana", "Ruiz", "Soto", date(2008, 3, 1), "M", "JC", "A")
    assert age_warning(usual, 2023) is None
    assert age_warning(usual, None, today=date(2026, 1, 1)) is None
    check = check_student(Student(curp=old, given_names="Ana", first_surname="Ruiz",
                                  second_surname="Soto", cohort="2023-2026"))
    assert check.ok and "115 años" in check.warnings["curp"]


def test_demo_students_have_valid_curps_of_plausible_age():
    from seguimiento_desktop.demo import demo_students
    for student in demo_students(300, ("2021-2024", "2023-2026")):
        assert curp_problem(student.curp) is None
        assert age_warning(student.curp, int(student.cohort[:4])) is None
