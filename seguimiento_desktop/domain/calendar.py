"""The cohort calendar: which questionnaire is due when (the seed's chronological table).

For cohort A–B (entering in A, graduating in B): Cuestionario 1 in May–June of B,
Cuestionario 2 in October–November of B, Cuestionario 3 in October–November of B+1.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from seguimiento_desktop.domain.cohorts import Cohort, parse_cohort
from seguimiento_desktop.errors import UserError

QUESTIONNAIRE_TITLES = {
    "C1": "Cuestionario 1 (próximos a egresar)",
    "C2": "Cuestionario 2 (egresados, 6 meses)",
    "C3": "Cuestionario 3 (egresados, 18 meses)",
}
# questionnaire -> (years after graduation, first month, last month)
_WINDOWS = {"C1": (0, 5, 6), "C2": (0, 10, 11), "C3": (1, 10, 11)}
AFTER_GRADUATION = ("C2", "C3")  # questionnaires of graduates
_MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre")


@dataclass(frozen=True)
class DueWindow:
    """When a cohort answers one questionnaire."""

    cohort: str
    questionnaire: str
    opens: date
    closes: date

    @property
    def months(self) -> str:
        """When it is applied, in words: «octubre–noviembre de 2027»."""
        return (f"{_MONTHS[self.opens.month - 1]}–{_MONTHS[self.closes.month - 1]} "
                f"de {self.closes.year}")

    def state_on(self, today: date) -> str:
        """'pendiente' (not yet), 'en_curso' (open now) or 'vencido' (closed)."""
        if today < self.opens:
            return "pendiente"
        return "en_curso" if today <= self.closes else "vencido"


def _last_day(year: int, month: int) -> date:
    next_month = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(next_month.toordinal() - 1)


def due_window(cohort: Cohort | str, questionnaire: str) -> DueWindow:
    """The application window of ``questionnaire`` for ``cohort``."""
    cohort = parse_cohort(cohort) if isinstance(cohort, str) else cohort
    offset, first, last = _WINDOWS[questionnaire]
    year = cohort.graduation_year + offset
    return DueWindow(str(cohort), questionnaire, date(year, first, 1), _last_day(year, last))


def graduation_day(cohort: Cohort | str) -> date:
    """The first day a cohort counts as graduated: the day after its C1 window (May–June of
    the graduation year) closes, so before its C2 window opens."""
    return due_window(cohort, "C1").closes + timedelta(days=1)


def premature_questionnaire(cohort: str, questionnaire: str, today: date) -> DueWindow | None:
    """The window of ``questionnaire`` when it is a graduates' questionnaire (C2, C3) and
    ``cohort`` has not graduated yet on ``today``; None otherwise (a cohort that does not
    parse is not judged: it has no calendar)."""
    if questionnaire not in AFTER_GRADUATION:
        return None
    try:
        graduated = today >= graduation_day(cohort)
    except UserError:
        return None
    return None if graduated else due_window(cohort, questionnaire)


def cohort_windows(cohort: Cohort | str) -> list[DueWindow]:
    """The three windows of a cohort's two-year follow-up, in order."""
    return [due_window(cohort, q) for q in _WINDOWS]


def followed_cohorts(today: date) -> list[str]:
    """Cohorts whose follow-up is under way on ``today`` (from C1's year to C3's close)."""
    newest = today.year + (1 if today.month >= 7 else 0)
    return [str(Cohort(year - 3, year)) for year in range(newest - 2, newest + 1)
            if due_window(Cohort(year - 3, year), "C3").closes >= today]


def is_followed(cohort: Cohort | str, today: date) -> bool:
    """Whether ``cohort`` (of any length, 2 to 5 years) is under follow-up on ``today``:
    its C1 opens within the next school year and its C3 has not closed. The same rule as
    ``followed_cohorts``, from the graduation year instead of a 3-year span."""
    cohort = parse_cohort(cohort) if isinstance(cohort, str) else cohort
    newest = today.year + (1 if today.month >= 7 else 0)
    return cohort.graduation_year <= newest and due_window(cohort, "C3").closes >= today


def windows_in_force(cohorts: list[str], today: date) -> list[DueWindow]:
    """For each cohort, its windows open now or the next one to open (for the Seguimiento screen)."""
    result = []
    for cohort in cohorts:
        windows = cohort_windows(cohort)
        current = [w for w in windows if w.state_on(today) == "en_curso"]
        upcoming = [w for w in windows if w.state_on(today) == "pendiente"][:1]
        result.extend(current or upcoming or windows[-1:])
    return result


def cohort_to_apply(cohorts: list[str], questionnaire: str, today: date) -> str | None:
    """The generación a plantel most likely applies ``questionnaire`` to on ``today``: the
    one whose window is open; else for C1 the newest (still in school), for C2 and C3 the
    newest whose window has passed (a late round), else the newest that has graduated.
    None when ``cohorts`` is empty."""
    dated = []
    for cohort in cohorts:
        try:
            dated.append((due_window(cohort, questionnaire), cohort))
        except UserError:  # a generación written some other way has no calendar
            continue
    dated.sort(key=lambda pair: pair[0].opens, reverse=True)
    open_now = [c for w, c in dated if w.state_on(today) == "en_curso"]
    if questionnaire in AFTER_GRADUATION:
        passed = [c for w, c in dated if w.state_on(today) == "vencido"]
        graduated = [c for _w, c in dated
                     if premature_questionnaire(c, questionnaire, today) is None]
        likely = passed + graduated
    else:
        likely = [c for _w, c in dated]
    return (open_now or likely or cohorts or [None])[0]
