"""Deciding what an import does: validate each row, combine repeated CURPs, compare with
the directory, and sort the students into inserted, updated and unchanged.

Nothing here writes. Every row goes through ``domain.student_rules.check_fields`` (what
``check_student`` applies), the same rules as the student dialog. A CURP already in the
directory is the same person: the file's non-empty values win over the stored ones, and
empty cells erase nothing. A student deleted from the directory comes back, and one of
another generation moves to this one, each with a warning that says so; a person who
cancelled their data (ARCO, ``refused``) is a rejected row, never brought back.

``plan_columns`` is what the importer runs: the rows that are plainly new students (their
CURP once in the file and not in the directory, every rule passed without a warning) are
checked a column at a time (``domain.student_columns``) and go to the writer as columns;
every other row goes through ``plan_import``'s per-row steps, in file order. The two give
the same report and the same students (tests/unit/test_roster_plan_columns.py).
"""

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from seguimiento_desktop.domain.curp import normalize_curp, normalize_curps
from seguimiento_desktop.domain.ids import uuid7, uuid7_many
from seguimiento_desktop.domain.models import STUDENT_DATA_FIELDS, Student
from seguimiento_desktop.domain.student_columns import plain_rows
from seguimiento_desktop.domain.student_rules import check_fields
from seguimiento_desktop.domain.text import clean_spaces
from seguimiento_desktop.roster.birthdates import birth_date_warning
from seguimiento_desktop.roster.models import ImportReport, RowProblem, RowWarning
from seguimiento_desktop.roster.names import split_full_name
from seguimiento_desktop.roster.rows import DataColumns, RosterRow

STUDENT_FIELDS = ("curp", "given_names", "first_surname", "second_surname", "career", "group",
                  "shift", "email", "phone", "home_phone")
CONTACT_FIELDS = ("email", "phone", "home_phone")
EMPTY: Mapping[str, str] = {}


# A new student's stored values as columns: Student attribute -> one value per student
# (birth dates as ISO text), ids set, not yet numbered or stamped.
NEW_FIELDS = ("id", "curp", "given_names", "first_surname", "second_surname", "sex",
              "birth_date", "cohort", "career", "group", "shift", "email", "phone",
              "home_phone", "status", "contact_status")
NewStudents = dict[str, list]


@dataclass
class ImportPlan:
    """The students to write (ids set, not yet stamped) and the report to show: new ones
    as columns (``NEW_FIELDS``), known ones as Students."""

    report: ImportReport = field(default_factory=ImportReport)
    inserts: NewStudents = field(default_factory=lambda: new_students([]))
    updates: list[Student] = field(default_factory=list)


def new_students(students: Iterable[Student]) -> NewStudents:
    """Students as the columns of ``ImportPlan.inserts``."""
    students = list(students)
    columns = {key: [getattr(s, key) for s in students] for key in NEW_FIELDS}
    columns["birth_date"] = [day.isoformat() if day else None for day in columns["birth_date"]]
    return columns


def count_of(columns: NewStudents) -> int:
    return len(columns["id"])


@dataclass
class _Seen:
    """A CURP already met in this file: its combined student and the last row it was on."""

    student: Student
    row: int


def plan_import(rows: Iterable[RosterRow], cohort: str, existing: dict[str, Student],
                today: date, checkpoint: Callable[[int], None] = lambda done: None,
                refused: Mapping[str, str] = EMPTY) -> ImportPlan:
    """Validate ``rows`` for ``cohort`` against the ``existing`` students (by CURP).

    ``checkpoint(rows_done)`` is called every few hundred rows (progress and cancel).
    ``refused``: CURP -> why a row with it is rejected whatever it holds.
    """
    plan = ImportPlan()
    seen: dict[str, _Seen] = {}
    new_status = status_for_cohort(cohort, today)
    known = _Known(existing, refused)
    for done, row in enumerate(rows, 1):
        _plan_row(plan, seen, row, cohort, known, new_status)
        if done % 250 == 0:
            checkpoint(done)
    inserts: list[Student] = []
    for curp, entry in seen.items():
        _classify(plan, inserts, entry.student, existing.get(curp))
    plan.inserts = new_students(inserts)
    return plan


def plan_columns(data: DataColumns, cohort: str, existing: dict[str, Student], today: date,
                 checkpoint: Callable[[int], None] = lambda done: None,
                 refused: Mapping[str, str] = EMPTY) -> ImportPlan:
    """``plan_import`` of ``data.rows()``, with the plainly new students checked a column
    at a time."""
    known = _Known(existing, refused)
    count = len(data)
    curps = normalize_curps(data.columns.get("curp") or [""] * count)
    fast = _plainly_new(data, curps, cohort, existing)
    plan = ImportPlan()
    seen: dict[str, _Seen] = {}
    new_status = status_for_cohort(cohort, today)
    # The new students in the order the per-row path finds them: a plain row's index, or
    # the CURP of the others (a repeated CURP counts where it was first accepted).
    order: list[int | str] = []
    done = 0
    for i in [i for i, plain in enumerate(fast) if not plain] + [count]:
        order.extend(range(done, i))
        _checkpoints(checkpoint, max(done - 1, 0), i)
        if i == count:
            break
        curp = curps[i]
        met = curp in seen
        _plan_row(plan, seen, data.row(i), cohort, known, new_status)
        if not met and curp in seen:
            order.append(curp)
        done = i + 1
    plan.inserts = _new_columns(plan, order, seen, existing, fast, cohort, new_status)
    return plan


def _checkpoints(checkpoint: Callable[[int], None], reported: int, now: int) -> None:
    """``checkpoint`` at every 250th row after ``reported`` up to ``now``, as ``plan_import``."""
    for mark in range((reported // 250 + 1) * 250, now + 1, 250):
        checkpoint(mark)


class _Fast(list):
    """Which rows are plainly new students; ``fields`` holds the normalised values of the
    rows that may be (``candidates``, in row order), by their position among them."""

    candidates: list[int]
    fields: dict[str, list]


def _plainly_new(data: DataColumns, curps: list[str], cohort: str,
                 existing: dict[str, Student]) -> _Fast:
    if not existing and len(set(curps)) == len(curps):  # a first list, each CURP once
        candidates = list(range(len(curps)))
    else:
        times = Counter(curps)
        candidates = [i for i, curp in enumerate(curps)
                      if times[curp] == 1 and curp not in existing]
    texts = data.columns
    if len(candidates) < len(curps):  # a list of known students is checked row by row
        texts = {key: [column[i] for i in candidates] for key, column in texts.items()}
    checked = plain_rows(texts, len(candidates), [curps[i] for i in candidates], cohort)
    plain = checked.plain
    full, given, first = (texts.get(key) for key in ("full_name", "given_names", "first_surname"))
    if full is not None:  # a row whose name is to be split goes the per-row way
        for k, text in enumerate(full):
            if text and not (given and given[k]) and not (first and first[k]):
                plain[k] = False
    if "birth_date" in texts:
        for k, text in enumerate(texts["birth_date"]):
            if plain[k] and text and birth_date_warning(
                    text, date.fromisoformat(checked.fields["birth_date"][k])):
                plain[k] = False
    fast = _Fast([False] * len(curps))
    for i, ok in zip(candidates, plain):
        fast[i] = ok
    fast.candidates, fast.fields = candidates, checked.fields
    return fast


def _new_columns(plan: ImportPlan, order: list[int | str], seen: dict[str, "_Seen"],
                 existing: dict[str, Student], fast: _Fast, cohort: str,
                 new_status: str) -> NewStudents:
    """The inserts in the per-row path's order: plain rows from their columns, the others
    (combined repeats, rows with a warning) from their Student."""
    if seen:  # rows went the per-row way: their new students keep their place
        picked = _picked(plan, order, seen, existing)
    else:
        picked = order
        plan.report.inserted += len(order)
    constant = {"cohort": clean_spaces(cohort), "status": new_status, "contact_status": ""}
    rows = [entry for entry in picked if entry.__class__ is int] if seen else picked
    values = {key: [value] * len(rows) for key, value in constant.items()}
    values["id"] = uuid7_many(len(rows))
    fields = fast.fields
    every_row = len(rows) == len(fast.candidates)  # a first list without a warning
    if not every_row and len(fast.candidates) < len(fast):
        position = {i: k for k, i in enumerate(fast.candidates)}
        rows = [position[i] for i in rows]
    for key in NEW_FIELDS:
        if key not in values:
            values[key] = fields[key] if every_row else [fields[key][k] for k in rows]
    if len(rows) == len(picked):
        return {key: values[key] for key in NEW_FIELDS}
    others = new_students([entry for entry in picked if entry.__class__ is not int])
    return {key: _interleaved(picked, values[key], others[key]) for key in NEW_FIELDS}


def _picked(plan: ImportPlan, order: list[int | str], seen: dict[str, "_Seen"],
            existing: dict[str, Student]) -> list[int | Student]:
    """``order`` with each CURP checked row by row as its Student if it is new (the others
    counted as updated or unchanged)."""
    inserts: list[Student] = []
    picked: list[int | Student] = []
    for entry in order:
        if entry.__class__ is int:
            picked.append(entry)
            plan.report.inserted += 1
        else:
            before = len(inserts)
            _classify(plan, inserts, seen[entry].student, existing.get(entry))
            if len(inserts) > before:
                picked.append(inserts[-1])
    return picked


def _interleaved(picked: list, plain: list, others: list) -> list:
    plain_values, other_values = iter(plain), iter(others)
    return [next(plain_values) if entry.__class__ is int else next(other_values)
            for entry in picked]


@dataclass(frozen=True)
class _Known:
    """The directory's students with the file's CURPs, and the CURPs refused outright."""

    existing: dict[str, Student]
    refused: Mapping[str, str]


def _plan_row(plan: ImportPlan, seen: dict[str, _Seen], row: RosterRow, cohort: str,
              known: _Known, new_status: str) -> None:
    values = _with_split_name(row.values)
    curp = normalize_curp(values.get("curp", ""))
    earlier = seen.get(curp)
    stored = None if earlier else known.existing.get(curp)
    base = earlier.student if earlier else stored
    fields, errors, warnings = check_fields(_overlay(base, values, cohort, new_status))
    if curp in known.refused:
        errors = {"curp": known.refused[curp]}
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
    elif stored is not None and stored.deleted:
        plan.report.warnings.append(RowWarning(row.number, (
            f"La CURP {curp} se había eliminado del directorio; con esta lista vuelve a él.")))
    elif stored is not None and stored.cohort != student.cohort:
        plan.report.warnings.append(RowWarning(row.number, (
            f"La CURP {curp} estaba en la generación {stored.cohort}; pasa a {student.cohort}.")))
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


def _classify(plan: ImportPlan, inserts: list[Student], student: Student,
              stored: Student | None) -> None:
    if stored is None:
        inserts.append(student)
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
