"""Deciding what an import does: validate each row, combine repeated CURPs, compare with
the directory, and sort the students into inserted, updated and unchanged.

Nothing here writes. Every row goes through ``domain.student_rules.check_fields`` (what
``check_student`` applies), the same rules as the student dialog. A CURP already in the
directory is the same person: the file's non-empty values win over the stored ones, and
empty cells erase nothing.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from seguimiento_desktop.domain.curp import normalize_curp
from seguimiento_desktop.domain.ids import uuid7
from seguimiento_desktop.domain.models import STUDENT_DATA_FIELDS, Student
from seguimiento_desktop.domain.student_rules import check_fields
from seguimiento_desktop.roster.birthdates import birth_date_warning
from seguimiento_desktop.roster.models import ImportReport, RowProblem, RowWarning
from seguimiento_desktop.roster.names import split_full_name
from seguimiento_desktop.roster.rows import RosterRow

STUDENT_FIELDS = ("curp", "given_names", "first_surname", "second_surname", "career", "group",
                  "shift", "email", "phone", "home_phone")
CONTACT_FIELDS = ("email", "phone", "home_phone")


@dataclass
class ImportPlan:
    """The students to write (ids set, not yet stamped) and the report to show."""

    report: ImportReport = field(default_factory=ImportReport)
    inserts: list[Student] = field(default_factory=list)
    updates: list[Student] = field(default_factory=list)

    @property
    def writes(self) -> list[Student]:
        return self.inserts + self.updates


@dataclass
class _Seen:
    """A CURP already met in this file: its combined student and the last row it was on."""

    student: Student
    row: int


def plan_import(rows: Iterable[RosterRow], cohort: str, existing: dict[str, Student],
                today: date, checkpoint: Callable[[int], None] = lambda done: None) -> ImportPlan:
    """Validate ``rows`` for ``cohort`` against the ``existing`` students (by CURP).

    ``checkpoint(rows_done)`` is called every few hundred rows (progress and cancel).
    """
    plan = ImportPlan()
    seen: dict[str, _Seen] = {}
    new_status = status_for_cohort(cohort, today)
    for done, row in enumerate(rows, 1):
        _plan_row(plan, seen, row, cohort, existing, new_status)
        if done % 250 == 0:
            checkpoint(done)
    for curp, entry in seen.items():
        _classify(plan, entry.student, existing.get(curp))
    return plan


def _plan_row(plan: ImportPlan, seen: dict[str, _Seen], row: RosterRow, cohort: str,
              existing: dict[str, Student], new_status: str) -> None:
    values = _with_split_name(row.values)
    curp = normalize_curp(values.get("curp", ""))
    earlier = seen.get(curp)
    base = earlier.student if earlier else existing.get(curp)
    fields, errors, warnings = check_fields(_overlay(base, values, cohort, new_status))
    if errors:
        plan.report.rejected.append(RowProblem(row.number, list(errors.values()),
                                               dict(row.values)))
        return
    if base is not None:  # a bad e-mail or phone in the file keeps the one already known
        for key in CONTACT_FIELDS:
            if key in warnings:
                fields[key] = getattr(base, key)
    student = Student(**fields)  # the row's one Student: no copies on the way
    if earlier:
        plan.report.warnings.append(RowWarning(row.number, (
            f"La CURP {curp} ya aparecía en la fila {earlier.row}; se combinaron los datos.")))
    plan.report.warnings.extend(RowWarning(row.number, message)
                                for message in warnings.values())
    birth = birth_date_warning(values.get("birth_date"), student.birth_date)
    if birth:
        plan.report.warnings.append(RowWarning(row.number, birth))
    seen[curp] = _Seen(student, row.number)


def _with_split_name(values: dict[str, str]) -> dict[str, str]:
    """Fill the name parts from a whole-name column when the row has no separate ones."""
    full = values.get("full_name")
    if not full or values.get("given_names") or values.get("first_surname"):
        return values
    given, first, second = split_full_name(full, values.get("curp", ""))
    parts = {"given_names": given, "first_surname": first, "second_surname": second}
    return {**values, **{key: text for key, text in parts.items() if text}}


def _overlay(base: Student | None, values: dict[str, str], cohort: str,
             new_status: str) -> dict:
    """The file's non-empty values over what is already known (a new record if nothing),
    as a student's fields."""
    if base is None:
        fields = dict(_NEW, id=uuid7(), cohort=cohort, status=new_status)
    else:
        fields = dict(base.__dict__, cohort=cohort, deleted=False)
    for key in STUDENT_FIELDS:
        if key in values:
            fields[key] = values[key]
    return fields


_NEW = dict(Student(curp="", given_names="", first_surname="").__dict__)


def _classify(plan: ImportPlan, student: Student, stored: Student | None) -> None:
    if stored is None:
        plan.inserts.append(student)
        plan.report.inserted += 1
    elif stored.deleted or _data(stored) != _data(student):
        plan.updates.append(student)
        plan.report.updated += 1
    else:
        plan.report.unchanged += 1


def _data(student: Student) -> tuple:
    return tuple(getattr(student, key) for key in STUDENT_DATA_FIELDS)


def status_for_cohort(cohort: str, today: date) -> str:
    """New students of a cohort that already graduated (after July of its last year) are
    "egresado"; the others "activo"."""
    graduation = int(cohort[-4:])
    graduated = today.year > graduation or (today.year == graduation and today.month > 7)
    return "egresado" if graduated else "activo"
