"""Heads-down keying rules: when a typed field is complete, and what a paper costs to key.

Plain Python (no Qt) so the rules can be read and tested on their own. The engine still
decides what is valid; these rules only decide *when* to hand a value to it. The paper
prints every answer that has a fixed width in boxes (``questionnaires.widths``), and a
field that fills its boxes ends by itself, as census keying does:

- a choice code moves on as soon as no longer code starts with what was typed (codes 1–5:
  «3» moves on; 1–8 and 99: «9» waits for «99»). Where one code begins another (1 and 10),
  the paper prints every code of the question in one width («01» … «12») and a code moves
  on at its last digit (a short code followed by Enter still works);
- a list (multiple choice) splits its codes as they are typed («5610» is 5, 6 and 10; a
  space only between a code and a digit that could extend it, «9 99»); Enter ends the
  list, unless it is already full (as many codes as the paper allows) or holds an
  exclusive code («Ninguna»), when nothing more can follow. A lettered list (version 3
  on: «a c») is typed one letter per marked option, and a digit ends it too: no letter
  can be a digit, so the digit is the first key of the next answer;
- a whole number moves on when it fills its width, the digits of its maximum (hours 1–72:
  «08», «40»); «8» and Enter also work. A confirmable out-of-range value («80») fills its
  width too, so it can never spill into the next question;
- dates move on after eight digits (DDMMAAAA), phones after ten, postal codes after five;
- free texts and decimals end with Enter; Enter on an empty optional field is the single
  key for «sin respuesta», and «/» there leaves the optional items right after it in its
  section blank too (one key for a contact block the graduate left empty).
"""

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from seguimiento_desktop.questionnaires.engine import evaluate, next_question, set_answer
from seguimiento_desktop.questionnaires.model import (
    DATE, DECIMAL, INTEGER, LETTERS, MULTIPLE, TEXT, Definition, Question, other_key)
from seguimiento_desktop.questionnaires.widths import (
    fixed_width, lettered_code, printed_answer, printed_code)

DONE, WAIT, BAD = "done", "wait", "bad"
ENTER = "Enter"
BLOCK_BLANK = "/"
_SEPARATORS = re.compile(r"[\s,;]+")


def code_state(codes: Sequence[int], text: str, width: int | None = None) -> str:
    """DONE when ``text`` is a code that nothing else can extend, WAIT if it may still
    become one, else BAD. ``width``: the codes are printed in one width («01» … «12»), so
    a code is complete when it fills it (a short code no other code starts with, or one
    followed by Enter, is still read)."""
    if not text.isdigit() or (width and len(text) > width):
        return BAD
    if width and len(text) == width:
        return DONE if int(text) in codes else BAD
    forms = {str(code) for code in codes} | ({str(c).zfill(width) for c in codes} if width else set())
    longer = [f for f in forms if f.startswith(text) and f != text]
    if longer:
        return WAIT
    return DONE if text in forms and int(text) in codes else BAD


def _is_code(codes: Sequence[int], text: str) -> bool:
    return text.isdigit() and int(text) in codes


def split_codes(codes: Sequence[int], text: str, width: int | None = None
                ) -> tuple[list[str], str]:
    """(complete codes, code still being typed) of a multiple-choice field.

    A code ends when no other code can extend it, or at a separator: «16» with codes 1–9
    is 1 and 6, «0406» with codes printed in two digits is 04 and 06; "1" with codes 1–10
    is pending: it may become 10.
    """
    done: list[str] = []
    for chunk in (c for c in _SEPARATORS.split(text.strip()) if c):
        pending = ""
        for char in chunk:
            if (not width and pending and code_state(codes, pending + char) == BAD
                    and _is_code(codes, pending)):
                done.append(pending)  # «9» then «4»: the 9 was complete after all
                pending = ""
            pending += char
            if code_state(codes, pending, width) != WAIT:
                done.append(pending)
                pending = ""
        if pending:
            done.append(pending)
    ends_open = bool(text) and not _SEPARATORS.match(text[-1])
    if done and ends_open and code_state(codes, done[-1], width) == WAIT:
        return done[:-1], done[-1]
    return done, ""


def multiple_display(codes: Sequence[int], text: str, width: int | None = None) -> str:
    """The field's text after a keystroke: complete codes followed by a space."""
    complete, pending = split_codes(codes, text, width)
    return " ".join(complete + [pending]) if pending else "".join(c + " " for c in complete)


def typed_letters(text: str) -> list[str]:
    """The letters of a lettered list as typed, lower case («A c» and «ac» are a, c)."""
    return [char.lower() for char in text if not _SEPARATORS.match(char)]


def list_display(question: Question, text: str) -> str:
    """A list field's text after a keystroke that added to it: each complete code (each
    letter of a lettered list) followed by a space, so «5610» shows «5 6 10 »."""
    if question.lettered:
        return "".join(letter + " " for letter in typed_letters(text))
    return multiple_display([o.code for o in question.options], text, fixed_width(question))


def letter_problem(question: Question, text: str) -> str:
    """What is wrong with a lettered list as typed ('' when every character is one of its
    letters), in the keyer's words: the engine speaks of codes, the paper shows letters."""
    wrong = next((char for char in typed_letters(text)
                  if lettered_code(question, char) is None), None)
    if wrong is None:
        return ""
    last = LETTERS[len(question.options) - 1]
    return (f"«{wrong}» no es una letra de la pregunta {question.number}: escriba la de cada "
            f"opción marcada, de la «a» a la «{last}».")


def digit_ends_list(question: Question, text: str) -> bool:
    """Whether a digit typed into this field ends it and begins the next answer: a lettered
    list with at least one letter typed (a digit is never one of its letters)."""
    return question.lettered and bool(typed_letters(text))


def number_width(question: Question) -> int | None:
    """Digits of the maximum of a whole-number question (its field width), if any."""
    return fixed_width(question) if question.type == INTEGER else None


def _multiple_state(question: Question, text: str) -> str:
    codes = [o.code for o in question.options]
    if question.lettered:
        typed = [lettered_code(question, letter) for letter in typed_letters(text)]
        if None in typed:
            return BAD
        complete, pending = [str(code) for code in typed], ""
    else:
        complete, pending = split_codes(codes, text, fixed_width(question))
    if not complete:
        return WAIT
    if not all(_is_code(codes, c) for c in complete):
        return BAD
    if pending:
        return WAIT
    exclusive = {o.code for o in question.options if o.exclusive}
    # a letter typed twice (a bounced key) is one option: it must not end the list early
    chosen = {int(code) for code in complete}
    full = question.max_choices is not None and len(chosen) >= question.max_choices
    alone = len(complete) == 1 and int(complete[0]) in exclusive
    return DONE if full or alone else WAIT


def _fixed_text_state(question: Question, text: str) -> str:
    digits = re.sub(r"[\s\-().+]", "", text)
    if not digits.isdigit():
        return BAD if digits else WAIT
    width = (fixed_width(question) or 0) + (2 if text.startswith("+") else 0)  # «+52 …»
    return DONE if len(digits) >= width else WAIT


def entry_state(question: Question, text: str) -> str:
    """Whether a field is complete as typed: DONE moves on, BAD is flagged, WAIT waits."""
    if not text:
        return WAIT
    if question.type == MULTIPLE:
        return _multiple_state(question, text)
    if question.is_choice:
        return code_state([o.code for o in question.options], text, fixed_width(question))
    if question.type == INTEGER:
        width = number_width(question)
        if not text.isdigit():
            return BAD
        return DONE if width and len(text) >= width else WAIT
    if question.type == DATE:
        return DONE if text.isdigit() and len(text) == 8 else WAIT
    if question.type == TEXT and fixed_width(question):
        return _fixed_text_state(question, text)
    return WAIT


def parse_value(question: Question, text: str) -> Any:
    """What the engine receives for ``text`` (None when blank; the engine says what is wrong)."""
    text = text.strip()
    if not text:
        return None
    if question.type == MULTIPLE and question.lettered:
        codes = [(letter, lettered_code(question, letter)) for letter in typed_letters(text)]
        return [letter if code is None else code for letter, code in codes]
    if question.type == MULTIPLE:
        complete, pending = split_codes([o.code for o in question.options], text,
                                        fixed_width(question))
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
        return " ".join(printed_code(question, v) if isinstance(v, int) else str(v)
                        for v in value)
    if question.is_choice and isinstance(value, int):
        return printed_code(question, value)
    if question.type == DATE and isinstance(value, str) and len(value) == 10:
        return f"{value[8:]}/{value[5:7]}/{value[:4]}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


# --- What a paper costs: the keys to type it, and its characters -----------------------

def answer_keys(question: Question, value: Any) -> list[str]:
    """The keys a keyer presses for ``value`` (None: a blank optional question)."""
    if value is None:
        return [ENTER]
    if question.type == MULTIPLE:
        return _list_keys(question, value)
    fixed = fixed_width(question) is not None or question.is_choice
    text = printed_answer(question, value) if fixed else display_text(question, value)
    return list(text) + ([] if entry_state(question, text) == DONE else [ENTER])


def _list_keys(question: Question, value: list) -> list[str]:
    """A list's codes as printed; a space only between a code and a digit that could
    extend it («1 0» for 1 then 10's… never with printed widths), Enter unless it is full.
    A lettered list: one letter per option (the Enter goes when a digit follows, as
    ``paper_items`` counts)."""
    if question.lettered:
        keys = [printed_code(question, code) for code in value]
        return keys + ([] if entry_state(question, "".join(keys)) == DONE else [ENTER])
    codes, width = [o.code for o in question.options], fixed_width(question)
    keys: list[str] = []
    for index, code in enumerate(value):
        text = printed_code(question, code)
        keys += list(text)
        following = printed_code(question, value[index + 1])[0] if index + 1 < len(value) else ""
        if following and code_state(codes, text, width) == WAIT and \
                code_state(codes, text + following, width) != BAD:
            keys.append(" ")
    typed = multiple_display(codes, "".join(keys), width).strip()
    return keys + ([] if entry_state(question, typed) == DONE else [ENTER])


def paper_items(definition: Definition, answers: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(answer key, its keys) for every field a keyer goes through, in order, from the
    first item of a paper whose answers are ``answers``. A lettered list left open loses
    its Enter when the next field's first key is a digit: that digit ends it."""
    state = evaluate(definition)
    items: list[tuple[str, list[str]]] = []
    question_id = next_question(state, None)
    while question_id is not None:
        question = definition.question(question_id)
        value = answers.get(question_id)
        items.append((question_id, answer_keys(question, value)))
        state = set_answer(state, question_id, value)
        chosen = value if isinstance(value, list) else [value]
        for code in (c for c in question.other_codes if c in chosen):
            text = answers[other_key(question_id, code)]
            items.append((other_key(question_id, code), list(text) + [ENTER]))
            state = set_answer(state, other_key(question_id, code), text)
        question_id = next_question(state, question_id)
    for (key, keys), (_next, following) in zip(items, items[1:]):
        question = definition.question(key) if definition.has_question(key) else None
        if question is not None and question.lettered and keys[-1:] == [ENTER] \
                and len(keys) > 1 and following[0].isdigit():
            keys.pop()
    _blank_blocks(definition, answers, items)
    return items


def _blank_blocks(definition: Definition, answers: dict[str, Any],
                  items: list[tuple[str, list[str]]]) -> None:
    """Two or more optional items left blank at the end of a run of optional items in one
    section (up to a required item or the next section) cost one «/»."""
    def optional(index: int) -> bool:
        key = items[index][0]
        return definition.has_question(key) and not definition.question(key).required

    def blank_optional(index: int) -> bool:
        return optional(index) and answers.get(items[index][0]) is None

    index = 0
    while index < len(items):
        end = index
        section = definition.question(items[index][0]).section if blank_optional(index) else None
        while end < len(items) and blank_optional(end) and \
                definition.question(items[end][0]).section == section:
            end += 1
        rest_answered = end < len(items) and optional(end) and \
            definition.question(items[end][0]).section == section
        if end - index > 1 and not rest_answered:
            items[index][1][:] = [BLOCK_BLANK]
            for _key, keys in items[index + 1:end]:
                keys.clear()
        index = max(end, index + 1)


def paper_keystrokes(definition: Definition, answers: dict[str, Any]) -> list[str]:
    """Every key, in order, to key a paper whose answers are ``answers`` from its first item."""
    return [key for _item, keys in paper_items(definition, answers) for key in keys]


def paper_characters(definition: Definition, answers: dict[str, Any]) -> int:
    """Characters on the paper the keyer reads: each code and number in its printed boxes
    («03» is two), a date's eight digits, every character of a text (the baseline)."""
    total = 0
    for key, value in answers.items():
        question = definition.question(key) if definition.has_question(key) else None
        if question is None:
            total += len(str(value))
        elif isinstance(value, list):
            total += sum(len(printed_code(question, v)) for v in value)
        elif question.type == DECIMAL:
            total += len(f"{value:g}")
        elif fixed_width(question):
            total += len(printed_answer(question, value))
        else:
            total += len(str(value))
    return total
