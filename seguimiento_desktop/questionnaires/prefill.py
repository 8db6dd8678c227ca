"""Answers the directory already knows (C1's sex, carrera, grupo, e-mail, phones).

A question with ``prefill`` names the directory field that answers it. The printed copy
shows that value beside the item for the student to confirm or correct, and the capture
screen opens the field with it written, so one Enter confirms it. Nothing is stored until
the keyer confirms: the paper has the last word.
"""

from typing import Any

from seguimiento_desktop.domain.models import SEX_LABELS, Student
from seguimiento_desktop.questionnaires.model import Definition, Question
from seguimiento_desktop.questionnaires.widths import printed_code

FIELDS = {"career": "career", "group": "group", "email": "email", "phone": "phone",
          "home_phone": "home_phone"}


def directory_value(question: Question, student: Student | None) -> Any:
    """What the directory says for ``question`` (a code for sex), or None."""
    if student is None or question.prefill is None:
        return None
    if question.prefill == "sex":
        label = SEX_LABELS.get(student.sex, "")
        option = next((o for o in question.options if o.label == label), None)
        return option.code if option and label else None
    value = getattr(student, FIELDS.get(question.prefill, ""), "") or ""
    return value.strip() or None


def directory_answers(definition: Definition, student: Student | None) -> dict[str, Any]:
    """Question id -> the directory's value, for every pre-filled question it knows."""
    found = {q.id: directory_value(q, student) for q in definition.questions if q.prefill}
    return {key: value for key, value in found.items() if value is not None}


def printed_value(question: Question, value: Any) -> str:
    """The directory's value as printed beside the item: «02 Hombre», «Programación»."""
    option = question.option(value) if question.is_choice else None
    if option is None:
        return str(value)
    return f"{printed_code(question, value)} {option.label}"
