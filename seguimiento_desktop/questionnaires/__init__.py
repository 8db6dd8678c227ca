"""Questionnaires (cuestionarios C1, C2, C3): definitions, their checks, the engine, synthetic answers.

Qt-free. The capture screen, storage and reports use these names; everything else is detail.
"""

from seguimiento_desktop.questionnaires.engine import (
    ResponseState, confirm, evaluate, first_pending, next_question, previous_question, set_answer)
from seguimiento_desktop.questionnaires.loader import (
    DefinitionError, available_definitions, load_definition, load_definition_file, parse_definition)
from seguimiento_desktop.questionnaires.model import (
    Condition, Definition, Option, Question, Section, describe_condition, other_key, split_other_key)

__all__ = [
    "Condition", "Definition", "DefinitionError", "Option", "Question", "ResponseState", "Section",
    "available_definitions", "confirm", "describe_condition", "evaluate", "first_pending",
    "load_definition", "load_definition_file", "next_question", "other_key", "parse_definition",
    "previous_question", "set_answer", "split_other_key",
]
