"""Version 2 of the questionnaires: the family block in C1, higher-education items, what
training at work let the graduate contribute, time to first job for who worked and stopped,
and C3's consistency checks (confirmable with F2, listed when confirmed)."""

import random

import pytest

from seguimiento_desktop.questionnaires.answers import ERROR, INCONSISTENT, WARNING
from seguimiento_desktop.questionnaires.checks import definition_problems
from seguimiento_desktop.questionnaires.engine import evaluate, set_answer
from seguimiento_desktop.questionnaires.inconsistencies import (
    confirmed_inconsistencies, inconsistency_listing)
from seguimiento_desktop.questionnaires.loader import load_definition
from seguimiento_desktop.questionnaires.model import Condition, Consistency
from seguimiento_desktop.questionnaires.synthetic import synthetic_answers


def answered(definition, **answers):
    state = evaluate(definition)
    for key, value in answers.items():
        state = set_answer(state, key, value)
    return state


def test_c1_asks_the_family_block_once():
    c1 = load_definition("C1")
    block = c1.section("HOGAR").question_ids
    assert {"ESCOLARIDAD_MADRE", "ESCOLARIDAD_PADRE", "HOGAR_PERSONAS", "BECA_BACHILLERATO",
            "HIJOS", "LENGUA_INDIGENA", "DISCAPACIDAD"} <= set(block)
    assert not any(load_definition(q).has_question("ESCOLARIDAD_MADRE") for q in ("C2", "C3"))


@pytest.mark.parametrize("wave", ["C2", "C3"])
def test_time_to_first_job_is_asked_of_who_worked_and_stopped(wave):
    definition = load_definition(wave)
    before = {"DATOS_CAMBIARON": 1, "ACT_ACTUAL": 4}
    if wave == "C3":
        before.update(CAMBIO_ESTUDIOS=5, CAMBIO_EMPLEO=5)
    stopped = answered(definition, **before, HA_TRABAJADO=1)
    assert stopped.is_applicable("TIEMPO_PRIMER_EMPLEO")
    never = answered(definition, **before, HA_TRABAJADO=2)
    assert not never.is_applicable("TIEMPO_PRIMER_EMPLEO")
    working = answered(definition, DATOS_CAMBIARON=1, ACT_ACTUAL=2)
    assert working.is_applicable("TIEMPO_PRIMER_EMPLEO")
    assert not working.is_applicable("HA_TRABAJADO")


@pytest.mark.parametrize("wave", ["C2", "C3"])
def test_higher_education_and_training_items_follow_their_skips(wave):
    definition = load_definition(wave)
    state = answered(definition, DATOS_CAMBIARON=1, ACT_ACTUAL=1)
    assert all(state.is_applicable(q) for q in
               ("EST_REPROBADAS", "EST_DIFICULTAD", "EST_PREPARACION", "EST_AREAS_DIFICILES"))
    state = answered(definition, DATOS_CAMBIARON=1, ACT_ACTUAL=2)
    assert not state.is_applicable("EST_REPROBADAS")
    assert definition.question("CAPACITACION_APORTE").show_if.codes == frozenset({1})


def test_c3_flags_studies_that_contradict_the_activity_until_confirmed():
    c3 = load_definition("C3")
    state = answered(c3, DATOS_CAMBIARON=1, ACT_ACTUAL=1, CAMBIO_ESTUDIOS=4)
    issue = state.issues_for("CAMBIO_ESTUDIOS")[0]
    assert issue.kind == INCONSISTENT and issue.severity == ERROR and issue.confirmable
    assert "dice que estudia" in issue.message
    confirmed = set_answer(state, "CAMBIO_ESTUDIOS", 4, confirmed=True)
    assert confirmed.issues_for("CAMBIO_ESTUDIOS")[0].severity == WARNING
    fixed = set_answer(state, "CAMBIO_ESTUDIOS", 1)
    assert not fixed.issues_for("CAMBIO_ESTUDIOS")


def test_going_back_to_the_activity_checks_the_later_answer_again():
    c3 = load_definition("C3")
    state = answered(c3, DATOS_CAMBIARON=1, ACT_ACTUAL=4, CAMBIO_ESTUDIOS=5, CAMBIO_EMPLEO=1)
    assert state.issues_for("CAMBIO_EMPLEO")[0].kind == INCONSISTENT  # «ni trabajo» + same job
    state = set_answer(state, "ACT_ACTUAL", 2)
    assert not state.issues_for("CAMBIO_EMPLEO")


def test_confirmed_contradictions_are_listed():
    c3 = load_definition("C3")
    answers = {"DATOS_CAMBIARON": 1, "ACT_ACTUAL": 4, "CAMBIO_ESTUDIOS": 5, "CAMBIO_EMPLEO": 1}
    found = confirmed_inconsistencies(c3, answers, "alumno-1")
    assert [(f.student_id, f.question_id, f.number) for f in found] == [
        ("alumno-1", "CAMBIO_EMPLEO", c3.question("CAMBIO_EMPLEO").number)]
    assert "confirm" not in found[0].message.lower()
    assert inconsistency_listing(c3, [("a", answers), ("b", {"ACT_ACTUAL": 2})])[0].student_id == "a"


def test_synthetic_c3_answers_are_consistent():
    c3 = load_definition("C3")
    for seed in range(40):
        assert confirmed_inconsistencies(c3, synthetic_answers(c3, random.Random(seed))) == []


def test_a_consistency_check_may_not_read_a_later_answer():
    c3 = load_definition("C3")
    question = c3.question("CAMBIO_ESTUDIOS")
    bad = Consistency(Condition("in", question="RECOMENDARIA", codes=frozenset({1})), "x")
    from dataclasses import replace
    from seguimiento_desktop.questionnaires.model import Definition
    questions = tuple(replace(q, consistency=(bad,)) if q.id == question.id else q
                      for q in c3.questions)
    broken = Definition(c3.id, c3.version, c3.title, c3.intro, c3.privacy, c3.sections, questions)
    assert any("«consistency» depende de «RECOMENDARIA»" in p for p in definition_problems(broken))
