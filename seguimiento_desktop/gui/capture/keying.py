"""Heads-down keying rules: when a typed field is complete, and what a paper costs to key.

Plain Python (no Qt) so the rules can be read and tested on their own. The engine still
decides what is valid; these rules only decide *when* to hand a value to it:

- a choice code moves on as soon as no longer code starts with what was typed
  (codes 1–5: "3" moves on; codes 1, 10–14: "1" waits for a digit or Enter);
- multiple choice splits codes as they are typed (a space is needed only between a code
  and a digit that could extend it); Enter ends the list, unless the list is already
  full (as many codes as the paper allows) or holds an exclusive code ("Ninguna"),
  when nothing more can follow;
- a whole number moves on when it fills its width, the digits of its maximum ("45" for
  1–72). It does not move on earlier ("8" waits) because a confirmable out-of-range value
  ("80" written on the paper) must still be typeable: moving on at "8" would send the "0"
  into the next question, a silent error;
- dates move on after eight digits (DDMMAAAA); text, decimals and blanks need Enter.
"""

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from seguimiento_desktop.questionnaires.engine import evaluate, next_question, set_answer
from seguimiento_desktop.questionnaires.model import (
    DATE, DECIMAL, INTEGER, MULTIPLE, Definition, Question, other_key)

DONE, WAIT, BAD = "done", "wait", "bad"
ENTER = "Enter"
_SEPARATORS = re.compile(r"[\s,;]+")


def code_state(codes: Sequence[int], text: str) -> str:
    """DONE when ``text`` is a code no other code extends, WAIT if it may grow, else BAD."""
    if not text.isdigit():
        return BAD
    starting = [str(code) for code in codes if str(code).startswith(text)]
    if not starting:
        return BAD
    return DONE if starting == [text] else WAIT


def _is_code(codes: Sequence[int], text: str) -> bool:
    return text.isdigit() and int(text) in codes and str(int(text)) == text


def split_codes(codes: Sequence[int], text: str) -> tuple[list[str], str]:
    """(complete codes, code still being typed) of a multiple-choice field.

    "16" with codes 1–9 is ["1", "6"]; "1" with codes 1–10 is pending: it may become 10.
    """
    done: list[str] = []
    for chunk in (c for c in _SEPARATORS.split(text.strip()) if c):
        pending = ""
        for char in chunk:
            if pending and code_state(codes, pending + char) == BAD and _is_code(codes, pending):
                done.append(pending)
                pending = ""
            pending += char
            if code_state(codes, pending) == DONE:
                done.append(pending)
                pending = ""
        if pending:
            done.append(pending)
    ends_open = bool(text) and not _SEPARATORS.match(text[-1])
    if done and ends_open and code_state(codes, done[-1]) == WAIT:
        return done[:-1], done[-1]
    return done, ""


def multiple_display(codes: Sequence[int], text: str) -> str:
    """The field's text after a keystroke: complete codes followed by a space."""
    complete, pending = split_codes(codes, text)
    return " ".join(complete + [pending]) if pending else "".join(c + " " for c in complete)


def number_width(question: Question) -> int | None:
    """Digits of the maximum of a whole-number question (its field width), if any."""
    if question.type != INTEGER or question.max is None:
        return None
    return len(str(int(question.max)))


def _multiple_state(question: Question, text: str) -> str:
    codes = [o.code for o in question.options]
    complete, pending = split_codes(codes, text)
    if pending or not complete or not all(_is_code(codes, c) for c in complete):
        return WAIT
    exclusive = {str(o.code) for o in question.options if o.exclusive}
    full = question.max_choices is not None and len(complete) >= question.max_choices
    return DONE if full or (len(complete) == 1 and complete[0] in exclusive) else WAIT


def entry_state(question: Question, text: str) -> str:
    """Whether a field is complete as typed: DONE moves on, BAD is flagged, WAIT waits."""
    if question.type == MULTIPLE:
        return _multiple_state(question, text) if text else WAIT
    if question.is_choice:
        return code_state([o.code for o in question.options], text) if text else WAIT
    if question.type == INTEGER:
        width = number_width(question)
        if text and not text.isdigit():
            return BAD
        return DONE if width and len(text) >= width else WAIT
    if question.type == DATE:
        return DONE if text.isdigit() and len(text) == 8 else WAIT
    return WAIT


def parse_value(question: Question, text: str) -> Any:
    """What the engine receives for ``text`` (None when blank; the engine says what is wrong)."""
    text = text.strip()
    if not text:
        return None
    if question.type == MULTIPLE:
        complete, pending = split_codes([o.code for o in question.options], text)
        return [int(c) if c.isdigit() else c for c in complete + ([pending] if pending else [])]
    if question.is_choice:
        return int(text) if text.isdigit() else text
    if question.type == DATE:
        return _parse_date(text)
    return text


def _parse_date(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    if len(digits) == 8:
        try:
            return date(int(digits[4:]), int(digits[2:4]), int(digits[:2])).isoformat()
        except ValueError:
            return text
    return text


def display_text(question: Question, value: Any) -> str:
    """How a stored answer shows in its field (what the keyer would type)."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    if question.type == DATE and isinstance(value, str) and len(value) == 10:
        return f"{value[8:]}/{value[5:7]}/{value[:4]}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


# --- What a paper costs: the keys to type it, and its characters -----------------------

def _code_keys(codes: Sequence[int], code: int, following: str = "") -> list[str]:
    text = str(code)
    if code_state(codes, text) == DONE:
        return list(text)
    if following and code_state(codes, text + following) != BAD:
        return list(text) + [" "]
    return list(text) + ([] if following else [ENTER])


def answer_keys(question: Question, value: Any) -> list[str]:
    """The keys a keyer presses for ``value`` (None: a blank optional question)."""
    if value is None:
        return [ENTER]
    codes = [o.code for o in question.options]
    if question.type == MULTIPLE:
        keys: list[str] = []
        for index, code in enumerate(value):
            following = str(value[index + 1])[0] if index + 1 < len(value) else ""
            keys += _code_keys(codes, code, following)
        done = keys[-1] == ENTER or entry_state(question, display_text(question, value)) == DONE
        return keys + ([] if done else [ENTER])
    if question.is_choice:
        return _code_keys(codes, value)
    if question.type == DATE:
        return list(display_text(question, value).replace("/", ""))
    text = display_text(question, value)
    done = question.type == INTEGER and entry_state(question, text) == DONE
    return list(text) + ([] if done else [ENTER])


def paper_keystrokes(definition: Definition, answers: dict[str, Any]) -> list[str]:
    """Every key, in order, to key a paper whose answers are ``answers`` from its first item."""
    state = evaluate(definition)
    keys: list[str] = []
    question_id = next_question(state, None)
    while question_id is not None:
        question = definition.question(question_id)
        value = answers.get(question_id)
        keys += answer_keys(question, value)
        state = set_answer(state, question_id, value)
        chosen = value if isinstance(value, list) else [value]
        for code in (c for c in question.other_codes if c in chosen):
            text = answers[other_key(question_id, code)]
            keys += list(text) + [ENTER]
            state = set_answer(state, other_key(question_id, code), text)
        question_id = next_question(state, question_id)
    return keys


def paper_characters(definition: Definition, answers: dict[str, Any]) -> int:
    """Characters written on the paper: codes' digits, numbers and texts (the baseline)."""
    total = 0
    for key, value in answers.items():
        if isinstance(value, list):
            total += sum(len(str(v)) for v in value)
        elif definition.has_question(key) and definition.question(key).type == DATE:
            total += 8
        elif definition.has_question(key) and definition.question(key).type == DECIMAL:
            total += len(f"{value:g}")
        else:
            total += len(str(value))
    return total
