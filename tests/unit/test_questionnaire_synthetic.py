"""Synthetic responses: reproducible, complete, and distributed like real graduates."""

import random
from collections import Counter

import pytest

from seguimiento_desktop.questionnaires.engine import evaluate
from seguimiento_desktop.questionnaires.loader import load_definition
from seguimiento_desktop.questionnaires.synthetic import synthetic_answers


@pytest.fixture(scope="module")
def c2_sample():
    definition = load_definition("C2")
    rng = random.Random(2026)
    return [synthetic_answers(definition, rng) for _ in range(800)]


def test_same_seed_same_answers():
    definition = load_definition("C3")
    assert synthetic_answers(definition, random.Random(9)) == synthetic_answers(definition, random.Random(9))


def test_answers_are_plain_json_values():
    answers = synthetic_answers(load_definition("C2"), random.Random(1))
    assert all(isinstance(v, (int, float, str, list)) for v in answers.values())


def test_activity_shares_are_realistic(c2_sample):
    shares = Counter(a["ACT_ACTUAL"] for a in c2_sample)
    for code, expected in {1: 0.35, 2: 0.30, 3: 0.15, 4: 0.20}.items():
        assert abs(shares[code] / len(c2_sample) - expected) < 0.06, (code, shares)


def test_income_concentrates_at_one_to_two_minimum_wages(c2_sample):
    incomes = Counter(a["INGRESO"] for a in c2_sample if "INGRESO" in a)
    assert incomes.most_common(1)[0][0] == 2
    assert (incomes[2] + incomes[3]) / sum(incomes.values()) > 0.5


def test_answers_follow_the_branch(c2_sample):
    for answers in c2_sample:
        working = answers["ACT_ACTUAL"] in (2, 3)
        assert ("INGRESO" in answers) == working
        assert ("EST_NIVEL" in answers) == (answers["ACT_ACTUAL"] in (1, 3))
        if answers.get("TIPO_EMPLEADOR") == 1:
            assert answers["CONTRATO"] in (5, 6)


def test_profile_overrides_weights():
    definition = load_definition("C2")
    rng = random.Random(4)
    profile = {"ACT_ACTUAL": {4: 1}}
    assert all(synthetic_answers(definition, rng, profile)["ACT_ACTUAL"] == 4 for _ in range(20))


@pytest.mark.parametrize("ident", ["C1", "C2", "C3"])
def test_many_synthetic_responses_are_complete(ident):
    definition = load_definition(ident)
    rng = random.Random(11)
    for _ in range(150):
        assert evaluate(definition, synthetic_answers(definition, rng)).complete
