"""Contradictions between answers that the keyer confirmed as written on the paper.

A question's ``consistency`` checks (see ``model.Consistency``) flag, while keying, an
answer that contradicts an earlier one («Solo estudio» and «Dejé de estudiar»). The keyer
corrects it or confirms with F2 that the paper says so. A finished response can only hold
confirmed contradictions, so listing them means evaluating its answers: that is what the
exports' «inconsistencias_confirmadas» column and the listing below use, for a counselor to
call the graduate back or an analyst to decide what to trust.
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from seguimiento_desktop.questionnaires.answers import INCONSISTENT, WARNING
from seguimiento_desktop.questionnaires.engine import evaluate
from seguimiento_desktop.questionnaires.model import Definition

CONFIRMED_NOTE = "El capturista confirmó que así viene en el papel."


@dataclass(frozen=True)
class Inconsistency:
    """One confirmed contradiction of one response."""

    student_id: str
    question_id: str
    number: str
    message: str


def has_checks(definition: Definition) -> bool:
    """Whether any question of ``definition`` has consistency checks."""
    return any(q.consistency for q in definition.questions)


def confirmed_inconsistencies(definition: Definition, answers: Mapping[str, Any],
                              student_id: str = "", confirmed: Collection[str] | None = None
                              ) -> list[Inconsistency]:
    """The contradictions in a finished response's ``answers`` (kept as confirmed).

    For a paper still being keyed, pass the question ids the keyer ``confirmed``: a
    contradiction not confirmed yet is a pending correction, not a listed inconsistency.
    """
    if not has_checks(definition):
        return []
    state = evaluate(definition, answers,
                     confirmed=answers.keys() if confirmed is None else confirmed)
    return [Inconsistency(student_id, issue.question_id,
                          definition.question(issue.question_id).number,
                          issue.message.replace(CONFIRMED_NOTE, "").strip())
            for issue in state.issues if issue.kind == INCONSISTENT and issue.severity == WARNING]


def inconsistency_listing(definition: Definition,
                          responses: Iterable[tuple[str, Mapping[str, Any]]]
                          ) -> list[Inconsistency]:
    """Every confirmed contradiction of ``responses`` ((student id, answers) pairs)."""
    return [found for student_id, answers in responses
            for found in confirmed_inconsistencies(definition, answers, student_id)]
