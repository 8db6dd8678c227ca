"""Property tests: whatever the keyer types, in whatever order, the state stays consistent."""

import random
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.questionnaires.answers import INCONSISTENT
from seguimiento_desktop.questionnaires.engine import ResponseState, evaluate, set_answer
from seguimiento_desktop.questionnaires.loader import load_definition
from seguimiento_desktop.questionnaires.model import (
    DATE, DECIMAL, END, INTEGER, MULTIPLE, SCALE, SINGLE, Condition, Definition, Question,
    other_key, split_other_key)
from seguimiento_desktop.questionnaires.synthetic import synthetic_answers

IDS = ("C1", "C2", "C3")
PROPERTY_SETTINGS = settings(max_examples=60, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow])


# --- an independent, naive reading of the rules (the oracle) -------------------------------

def holds(condition: Condition, answers: dict) -> bool:
    if condition.kind in ("all", "any"):
        results = [holds(part, answers) for part in condition.parts]
        return all(results) if condition.kind == "all" else any(results)
    value = answers.get(condition.question)
    if condition.kind == "answered":
        return (value is not None) == condition.answered
    if value is None:
        return False
    chosen = set(value) if isinstance(value, (list, tuple)) else {value}
    return bool(chosen & condition.codes) == (condition.kind == "in")


def reference_applicable(definition: Definition, answers: dict) -> tuple[bool, ...]:
    skip_to, result = -1, []
    for index, question in enumerate(definition.questions):
        rules = [r for r in (definition.section(question.section).show_if, question.show_if) if r]
        on = index >= skip_to and all(holds(rule, answers) for rule in rules)
        option = question.option(answers.get(question.id)) if on and question.type in (SINGLE, SCALE) \
            and isinstance(answers.get(question.id), int) else None
        if option is not None and option.goto:
            target = len(definition.questions) if option.goto == END else definition.position(option.goto)
            skip_to = max(skip_to, target)
        result.append(on)
    return tuple(result)


def assert_consistent(state: ResponseState) -> None:
    definition, answers = state.definition, dict(state.answers)
    assert state.applicable == reference_applicable(definition, answers)
    for key in answers:
        other = split_other_key(key)
        assert state.is_applicable(other[0] if other else key), key
        if other:
            chosen = answers[other[0]]
            assert other[1] in (chosen if isinstance(chosen, tuple) else (chosen,))
    fresh = evaluate(definition, answers, state.confirmed)
    assert dict(fresh.answers) == answers
    assert fresh.applicable == state.applicable
    assert dict(fresh.value_issues) == dict(state.value_issues)
    assert fresh.issues == state.issues
    required_ok = all(q.id in answers for q, on in zip(definition.questions, state.applicable)
                      if on and q.required)
    assert state.complete == (required_ok and not state.errors)


# --- strategies ------------------------------------------------------------------------------

def any_value(question: Question) -> st.SearchStrategy:
    """Valid, invalid and blank values, as a careless keyer might type them."""
    blank = st.sampled_from([None, "", "   "])
    if question.is_choice:
        codes = st.sampled_from([o.code for o in question.options])
        code = st.one_of(codes, codes, st.integers(-1, 120))
        if question.type == MULTIPLE:
            return st.one_of(st.lists(code, max_size=4), blank)
        return st.one_of(code, st.just("x"), blank)
    if question.type == INTEGER:
        return st.one_of(st.integers(-5, 120), st.text(max_size=3), blank)
    if question.type == DECIMAL:
        return st.one_of(st.floats(-1, 15, allow_nan=False), blank)
    if question.type == DATE:
        return st.one_of(st.dates().map(lambda d: d.isoformat()), st.text(max_size=10), blank)
    return st.one_of(st.text(max_size=20), st.just("a" * 600), st.just("ana@gmail.com"),
                     st.just("3312345678"), blank)


def apply(state: ResponseState, key: str, value: Any, confirmed: bool | None) -> ResponseState:
    try:
        return set_answer(state, key, value, confirmed=confirmed)
    except InvalidData:
        return state  # refused (question skipped, option not chosen): state must be unchanged


@pytest.mark.parametrize("ident", IDS)
@PROPERTY_SETTINGS
@given(data=st.data())
def test_any_answer_sequence_gives_a_consistent_state(ident, data):
    definition = load_definition(ident)
    state = evaluate(definition)
    for _ in range(data.draw(st.integers(1, 25), label="steps")):
        pool = state.applicable_ids if data.draw(st.booleans()) else definition.question_ids
        question = definition.question(data.draw(st.sampled_from(pool)))
        key = question.id
        if question.other_codes and data.draw(st.booleans()):
            key = other_key(question.id, data.draw(st.sampled_from(question.other_codes)))
            value = data.draw(st.one_of(st.text(max_size=10), st.just("x" * 300), st.none()))
        else:
            value = data.draw(any_value(question))
        confirmed = data.draw(st.sampled_from([None, None, True, False]))
        state = apply(state, key, value, confirmed)
        assert_consistent(state)


def valid_value(question: Question, data: st.DataObject) -> Any:
    """A value the engine must accept without errors."""
    if question.is_choice:
        codes = [o.code for o in question.options]
        if question.type != MULTIPLE:
            return data.draw(st.sampled_from(codes))
        plain = [o.code for o in question.options if not o.exclusive]
        chosen = data.draw(st.lists(st.sampled_from(plain), min_size=1,
                                    max_size=question.max_choices or len(plain), unique=True))
        return chosen
    if question.type in (INTEGER, DECIMAL):
        low, high = question.min if question.min is not None else 0, question.max or 1000
        if question.type == INTEGER:
            return data.draw(st.integers(low, high))
        return data.draw(st.floats(low, high, allow_nan=False))
    if question.format == "email":
        return "egresada@gmail.com"
    if question.format == "phone":
        return data.draw(st.from_regex(r"\A[1-9][0-9]{9}\Z"))
    if question.format == "postal_code":
        return data.draw(st.from_regex(r"\A[0-9]{5}\Z"))
    return data.draw(st.text(min_size=1, max_size=min(question.max_length or 500, 40))
                     .filter(str.strip))


@pytest.mark.parametrize("ident", IDS)
@PROPERTY_SETTINGS
@given(data=st.data())
def test_plausible_answers_following_the_skips_are_complete(ident, data):
    definition = load_definition(ident)
    state = evaluate(definition)
    for question in definition.questions:
        if not state.is_applicable(question.id):
            continue
        if not question.required and data.draw(st.booleans()):
            continue
        value = valid_value(question, data)
        state = set_answer(state, question.id, value)
        if any(i.kind == INCONSISTENT for i in state.issues_for(question.id)):
            state = set_answer(state, question.id, value, confirmed=True)  # F2: as on paper
        chosen = value if isinstance(value, list) else [value]
        for code in question.other_codes:
            if code in chosen:
                state = set_answer(state, other_key(question.id, code), "algo más")
    assert_consistent(state)
    assert state.complete, state.errors


@pytest.mark.parametrize("ident", IDS)
@settings(max_examples=40, deadline=None)
@given(rng=st.randoms(use_true_random=False))
def test_synthetic_responses_are_complete(ident, rng: random.Random):
    definition = load_definition(ident)
    state = evaluate(definition, synthetic_answers(definition, rng))
    assert state.complete, state.errors
    assert_consistent(state)
