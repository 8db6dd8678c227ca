"""The central office's figures for the consolidated report: the indicators of
docs/indicators.md (seguimiento_desktop/indicators) at 6 and 18 months, coverage with
waves not yet due as «pendiente», by entidad, subsistema, sexo and plantel, and trends.

Everything is summed inside SQLite per plantel (or sexo, generación) and regrouped here,
so memory does not grow with the number of graduates.
"""

from dataclasses import dataclass, field
from datetime import date

from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.indicators.coverage import Coverage, coverage, regroup_coverage
from seguimiento_desktop.indicators.definitions import (
    SKILLS_MISSING, SUGGESTIONS, WAVES, WORK_MARKER, working_condition)
from seguimiento_desktop.indicators.tables import (
    UNKNOWN, IndicatorRow, choice_table, indicator_breakdowns, labeller, total_row)
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


def _choices(db: Database, questionnaire: str, cohort: str, question_id: str,
             among=()) -> list[tuple[str, int]]:
    definition = load_definition(questionnaire)
    if not definition.has_question(question_id):
        return []
    counts = choice_table(db, questionnaire, cohort, "total", question_id, among).get("Total", {})
    labels = {o.code: o.label for o in definition.question(question_id).options}
    return _ranked(counts, labels)


def _sectors(db: Database, questionnaire: str, cohort: str) -> list[tuple[str, int]]:
    if not load_definition(questionnaire).has_question(WORK_MARKER):
        return []
    counts = choice_table(db, questionnaire, cohort, "total", WORK_MARKER,
                          working_condition(questionnaire)).get("Total", {})
    names = load_json("catalogs", f"{SCIAN_SECTORS}.json")["groups"]
    groups: dict[str, int] = {}
    for code, n in counts.items():
        try:
            name = names[sector_group(code)]
        except InvalidData:  # a code outside the catalog (older definition)
            name = UNKNOWN
        groups[name] = groups.get(name, 0) + n
    return sorted(groups.items(), key=lambda item: -item[1])


def _wave(db: Database, questionnaire: str, cohort: str) -> WaveFigures:
    rows = indicator_breakdowns(db, questionnaire, cohort,
                                ("entidad", "subsistema", "plantel", "sexo"))
    return WaveFigures(
        questionnaire, total_row(rows["plantel"]), rows["entidad"], rows["subsistema"],
        rows["sexo"], rows["plantel"], _sectors(db, questionnaire, cohort),
        _choices(db, questionnaire, cohort, SKILLS_MISSING),
        _choices(db, questionnaire, cohort, SUGGESTIONS))


def _default_cohort(trend: dict[str, dict[str, Coverage]]) -> str:
    """The newest generación with C2 answers (or the newest of all)."""
    answered = [c for c, cells in trend.items() if cells.get("C2") and cells["C2"].answered]
    return max(answered) if answered else max(trend, default="")


def central_statistics(db: Database, cohort: str = "", today: date | None = None) -> CentralStatistics:
    """Aggregate everything merged so far; ``cohort`` picks the generación the report
    describes (default: the newest one with C2 answers)."""
    from seguimiento_desktop.sync.central_views import gap_messages
    today = today or date.today()
    directory = queries.school_directory(db)
    by_school = {q: coverage(db, q, today, "plantel") for q in QUESTIONNAIRES}
    trend: dict[str, dict[str, Coverage]] = {}
    for q, cells in by_school.items():
        for cell in regroup_coverage(cells, lambda _: "Total"):
            trend.setdefault(cell.cohort, {})[q] = cell
    cohort = cohort or _default_cohort(trend)
    chosen = {q: [c for c in cells if c.cohort == cohort] for q, cells in by_school.items()}
    state, subsystem = labeller("entidad", directory), labeller("subsistema", directory)
    stats = CentralStatistics(
        office=_office_name(db), cohort=cohort, today=today, enrolled=len(directory),
        reporting=len({c.group for cells in by_school.values() for c in cells if c.eligible}),
        gaps=gap_messages(db),
        names={cct: str(school.get("name", "")) for cct, school in directory.items()},
        coverage={q: _national(cells, cohort, q, today) for q, cells in chosen.items()},
        coverage_by_state={q: {c.group: c for c in regroup_coverage(cells, state)}
                           for q, cells in chosen.items() if cells},
        coverage_by_subsystem={q: {c.group: c for c in regroup_coverage(cells, subsystem)}
                               for q, cells in chosen.items() if cells},
        coverage_by_school={q: {c.group: c for c in cells} for q, cells in chosen.items()},
        trend=dict(sorted(trend.items())))
    for q in WAVES:
        stats.coverage_by_sex[q] = {c.group: c for c in coverage(db, q, today, "sexo", cohort)}
        stats.waves[q] = _wave(db, q, cohort)
        stats.trend_rows[q] = {r.group: r for r in indicator_breakdowns(
            db, q, "", ("generacion",))["generacion"]}
    return stats


def _national(cells: list[Coverage], cohort: str, questionnaire: str, today: date) -> Coverage:
    from seguimiento_desktop.indicators.coverage import _state
    total = regroup_coverage(cells, lambda _: "Total")
    return total[0] if total else Coverage(cohort, questionnaire, "Total", 0, 0,
                                           _state(cohort, questionnaire, today))
