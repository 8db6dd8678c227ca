"""Plausible synthetic answers that follow a questionnaire's skip rules (never real people).

The demo plantel, reports and benchmarks use them. Answers are produced in questionnaire
order through the engine, so a question a skip turns off is never answered, and every
generated response is complete. A seeded ``random.Random`` makes runs reproducible.
"""

import random
import string
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from seguimiento_desktop.questionnaires.engine import evaluate, next_question, set_answer
from seguimiento_desktop.questionnaires.model import (
    DATE, DECIMAL, INTEGER, MULTIPLE, Definition, Question, other_key)
from seguimiento_desktop.questionnaires.synthetic_samples import (
    CHOICE_WEIGHTS, GENERIC_GIRO, GIROS, NUMBER_PARAMETERS, OPTIONAL_RATES, OTHER_TEXTS,
    OTHER_WEIGHT, SCALE_WEIGHTS, TEXTS, UNSURE_WEIGHT, Weights)

Profile = Mapping[str, Weights]
_OWN_ACCOUNT = (1, 2, 6)  # negocio propio, familiar, por su cuenta


def synthetic_answers(definition: Definition, rng: random.Random,
                      profile: Profile | None = None,
                      known: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """One complete, plausible response to ``definition`` (question id -> stored value).

    ``profile`` overrides the weights of choice questions, e.g.
    ``{"ACT_ACTUAL": {1: 50, 2: 20, 3: 20, 4: 10}}`` for a plantel where most go on studying.
    ``known`` gives the answers of questions whose truth is already known (the person's sex,
    carrera, e-mail from the directory): they are answered so whenever they are asked.
    Multiple-choice answers are lists of codes.
    """
    weights = {**CHOICE_WEIGHTS, **(profile or {})}
    known = known or {}
    state = evaluate(definition)
    question_id = next_question(state, None)
    while question_id is not None:
        question = definition.question(question_id)
        if question_id in known:
            state = set_answer(state, question_id, known[question_id])
        elif question.required or rng.random() < OPTIONAL_RATES.get(question_id, 0.5):
            value = _value(question, dict(state.answers), rng, weights)
            state = set_answer(state, question_id, value)
            for code in _chosen_other_codes(question, value):
                state = set_answer(state, other_key(question_id, code), rng.choice(OTHER_TEXTS))
        question_id = next_question(state, question_id)
    return state.stored_answers()


def _chosen_other_codes(question: Question, value: Any) -> list[int]:
    chosen = value if isinstance(value, list) else [value]
    return [code for code in question.other_codes if code in chosen]


def _value(question: Question, answers: dict[str, Any], rng: random.Random,
           weights: Mapping[str, Weights]) -> Any:
    if question.is_choice:
        table = _weights(question, answers, weights)
        if question.type == MULTIPLE:
            return _several(question, table, rng)
        return _draw(table, rng)
    if question.type in (INTEGER, DECIMAL):
        return _number(question, answers, rng)
    if question.type == DATE:
        return _date(question, rng)
    return _text(question, answers, rng)


def _weights(question: Question, answers: Mapping[str, Any],
             weights: Mapping[str, Weights]) -> dict[int, float]:
    """Weights for a choice question, made coherent with earlier answers where it matters."""
    table = _in_context(question.id, answers) or weights.get(question.id)
    if table is None and question.type == "scale":
        table = SCALE_WEIGHTS
    codes = {o.code: o for o in question.options}
    if table is not None:
        return {code: w for code, w in table.items() if code in codes and w > 0}
    return {code: (OTHER_WEIGHT if o.other_text else UNSURE_WEIGHT if code in (97, 98) else 1.0)
            for code, o in codes.items()}


def _in_context(question_id: str, answers: Mapping[str, Any]) -> Weights | None:
    # A few answers must agree with earlier ones, or demo reports look absurd.
    activity = answers.get("ACT_ACTUAL")
    own_account = answers.get("TIPO_EMPLEADOR") in _OWN_ACCOUNT
    rules: dict[str, Weights | None] = {
        "CONTRATO": {6: 80, 5: 20} if own_account else None,
        "NIVEL_PUESTO": {5: 55, 6: 45} if own_account else None,
        "COMO_ENCONTRO": {8: 90, 3: 10} if own_account else None,
        "RAZON_NO_TRABAJA": {1: 80, 2: 10, 3: 10} if activity == 1 else None,
        "CAMBIO_ESTUDIOS": ({1: 75, 2: 12, 3: 13} if activity in (1, 3)
                            else {4: 30, 5: 70} if activity in (2, 4) else None),
        "CAMBIO_EMPLEO": ({1: 55, 2: 25, 3: 8, 4: 12} if activity in (2, 3)
                          else {5: 30, 6: 70} if activity in (1, 4) else None),
    }
    return rules.get(question_id)


def _draw(table: Mapping[int, float], rng: random.Random) -> int:
    codes = list(table)
    return rng.choices(codes, weights=[table[c] for c in codes])[0]


def _several(question: Question, table: dict[int, float], rng: random.Random) -> list[int]:
    limit = min(question.max_choices or 3, 3, len(table))
    count = rng.choices([1, 2, 3][:limit], weights=[50, 35, 15][:limit])[0]
    chosen: list[int] = []
    pool = dict(table)
    while pool and len(chosen) < count:
        code = _draw(pool, rng)
        pool.pop(code)
        if question.option(code).exclusive:
            return chosen or [code]  # "Ninguna" stands alone
        chosen.append(code)
    return sorted(chosen)


def _number(question: Question, answers: Mapping[str, Any], rng: random.Random) -> int | float:
    low = question.min if question.min is not None else 0
    high = question.max if question.max is not None else low + 100
    mean, sd = NUMBER_PARAMETERS.get(question.id, ((low + high) / 2, (high - low) / 6))
    if question.id == "HORAS_SEMANA" and answers.get("ACT_ACTUAL") == 3:
        mean, sd = 24, 8  # who also studies works part time
    value = min(max(rng.gauss(mean, sd), low), high)
    return round(value) if question.type == INTEGER else round(value, 1)


def _date(question: Question, rng: random.Random) -> str:
    low = date.fromisoformat(question.min) if question.min else date.today() - timedelta(days=365)
    high = date.fromisoformat(question.max) if question.max else date.today()
    return (low + timedelta(days=rng.randrange((high - low).days + 1))).isoformat()


def _text(question: Question, answers: Mapping[str, Any], rng: random.Random) -> str:
    if question.format == "email":
        user = "".join(rng.choices(string.ascii_lowercase, k=6))
        return f"{user}.{rng.randrange(10, 999)}@{rng.choice(['gmail.com', 'hotmail.com', 'outlook.com'])}"
    if question.format == "phone":
        return rng.choice(["33", "55", "81", "44"]) + "".join(rng.choices(string.digits, k=8))
    if question.id == "GIRO":
        return rng.choice(GIROS.get(answers.get("SECTOR"), (GENERIC_GIRO,)))
    samples = TEXTS.get(question.id, ("Sin comentarios",))
    return rng.choice(samples)[: question.max_length or 500]
