"""The Workspace: every use case of the app, in the user's terms, for the GUI and the CLI.

A Workspace is opened on one database file. It is not shared between threads: the GUI's
write worker and its reading widgets each open their own (SQLite in WAL mode lets readers
and the single writer work at once).
"""

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from seguimiento_desktop.domain.cct import cct_problem, normalize_cct
from seguimiento_desktop.domain.models import (
    CONTACT_MEDIA, CONTACT_RESULTS, CONTACT_STATUSES, ContactAttempt, DirectoryFacets, School,
    Student, StudentQuery)
from seguimiento_desktop.domain.ids import uuid7
from seguimiento_desktop.domain.student_rules import StudentCheck, check_student
from seguimiento_desktop.domain.text import clean_spaces
from seguimiento_desktop.errors import InvalidData, NotFound
from seguimiento_desktop.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from seguimiento_desktop.storage import responses, schools, students
from seguimiento_desktop.storage.database import Store, open_store

if TYPE_CHECKING:
    from seguimiento_desktop.followup import FollowupLine, PendingContact
    from seguimiento_desktop.roster.models import ImportReport, RosterPreview


class Workspace:
    """One plantel database and everything a user can do with it."""

    def __init__(self, store: Store):
        self.store = store

    @classmethod
    def open(cls, path: str | Path, create: bool = True) -> "Workspace":
        return cls(open_store(path, create=create))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return self.store.path

    # --- The plantel ---------------------------------------------------------------

    def school(self) -> School | None:
        """The plantel this database belongs to; None until the first-run set-up."""
        return schools.own_school(self.store.db)

    def set_up_school(self, school: School) -> School:
        """Record the plantel's data (first-run assistant, `seguimiento init`)."""
        school = replace(school, cct=normalize_cct(school.cct), name=clean_spaces(school.name))
        problem = cct_problem(school.cct)
        if problem:
            raise InvalidData(problem)
        if not school.name:
            raise InvalidData("Escriba el nombre del plantel.")
        with self.store.transaction() as db:
            schools.save_own_school(db, school)
        return school

    def _school_cct(self) -> str:
        school = self.school()
        return school.cct if school else ""

    # --- The directory -------------------------------------------------------------

    def find_students(self, query: StudentQuery = StudentQuery()) -> list[Student]:
        """Students matching a directory query (search text, filters, order, page)."""
        return students.find_students(self.store.db, query)

    def count_students(self, query: StudentQuery = StudentQuery()) -> int:
        return students.count_students(self.store.db, query)

    def facets(self) -> DirectoryFacets:
        """Cohorts, groups and careers present, for the directory filters."""
        return students.directory_facets(self.store.db)

    def student(self, student_id: str) -> Student:
        found = students.student_by_id(self.store.db, student_id)
        if found is None or found.deleted:
            raise NotFound("El alumno ya no existe en el directorio.")
        return found

    def student_by_curp(self, curp: str) -> Student | None:
        found = students.students_by_curp(self.store.db, [curp.strip().upper()]).get(curp.strip().upper())
        return None if found is None or found.deleted else found

    def check_student(self, student: Student) -> StudentCheck:
        """Validate without saving (the student dialog calls this as the user types)."""
        check = check_student(student)
        existing = students.students_by_curp(self.store.db, [check.student.curp]).get(check.student.curp)
        if existing and not existing.deleted and existing.id != student.id:
            errors = dict(check.errors)
            errors["curp"] = (f"Ya existe un alumno con la CURP {check.student.curp}: "
                              f"{existing.full_name}. Búsquelo en el directorio.")
            return replace(check, errors=errors)
        return check

    def save_student(self, student: Student) -> Student:
        """Add a student (empty id) or save changes to one; raise InvalidData if invalid."""
        check = self.check_student(student)
        if not check.ok:
            raise InvalidData(" ".join(check.errors.values()))
        record = check.student
        if not record.id:
            revived = students.students_by_curp(self.store.db, [record.curp]).get(record.curp)
            record = replace(record, id=revived.id if revived else uuid7(),
                             seq=revived.seq if revived else 0)
        with self.store.transaction() as db:
            record = self.stamp(record)
            students.write_students(db, [record], self._school_cct())
        return record

    def delete_student(self, student_id: str) -> None:
        """Remove a student from the directory (kept as a tombstone so the deletion syncs)."""
        existing = self.student(student_id)
        with self.store.transaction() as db:
            students.write_students(db, [self.stamp(replace(existing, deleted=True))],
                                    self._school_cct())

    def stamp(self, student: Student) -> Student:
        """Give a record this installation's origin and a fresh HLC ``updated_at``."""
        return replace(student, updated_at=self.store.clock.now(),
                       origin=self.store.installation_id)

    # --- Roster import (roster/) -----------------------------------------------------

    def preview_roster(self, path: str | Path, sheet: str | None = None) -> "RosterPreview":
        """Read a roster file and propose the column mapping, for the import wizard."""
        from seguimiento_desktop.roster.importer import preview_roster
        return preview_roster(path, sheet)

    def import_roster(self, path: str | Path, cohort: str, *, mapping: dict[int, str] | None = None,
                      sheet: str | None = None, dry_run: bool = False, strict: bool = False,
                      progress: Progress = no_progress,
                      cancel: CancelToken = NEVER_CANCELLED) -> "ImportReport":
        """Import a student list (XLSX/CSV) for a cohort in one transaction."""
        from seguimiento_desktop.roster.importer import import_roster
        return import_roster(self, path, cohort, mapping=mapping, sheet=sheet, dry_run=dry_run,
                             strict=strict, progress=progress, cancel=cancel)

    # --- The two-year follow-up (followup.py) -----------------------------------------

    def followup_status(self, today: date | None = None,
                        all_windows: bool = False) -> list["FollowupLine"]:
        """What is due for which cohort on ``today``, with counts and response rates."""
        from seguimiento_desktop.followup import followup_lines
        return followup_lines(self.store.db, today or date.today(), all_windows)

    def pending_contacts(self, cohort: str, questionnaire: str) -> list["PendingContact"]:
        """Graduates still missing ``questionnaire``, most likely to answer first."""
        from seguimiento_desktop.followup import pending_contacts
        return pending_contacts(self.store.db, cohort, questionnaire)

    def log_contact_attempt(self, attempt: ContactAttempt) -> ContactAttempt:
        """Record a call, message or visit to a graduate (bitácora de contacto).

        A refusal marks the graduate as «rechazó participar»; an answer, as «localizado».
        """
        self.student(attempt.student_id)
        if attempt.medium not in CONTACT_MEDIA or attempt.result not in CONTACT_RESULTS:
            raise InvalidData("Elija el medio y el resultado del intento de contacto.")
        record = replace(attempt, id=attempt.id or uuid7(), updated_at=self.store.clock.now(),
                         origin=self.store.installation_id)
        new_status = {"rechazo": "rechazo", "contesto": "localizado", "agendo": "localizado"}
        with self.store.transaction() as db:
            responses.write_attempts(db, [record])
            if record.result in new_status:
                self._write_contact_status(db, record.student_id, new_status[record.result])
        return record

    def contact_attempts(self, student_id: str) -> list[ContactAttempt]:
        """A graduate's contact log, newest first."""
        return responses.attempts_for(self.store.db, student_id)

    def set_contact_status(self, student_id: str, status: str) -> Student:
        """Mark a graduate localizado, no localizado, rechazó participar or baja."""
        if status not in CONTACT_STATUSES:
            raise InvalidData(f"Estado de localización desconocido: «{status}».")
        self.student(student_id)
        with self.store.transaction() as db:
            self._write_contact_status(db, student_id, status)
        return self.student(student_id)

    def _write_contact_status(self, db: Database, student_id: str, status: str) -> None:
        current = students.student_by_id(db, student_id)
        if current is not None and current.contact_status != status:
            students.write_students(db, [self.stamp(replace(current, contact_status=status))],
                                    self._school_cct())

    # --- Long operations -----------------------------------------------------------

    def backup(self, destination: str | Path, progress: Progress = no_progress,
               cancel: CancelToken = NEVER_CANCELLED) -> Path:
        """Copy the database to ``destination`` with SQLite's online backup."""
        from seguimiento_desktop.storage.backups import backup_database
        return backup_database(self.store, Path(destination), progress, cancel)

    def fill_demo(self, students_count: int = 300, progress: Progress = no_progress,
                  cancel: CancelToken = NEVER_CANCELLED) -> int:
        """Fill the database with a synthetic demo plantel (`seguimiento demo`)."""
        from seguimiento_desktop.demo import DEMO_SCHOOL, demo_cohorts, demo_students
        if self.school() is None:
            self.set_up_school(DEMO_SCHOOL)
        cct = self._school_cct()
        batch = []
        for done, student in enumerate(demo_students(students_count, demo_cohorts()), 1):
            cancel.check()
            existing = self.student_by_curp(student.curp)
            batch.append(self.stamp(replace(student, id=existing.id if existing else uuid7())))
            if done % 500 == 0:
                progress(done, students_count, "Creando alumnos de demostración…")
        with self.store.transaction() as db:
            students.write_students(db, batch, cct)
        progress(students_count, students_count, "Listo.")
        return len(batch)
