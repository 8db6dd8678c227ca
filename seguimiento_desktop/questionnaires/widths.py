"""Fixed widths: how many boxes the paper prints for an answer, so keying can end by itself.

Census keying idea: when the paper gives an answer a fixed number of boxes, the keyer's
last character in the last box ends the field; no Enter. So the codes of a question where
one code begins another («1» and «10», «9» and «99») are printed in one width («01» …
«12», «99»); codes that never begin one another (1–8 and 99) already end by themselves
and print as they are, and so do lists, which split their codes as typed and need an
Enter anyway (padding them would only add keys: docs/questionnaires.md has the figures).
From version 3 a list prints a letter beside each box instead («a» … «k»): one key per
option, and a digit, which no letter can be, ends the list by itself as the first key of
the next answer.
Whole numbers get the width of their maximum (hours 1–72: two boxes, «08»), dates eight
(DDMMAAAA), phones ten and postal codes five. Free texts have no width: they end with
Enter. The printed form, the capture screen and the keystroke count all read these.
"""

from typing import Any

from seguimiento_desktop.questionnaires.model import (
    DATE, INTEGER, LETTERS, MULTIPLE, TEXT, Option, Question)

TEXT_WIDTHS = {"phone": 10, "postal_code": 5}
DATE_WIDTH = 8


def code_width(question: Question) -> int:
    """Digits of the longest code of a choice question (1 when every code is one digit)."""
    return max((len(str(o.code)) for o in question.options), default=1)


def needs_padding(question: Question) -> bool:
    """Whether a code of the question begins another one («1» and «10», «9» and «99»):
    only then are its codes printed in one width, so each still ends at its last digit.
    Codes such as 1–8 and 99 end by themselves as they are («3»; «9» waits for «99»)."""
    if question.type == MULTIPLE:
        return False
    codes = [str(o.code) for o in question.options]
    return any(a != b and b.startswith(a) for a in codes for b in codes)


def printed_code(question: Question, code: int) -> str:
    """A code as printed and keyed: «03» when the question's codes need one width (1–12),
    the option's letter in a lettered list («c» for its third option), else as it is («3»
    of 1–8 and 99)."""
    if question.lettered:
        for letter, option in zip(LETTERS, question.options):
            if option.code == code:
                return letter
        return str(code)  # not an option: shown as stored, for the engine to flag
    return str(code).zfill(code_width(question)) if needs_padding(question) else str(code)


def lettered_code(question: Question, letter: str) -> int | None:
    """The code of a lettered list's option printed as ``letter`` (either case), or None."""
    position = LETTERS.find(letter.lower()) if len(letter) == 1 else -1
    return question.options[position].code if 0 <= position < len(question.options) else None


def fixed_width(question: Question) -> int | None:
    """Boxes the paper prints for one answer, or None when the answer has no fixed width."""
    if question.is_choice:
        return code_width(question) if needs_padding(question) else None
    if question.type == INTEGER and question.max is not None:
        return len(str(int(question.max)))
    if question.type == DATE:
        return DATE_WIDTH
    if question.type == TEXT and question.format in TEXT_WIDTHS:
        return TEXT_WIDTHS[question.format]
    return None


def printed_answer(question: Question, value: Any) -> str:
    """What the respondent writes in the boxes for a single-valued answer (no separators)."""
    if question.is_choice:
        return printed_code(question, value)
    width = fixed_width(question)
    if question.type == INTEGER and width:
        return str(value).zfill(width)
    if question.type == DATE and isinstance(value, str) and len(value) == 10:
        return value[8:] + value[5:7] + value[:4]
    return str(value)


def shown_label(option: Option) -> str:
    """An option's label beside its printed code, without repeating the code (catalog
    labels such as «11 Agricultura…» carry it for the exports)."""
    prefix = f"{option.code} "
    return option.label[len(prefix):] if option.label.startswith(prefix) else option.label
