"""Rules a definition must follow beyond its JSON shape (the schema cannot see them).

Each problem is a Spanish sentence naming the question, so whoever edits a definition
(us, or the central office shipping an official version) can find and fix it.
"""

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date

from seguimiento_desktop.questionnaires.model import (
    DATE, DECIMAL, END, INTEGER, MULTIPLE, SCALE, SCALE_POINTS, SINGLE, TEXT, Condition,
    Definition, Question)

# Every "Otro…" option needs its free text (a DGETI instrument rule): catch a forgotten flag.
_OTHER_LABEL = re.compile(r"^\s*otr[oa]s?\b", re.IGNORECASE)
_CODED_TYPES = {SINGLE, MULTIPLE, SCALE, INTEGER}  # types whose answers "in"/"not_in" can test


def where(question: Question) -> str:
    """How a problem names a question: «ID» and its printed number."""
    return f"pregunta «{question.id}» ({question.number})"


def definition_problems(definition: Definition) -> list[str]:
    """Every semantic problem of ``definition`` (empty when it is sound)."""
    problems = list(_duplicates(definition))
    for question in definition.questions:
        problems += _question_problems(definition, question)
    for section in definition.sections:
        if section.show_if and section.question_ids:
            first = definition.question(section.question_ids[0])
            problems += [f"sección «{section.id}»: {p}"
                         for p in _condition_problems(definition, section.show_if, first)]
    return problems


def _duplicates(definition: Definition) -> Iterator[str]:
    for what, values in (("id de pregunta", [q.id for q in definition.questions]),
                         ("número de pregunta", [q.number for q in definition.questions]),
                         ("id de sección", [s.id for s in definition.sections])):
        for value, count in Counter(values).items():
            if count > 1:
                yield f"el {what} «{value}» está repetido {count} veces"


def _question_problems(definition: Definition, question: Question) -> list[str]:
    found = _option_problems(question) + _range_problems(question)
    found += _field_problems(question) + _goto_problems(definition, question)
    if question.show_if:
        found += _condition_problems(definition, question.show_if, question)
    for check in question.consistency:
        found += [p.replace("«show_if»", "«consistency»")
                  for p in _condition_problems(definition, check.condition, question,
                                               itself=True)]
    return [f"{where(question)}: {p}" for p in found]


def _option_problems(question: Question) -> list[str]:
    if not question.is_choice:
        return ["las preguntas de tipo «%s» no llevan opciones" % question.type] \
            if question.options else []
    if not question.options:
        return ["necesita opciones («options», «option_set» o «catalog»)"]
    found = [f"el código {code} está repetido" for code, n in
             Counter(o.code for o in question.options).items() if n > 1]
    found += [f"la etiqueta «{label}» está repetida" for label, n in
              Counter(o.label for o in question.options).items() if n > 1]
    if question.type == SCALE and not set(SCALE_POINTS) <= {o.code for o in question.options}:
        found.append("una escala necesita las opciones 1, 2, 3, 4 y 5")
    found += [f"la opción {o.code} «{o.label}» es un «otro» y necesita «other_text»: true "
              "para que se pueda especificar" for o in question.options
              if _OTHER_LABEL.match(o.label) and not o.other_text]
    if question.type != MULTIPLE and any(o.exclusive for o in question.options):
        found.append("«exclusive» solo tiene sentido en preguntas de opción múltiple")
    return found


def _range_problems(question: Question) -> list[str]:
    bounds = [b for b in (question.min, question.max) if b is not None]
    if not bounds:
        return []
    if question.type not in (INTEGER, DECIMAL, DATE):
        return ["«min» y «max» solo se usan en preguntas de número o fecha"]
    if question.type == DATE:
        return _date_range_problems(question)
    if not all(isinstance(b, (int, float)) and not isinstance(b, bool) for b in bounds):
        return ["«min» y «max» deben ser números"]
    if question.type == INTEGER and not all(float(b).is_integer() for b in bounds):
        return ["«min» y «max» de una pregunta de número entero deben ser enteros"]
    if len(bounds) == 2 and question.min > question.max:
        return [f"el rango está al revés: min {question.min} es mayor que max {question.max}"]
    return []


def _date_range_problems(question: Question) -> list[str]:
    try:
        parsed = [date.fromisoformat(b) for b in (question.min, question.max) if b is not None]
    except (TypeError, ValueError):
        return ["«min» y «max» de una fecha deben escribirse como AAAA-MM-DD"]
    if len(parsed) == 2 and parsed[0] > parsed[1]:
        return [f"el rango de fechas está al revés ({question.min} es posterior a {question.max})"]
    return []


def _field_problems(question: Question) -> list[str]:
    found = []
    if question.max_length is not None and question.type != TEXT:
        found.append("«max_length» solo se usa en preguntas de texto")
    if question.format is not None and question.type != TEXT:
        found.append("«format» solo se usa en preguntas de texto")
    if question.max_choices is not None:
        if question.type != MULTIPLE:
            found.append("«max_choices» solo se usa en preguntas de opción múltiple")
        elif question.max_choices > len(question.options):
            found.append(f"«max_choices» ({question.max_choices}) es mayor que el número de opciones")
    return found


def _goto_problems(definition: Definition, question: Question) -> list[str]:
    found = []
    for option in question.options:
        target = option.goto
        if target is None:
            continue
        if question.type not in (SINGLE, SCALE):
            found.append(f"la opción {option.code} tiene «goto», que solo se permite en preguntas "
                         "de opción única")
        elif target == END:
            continue
        elif not definition.has_question(target):
            found.append(f"la opción {option.code} salta a «{target}», que no existe")
        elif definition.position(target) <= definition.position(question.id):
            found.append(f"la opción {option.code} salta a «{target}», que está antes: los saltos "
                         "deben ir hacia adelante")
    return found


def _condition_problems(definition: Definition, condition: Condition, owner: Question,
                        itself: bool = False) -> list[str]:
    """Problems of a rule of ``owner``; ``itself``: the rule may read ``owner`` too (a
    consistency check reads the answer it checks)."""
    if condition.kind == "invalid":
        return ["la condición «show_if» debe usar exactamente una forma: question con in, not_in "
                "o answered; o bien all / any"]
    if condition.parts:
        return [p for part in condition.parts
                for p in _condition_problems(definition, part, owner, itself)]
    target_id = condition.question
    if not definition.has_question(target_id):
        return [f"«show_if» depende de «{target_id}», que no existe"]
    if itself and target_id == owner.id:
        return _code_problems(owner, condition)
    if definition.position(target_id) >= definition.position(owner.id):
        return [f"«show_if» depende de «{target_id}», que no está antes: una pregunta solo puede "
                "depender de preguntas anteriores"]
    return _code_problems(definition.question(target_id), condition)


def _code_problems(target: Question, condition: Condition) -> list[str]:
    if condition.kind == "answered":
        return []
    if target.type not in _CODED_TYPES:
        return [f"«show_if» usa {condition.kind} con «{target.id}», que es de tipo {target.type}"]
    if target.type == INTEGER:
        return []
    unknown = sorted(condition.codes - {o.code for o in target.options})
    return [f"«show_if» usa el código {code}, que no es opción de «{target.id}»" for code in unknown]
