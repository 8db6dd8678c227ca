"""The central office's figures for the consolidated report: the indicators of
docs/indicators.md (seguimiento_desktop/indicators) at 6 and 18 months, coverage with
waves not yet due as «pendiente», by entidad, subsistema, sexo and plantel, and trends.

Everything is summed inside SQLite per plantel (or sexo, generación) and regrouped here,
so memory does not grow with the number of graduates.
"""

import functools
import gc
from dataclasses import dataclass, field
from datetime import date

from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.indicators.change import ActivityChange, activity_change
from seguimiento_desktop.indicators.coverage import Coverage, coverage_panel, regroup_coverage
from seguimiento_desktop.indicators.definitions import (
    CAREERS_SUGGESTED, SKILLS_MISSING, SUGGESTIONS, WAVES, WORK_MARKER, working_condition)
from seguimiento_desktop.indicators.words import terms_by_group
from seguimiento_desktop.indicators.tables import (
    UNKNOWN, IndicatorRow, Panel, indicator_panel, labeller, panel_breakdown,
    panel_breakdowns, total_row)
from seguimiento_desktop.questionnaires.catalogs import SCIAN_SECTORS, sector_group
from seguimiento_desktop.questionnaires.loader import load_definition
from seguimiento_desktop.datafiles import load_json
from seguimiento_desktop.storage import indicator_queries as queries
from seguimiento_desktop.storage.connection import Database

QUESTIONNAIRES = ("C1", "C2", "C3")
MIN_RANKED_SCHOOLS = 10  # fewer planteles with a publishable rate: no ranking at all
RANKED = 20


@dataclass
class WaveFigures:
    """One follow-up wave (C2 or C3) of the chosen generación."""

    questionnaire: str
    total: IndicatorRow
    by_state: list[IndicatorRow]
    by_subsystem: list[IndicatorRow]
    by_sex: list[IndicatorRow]
    by_school: list[IndicatorRow]
    sectors: list[tuple[str, int]]          # broad SCIAN group, working respondents
    skills: list[tuple[str, int]]           # skills missing, most chosen first
    suggestions: list[tuple[str, int]]      # improvements suggested (C3), most chosen first


@dataclass
class CentralStatistics:
    """Everything the consolidated report prints, computed once."""

    office: str
    cohort: str
    today: date
    enrolled: int
    reporting: int
    gaps: tuple[str, ...]
    names: dict[str, str]                          # CCT -> plantel name
    coverage: dict[str, Coverage]                  # questionnaire -> national cell
    coverage_by_state: dict[str, dict[str, Coverage]]   # questionnaire -> entidad -> cell
    coverage_by_subsystem: dict[str, dict[str, Coverage]]
    coverage_by_school: dict[str, dict[str, Coverage]]  # questionnaire -> CCT -> cell
    coverage_by_sex: dict[str, dict[str, Coverage]] = field(default_factory=dict)
    waves: dict[str, WaveFigures] = field(default_factory=dict)
    trend: dict[str, dict[str, Coverage]] = field(default_factory=dict)  # cohort -> q -> cell
    trend_rows: dict[str, dict[str, IndicatorRow]] = field(default_factory=dict)  # q -> cohort
    change: ActivityChange | None = None          # the same graduates at 6 and 18 months
    careers_suggested: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    def ranking(self, questionnaire: str = "C2") -> tuple[list[Coverage], list[Coverage]]:
        """(highest, lowest) response rates among planteles with a publishable rate; empty
        when fewer than MIN_RANKED_SCHOOLS qualify. Never the same plantel in both."""
        eligible = [c for c in self.coverage_by_school.get(questionnaire, {}).values()
                    if c.rate is not None]
        if len(eligible) < MIN_RANKED_SCHOOLS:
            return [], []
        ordered = sorted(eligible, key=lambda c: (-c.rate, -c.eligible, c.group))
        shown = min(RANKED, len(ordered) // 2)
        return ordered[:shown], ordered[::-1][:shown]


def _office_name(db: Database) -> str:
    from seguimiento_desktop.storage.sync_state import get_setting
    return get_setting(db, "central.name") or ""  # sync/central.py keeps it there


def _ranked(counts: dict[int, int], labels: dict[int, str]) -> list[tuple[str, int]]:
    found = [(labels.get(code, str(code)), n) for code, n in counts.items()]
    return sorted(found, key=lambda item: (-item[1], item[0]))


def _chosen(db: Database, questionnaire: str, cohort: str) -> dict[str, dict[int, int]]:
    """{question id: {code: respondents}} for the sector (among those who work), the skills
    missing and the improvements suggested, in one pass over the wave's answers."""
    definition = load_definition(questionnaire)
    wanted = [(q, among) for q, among in ((WORK_MARKER, working_condition(questionnaire)),
                                          (SKILLS_MISSING, ()), (SUGGESTIONS, ()))
              if definition.has_question(q)]
    found: dict[str, dict[int, int]] = {q: {} for q, _ in wanted}
    for index, code, count in queries.choices_counts(db, questionnaire, cohort, wanted):
        found[wanted[index][0]][int(code)] = int(count)
    return found


def _labelled(questionnaire: str, question_id: str, counts: dict[int, int]) -> list[tuple[str, int]]:
    definition = load_definition(questionnaire)
    if not definition.has_question(question_id):
        return []
    return _ranked(counts, {o.code: o.label for o in definition.question(question_id).options})


def _sectors(counts: dict[int, int]) -> list[tuple[str, int]]:
    """Working respondents per broad SCIAN group, largest first."""
    names = load_json("catalogs", f"{SCIAN_SECTORS}.json")["groups"]
    groups: dict[str, int] = {}
    for code, n in counts.items():
        try:
            name = names[sector_group(code)]
        except InvalidData:  # a code outside the catalog (older definition)
            name = UNKNOWN
        groups[name] = groups.get(name, 0) + n
    return sorted(groups.items(), key=lambda item: -item[1])


def _wave(db: Database, questionnaire: str, cohort: str, panel: Panel,
          directory: dict[str, dict]) -> WaveFigures:
    rows = panel_breakdowns(panel, ("entidad", "subsistema", "plantel", "sexo"), directory, cohort)
    chosen = _chosen(db, questionnaire, cohort)
    return WaveFigures(
        questionnaire, total_row(rows["plantel"]), rows["entidad"], rows["subsistema"],
        rows["sexo"], rows["plantel"], _sectors(chosen.get(WORK_MARKER, {})),
        _labelled(questionnaire, SKILLS_MISSING, chosen.get(SKILLS_MISSING, {})),
        _labelled(questionnaire, SUGGESTIONS, chosen.get(SUGGESTIONS, {})))


def _default_cohort(trend: dict[str, dict[str, Coverage]]) -> str:
    """The newest generación with C2 answers (or the newest of all)."""
    answered = [c for c, cells in trend.items() if cells.get("C2") and cells["C2"].answered]
    return max(answered) if answered else max(trend, default="")


def _by_part(part: int, label=lambda value: value):
    """A label for «cct|sex» coverage groups: ``label`` of the CCT (0) or the sex (1)."""
    return lambda key: label(key.split("|", 1)[part])


def _grouped_coverage(chosen: dict[str, list[Coverage]],
                      directory: dict[str, dict]) -> dict[str, dict[str, dict[str, Coverage]]]:
    """{state|subsystem|school|sex: {questionnaire: {group: cell}}} from the «cct|sex»
    cells: summed per plantel once, then the plantel sums labelled by entidad and
    subsistema (the same sums as regrouping every cell by each label)."""
    labels = {"state": labeller("entidad", directory),
              "subsystem": labeller("subsistema", directory), "school": lambda cct: cct}
    grouped: dict[str, dict[str, dict[str, Coverage]]] = {name: {} for name in (*labels, "sex")}
    for q, cells in chosen.items():
        if not cells:
            continue
        schools = regroup_coverage(cells, _by_part(0))
        for name, label in labels.items():
            grouped[name][q] = {c.group: c for c in regroup_coverage(schools, label)}
        grouped["sex"][q] = {c.group: c for c in
                             regroup_coverage(cells, _by_part(1, labeller("sexo", {})))}
    return grouped


def _without_cycle_collection(function):
    """Run ``function`` with Python's cycle collector paused (restored after).

    A national report builds a few hundred thousand tuples, lists and rows, none in a
    reference cycle (reference counting frees them all), and each burst of them made the
    collector walk every live object again: 2.8 of the 4.9 s the report spent in Python
    on the national simulation. Same objects, same figures."""
    @functools.wraps(function)
    def paused(*args, **kwargs):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()
    return paused


@_without_cycle_collection
def central_statistics(db: Database, cohort: str = "", today: date | None = None) -> CentralStatistics:
    """Aggregate everything merged so far; ``cohort`` picks the generación the report
    describes (default: the newest one with C2 answers). One pass over the students for
    coverage and one over each wave's answers, regrouped here (the waves' response counts
    come from their pass, so the students' pass looks up only C1 per student)."""
    from seguimiento_desktop.sync.central_views import gap_messages
    today = today or date.today()
    directory = queries.school_directory(db)
    answered: dict[str, dict[str, int]] = {q: {} for q in WAVES}
    answers = {q: indicator_panel(db, q, answered[q]) for q in WAVES}  # one pass per wave
    panel = coverage_panel(db, QUESTIONNAIRES, today, answered)
    trend: dict[str, dict[str, Coverage]] = {}
    for q, cells in panel.items():
        for cell in regroup_coverage(cells, lambda _: "Total"):
            trend.setdefault(cell.cohort, {})[q] = cell
    cohort = cohort or _default_cohort(trend)
    chosen = {q: [c for c in cells if c.cohort == cohort] for q, cells in panel.items()}
    grouped = _grouped_coverage(chosen, directory)
    stats = CentralStatistics(
        office=_office_name(db), cohort=cohort, today=today, enrolled=len(directory),
        reporting=len({c.group.split("|")[0] for cells in panel.values() for c in cells
                       if c.eligible}),
        gaps=gap_messages(db),
        names={cct: str(school.get("name", "")) for cct, school in directory.items()},
        coverage={q: _national(cells, cohort, q, today) for q, cells in chosen.items()},
        coverage_by_state=grouped["state"], coverage_by_subsystem=grouped["subsystem"],
        coverage_by_school=grouped["school"], coverage_by_sex=grouped["sex"],
        trend=dict(sorted(trend.items())))
    for q in WAVES:
        rows = answers.pop(q)  # freed once regrouped
        stats.waves[q] = _wave(db, q, cohort, rows, directory)
        stats.trend_rows[q] = {r.group: r for r in panel_breakdown(rows, "generacion", directory)}
    stats.change = activity_change(db, cohort)
    if load_definition("C3").has_question(CAREERS_SUGGESTED):
        stats.careers_suggested = terms_by_group(
            queries.text_answers(db, "C3", cohort, "career", CAREERS_SUGGESTED))
    return stats


def _national(cells: list[Coverage], cohort: str, questionnaire: str, today: date) -> Coverage:
    from seguimiento_desktop.indicators.coverage import _state
    total = regroup_coverage(cells, lambda _: "Total")
    return total[0] if total else Coverage(cohort, questionnaire, "Total", 0, 0,
                                           _state(cohort, questionnaire, today))
