"""A questionnaire cut into web pages, decided by the engine's own plan (Qt- and web-free).

A page is a run of applicable questions of one section that do not depend on each other:
a question whose show-if or skip reads an answer on the page starts the next page. So a
plain form per page (JavaScript off) never shows a question the answers on the same page
would skip, and after each page the engine alone says what comes next. Nothing here
repeats a rule of the questionnaire: applicability, checks and skips are the engine's.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from seguimiento_desktop.questionnaires.answers import CONFIRM_HINT, ERROR, Issue
from seguimiento_desktop.questionnaires.engine import ResponseState, set_answer
from seguimiento_desktop.questionnaires.model import (
    CHOICE_TYPES, MULTIPLE, Question, other_key)
from seguimiento_desktop.questionnaires.plan import plan_for

MAX_PER_PAGE = 12  # a phone screen scrolls; more than a dozen items tires a student
CONFIRM_FIELD = "confirmar."  # checkbox «Sí, es correcto» for a confirmable warning
WEB_CONFIRM_HINT = "Si es correcto, marca «Sí, es correcto» y continúa."


@dataclass(frozen=True)
class Page:
    """Questions shown together; ``first`` names the page in its address."""

    questions: tuple[Question, ...]

    @property
    def first(self) -> str:
        return self.questions[0].id

    @property
    def section(self) -> str:
        return self.questions[0].section


def page_at(state: ResponseState, first: str) -> Page | None:
    """The page that starts at question ``first``, or None when it does not apply now."""
    definition = state.definition
    if not definition.has_question(first) or not state.is_applicable(first):
        return None
    plan = plan_for(definition)
    start = definition.position(first)
    chosen: list[int] = [start]
    for index in range(start + 1, len(definition.questions)):
        question = definition.questions[index]
        if question.section != definition.questions[start].section or len(chosen) >= MAX_PER_PAGE:
            break
        if any(index in plan.affected[member] for member in chosen):
            break  # its applicability waits for an answer on this page
        if state.applicable[index]:
            chosen.append(index)
    return Page(tuple(definition.questions[i] for i in chosen))


def _next_applicable(state: ResponseState, after: int) -> str | None:
    for index in range(after + 1, len(state.applicable)):
        if state.applicable[index]:
            return state.definition.questions[index].id
    return None


def pages(state: ResponseState) -> list[Page]:
    """Every page as the answers stand, first to last (pages after an unanswered branching
    question may still change once it is answered)."""
    found: list[Page] = []
    current = _next_applicable(state, -1)
    while current is not None:
        page = page_at(state, current)
        found.append(page)
        current = _next_applicable(state, state.definition.position(page.questions[-1].id))
    return found


def page_after(state: ResponseState, page: Page) -> Page | None:
    """The page that follows ``page`` with the answers as they stand (None: the end)."""
    following = _next_applicable(state, state.definition.position(page.questions[-1].id))
    return page_at(state, following) if following else None


def page_before(state: ResponseState, page: Page) -> Page | None:
    """The page a student goes back to from ``page`` (None on the first page)."""
    earlier = None
    for candidate in pages(state):
        if candidate.first == page.first:
            return earlier
        earlier = candidate
    return earlier


def resume_page(state: ResponseState) -> Page | None:
    """Where a student who comes back goes on: the first page with something missing or
    wrong, else the last page (its optional items and the «Terminar» button)."""
    every = pages(state)
    for candidate in every:
        if not page_complete(state, candidate):
            return candidate
    return every[-1] if every else None


def _blocking(issues: Sequence[Issue]) -> bool:
    return any(i.severity == ERROR for i in issues)


def apply_page(state: ResponseState, page: Page, form: Mapping[str, list[str]]) -> ResponseState:
    """The state after the student sent ``page``: each question's value as typed (blank
    clears it), the «otro» texts, and the warnings the student confirmed."""
    for question in page.questions:
        state = set_answer(state, question.id, _value(question, form.get(question.id, [])))
    for question in page.questions:
        for code in question.other_codes:
            chosen = state.answers.get(question.id)
            if code in (chosen if isinstance(chosen, tuple) else (chosen,)):
                text = _first(form.get(other_key(question.id, code), []))
                state = set_answer(state, other_key(question.id, code), text)
    for question in page.questions:
        wanted = bool(form.get(CONFIRM_FIELD + question.id))
        if question.id in state.answers and wanted != (question.id in state.confirmed):
            state = set_answer(state, question.id, state.answers[question.id], confirmed=wanted)
    return state


def _first(values: Sequence[str]) -> str:
    return values[0] if values else ""


def _value(question: Question, values: Sequence[str]) -> Any:
    if question.type == MULTIPLE:
        return [v for v in values if v.strip()] or None
    return _first(values)


def page_complete(state: ResponseState, page: Page) -> bool:
    """Whether the student may go on: nothing on the page is missing or wrong."""
    return not any(_blocking(state.issues_for(q.id)) for q in page.questions)


def student_message(issue: Issue) -> str:
    """An issue as the student reads it: the keyer's «confírmelo (F2)» becomes a checkbox."""
    return issue.message.replace(CONFIRM_HINT, WEB_CONFIRM_HINT)


# Help written for the paper or its keyer: a skip the web does by itself («pasa a la
# sección III») or what the capturista confirms. Not shown to a student on screen.
_PAPER_ONLY = ("capturista", "pasa a ", "pase a ")


def student_help(question: Question) -> str:
    """The question's help as a student on screen needs it ('' for paper-only help)."""
    text = question.help or ""
    return "" if any(word in text.lower() for word in _PAPER_ONLY) else text


def is_choice(question: Question) -> bool:
    return question.type in CHOICE_TYPES
