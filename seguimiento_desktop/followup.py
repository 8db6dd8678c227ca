"""The two-year follow-up: what is due now, response rates, and whom to call next.

Qt-free; the Seguimiento screen and `seguimiento followup status` both read from here.
"""

from dataclasses import dataclass
from datetime import date

from seguimiento_desktop.storage.connection import Database

from seguimiento_desktop.domain.calendar import (
    QUESTIONNAIRE_TITLES, DueWindow, cohort_windows, is_followed, windows_in_force)
from seguimiento_desktop.domain.models import Student, StudentQuery
from seguimiento_desktop.domain.text import person_key
from seguimiento_desktop.storage import responses as response_store
from seguimiento_desktop.storage import students as student_store

DONE_STATUSES = ("completa", "verificada")
UNREACHABLE = ("rechazo", "baja")

# Estado de localización from weakest to strongest: an attempt can only move a graduate
# up this list (a missed call does not undo «Localizado»; nothing undoes a «Baja»).
STATUS_STRENGTH = ("", "no_localizado", "contactado", "localizado", "rechazo", "baja")
# What each attempt result says about the graduate: an answer or a new date means we
# reached them; a message left means someone or something received it; no answer or a
# wrong number means we tried and did not find them (yet).
STATUS_AFTER = {"contesto": "localizado", "agendo": "localizado", "dejo_mensaje": "contactado",
                "no_contesto": "no_localizado", "numero_equivocado": "no_localizado",
                "rechazo": "rechazo"}


def status_after_attempt(current: str, result: str) -> str:
    """The estado de localización after an attempt with ``result`` (never a weaker one)."""
    new = STATUS_AFTER.get(result, current)
    strength = {status: rank for rank, status in enumerate(STATUS_STRENGTH)}
    return new if strength.get(new, 0) > strength.get(current, 0) else current


@dataclass(frozen=True)
class FollowupLine:
    """One cohort × questionnaire: its window, population and responses so far."""

    window: DueWindow
    state: str
    students: int
    complete: int
    partial: int

    @property
    def rate(self) -> float:
        return self.complete / self.students if self.students else 0.0

    @property
    def title(self) -> str:
        return QUESTIONNAIRE_TITLES[self.window.questionnaire]

    @property
    def rate_text(self) -> str:
        """The rate as people read it: «pendiente» for a wave not yet open with nothing
        answered (a 0 % there would read as a failure that has not happened)."""
        if self.state == "pendiente" and not self.complete and not self.partial:
            return "pendiente"
        return f"{self.rate:.0%}"


def followup_lines(db: Database, today: date, all_windows: bool = False) -> list[FollowupLine]:
    """Lines for the cohorts in the directory: the windows in force on ``today``
    (or every window of every cohort when ``all_windows``)."""
    cohorts = student_store.directory_facets(db).cohorts
    if all_windows:
        windows = [w for c in cohorts for w in cohort_windows(c)]
    else:
        windows = windows_in_force([c for c in cohorts if _followed(c, today)], today)
    counts = response_store.response_counts(db)
    lines = []
    for window in windows:
        population = _eligible(db, window)
        by_status = counts.get((window.cohort, window.questionnaire), {})
        complete = sum(by_status.get(s, 0) for s in DONE_STATUSES)
        lines.append(FollowupLine(window, window.state_on(today), population, complete,
                                  by_status.get("parcial", 0)))
    return lines


def _followed(cohort: str, today: date) -> bool:
    from seguimiento_desktop.errors import InvalidData
    try:
        return is_followed(cohort, today)
    except InvalidData:  # a malformed generación typed before cohorts were checked
        return False


def _eligible(db: Database, window: DueWindow) -> int:
    """The rate's denominator: the cohort minus those who refused or left (baja), plus
    anyone of them who answered anyway (docs/indicators.md, «Who counts»)."""
    from seguimiento_desktop.storage.indicator_queries import eligible_population
    return sum(row[2] for row in eligible_population(db, window.questionnaire, "", window.cohort))


@dataclass(frozen=True)
class PendingContact:
    """A graduate still missing a questionnaire, with what helps to reach them."""

    student: Student
    attempts: int
    successes: int
    last_attempt: str
    alternate_contact: str

    @property
    def reachable_score(self) -> tuple:
        """Sort key: most likely to answer first (has a phone, answered before, few failures),
        then by name in Spanish alphabetical order (ÁVILA with the A's, Ñ after N)."""
        student = self.student
        return (not student.phone, self.successes == 0, self.attempts,
                person_key(student.first_surname, student.second_surname, student.given_names))


# C1 question ids that hold the alternate contact (see resources/questionnaires/C1.json).
ALTERNATE_NAME, ALTERNATE_RELATION, ALTERNATE_PHONE = (
    "CONTACTO_NOMBRE", "CONTACTO_PARENTESCO", "CONTACTO_TELEFONO")


def pending_contacts(db: Database, cohort: str, questionnaire: str) -> list[PendingContact]:
    """Graduates of ``cohort`` without a finished ``questionnaire``, most reachable first.

    Those who refused or left (rechazó, baja, or a student status «Baja») are not listed.
    """
    done = {r.student_id for r in response_store.find_responses(db, questionnaire, cohort)
            if r.status in DONE_STATUSES}
    first_answers = {r.student_id: r.answers for r in response_store.find_responses(db, "C1", cohort)}
    summaries = response_store.attempt_summaries(db)
    pending = []
    for student in student_store.find_students(db, StudentQuery(cohort=cohort)):
        if (student.id in done or student.contact_status in UNREACHABLE
                or student.status == "baja"):
            continue
        attempts, successes, last = summaries.get(student.id, (0, 0, ""))
        pending.append(PendingContact(student, attempts, successes, last or "",
                                      _alternate_contact(first_answers.get(student.id, {}))))
    return sorted(pending, key=lambda p: p.reachable_score)


def _alternate_contact(answers: dict) -> str:
    """'ROSA PÉREZ (Madre) 33 1234 5678' from the C1 answers, or ''."""
    from seguimiento_desktop.domain.contact import format_phone
    from seguimiento_desktop.questionnaires.loader import load_definition
    if not answers.get(ALTERNATE_NAME) and not answers.get(ALTERNATE_PHONE):
        return ""
    relation = ""
    if answers.get(ALTERNATE_RELATION) is not None:
        option = load_definition("C1").question(ALTERNATE_RELATION).option(answers[ALTERNATE_RELATION])
        relation = f"({option.label})" if option else ""
    parts = [str(answers.get(ALTERNATE_NAME, "")), relation,
             format_phone(str(answers.get(ALTERNATE_PHONE, "")))]
    return " ".join(p for p in parts if p)
