"""The questionnaire engine: which questions apply, what is wrong, whether a response is complete.

Qt-free and immutable: ``set_answer`` returns a new ``ResponseState``. Answers to questions
that a skip rule turns off are cleared at once, so a stored response never keeps answers
the respondent was told to skip. Rules may only look backwards (checked at load), so one
forward pass settles everything; after one answer only the questions that can depend on
it (precomputed per definition) are looked at again, which keeps a keystroke far below
the GUI's 16 ms budget.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import Any

from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.questionnaires.answers import (
    ERROR, WARNING, Issue, check_answer, normalize)
from seguimiento_desktop.questionnaires.model import Definition, Question, other_key, split_other_key
from seguimiento_desktop.questionnaires.plan import Plan, plan_for


@dataclass(frozen=True, eq=False)
class ResponseState:
    """One response being captured: its answers and everything derived from them.

    ``answers`` maps question ids (and other-text keys, see ``other_key``) to stored
    values; it only holds answers of applicable questions. ``confirmed`` holds the ids of
    out-of-range values the keyer confirmed as written on paper.
    """

    definition: Definition
    answers: Mapping[str, Any]
    confirmed: frozenset[str]
    applicable: tuple[bool, ...]
    value_issues: Mapping[str, tuple[Issue, ...]]

    def is_applicable(self, question_id: str) -> bool:
        """Whether the question is asked, given the answers so far."""
        return self.applicable[self.definition.position(question_id)]

    @cached_property
    def applicable_ids(self) -> tuple[str, ...]:
        """Ids of the questions that apply, in questionnaire order."""
        return tuple(q.id for q, on in zip(self.definition.questions, self.applicable) if on)

    @cached_property
    def missing_required(self) -> tuple[str, ...]:
        """Applicable required questions without an answer, in order."""
        return tuple(q.id for q, on in zip(self.definition.questions, self.applicable)
                     if on and q.required and q.id not in self.answers)

    def issues_for(self, question_id: str) -> tuple[Issue, ...]:
        """Problems of one question (a missing required answer included)."""
        if question_id in self.value_issues:
            return self.value_issues[question_id]
        if question_id in self.missing_required:
            return (plan_for(self.definition).missing[self.definition.position(question_id)],)
        return ()

    @cached_property
    def issues(self) -> tuple[Issue, ...]:
        """Every problem and warning, in questionnaire order."""
        found: list[Issue] = []
        missing = plan_for(self.definition).missing
        for index, question in enumerate(self.definition.questions):
            if not self.applicable[index]:
                continue
            if question.id in self.value_issues:
                found += self.value_issues[question.id]
            elif question.required and question.id not in self.answers:
                found.append(missing[index])
        return tuple(found)

    @property
    def errors(self) -> tuple[Issue, ...]:
        """Problems that keep the response incomplete."""
        return tuple(i for i in self.issues if i.severity == ERROR)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        """Accepted but flagged answers (out-of-range values the keyer confirmed)."""
        return tuple(i for i in self.issues if i.severity == WARNING)

    def stored_answers(self) -> dict[str, Any]:
        """The answers as plain JSON values (lists for multiple choice), ready to store."""
        return {key: list(value) if isinstance(value, tuple) else value
                for key, value in self.answers.items()}

    @cached_property
    def complete(self) -> bool:
        """True when every applicable required question is answered and no answer is invalid."""
        return not self.missing_required and not any(
            i.severity == ERROR for issues in self.value_issues.values() for i in issues)


def evaluate(definition: Definition, answers: Mapping[str, Any] | None = None,
             confirmed: Iterable[str] = ()) -> ResponseState:
    """The state of a response from scratch (e.g. loaded from the database).

    Answers to questions that do not apply, and "otro" texts of options not chosen, are
    dropped. A key that is no question of ``definition`` raises InvalidData.
    """
    plan = plan_for(definition)
    work = {key: _stored(definition, key, value) for key, value in (answers or {}).items()}
    work = {key: value for key, value in work.items() if value is not None}
    applicable = [True] * len(definition.questions)
    confirmed_set = set(confirmed) & set(work)
    _settle(plan, work, applicable, range(len(definition.questions)))
    _drop_orphan_texts(definition, work)
    confirmed_set &= set(work)
    issues = {}
    for question in definition.questions:
        if question.id in work:
            issues[question.id] = _checked(question, work, confirmed_set)
    return _state(definition, work, confirmed_set, applicable, issues)


def _stored(definition: Definition, key: str, value: Any) -> Any:
    other = split_other_key(key)
    if other and definition.has_question(other[0]):
        option = definition.question(other[0]).option(other[1])
        if option is not None and option.other_text:
            return (value.strip() or None) if isinstance(value, str) else value
    if not definition.has_question(key):
        raise InvalidData(f"La respuesta «{key}» no corresponde a ninguna pregunta del "
                          f"cuestionario {definition.id} versión {definition.version}.")
    return normalize(definition.question(key), value)


def set_answer(state: ResponseState, key: str, value: Any,
               confirmed: bool | None = None) -> ResponseState:
    """A new state with ``key`` answered (``None``/blank clears it).

    ``key`` is a question id or an ``other_key(...)``. ``confirmed=True`` records that the
    keyer confirmed an out-of-range value; ``None`` keeps the confirmation only if the value
    did not change. Questions that stop applying lose their answers.
    """
    definition = state.definition
    other = split_other_key(key)
    if other is not None:
        return _set_other_text(state, other[0], other[1], value)
    question = _applicable_question(state, key)
    work = dict(state.answers)
    new_value = normalize(question, value)
    changed = work.get(key) != new_value
    _put(work, key, new_value)
    _drop_orphan_texts(definition, work, (question,))
    confirmed_set = set(state.confirmed)
    if confirmed or (confirmed is None and not changed and key in confirmed_set):
        confirmed_set.add(key)
    else:
        confirmed_set.discard(key)
    confirmed_set &= set(work)
    applicable = list(state.applicable)
    issues = dict(state.value_issues)
    if changed:
        plan = plan_for(definition)
        for cleared in _settle(plan, work, applicable, plan.affected[definition.position(key)]):
            issues.pop(cleared, None)
            confirmed_set.discard(cleared)
        for index in plan.checked_by[definition.position(key)]:  # soft checks reading key
            _recheck(definition.questions[index], work, confirmed_set, issues)
    _recheck(question, work, confirmed_set, issues)
    return _state(definition, work, confirmed_set, applicable, issues)


def confirm(state: ResponseState, question_id: str, confirmed: bool = True) -> ResponseState:
    """Mark (or unmark) an out-of-range answer as confirmed by the keyer."""
    return set_answer(state, question_id, state.answers.get(question_id), confirmed=confirmed)


def _applicable_question(state: ResponseState, question_id: str) -> Question:
    definition = state.definition
    if not definition.has_question(question_id):
        raise InvalidData(f"El cuestionario {definition.id} no tiene la pregunta «{question_id}».")
    question = definition.question(question_id)
    if not state.is_applicable(question_id):
        raise InvalidData(f"La pregunta {question.number} no aplica con las respuestas "
                          "anteriores (un pase indica saltarla); no se puede contestar.")
    return question


def _set_other_text(state: ResponseState, question_id: str, code: int, value: Any) -> ResponseState:
    question = _applicable_question(state, question_id)
    option = question.option(code)
    if option is None or not option.other_text:
        raise InvalidData(f"La opción {code} de la pregunta {question.number} no pide especificar.")
    chosen = state.answers.get(question_id)
    if code not in (chosen if isinstance(chosen, tuple) else (chosen,)):
        raise InvalidData(f"Primero marque «{option.label}» en la pregunta {question.number}; "
                          "después escriba cuál.")
    work = dict(state.answers)
    _put(work, other_key(question_id, code), value.strip() if isinstance(value, str) else value)
    issues = dict(state.value_issues)
    _recheck(question, work, state.confirmed, issues)
    return _state(state.definition, work, state.confirmed, state.applicable, issues)


def _put(work: dict[str, Any], key: str, value: Any) -> None:
    if value is None or value == "":
        work.pop(key, None)
    else:
        work[key] = value


def _settle(plan: Plan, work: dict[str, Any], applicable: list[bool],
            indices: Iterable[int]) -> list[str]:
    """Recompute applicability of ``indices`` (ascending) and clear answers that lost it."""
    cleared = []
    for index in indices:
        on = plan.applies(index, work, applicable)
        applicable[index] = on
        question = plan.definition.questions[index]
        if not on and question.id in work:
            cleared.append(question.id)
            _clear(work, question)
    return cleared


def _clear(work: dict[str, Any], question: Question) -> None:
    work.pop(question.id, None)
    for code in question.other_codes:
        work.pop(other_key(question.id, code), None)


def _drop_orphan_texts(definition: Definition, work: dict[str, Any],
                       questions: Iterable[Question] | None = None) -> None:
    """Remove "otro" texts whose option is not (or no longer) chosen."""
    for question in questions if questions is not None else definition.questions:
        chosen = work.get(question.id)
        chosen = chosen if isinstance(chosen, tuple) else (chosen,)
        for code in question.other_codes:
            if code not in chosen:
                work.pop(other_key(question.id, code), None)


def _checked(question: Question, work: Mapping[str, Any], confirmed: set[str] | frozenset[str]
             ) -> tuple[Issue, ...]:
    return tuple(check_answer(question, work[question.id], work, question.id in confirmed))


def _recheck(question: Question, work: Mapping[str, Any], confirmed: set[str] | frozenset[str],
             issues: dict[str, tuple[Issue, ...]]) -> None:
    if question.id in work:
        issues[question.id] = _checked(question, work, confirmed)
    else:
        issues.pop(question.id, None)


def _state(definition: Definition, work: dict[str, Any], confirmed: Iterable[str],
           applicable: list[bool], issues: dict[str, tuple[Issue, ...]]) -> ResponseState:
    kept = {qid: found for qid, found in issues.items() if found}
    return ResponseState(definition, MappingProxyType(work), frozenset(confirmed),
                         tuple(applicable), MappingProxyType(kept))


def next_question(state: ResponseState, current: str | None) -> str | None:
    """The applicable question after ``current`` (the first one when ``current`` is None)."""
    start = -1 if current is None else state.definition.position(current)
    for index in range(start + 1, len(state.applicable)):
        if state.applicable[index]:
            return state.definition.questions[index].id
    return None


def previous_question(state: ResponseState, current: str | None) -> str | None:
    """The applicable question before ``current`` (the last one when ``current`` is None)."""
    stop = len(state.applicable) if current is None else state.definition.position(current)
    for index in range(stop - 1, -1, -1):
        if state.applicable[index]:
            return state.definition.questions[index].id
    return None


def first_pending(state: ResponseState) -> str | None:
    """The first applicable question still unanswered (if required) or with an error."""
    for issue in state.issues:
        if issue.severity == ERROR:
            return issue.question_id
    return None

