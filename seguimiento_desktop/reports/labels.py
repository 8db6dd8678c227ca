"""Answers in words: option labels for codes, as the ficha, the exports and lists print them."""

from collections.abc import Mapping

from seguimiento_desktop.questionnaires.model import MULTIPLE, Question, other_key
from seguimiento_desktop.reports.pdf_style import number_es_mx


def code_label(question: Question, code: object) -> str:
    """The option label of ``code`` ('Código 7' if the definition no longer has it)."""
    try:
        option = question.option(int(code))
    except (TypeError, ValueError):
        option = None
    return option.label if option else f"Código {code}"


def answer_label(question: Question, value: object) -> str:
    """An answer as words: labels joined with '; ' for multiple choice, numbers es-MX."""
    if value is None or value == "" or value == []:
        return ""
    if question.options:
        codes = value if isinstance(value, (list, tuple)) else [value]
        return "; ".join(code_label(question, c) for c in codes)
    if isinstance(value, bool):
        return "Sí" if value else "No"
    if isinstance(value, int):
        return number_es_mx(value)
    if isinstance(value, float):
        return number_es_mx(value, 2 if value != int(value) else 0)
    return str(value)


def answer_with_other(question: Question, answers: Mapping[str, object]) -> str:
    """The answer in words, with any «otro, especifique» text and the unit."""
    value = answers.get(question.id)
    text = answer_label(question, value)
    if question.format == "phone" and text:
        from seguimiento_desktop.domain.contact import format_phone
        text = format_phone(text)  # '33 9774 1738', as the directory prints phones
    codes = value if isinstance(value, (list, tuple)) else [value]
    for code in question.other_codes:
        extra = answers.get(other_key(question.id, code))
        if code in codes and extra:
            text += f": «{extra}»"
    if text and question.unit and not question.options:
        text += f" {question.unit}"
    return text


def codes_text(question: Question, value: object) -> str:
    """Codes as typed: '3' or '1;4' for multiple choice (for exports next to labels)."""
    if value is None or value == []:
        return ""
    if question.type == MULTIPLE and isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    return str(value)
