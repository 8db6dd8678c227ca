"""What the engine precomputes once per definition: rules by position and who depends on whom.

A question's applicability depends on earlier answers in two ways: a ``show_if`` (of the
question or of its section) that reads them, or a ``goto`` on an earlier question whose
jump passes over it. ``affected[i]`` lists, in order, every question whose applicability
may change when answer ``i`` changes, directly or through answers that get cleared.
"""

import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from seguimiento_desktop.questionnaires.answers import Issue, missing_issue
from seguimiento_desktop.questionnaires.model import END, Condition, Definition


@dataclass(frozen=True, eq=False)
class Plan:
    """Rules of one definition indexed by question position (0-based)."""

    definition: Definition
    conditions: tuple[tuple[Condition, ...], ...]
    jumpers: tuple[tuple[int, ...], ...]  # earlier questions whose goto may jump over i
    gotos: tuple[Mapping[Any, int], ...]  # option code -> target position (END: past the end)
    affected: tuple[tuple[int, ...], ...]
    missing: tuple[Issue, ...]  # the "required, no answer" issue of each question, built once
    # Questions whose soft consistency checks read answer i (to check again when i changes).
    checked_by: tuple[tuple[int, ...], ...] = ()

    def applies(self, index: int, answers: Mapping[str, Any], applicable: list[bool]) -> bool:
        """Whether question ``index`` is asked, given earlier answers and applicability."""
        questions = self.definition.questions
        for source in self.jumpers[index]:
            if applicable[source]:
                target = self.gotos[source].get(_hashable(answers.get(questions[source].id)))
                if target is not None and target > index:
                    return False
        return all(condition.holds(answers) for condition in self.conditions[index])


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


_PLANS: "weakref.WeakKeyDictionary[Definition, Plan]" = weakref.WeakKeyDictionary()


def plan_for(definition: Definition) -> Plan:
    """The plan of ``definition``, built on first use and kept while the definition lives."""
    plan = _PLANS.get(definition)
    if plan is None:
        plan = _PLANS[definition] = build_plan(definition)
    return plan


def build_plan(definition: Definition) -> Plan:
    """Index the rules of ``definition`` and compute the dependency closure."""
    questions = definition.questions
    conditions = tuple(_conditions(definition, i) for i in range(len(questions)))
    gotos = tuple(_gotos(definition, i) for i in range(len(questions)))
    jumpers = tuple(tuple(s for s in range(i) if any(t > i for t in gotos[s].values()))
                    for i in range(len(questions)))
    direct = [set() for _ in questions]
    for index in range(len(questions)):
        for ref in {r for c in conditions[index] for r in c.references()}:
            direct[definition.position(ref)].add(index)
        for source in jumpers[index]:
            direct[source].add(index)
    affected = tuple(tuple(sorted(_reachable(direct, i))) for i in range(len(questions)))
    missing = tuple(missing_issue(q) for q in questions)
    checked_by = [[] for _ in questions]
    for index, question in enumerate(questions):
        for ref in {r for c in question.consistency for r in c.condition.references()}:
            if ref != question.id and definition.has_question(ref):
                checked_by[definition.position(ref)].append(index)
    return Plan(definition, conditions, jumpers, gotos, affected, missing,
                tuple(tuple(found) for found in checked_by))


def _conditions(definition: Definition, index: int) -> tuple[Condition, ...]:
    question = definition.questions[index]
    section = definition.section(question.section)
    return tuple(c for c in (section.show_if, question.show_if) if c is not None)


def _gotos(definition: Definition, index: int) -> Mapping[Any, int]:
    past_end = len(definition.questions)
    return {o.code: past_end if o.goto == END else definition.position(o.goto)
            for o in definition.questions[index].options if o.goto}


def _reachable(direct: list[set[int]], start: int) -> set[int]:
    seen: set[int] = set()
    stack = list(direct[start])
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(direct[node])
    return seen
