"""Questionnaire versions: older answers keep their version, read with the definition they
were keyed with, and compare with newer ones through the crosswalk."""

import pytest

from seguimiento_desktop.questionnaires import crosswalk
from seguimiento_desktop.questionnaires.engine import evaluate
from seguimiento_desktop.questionnaires.loader import bundled_versions, load_definition


@pytest.mark.parametrize("questionnaire", ["C1", "C2", "C3"])
def test_every_bundled_version_loads_and_the_latest_is_in_force(questionnaire):
    versions = bundled_versions(questionnaire)
    assert versions[0] == 1 and versions[-1] == load_definition(questionnaire).version
    for version in versions:
        assert load_definition(questionnaire, version).version == version


def test_an_unknown_version_reads_with_the_version_in_force():
    assert load_definition("C2", 999) is load_definition("C2")


def test_a_crosswalk_step_renames_recodes_and_drops(monkeypatch):
    step = {"from": 1, "to": 2, "renamed": {"OLD": "NEW"},
            "recoded": {"OLD": {"3": 4}, "LIST": {"1": 7}}, "removed": ["GONE"]}
    monkeypatch.setattr(crosswalk, "_steps", lambda _id: (step,))
    answers = {"OLD": 3, "OLD.otro_3": "x", "LIST": [1, 2], "GONE": 1, "KEPT": "a"}
    assert crosswalk.upgrade_answers("C2", 1, answers, to_version=2) == {
        "NEW": 4, "NEW.otro_4": "x", "LIST": [2, 7], "KEPT": "a"}
    assert crosswalk.upgrade_answers("C2", 2, answers, to_version=2) == answers


@pytest.mark.parametrize("questionnaire", ["C1", "C2", "C3"])
def test_every_crosswalk_step_names_questions_that_exist(questionnaire):
    for step in crosswalk._steps(questionnaire):
        before = load_definition(questionnaire, step["from"])
        after = load_definition(questionnaire, step["to"])
        assert all(before.has_question(old) and after.has_question(new)
                   for old, new in step.get("renamed", {}).items())
        assert all(before.has_question(q) and not after.has_question(q)
                   for q in step.get("removed", ()))
        assert all(after.has_question(q) for q in step.get("notes", {}))


@pytest.mark.parametrize("questionnaire", ["C1", "C2", "C3"])
def test_complete_older_answers_upgrade_into_the_version_in_force(questionnaire):
    import random
    from seguimiento_desktop.questionnaires.synthetic import synthetic_answers
    current = load_definition(questionnaire)
    for version in bundled_versions(questionnaire):
        old = load_definition(questionnaire, version)
        for seed in range(20):
            answers = synthetic_answers(old, random.Random(seed))
            assert evaluate(old, answers).complete
            upgraded = crosswalk.upgrade_answers(questionnaire, version, answers)
            evaluate(current, upgraded)  # no answer left without a question
