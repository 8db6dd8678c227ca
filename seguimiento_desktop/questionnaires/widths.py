"""Fixed widths: how many boxes the paper prints for an answer, so keying can end by itself.

Census keying idea: when the paper gives an answer a fixed number of boxes, the keyer's
last character in the last box ends the field; no Enter. So every code of a question is
printed in the width of its longest code («01» … «12», «97»), whole numbers in the width of
their maximum («072» is never needed: hours 1–72 get two boxes, «08»), dates in eight
(DDMMAAAA), phones in ten and postal codes in five. Free texts have no width: they end
with Enter. The printed form, the capture screen and the keystroke count all read these.
"""

from typing import Any

from seguimiento_desktop.questionnaires.model import DATE, INTEGER, TEXT, Option, Question

TEXT_WIDTHS = {"phone": 10, "postal_code": 5}
DATE_WIDTH = 8


def code_width(question: Question) -> int:
    """Digits of the longest code of a choice question (1 when every code is one digit)."""
    return max((len(str(o.code)) for o in question.options), default=1)


def printed_code(question: Question, code: int) -> str:
    """A code as printed and keyed: zero-padded to the question's width («03» of 1–12)."""
    return str(code).zfill(code_width(question))


def fixed_width(question: Question) -> int | None:
    """Boxes the paper prints for one answer, or None when the answer has no fixed width."""
    if question.is_choice:
        return code_width(question)
    if question.type == INTEGER and question.max is not None:
        return len(str(int(question.max)))
    if question.type == DATE:
        return DATE_WIDTH
    if question.type == TEXT and question.format in TEXT_WIDTHS:
        return TEXT_WIDTHS[question.format]
    return None


def printed_answer(question: Question, value: Any) -> str:
    """What the respondent writes in the boxes for a single-valued answer (no separators)."""
    width = fixed_width(question)
    if question.is_choice or (question.type == INTEGER and width):
        return str(value).zfill(width or 1)
    if question.type == DATE and isinstance(value, str) and len(value) == 10:
        return value[8:] + value[5:7] + value[:4]
    return str(value)


def shown_label(option: Option) -> str:
    """An option's label beside its printed code, without repeating the code (catalog
    labels such as «11 Agricultura…» carry it for the exports)."""
    prefix = f"{option.code} "
    return option.label[len(prefix):] if option.label.startswith(prefix) else option.label
