"""The questionnaire definition (cuestionario): sections, numbered questions, coded options, rules.

Everything here is a frozen dataclass built by ``loader.parse_definition`` from the JSON
files in ``resources/questionnaires/``. The engine never changes a definition; a new
official version from the central office is a new ``Definition`` with a higher ``version``.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

SINGLE, MULTIPLE, INTEGER, DECIMAL, TEXT, DATE, SCALE = (
    "single", "multiple", "integer", "decimal", "text", "date", "scale")
QUESTION_TYPES = (SINGLE, MULTIPLE, INTEGER, DECIMAL, TEXT, DATE, SCALE)
CHOICE_TYPES = frozenset({SINGLE, MULTIPLE, SCALE})
NUMBER_TYPES = frozenset({INTEGER, DECIMAL})
SCALE_POINTS = (1, 2, 3, 4, 5)
END = "FIN"  # goto target meaning "end of the questionnaire" ("termine aquí")
# ``"list_keys": "letters"`` in a definition (version 3 on): its lists print a letter beside
# each box, the option's position (a is the first), and are keyed with those letters, so a
# digit can only begin the next answer and ends the list by itself. Stored answers keep the
# numeric codes.
LETTER_KEYS = "letters"
LETTERS = "abcdefghijklmnopqrstuvwxyz"

TYPE_LABELS = {
    SINGLE: "opción única", MULTIPLE: "opción múltiple", INTEGER: "número entero",
    DECIMAL: "número", TEXT: "texto", DATE: "fecha", SCALE: "escala 1 a 5",
}


def other_key(question_id: str, code: int) -> str:
    """Answer key of the free text for an "otro, especifique" option, e.g. ``RAZON.otro_99``."""
    return f"{question_id}.otro_{code}"


def split_other_key(key: str) -> tuple[str, int] | None:
    """``(question_id, code)`` for an other-text key, ``None`` for a plain question id."""
    question_id, sep, suffix = key.partition(".otro_")
    if not sep or not suffix.lstrip("-").isdigit():
        return None
    return question_id, int(suffix)


@dataclass(frozen=True)
class Option:
    """One coded answer of a choice question; ``goto`` jumps forward when it is chosen."""

    code: int
    label: str
    other_text: bool = False
    goto: str | None = None
    exclusive: bool = False  # in a multiple question: "Ninguna" cannot be combined


@dataclass(frozen=True)
class Condition:
    """A show-if rule: ``in``/``not_in`` codes, ``answered``, or ``all``/``any`` of parts.

    A condition on an unanswered (or skipped) question is false, except ``answered: false``:
    a question that depends on something not yet known stays hidden until it is known.
    """

    kind: str  # "in" | "not_in" | "answered" | "all" | "any"
    question: str = ""
    codes: frozenset = frozenset()
    answered: bool = True
    parts: tuple["Condition", ...] = ()

    def holds(self, answers: Mapping[str, Any]) -> bool:
        """Whether the rule is true for ``answers`` (question id -> value)."""
        if self.kind == "all":
            return all(part.holds(answers) for part in self.parts)
        if self.kind == "any":
            return any(part.holds(answers) for part in self.parts)
        value = answers.get(self.question)
        if self.kind == "answered":
            return (value is not None) == self.answered
        if value is None:
            return False
        chosen = set(value) if isinstance(value, (list, tuple)) else {value}
        hit = bool(chosen & self.codes)
        return hit if self.kind == "in" else not hit

    def references(self) -> frozenset[str]:
        """Ids of the questions this rule reads."""
        if self.parts:
            return frozenset().union(*(part.references() for part in self.parts))
        return frozenset({self.question})


@dataclass(frozen=True)
class Consistency:
    """A soft check between answers: when ``condition`` holds (it reads this question and
    earlier ones), the answer contradicts an earlier one. The keyer fixes it or confirms
    with F2 that the paper says so; confirmed contradictions are listed for review."""

    condition: Condition
    message: str


@dataclass(frozen=True)
class Question:
    """One numbered question as printed on paper (``number`` "5.1") and keyed by ``id``."""

    id: str
    number: str
    text: str
    type: str
    section: str
    options: tuple[Option, ...] = ()
    catalog: str | None = None
    required: bool = True
    min: float | str | None = None
    max: float | str | None = None
    max_length: int | None = None
    max_choices: int | None = None
    format: str | None = None  # "email", "phone" or "postal_code" for text questions
    unit: str = ""
    help: str = ""
    show_if: Condition | None = None
    consistency: tuple[Consistency, ...] = ()
    prefill: str | None = None  # what the directory already knows: "sex", "career", "email"…
    lettered: bool = False  # a list printed and keyed by its options' letters (a, b, c…)

    @property
    def is_choice(self) -> bool:
        return self.type in CHOICE_TYPES

    def option(self, code: int) -> Option | None:
        """The option with ``code``, or ``None``."""
        for option in self.options:
            if option.code == code:
                return option
        return None

    @property
    def other_codes(self) -> tuple[int, ...]:
        """Codes of the options that ask for a free text ("otro, especifique")."""
        return tuple(o.code for o in self.options if o.other_text)


@dataclass(frozen=True)
class Section:
    """A titled block of questions; ``show_if`` applies to every question in it."""

    id: str
    title: str
    intro: str = ""
    show_if: Condition | None = None
    question_ids: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Definition:
    """A whole questionnaire. Compared by identity: use ``id`` and ``version`` to compare."""

    id: str
    version: int
    title: str
    intro: str
    privacy: str
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    source: str = ""
    _positions: Mapping[str, int] = field(default_factory=dict, init=False, repr=False)
    _sections: Mapping[str, Section] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        # Lookups the engine does on every keystroke: build them once.
        positions = {q.id: i for i, q in enumerate(self.questions)}
        object.__setattr__(self, "_positions", MappingProxyType(positions))
        object.__setattr__(self, "_sections", MappingProxyType({s.id: s for s in self.sections}))

    def question(self, question_id: str) -> Question:
        """The question with ``question_id`` (KeyError if there is none)."""
        return self.questions[self._positions[question_id]]

    def position(self, question_id: str) -> int:
        """0-based order of the question in the questionnaire."""
        return self._positions[question_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._positions

    def section(self, section_id: str) -> Section:
        return self._sections[section_id]

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions)


def describe_condition(definition: Definition, condition: Condition) -> str:
    """A show-if rule in words, with printed numbers: 'pregunta 2 es 1 o 3'."""
    if condition.parts:
        joiner = " y " if condition.kind == "all" else " o "
        return "(" + joiner.join(describe_condition(definition, p) for p in condition.parts) + ")"
    number = definition.question(condition.question).number
    if condition.kind == "answered":
        return f"pregunta {number} {'contestada' if condition.answered else 'sin contestar'}"
    codes = " o ".join(str(code) for code in sorted(condition.codes))
    return f"pregunta {number} {'es' if condition.kind == 'in' else 'no es'} {codes}"
