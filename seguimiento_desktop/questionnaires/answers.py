"""Checking one answer against its question, with messages a keyer (capturista) understands.

``normalize`` turns what the GUI hands over (typed values or raw text) into the stored
form; ``check_answer`` lists what is wrong with it. Out-of-range numbers and dates are
"confirmable": the keyer may confirm that the paper really says so, and the value is then
kept with a warning instead of an error.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from seguimiento_desktop.questionnaires.model import (
    DATE, DECIMAL, INTEGER, MULTIPLE, NUMBER_TYPES, TEXT, Question, other_key)

REQUIRED, UNKNOWN_CODE, OUT_OF_RANGE, OTHER_MISSING = (
    "requerida", "codigo_desconocido", "fuera_de_rango", "falta_especificar")
TOO_LONG, BAD_DATE, WRONG_TYPE, BAD_FORMAT = (
    "texto_largo", "fecha_invalida", "tipo_invalido", "formato_invalido")
EXCLUSIVE, TOO_MANY = "opcion_exclusiva", "demasiadas_opciones"
INCONSISTENT = "inconsistente"
ERROR, WARNING = "error", "aviso"
DEFAULT_MAX_LENGTH = 500  # free text without a stated limit still fits a paper line or two
OTHER_MAX_LENGTH = 200

_CONFIRM_HINT = "Si así viene en el papel, confírmelo."
CONFIRM_HINT = _CONFIRM_HINT  # the GUI replaces it with its own key (F2)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


@dataclass(frozen=True)
class Issue:
    """Something wrong (``severity`` 'error') or worth a look ('aviso') in one answer."""

    question_id: str
    kind: str
    message: str
    severity: str = ERROR
    confirmable: bool = False


def missing_issue(question: Question) -> Issue:
    """The error of an applicable required question left without an answer."""
    return Issue(question.id, REQUIRED, f"La pregunta {question.number} es obligatoria y no "
                                        "tiene respuesta.")


def normalize(question: Question, value: Any) -> Any:
    """The stored form of ``value``: ``None`` when blank, parsed numbers and codes, ISO dates.

    Text that cannot be parsed is kept as it is, so ``check_answer`` can say why.
    """
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "" or (isinstance(value, (list, tuple, set)) and not value):
        return None
    if isinstance(value, date):
        return value.isoformat()
    if question.type == TEXT and _is_number(value):
        return str(value)  # a postal code or phone typed as a number is still text
    if question.type == MULTIPLE and not isinstance(value, (list, tuple, set)):
        value = (value,)  # one ticked box
    if question.type == MULTIPLE:
        items = [_parse_number(v, integer=True) for v in value]
        return tuple(sorted(set(items))) if all(_is_int(v) for v in items) else tuple(items)
    if question.type in NUMBER_TYPES or question.is_choice:
        return _parse_number(value, integer=question.type != DECIMAL)
    return value


def _parse_number(value: Any, integer: bool) -> Any:
    if isinstance(value, float) and value.is_integer() and integer:
        return int(value)
    if not isinstance(value, str):
        return value
    # A decimal comma ("8,5") is common on paper; for whole numbers a comma is ambiguous.
    decimal_comma = not integer and value.count(",") == 1 and "." not in value
    text = value.replace(",", ".") if decimal_comma else value
    try:
        number = float(text)
    except ValueError:
        return value
    if integer:
        return int(number) if number.is_integer() else value
    return int(number) if number.is_integer() and "." not in text else number


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _label(question: Question) -> str:
    return f"la pregunta {question.number}"


def check_answer(question: Question, value: Any, answers: Mapping[str, Any],
                 confirmed: bool = False) -> list[Issue]:
    """What is wrong with a (normalized, non-blank) ``value`` for ``question``.

    ``answers`` is read for the "otro, especifique" texts. When the keyer ``confirmed``
    the value, confirmable problems become warnings (kept, flagged for review).
    """
    issues = _CHECKERS.get(question.type, _check_choice)(question, value, answers)
    if not issues:
        issues = _check_consistency(question, answers)
    if confirmed:
        issues = [_as_confirmed(i) if i.confirmable else i for i in issues]
    return issues


def _check_consistency(question: Question, answers: Mapping[str, Any]) -> list[Issue]:
    """The first soft check between answers that fails (confirmable, like a range)."""
    for check in question.consistency:
        if check.condition.holds(answers):
            return [_issue(question, INCONSISTENT, f"{check.message} {_CONFIRM_HINT}",
                           confirmable=True)]
    return []


def _as_confirmed(issue: Issue) -> Issue:
    message = issue.message.replace(_CONFIRM_HINT, "El capturista confirmó que así viene en el papel.")
    return Issue(issue.question_id, issue.kind, message, WARNING, confirmable=True)


def _issue(question: Question, kind: str, message: str, confirmable: bool = False) -> Issue:
    return Issue(question.id, kind, message, ERROR, confirmable)


def _check_choice(question: Question, value: Any, answers: Mapping[str, Any]) -> list[Issue]:
    if not _is_int(value):
        return [_issue(question, WRONG_TYPE, f"En {_label(question)} escriba el código de una "
                                             f"opción (un número); «{value}» no lo es.")]
    return _check_codes(question, (value,), answers)


def _check_codes(question: Question, codes: tuple, answers: Mapping[str, Any]) -> list[Issue]:
    issues = []
    for code in codes:
        option = question.option(code)
        if option is None:
            valid = ", ".join(str(o.code) for o in question.options)
            issues.append(_issue(question, UNKNOWN_CODE, f"El código {code} no es una opción de "
                                 f"{_label(question)}. Códigos válidos: {valid}."))
        elif option.other_text:
            issues += _check_other(question, option.code, option.label, answers)
    return issues


def _check_other(question: Question, code: int, label: str, answers: Mapping[str, Any]) -> list[Issue]:
    text = answers.get(other_key(question.id, code))
    if not isinstance(text, str) or not text.strip():
        return [_issue(question, OTHER_MISSING, f"En {_label(question)} se eligió «{label}»: "
                                                "escriba cuál en «especifique».")]
    if len(text) > OTHER_MAX_LENGTH:
        return [_issue(question, TOO_LONG, f"El texto de «{label}» en {_label(question)} tiene "
                                           f"{len(text)} caracteres; el máximo es {OTHER_MAX_LENGTH}.")]
    return []


def _check_multiple(question: Question, value: Any, answers: Mapping[str, Any]) -> list[Issue]:
    if not isinstance(value, tuple) or not all(_is_int(v) for v in value):
        return [_issue(question, WRONG_TYPE, f"En {_label(question)} escriba los códigos de las "
                                             "opciones elegidas (números).")]
    issues = _check_codes(question, value, answers)
    exclusive = [o for o in question.options if o.exclusive and o.code in value]
    if exclusive and len(value) > 1:
        issues.append(_issue(question, EXCLUSIVE, f"En {_label(question)} la opción "
                             f"«{exclusive[0].label}» no puede marcarse junto con otras."))
    if question.max_choices and len(value) > question.max_choices:
        issues.append(_issue(question, TOO_MANY, f"En {_label(question)} se pueden marcar "
                             f"hasta {question.max_choices} opciones; hay {len(value)}."))
    return issues


def _check_number(question: Question, value: Any, answers: Mapping[str, Any]) -> list[Issue]:
    if question.type == INTEGER and not _is_int(value):
        return [_issue(question, WRONG_TYPE, f"{_label(question).capitalize()} espera un número "
                                             f"entero; «{value}» no lo es.")]
    if not _is_number(value):
        return [_issue(question, WRONG_TYPE, f"{_label(question).capitalize()} espera un número; "
                                             f"«{value}» no lo es.")]
    return _check_range(question, value, value)


def _check_range(question: Question, value: Any, shown: Any) -> list[Issue]:
    low, high = _bound(question, question.min), _bound(question, question.max)
    if (low is None or value >= low) and (high is None or value <= high):
        return []
    limits = _range_text(question)
    return [_issue(question, OUT_OF_RANGE, f"El valor {shown} de {_label(question)} está fuera "
                   f"del rango esperado ({limits}). {_CONFIRM_HINT}", confirmable=True)]


def _bound(question: Question, bound: Any) -> Any:
    return date.fromisoformat(bound) if question.type == DATE and bound is not None else bound


def _range_text(question: Question) -> str:
    if question.min is not None and question.max is not None:
        return f"de {question.min} a {question.max}"
    return f"mínimo {question.min}" if question.min is not None else f"máximo {question.max}"


def _check_date(question: Question, value: Any, answers: Mapping[str, Any]) -> list[Issue]:
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError(value)
        parsed = date.fromisoformat(value)
    except ValueError:
        return [_issue(question, BAD_DATE, f"«{value}» no es una fecha válida en "
                                           f"{_label(question)}. Escríbala como AAAA-MM-DD.")]
    return _check_range(question, parsed, value)


def _check_text(question: Question, value: Any, answers: Mapping[str, Any]) -> list[Issue]:
    if not isinstance(value, str):
        return [_issue(question, WRONG_TYPE, f"{_label(question).capitalize()} espera un texto.")]
    limit = question.max_length or DEFAULT_MAX_LENGTH
    if len(value) > limit:
        return [_issue(question, TOO_LONG, f"La respuesta de {_label(question)} tiene "
                                           f"{len(value)} caracteres; el máximo es {limit}.")]
    return _check_format(question, value)


def _check_format(question: Question, value: str) -> list[Issue]:
    if question.format == "email" and not _EMAIL.match(value):
        return [_issue(question, BAD_FORMAT, f"«{value}» no parece un correo electrónico "
                                             "(ejemplo: nombre@gmail.com).")]
    digits = re.sub(r"\D", "", value)
    if question.format == "phone" and not (len(digits) == 10 or
                                           (len(digits) == 12 and digits.startswith("52"))):
        return [_issue(question, BAD_FORMAT, f"El teléfono «{value}» de {_label(question)} debe "
                                             "tener 10 dígitos con lada, p. ej. 33 1234 5678.")]
    if question.format == "postal_code" and not re.fullmatch(r"\d{5}", value.strip()):
        return [_issue(question, BAD_FORMAT, f"El código postal «{value}» debe tener 5 dígitos, "
                                             "p. ej. 45100.")]
    return []


_CHECKERS = {MULTIPLE: _check_multiple, INTEGER: _check_number, DECIMAL: _check_number,
             DATE: _check_date, TEXT: _check_text}
