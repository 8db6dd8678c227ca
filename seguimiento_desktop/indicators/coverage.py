"""Coverage and response rates per generación and wave, with waves not yet due shown as
«pendiente» (never as 0 %: nobody could have answered yet)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from seguimiento_desktop.domain.calendar import due_window
from seguimiento_desktop.domain.cohorts import parse_cohort
from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.indicators.tables import _SQL_GROUP, labeller
from seguimiento_desktop.reports.statistics import MIN_BASE
from seguimiento_desktop.storage import indicator_queries as queries
from seguimiento_desktop.storage.connection import Database

PENDING = "pendiente"


@dataclass(frozen=True)
class Coverage:
    """One generación × questionnaire × group: eligible graduates and finished answers."""

    cohort: str
    questionnaire: str
    group: str
    eligible: int
    answered: int
    state: str  # pendiente (window not open yet), en_curso or vencido

    @property
    def pending(self) -> bool:
        return self.state == PENDING and not self.answered

    @property
    def rate(self) -> float | None:
        """Share 0–1 answered; None when pending or the base is under MIN_BASE."""
        if self.pending or self.eligible < MIN_BASE:
            return None
        return self.answered / self.eligible

    def text(self) -> str:
        """«pendiente», «—» (suppressed) or «62.5%» (es-MX): what a table cell shows."""
        if self.pending:
            return PENDING
        rate = self.rate
        return "—" if rate is None else f"{100 * rate:.1f}%"


def _state(cohort: str, questionnaire: str, today: date) -> str:
    try:
        return due_window(parse_cohort(cohort), questionnaire).state_on(today)
    except InvalidData:  # a malformed generación from old data: treat as due
        return "vencido"


def coverage(db: Database, questionnaire: str, today: date, by: str = "total",
             cohort: str = "") -> list[Coverage]:
    """Coverage of ``questionnaire`` per generación (and group of breakdown ``by``)."""
    label = labeller(by, queries.school_directory(db) if _SQL_GROUP[by] == "cct" else {})
    sums: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for gen, key, eligible, answered in queries.eligible_population(
            db, questionnaire, _SQL_GROUP[by], cohort):
        cell = sums[(gen, label(key))]
        cell[0] += int(eligible)
        cell[1] += int(answered)
    return [Coverage(gen, questionnaire, group, eligible, answered,
                     _state(gen, questionnaire, today))
            for (gen, group), (eligible, answered) in sorted(sums.items())]


def regroup_coverage(cells: list[Coverage], label) -> list[Coverage]:
    """Cells summed per (generación, ``label(group)``): plantel cells into entidad, total…"""
    sums: dict[tuple[str, str], list] = {}
    for cell in cells:
        key = (cell.cohort, label(cell.group))
        found = sums.setdefault(key, [0, 0, cell.state])
        found[0] += cell.eligible
        found[1] += cell.answered
    return [Coverage(gen, cells[0].questionnaire, group, eligible, answered, state)
            for (gen, group), (eligible, answered, state) in sorted(sums.items())]


def coverage_panel(db: Database, questionnaires: tuple[str, ...], today: date,
                   answered: dict[str, dict[str, int]] | None = None) -> dict[str, list[Coverage]]:
    """{questionnaire: cells per generación with group «cct|sex»}, from one pass over the
    students; regroup them with ``regroup_coverage`` and a label of the part wanted.

    ``answered`` ({questionnaire: {«cohort|cct|sex»: finished responses}}, as
    ``indicator_panel`` counts them in its pass over the answers) spares looking those
    questionnaires up again per student."""
    answered = answered or {}
    counted = [q for q in questionnaires if q in answered]
    found: dict[str, list[Coverage]] = {q: [] for q in questionnaires}
    states: dict[tuple[str, str], str] = {}  # one per generación and wave, not per cell
    for cohort, cct, sex, *sums in queries.eligible_panel(db, questionnaires, counted):
        for i, q in enumerate(questionnaires):
            state = states.get((cohort, q))
            if state is None:
                state = states[(cohort, q)] = _state(cohort, q, today)
            first, second = int(sums[2 * i] or 0), int(sums[2 * i + 1] or 0)
            if q in answered:  # (can answer, cannot but did) and the responses counted
                first, second = first + second, answered[q].get(f"{cohort}|{cct}|{sex}", 0)
            found[q].append(Coverage(cohort, q, f"{cct}|{sex}", first, second, state))
    return found
