"""The Informe de seguimiento's numbers for one cohort (and optionally one carrera).

Which question feeds which indicator is named once below by its stable id (the ids C2 and
C3 share); options, labels and the study/work branches come from the definitions, so a new
version of a questionnaire changes the report without touching this code.
"""

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from seguimiento_desktop.questionnaires.catalogs import SCIAN_SECTORS, sector_group
from seguimiento_desktop.questionnaires.loader import load_definition
from seguimiento_desktop.questionnaires.model import SCALE, Definition
from seguimiento_desktop.datafiles import load_json
from seguimiento_desktop.domain.text import collation_key
from seguimiento_desktop.indicators.definitions import SKILLS_MISSING, SUGGESTIONS
from seguimiento_desktop.indicators.frames import frame_row, share_questions
from seguimiento_desktop.indicators.tables import IndicatorRow
from seguimiento_desktop.reports.frames import QUESTIONNAIRES, CohortData, column
from seguimiento_desktop.reports.statistics import (
    CrossTab, Distribution, ScaleSummary, crosstab, distribution, grouped_distribution,
    scale_summary)
from seguimiento_desktop.storage.report_queries import FINISHED

WAVES = ("C2", "C3")  # graduates' follow-up waves, 6 and 18 months after graduating
ACTIVITY = "ACT_ACTUAL"
STUDIES_MARKER, WORK_MARKER = "EST_INSTITUCION", "SECTOR"  # their show-if says who studies/works
PLAN, PLAN_STUDY_MARKER, PLAN_WORK_MARKER = "PLAN", "PLAN_INSTITUCION", "PLAN_SECTOR"
CONTINUATION = ("EST_NIVEL", "EST_INSTITUCION", "EST_RELACION", "RAZON_NO_ESTUDIA")
EMPLOYMENT = ("TIPO_EMPLEADOR", "CONTRATO", "INGRESO", "EMP_RELACION", "TIEMPO_PRIMER_EMPLEO")


@dataclass(frozen=True)
class ResponseRate:
    """One questionnaire's population, finished and partial responses."""

    questionnaire: str
    title: str
    population: int
    finished: int
    partial: int
    pending: bool = False  # its window has not opened yet and nobody answered

    @property
    def rate(self) -> float | None:
        if self.pending:
            return None
        return 100.0 * self.finished / self.population if self.population else None


@dataclass(frozen=True)
class Expectation:
    """C1 plans against what a wave found, for the graduates who answered both."""

    wave: str
    table: CrossTab
    planned_study: int
    then_studies: int
    planned_work: int
    then_works: int


@dataclass
class FollowupStatistics:
    """Everything the Informe de seguimiento prints, computed once."""

    cohort: str
    career: str
    population: int
    rates: list[ResponseRate]
    wave: str  # the latest wave with answers: what "current" means in this report
    activity: dict[str, Distribution]
    activity_by_career: CrossTab
    activity_by_sex: CrossTab
    continuation: list[Distribution]
    employment: list[Distribution]
    opinion: dict[str, list[ScaleSummary]]
    expectations: list[Expectation]
    change: CrossTab | None
    change_indicators: list[tuple[str, int, int, int]] = field(default_factory=list)
    indicators: dict[str, IndicatorRow] = field(default_factory=dict)  # docs/indicators.md
    needs: list[Distribution] = field(default_factory=list)  # training needs, C2 39, C3 41/44

    @property
    def has_data(self) -> bool:
        return any(r.finished for r in self.rates)


def branch_codes(definition: Definition, question_id: str, branch_on: str) -> frozenset[int]:
    """Codes of ``branch_on`` that open ``question_id`` (from its or its section's show-if)."""
    question = definition.question(question_id)
    for rule in (question.show_if, definition.section(question.section).show_if):
        if rule is not None and rule.kind == "in" and rule.question == branch_on:
            return rule.codes
    return frozenset()


def _pending(cohort: str, questionnaire: str, today: date) -> bool:
    from seguimiento_desktop.domain.calendar import due_window
    from seguimiento_desktop.errors import InvalidData
    try:
        return due_window(cohort, questionnaire).state_on(today) == "pendiente"
    except InvalidData:
        return False


def _rates(data: CohortData, today: date) -> list[ResponseRate]:
    from seguimiento_desktop.domain.calendar import QUESTIONNAIRE_TITLES
    rates = []
    for q in QUESTIONNAIRES:
        finished = sum(data.statuses.get((q, s), 0) for s in FINISHED)
        partial = data.statuses.get((q, "parcial"), 0)
        rates.append(ResponseRate(q, QUESTIONNAIRE_TITLES[q], data.population, finished, partial,
                                  _pending(data.cohort, q, today) and not finished and not partial))
    return rates


def _needs(data: CohortData) -> list[Distribution]:
    """Training needs: skills missing (C2 and C3) and improvements suggested (C3)."""
    found = []
    for wave in WAVES:
        definition = load_definition(wave)
        for question_id in (SKILLS_MISSING, SUGGESTIONS):
            if definition.has_question(question_id) and len(data.answers[wave]):
                found.append(distribution(definition.question(question_id),
                                          column(data.answers[wave], question_id),
                                          f"{definition.question(question_id).text} ({wave})"))
    return found


def latest_wave(data: CohortData) -> str:
    answered = [w for w in WAVES if len(data.answers[w])]
    return answered[-1] if answered else WAVES[0]


def _sector_groups(values: pd.Series) -> Distribution:
    names = load_json("catalogs", f"{SCIAN_SECTORS}.json")["groups"]
    labels = values.dropna().astype(int).map(lambda code: names[sector_group(code)])
    return grouped_distribution("Sector de actividad (grupo amplio)", labels, list(names.values()))


def _employment(definition: Definition, frame: pd.DataFrame) -> list[Distribution]:
    result = [_sector_groups(column(frame, "SECTOR")),
              distribution(definition.question("SECTOR"), column(frame, "SECTOR"),
                           "Sector de actividad (SCIAN)")]
    result += [distribution(definition.question(q), column(frame, q)) for q in EMPLOYMENT]
    return result


def _expectation(data: CohortData, wave: str) -> Expectation:
    c1, later = load_definition("C1"), load_definition(wave)
    later_activity = (data.answers[wave][[ACTIVITY]] if ACTIVITY in data.answers[wave]
                      else pd.DataFrame(columns=[ACTIVITY]))
    both = data.answers["C1"].drop(columns=[ACTIVITY], errors="ignore").join(later_activity,
                                                                             how="inner")
    plan, activity = column(both, PLAN), column(both, ACTIVITY)
    plan_labels = plan.dropna().astype(int).map(lambda c: c1.question(PLAN).option(c).label)
    table = crosstab(f"Plan en C1 y actividad en {wave}", later.question(ACTIVITY), activity,
                     plan_labels, [o.label for o in c1.question(PLAN).options])
    study_plan = plan.isin(branch_codes(c1, PLAN_STUDY_MARKER, PLAN))
    work_plan = plan.isin(branch_codes(c1, PLAN_WORK_MARKER, PLAN))
    studies = activity.isin(branch_codes(later, STUDIES_MARKER, ACTIVITY))
    works = activity.isin(branch_codes(later, WORK_MARKER, ACTIVITY))
    known = activity.notna()
    return Expectation(wave, table, int((study_plan & known).sum()), int((study_plan & studies).sum()),
                       int((work_plan & known).sum()), int((work_plan & works).sum()))


def _change(data: CohortData) -> tuple[CrossTab | None, list[tuple[str, int, int, int]]]:
    c2, c3 = data.answers["C2"], data.answers["C3"]
    if ACTIVITY not in c2 or ACTIVITY not in c3:
        return None, []
    panel = c2[[ACTIVITY]].add_suffix("_c2").join(c3[[ACTIVITY]].add_suffix("_c3"),
                                                  how="inner").dropna()
    d2, d3 = load_definition("C2"), load_definition("C3")
    labels = panel[f"{ACTIVITY}_c2"].astype(int).map(lambda c: d2.question(ACTIVITY).option(c).label)
    table = crosstab("Actividad en C2 (filas) y en C3 (columnas)", d3.question(ACTIVITY),
                     panel[f"{ACTIVITY}_c3"], labels,
                     [o.label for o in d2.question(ACTIVITY).options])
    indicators = []
    for name, marker in (("Estudia", STUDIES_MARKER), ("Trabaja", WORK_MARKER)):
        before = panel[f"{ACTIVITY}_c2"].isin(branch_codes(d2, marker, ACTIVITY)).sum()
        after = panel[f"{ACTIVITY}_c3"].isin(branch_codes(d3, marker, ACTIVITY)).sum()
        indicators.append((name, len(panel), int(before), int(after)))
    return table, indicators


def _opinion(data: CohortData) -> dict[str, list[ScaleSummary]]:
    result = {}
    for questionnaire in QUESTIONNAIRES:
        definition, frame = load_definition(questionnaire), data.answers[questionnaire]
        result[questionnaire] = [scale_summary(q, column(frame, q.id))
                                 for q in definition.questions if q.type == SCALE]
    return result


def report_questions() -> dict[str, list[str]]:
    """The question ids the report reads from each questionnaire (all rating scales too)."""
    wanted = {}
    for questionnaire in QUESTIONNAIRES:
        definition = load_definition(questionnaire)
        fixed = [PLAN] if questionnaire == "C1" else [
            ACTIVITY, "SECTOR", *CONTINUATION, *EMPLOYMENT, *share_questions(questionnaire),
            SKILLS_MISSING, SUGGESTIONS]
        wanted[questionnaire] = list(dict.fromkeys(
            [q for q in fixed if definition.has_question(q)] +
            [q.id for q in definition.questions if q.type == SCALE]))
    return wanted


def followup_statistics(data: CohortData, today: date | None = None) -> FollowupStatistics:
    """Compute the Informe de seguimiento's tables for a loaded cohort (waves whose window
    has not opened by ``today`` and that nobody answered are «pendiente»)."""
    wave = latest_wave(data)
    definition = load_definition(wave)
    current = data.joined(wave)
    activity_q = definition.question(ACTIVITY)
    careers = sorted((c for c in data.students["career"].unique() if c), key=collation_key)
    sexes = [s for s in ("Mujer", "Hombre", "No binario", "Sin dato")
             if s in set(data.students["sex_label"])]
    change, indicators = _change(data)
    return FollowupStatistics(
        cohort=data.cohort, career=data.career, population=data.population,
        rates=_rates(data, today or date.today()),
        wave=wave,
        activity={w: distribution(load_definition(w).question(ACTIVITY),
                                  column(data.answers[w], ACTIVITY)) for w in WAVES},
        activity_by_career=crosstab("Actividad por carrera", activity_q,
                                    column(current, ACTIVITY), current["career"], careers),
        activity_by_sex=crosstab("Actividad por sexo", activity_q, column(current, ACTIVITY),
                                 current["sex_label"], sexes),
        continuation=[distribution(definition.question(q), column(current, q)) for q in CONTINUATION],
        employment=_employment(definition, current),
        opinion=_opinion(data),
        expectations=[_expectation(data, w) for w in WAVES],
        change=change, change_indicators=indicators,
        indicators={w: frame_row(data.answers[w], w) for w in WAVES}, needs=_needs(data))
