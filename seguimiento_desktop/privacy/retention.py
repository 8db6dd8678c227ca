"""Retention: contact data of a cohort whose follow-up ended long ago are offered for purging.

The strategy follows a cohort for two years; its follow-up ends when the window of
Cuestionario 3 closes (domain/calendar.py). Once RETENTION_MONTHS more have passed (a
setting, default 6), the plantel no longer needs to reach those graduates: their phones,
e-mail, address, social network, alternate contact and the free notes of their contact log
can go. Names, CURP and every statistical answer stay, so reports and indicators do not
change. A purge is an edit like any other (stamped, synced): the office forgets too.
"""

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime

from seguimiento_desktop.domain.calendar import due_window
from seguimiento_desktop.domain.models import StudentQuery
from seguimiento_desktop.domain.text import quantity
from seguimiento_desktop.errors import InvalidData, UserError
from seguimiento_desktop.storage import audit, responses, schools, students, sync_state
from seguimiento_desktop.storage.database import Store

MONTHS_SETTING = "privacy.retention_months"
DEFAULT_MONTHS = 6
STUDENT_CONTACT = ("email", "phone", "home_phone")
# Answers of the questionnaires' «Datos para localizarte» sections that reach a person.
CONTACT_ANSWERS = frozenset({"CORREO", "CELULAR", "TEL_CASA", "RED_SOCIAL", "DOMICILIO",
                             "COLONIA", "CODIGO_POSTAL", "CONTACTO_NOMBRE",
                             "CONTACTO_PARENTESCO", "CONTACTO_TELEFONO"})


@dataclass(frozen=True)
class CohortPurge:
    """What a purge removes from one cohort (counts of records that hold each kind)."""

    cohort: str
    followup_ended: date
    students: int  # directory records with a phone or e-mail
    responses: int  # questionnaires with contact answers
    notes: int  # contact-log entries with a note


@dataclass(frozen=True)
class RetentionPlan:
    months: int
    today: date
    cohorts: tuple[CohortPurge, ...]

    @property
    def empty(self) -> bool:
        return not any(c.students or c.responses or c.notes for c in self.cohorts)


def retention_months(store: Store) -> int:
    value = sync_state.get_setting(store.db, MONTHS_SETTING)
    return int(value) if value and value.isdigit() else DEFAULT_MONTHS


def set_retention_months(store: Store, months: int) -> None:
    if not 0 <= months <= 120:
        raise InvalidData("Escriba cuántos meses (de 0 a 120) se conservan los datos de "
                          "contacto después de terminar el seguimiento.")
    with store.transaction() as db:
        sync_state.set_setting(db, MONTHS_SETTING, str(months))


def _add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    import calendar
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _expired(store: Store, months: int, today: date) -> Iterator[tuple[str, date]]:
    for cohort in students.directory_facets(store.db).cohorts:
        try:
            ended = due_window(cohort, "C3").closes
        except UserError:
            continue  # a cohort without a calendar is never purged by date
        if _add_months(ended, months) < today:
            yield cohort, ended


def retention_plan(store: Store, months: int | None = None,
                   today: date | None = None) -> RetentionPlan:
    """What a purge would remove now (nothing is changed): the preview and the report."""
    months = retention_months(store) if months is None else months
    today = today or date.today()
    found = []
    for cohort, ended in _expired(store, months, today):
        people, answers, notes = _contact_records(store, cohort)
        found.append(CohortPurge(cohort, ended, len(people), len(answers), len(notes)))
    return RetentionPlan(months, today, tuple(found))


def _contact_records(store: Store, cohort: str):
    people = [s for s in students.find_students(store.db, StudentQuery(cohort=cohort))
              if any(getattr(s, name) for name in STUDENT_CONTACT)]
    answers = [r for r in responses.find_responses(store.db, cohort=cohort)
               if CONTACT_ANSWERS & set(r.answers)]
    everyone = students.find_students(store.db, StudentQuery(cohort=cohort))
    notes = [a for s in everyone for a in responses.attempts_for(store.db, s.id) if a.note]
    return people, answers, notes


def purge_contact_data(store: Store, months: int | None = None,
                       today: date | None = None, user: str = "") -> RetentionPlan:
    """Remove the contact data ``retention_plan`` lists, in one transaction; returns it.
    The bitácora's details about those cohorts' people are blanked in the same transaction,
    in a row by ``user`` (storage/audit.py)."""
    plan = retention_plan(store, months, today)
    own = schools.own_school(store.db)
    cct = own.cct if own else ""
    with store.transaction() as db:
        for entry in plan.cohorts:
            forget_contact(store, db, *_contact_records(store, entry.cohort), cct)
        if not plan.empty:
            audit.redact(db, _curps(store, plan), datetime.now().isoformat(timespec="seconds"),
                         user or audit.NO_USER, "depurar_contactos")
    return plan


def forget_contact(store: Store, db, people: list, answers: list, notes: list,
                   cct: str) -> None:
    """Blank the contact data of these records (inside the caller's transaction), each
    stamped so the change syncs: phones and e-mail of ``people`` (tombstones too), the
    «Datos para localizarte» answers of ``answers`` (the statistical ones stay), the notes
    of the contact log ``notes``."""
    stamp = {"origin": store.installation_id}
    students.write_students(db, [replace(s, **dict.fromkeys(STUDENT_CONTACT, ""),
                                         updated_at=store.clock.now(), **stamp)
                                 for s in people], cct)
    responses.write_responses(db, [replace(r, answers={k: v for k, v in r.answers.items()
                                                      if k not in CONTACT_ANSWERS},
                                           updated_at=store.clock.now(), **stamp)
                                   for r in answers])
    responses.write_attempts(db, [replace(a, note="", updated_at=store.clock.now(), **stamp)
                                  for a in notes])


def person_contact_records(store: Store, student_id: str) -> tuple[list, list]:
    """One person's questionnaires that hold contact answers, and contact notes."""
    answers = [r for r in responses.find_responses(store.db)
               if r.student_id == student_id and CONTACT_ANSWERS & set(r.answers)]
    return answers, [a for a in responses.attempts_for(store.db, student_id) if a.note]


def _curps(store: Store, plan: RetentionPlan) -> list[str]:
    """Everyone in the purged cohorts (tombstones too: their old edits are in the bitácora)."""
    return [s.curp for c in plan.cohorts for s in students.find_students(
        store.db, StudentQuery(cohort=c.cohort, include_deleted=True))]


def plan_text(plan: RetentionPlan, applied: bool) -> str:
    """What a purge removes (or removed), in Spanish: the preview of the CLI and the GUI."""
    if plan.empty:
        return ("No hay datos de contacto que depurar: ninguna generación terminó su "
                f"seguimiento hace más de {quantity(plan.months, 'mes', 'meses')}.")
    lines = [f"Generación {c.cohort} (seguimiento terminado el {c.followup_ended.isoformat()}): "
             f"teléfonos y correo de {quantity(c.students, 'alumno')}, datos de contacto de "
             f"{quantity(c.responses, 'cuestionario')} y "
             f"{quantity(c.notes, 'nota de contacto', 'notas de contacto')}."
             for c in plan.cohorts]
    verb = "Se borraron" if applied else "Se borrarían"
    lines.append(f"{verb} solo datos de contacto; nombres, CURP y respuestas estadísticas se "
                 "conservan.")
    return "\n".join(lines)
