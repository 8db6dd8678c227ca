"""What each indicator counts, built from the questionnaire definitions.

Question ids are the stable ones C2 and C3 share; the codes come from each definition's
skip rules and options, so a recoded questionnaire changes the indicators without touching
this module. A question missing from a definition drops the indicators that need it.
"""

from dataclasses import dataclass
from functools import cache

from seguimiento_desktop.datafiles import load_json
from seguimiento_desktop.questionnaires.loader import load_definition
from seguimiento_desktop.questionnaires.model import Definition
from seguimiento_desktop.storage.indicator_queries import Condition

WAVES = ("C2", "C3")  # 6 and 18 months after graduating
ACTIVITY = "ACT_ACTUAL"
STUDIES_MARKER, WORK_MARKER = "EST_INSTITUCION", "SECTOR"  # their show-if says who studies/works
LEVEL = "EST_NIVEL"
HIGHER_EDUCATION_PREFIXES = ("técnico superior universitario", "licenciatura")
SOCIAL_SECURITY, INCOME, JOB_RELATION, FIRST_JOB = (
    "SEGURO_SOCIAL", "INGRESO", "EMP_RELACION", "TIEMPO_PRIMER_EMPLEO")
TRAINING_ENOUGH, RECOMMENDS = "FORMACION_SUFICIENTE", "RECOMENDARIA"
SKILLS_MISSING, SUGGESTIONS, CAREERS_SUGGESTED = (
    "COMPETENCIAS_FALTANTES", "SUGERENCIA_MEJORA", "SUGERENCIA_CARRERAS")
ACTIVITY_LABELS = {"solo_estudia": "Solo estudia", "solo_trabaja": "Solo trabaja",
                   "estudia_y_trabaja": "Estudia y trabaja",
                   "ni_estudia_ni_trabaja": "Ni estudia ni trabaja"}
ACTIVITY_KEYS = tuple(ACTIVITY_LABELS)
INCOME_FLOOR = 2  # «ingreso de 2 salarios mínimos o más»
FIRST_JOB_MONTHS = 3  # «primer empleo en 3 meses o menos (o ya trabajaba)»


@dataclass(frozen=True)
class Share:
    """One indicator: the share of ``base`` respondents who also meet ``numerator``."""

    key: str
    label: str
    numerator: Condition
    base: Condition
    group: str  # actividad, trabajo, pertinencia


def _branch(definition: Definition, marker: str) -> frozenset[int]:
    """Codes of the activity question that open ``marker`` (its or its section's show-if)."""
    question = definition.question(marker)
    for rule in (question.show_if, definition.section(question.section).show_if):
        if rule is not None and rule.kind == "in" and rule.question == ACTIVITY:
            return rule.codes
    return frozenset()


def _codes(definition: Definition, question_id: str, keep=lambda option: True) -> tuple[int, ...]:
    return tuple(o.code for o in definition.question(question_id).options if keep(o))


def activity_codes(definition: Definition) -> dict[str, tuple[int, ...]]:
    """{solo_estudia…: codes of the activity question} from the study and work branches."""
    studies, works = _branch(definition, STUDIES_MARKER), _branch(definition, WORK_MARKER)
    codes = _codes(definition, ACTIVITY)
    return {"solo_estudia": tuple(c for c in codes if c in studies and c not in works),
            "solo_trabaja": tuple(c for c in codes if c in works and c not in studies),
            "estudia_y_trabaja": tuple(c for c in codes if c in studies and c in works),
            "ni_estudia_ni_trabaja": tuple(c for c in codes if c not in studies and c not in works)}


def higher_education_codes(definition: Definition) -> tuple[int, ...]:
    """Levels of EST_NIVEL that are higher education: TSU and licenciatura (normal too)."""
    return _codes(definition, LEVEL,
                  lambda o: o.label.casefold().startswith(HIGHER_EDUCATION_PREFIXES))


def _income_codes() -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(bands of INCOME_FLOOR minimum wages or more, every band with an amount)."""
    bands = load_json("catalogs", "income_bands.json")["options"]
    known = [b for b in bands if b["code"] == 0 or b["low"] is not None]
    return (tuple(b["code"] for b in known if (b["low"] or 0) >= INCOME_FLOOR),
            tuple(b["code"] for b in known))


def _activity(definition: Definition) -> list[Share]:
    codes = activity_codes(definition)
    answered: Condition = ((ACTIVITY, _codes(definition, ACTIVITY)),)
    shares = [Share(key, ACTIVITY_LABELS[key],
                    ((ACTIVITY, codes[key]),), answered, "actividad") for key in ACTIVITY_KEYS]
    studying = tuple(sorted(_branch(definition, STUDIES_MARKER)))
    if definition.has_question(LEVEL):
        higher = higher_education_codes(definition)
        others = tuple(c for c in _codes(definition, LEVEL) if c not in higher)
        shares += [Share("educacion_superior", "Estudia licenciatura o TSU",
                         ((ACTIVITY, studying), (LEVEL, higher)), answered, "actividad"),
                   Share("otros_estudios", "Estudia otra cosa (cursos, otra carrera técnica…)",
                         ((ACTIVITY, studying), (LEVEL, others)), answered, "actividad")]
    return shares


def _work(definition: Definition) -> list[Share]:
    working: tuple = ((ACTIVITY, tuple(sorted(_branch(definition, WORK_MARKER)))),)
    high_income, any_income = _income_codes()
    wanted = [
        ("empleo_formal", "Con seguridad social (empleo formal)", SOCIAL_SECURITY, (1,), (1, 2)),
        ("ingreso_2sm", f"Gana {INCOME_FLOOR} salarios mínimos o más", INCOME, high_income,
         any_income),
        ("empleo_relacionado", "Trabajo relacionado con su carrera técnica", JOB_RELATION,
         (1, 2), (1, 2, 3)),
        ("primer_empleo_3m", f"Primer empleo en {FIRST_JOB_MONTHS} meses o menos",
         FIRST_JOB, (1, 2, 3), (1, 2, 3, 4, 5)),
    ]
    return [Share(key, label, working + ((q, yes),), working + ((q, base),), "trabajo")
            for key, label, q, yes, base in wanted if definition.has_question(q)]


def _relevance(definition: Definition) -> list[Share]:
    wanted = [("formacion_suficiente", "Su formación fue suficiente (totalmente)",
               TRAINING_ENOUGH, (1,), (1, 2, 3)),
              ("recomendaria", "Recomendaría su plantel", RECOMMENDS, (1,), (1, 2, 3))]
    return [Share(key, label, ((q, yes),), ((q, base),), "pertinencia")
            for key, label, q, yes, base in wanted if definition.has_question(q)]


@cache
def shares_for(questionnaire: str) -> tuple[Share, ...]:
    """Every share indicator of a follow-up wave, in report order."""
    definition = load_definition(questionnaire)
    return tuple(_activity(definition) + _work(definition) + _relevance(definition))


def working_condition(questionnaire: str) -> Condition:
    """Respondents who work (for distributions among workers: sector, income bands…)."""
    definition = load_definition(questionnaire)
    return ((ACTIVITY, tuple(sorted(_branch(definition, WORK_MARKER)))),)
