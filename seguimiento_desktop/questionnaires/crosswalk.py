"""Comparing questionnaire versions: a response keeps the version it was captured with, and
exports and indicators read it through the crosswalk into the version in force.

A changed definition is a new version (``version`` in its JSON); the previous file stays
bundled as ``C2.v1.json`` so older answers still read as keyed. ``crosswalk.json`` lists,
per questionnaire, the steps from one version to the next: question ids renamed, option
codes recoded, questions removed, and notes on what does not compare as it is (a question
asked of more people, say). Questions added in a version need no step: older responses
simply never had them ("no se preguntó"). docs/questionnaires.md documents every step.
"""

from collections.abc import Mapping
from functools import cache
from typing import Any

from seguimiento_desktop.datafiles import load_json
from seguimiento_desktop.questionnaires.loader import FOLDER, bundled_versions, load_definition
from seguimiento_desktop.questionnaires.model import split_other_key


@cache
def _steps(definition_id: str) -> tuple[dict, ...]:
    return tuple(load_json(FOLDER, "crosswalk.json").get(definition_id, ()))


def steps(definition_id: str, from_version: int, to_version: int | None = None) -> list[dict]:
    """The crosswalk steps that take answers of ``from_version`` to ``to_version`` (the
    version in force by default), in order."""
    target = to_version or load_definition(definition_id).version
    return [s for s in _steps(definition_id) if from_version <= s["from"] and s["to"] <= target]


def upgrade_answers(definition_id: str, version: int | None, answers: Mapping[str, Any],
                    to_version: int | None = None) -> dict[str, Any]:
    """``answers`` captured with ``version`` as the version in force would store them."""
    upgraded = dict(answers)
    for step in steps(definition_id, version or 1, to_version):
        upgraded = _apply(step, upgraded)
    return upgraded


def _apply(step: dict, answers: dict[str, Any]) -> dict[str, Any]:
    renamed, recoded = step.get("renamed", {}), step.get("recoded", {})
    removed = set(step.get("removed", ()))
    result: dict[str, Any] = {}
    for key, value in answers.items():
        other = split_other_key(key)
        question_id = other[0] if other else key
        if question_id in removed:
            continue
        new_id = renamed.get(question_id, question_id)
        codes = {int(old): new for old, new in recoded.get(question_id, {}).items()}
        if other:
            result[f"{new_id}.otro_{codes.get(other[1], other[1])}"] = value
        elif isinstance(value, list):
            result[new_id] = sorted(codes.get(v, v) for v in value)
        else:
            result[new_id] = codes.get(value, value) if isinstance(value, int) else value
    return result


def asked_in(definition_id: str, version: int, question_id: str) -> bool:
    """Whether ``question_id`` (an id of the version in force) was asked in ``version``."""
    return first_version(definition_id, question_id) <= version


@cache
def first_version(definition_id: str, question_id: str) -> int:
    """The first bundled version that asked ``question_id`` (under this id or an older one)."""
    for version in bundled_versions(definition_id):
        definition = load_definition(definition_id, version)
        later = {question_id}
        for step in reversed(steps(definition_id, version)):
            later |= {old for old, new in step.get("renamed", {}).items() if new in later}
        if any(definition.has_question(q) for q in later):
            return version
    return load_definition(definition_id).version


def notes(definition_id: str, question_id: str) -> list[str]:
    """What the crosswalk says about comparing ``question_id`` across versions."""
    return [f"v{s['from']}→v{s['to']}: {s['notes'][question_id]}"
            for s in _steps(definition_id) if question_id in s.get("notes", {})]
