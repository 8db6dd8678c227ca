"""The Workspace: every use case of the app, in the user's terms, for the GUI and the CLI.

A Workspace is opened on one database file. It is not shared between threads: the GUI's
write worker and its reading widgets each open their own (SQLite in WAL mode lets readers
and the single writer work at once).
"""

from dataclasses import asdict, replace
from datetime import date, datetime
from pathlib import Path
from collections.abc import Mapping
from typing import TYPE_CHECKING

from seguimiento_desktop.storage.connection import Database

from seguimiento_desktop.accounts.guard import guard_use_cases
from seguimiento_desktop.accounts.roles import Session
from seguimiento_desktop.accounts.usecases import ACCOUNT_USE_CASES, AccountUseCases
from seguimiento_desktop.capture_usecases import CaptureUseCases
from seguimiento_desktop.domain.consent import REFUSED_STATUS, refuses_consent
from seguimiento_desktop.domain.models import (
    CONTACT_MEDIA, CONTACT_RESULTS, CONTACT_STATUSES, ContactAttempt, DirectoryFacets, Response,
    School, Student, StudentQuery)
from seguimiento_desktop.domain.ids import uuid7
from seguimiento_desktop.domain.limits import NOTE_MAX
from seguimiento_desktop.domain.text import clean_spaces
from seguimiento_desktop.errors import InvalidData, NotFound
from seguimiento_desktop.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress
from seguimiento_desktop.storage import responses, schools, students
from seguimiento_desktop.storage.database import Store, open_store
from seguimiento_desktop.sync.usecases import SyncUseCases
from seguimiento_desktop.reports.usecases import ReportUseCases

if TYPE_CHECKING:
    from seguimiento_desktop.capture_cases import Case, KeyerStats
    from seguimiento_desktop.domain.student_rules import StudentCheck
    from seguimiento_desktop.demo import DemoFollowup
    from seguimiento_desktop.questionnaires.model import Definition
    from seguimiento_desktop.response_import import ResponsesImport
    from seguimiento_desktop.followup import FollowupLine, PendingContact
    from seguimiento_desktop.roster.models import ImportReport, RosterPreview


def _json_ready(answers: Mapping[str, object]) -> dict:
    """The engine keeps multiple choices as tuples; stored (JSON) they are lists."""
    return {key: list(value) if isinstance(value, tuple) else value for key, value in answers.items()}


# Fields of a student the bitácora does not compare (bookkeeping, not the person's data).
_BOOKKEEPING = {"updated_at", "origin", "seq", "id"}


def _changes(before: Student | None, after: Student) -> dict[str, list]:
    """{field: [before, after]} for what an edit changed (everything, for a new student)."""
    old = asdict(before) if before else {}
    return {name: [old.get(name), value] for name, value in asdict(after).items()
            if name not in _BOOKKEEPING and old.get(name) != value}


class Workspace(AccountUseCases, CaptureUseCases, SyncUseCases, ReportUseCases):
    """One plantel database and everything a user can do with it.

    Every public use case checks the signed-in account's role first (accounts/guard.py,
    accounts/roles.py): the GUI and the CLI obey the same rules because they both come
    through here.
    """

    def __init__(self, store: Store, session: Session | None = None):
        self.store = store
        self._inside_use_case = False
        self._accounts_exist = False
        self.session = self._check_session(session)

    @classmethod
    def open(cls, path: str | Path, create: bool = True,
             session: Session | None = None) -> "Workspace":
        """The database at ``path``, signed in as ``session`` (from ``sign_in``), if given:
        its key opens the encrypted database (and converts a clear one that has accounts)."""
        store = open_store(path, create=create, key=session.key if session else None)
        try:
            return cls(store, session)
        except BaseException:
            store.close()
            raise

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

    @staticmethod
    def checked_school(school: School) -> School:
        """The plantel's data normalised (CCT upper-case, spaces), or InvalidData saying what
        is wrong: `seguimiento init` checks before it creates a database file."""
        from seguimiento_desktop.domain.cct import cct_problem, normalize_cct  # (1.5 ms)
        school = replace(school, cct=normalize_cct(school.cct), name=clean_spaces(school.name))
        problem = cct_problem(school.cct)
        if problem:
            raise InvalidData(problem)
        if not school.name:
            raise InvalidData("Escriba el nombre del plantel.")
        from seguimiento_desktop.domain.cct import checked_state
        from seguimiento_desktop.domain.municipalities import checked_municipality
        from seguimiento_desktop.domain.subsystems import checked_subsystem
        state = checked_state(school.cct, school.state)
        return replace(school, state=state, subsystem=checked_subsystem(school.subsystem),
                       municipality=checked_municipality(school.cct[:2], state,
                                                         school.municipality))

    def set_up_school(self, school: School) -> School:
        """Record the plantel's data (first-run assistant, `seguimiento init`)."""
        school = self.checked_school(school)
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

    def find_students_page(self, query: StudentQuery) -> tuple[list[Student], int]:
        """One page of the directory and the number of matches (the type-ahead search)."""
        return students.find_page(self.store.db, query)

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

    def check_student(self, student: Student) -> "StudentCheck":
        """Validate without saving (the student dialog calls this as the user types)."""
        # Imported here: the CURP's rules are 3 ms of the GUI's start, which saves nobody.
        from seguimiento_desktop.domain.student_rules import check_student
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
        before = students.student_by_id(self.store.db, record.id)
        with self.store.transaction() as db:
            record = self.stamp(record)
            students.write_students(db, [record], self._school_cct())
            self.log_action("editar_alumno" if before and not before.deleted else "agregar_alumno",
                            record.curp, _changes(before, record))
        return record

    def delete_student(self, student_id: str) -> None:
        """Remove a student from the directory: a tombstone keeps what the deletion needs to
        sync and the office to match it (id, CURP, name, cohort); the contact data, no
        longer needed, go (LGPDPPSO; docs/privacy.md): phones and e-mail, the address and
        alternate contact answered in their questionnaires, the contact log's notes."""
        from seguimiento_desktop.privacy import retention
        existing = self.student(student_id)
        answers, notes = retention.person_contact_records(self.store, existing.id)
        with self.store.transaction() as db:
            retention.forget_contact(self.store, db, [replace(existing, deleted=True)],
                                     answers, notes, self._school_cct())
            self.log_action("borrar_alumno", existing.curp, {"antes": {
                name: change for name, change in _changes(None, existing).items()
                if name not in retention.STUDENT_CONTACT}})

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

        The graduate's estado de localización follows what the attempt says and never goes
        down (followup.status_after_attempt): an answer marks «localizado», a message left
        «recado dejado», no answer «no localizado», a refusal «rechazó participar».
        """
        from seguimiento_desktop.followup import status_after_attempt
        self.student(attempt.student_id)
        if attempt.medium not in CONTACT_MEDIA or attempt.result not in CONTACT_RESULTS:
            raise InvalidData("Elija el medio y el resultado del intento de contacto.")
        if len(attempt.note) > NOTE_MAX:
            raise InvalidData(f"La nota es demasiado larga: tiene {len(attempt.note):,} caracteres "
                              f"y caben {NOTE_MAX:,}. Acórtela y guarde de nuevo.")
        record = replace(attempt, id=attempt.id or uuid7(), updated_at=self.store.clock.now(),
                         origin=self.store.installation_id)
        with self.store.transaction() as db:
            responses.write_attempts(db, [record])
            current = students.student_by_id(db, record.student_id).contact_status
            self._write_contact_status(db, record.student_id,
                                       status_after_attempt(current, record.result))
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

    def _write_contact_status(self, db: Database, student_id: str, status: str,
                              logged: bool = True) -> None:
        current = students.student_by_id(db, student_id)
        if current is not None and current.contact_status != status:
            students.write_students(db, [self.stamp(replace(current, contact_status=status))],
                                    self._school_cct())
            if logged:
                self.log_action("cambiar_estado_localizacion", current.curp,
                                {"contact_status": [current.contact_status, status]})

    # --- Questionnaire responses (questionnaires/) -------------------------------------

    def definition(self, questionnaire: str, version: int | None = None) -> "Definition":
        """The questionnaire definition in force (C1, C2 or C3), or the ``version`` an older
        response was captured with."""
        from seguimiento_desktop.questionnaires.loader import load_definition
        return load_definition(questionnaire, version)

    def open_case(self, text: str, questionnaire: str = "", limit: int = 20) -> list["Case"]:
        """Find what a keyer typed or scanned: a folio ('C2-000123'), a CURP or a name."""
        from seguimiento_desktop.capture_cases import find_cases
        return find_cases(self, text, questionnaire, limit)

    def response_for(self, student_id: str, questionnaire: str) -> Response | None:
        """The student's live response to a questionnaire, if one was started."""
        found = responses.response_for(self.store.db, student_id, questionnaire)
        return None if found is None or found.deleted else found

    def has_refused(self, student_id: str) -> bool:
        """Whether the person refused to take part (C1 consent or «rechazó participar»)."""
        return self.student(student_id).contact_status == REFUSED_STATUS

    def save_response(self, response: Response) -> Response:
        """Save a response (autosave after every item): answers are checked by the engine.

        A C1 that refuses consent marks the person «Rechazó participar» in the same write.

        Answers to skipped questions are dropped; the status becomes «completa» when every
        applicable required question has a valid answer (a «verificada» one stays so).
        """
        from seguimiento_desktop.questionnaires.engine import evaluate
        self.student(response.student_id)
        state = evaluate(self.definition(response.questionnaire, response.version),
                         response.answers, response.confirmed)
        status = response.status if response.status == "verificada" and state.complete else (
            "completa" if state.complete else "parcial")
        existing = responses.response_for(self.store.db, response.student_id, response.questionnaire)
        now = datetime.now().isoformat(timespec="seconds")
        record = replace(
            response, answers=_json_ready(state.answers), confirmed=tuple(sorted(state.confirmed)),
            status=status, id=existing.id if existing else (response.id or uuid7()),
            started_at=response.started_at or (existing.started_at if existing else now),
            completed_at=(response.completed_at or now) if state.complete else "",
            updated_at=self.store.clock.now(), origin=self.store.installation_id, deleted=False)
        with self.store.transaction() as db:
            responses.write_responses(db, [record])
            if refuses_consent(record):  # consent with consequences (domain/consent.py)
                from seguimiento_desktop.followup import status_after_attempt
                current = students.student_by_id(db, record.student_id).contact_status
                self._write_contact_status(db, record.student_id,
                                           status_after_attempt(current, REFUSED_STATUS))
        return record

    def find_responses(self, questionnaire: str = "", cohort: str = "") -> list[Response]:
        """Live responses, optionally of one questionnaire and cohort, in folio order."""
        return responses.find_responses(self.store.db, questionnaire, cohort)

    def import_responses(self, path: str | Path, questionnaire: str,
                         progress: Progress = no_progress,
                         cancel: CancelToken = NEVER_CANCELLED) -> "ResponsesImport":
        """Import responses keyed elsewhere (CSV, one row per student, columns = question ids).

        All or nothing: if any answer is invalid, nothing is imported and every problem is
        reported with its row and question.
        """
        from seguimiento_desktop.response_import import import_responses
        return import_responses(self, Path(path), questionnaire, progress, cancel)

    def responses_with_keys(self, questionnaire: str = "",
                            cohort: str = "") -> list[tuple[Response, str, int]]:
        """(response, CURP, folio number) for live responses: what exports and lists show."""
        return responses.responses_with_keys(self.store.db, questionnaire, cohort)

    def record_keying(self, response_id: str, keyer: str, role: str, started_at: str,
                      seconds: float, keystrokes: int, errors: int = 0) -> None:
        """Log a keying or verification session for the keyer statistics."""
        with self.store.transaction() as db:
            responses.record_keying_session(db, response_id, keyer, role, started_at, seconds,
                                            keystrokes, errors)

    def keyer_statistics(self) -> list["KeyerStats"]:
        """Per keyer and role: questionnaires and keystrokes per hour, errors per 1,000."""
        from seguimiento_desktop.capture_cases import KeyerStats
        return [KeyerStats(*row) for row in responses.keyer_totals(self.store.db)]

    # --- Printing questionnaires (reports/forms.py) ------------------------------------

    def print_questionnaires(self, questionnaire: str, out: str | Path, cohort: str = "",
                             group: str = "", blank_copies: int = 0,
                             progress: Progress = no_progress,
                             cancel: CancelToken = NEVER_CANCELLED) -> int:
        """Write a PDF with one pre-filled form per student of a cohort or group.

        Students come by group, then surname, the way they are handed out. Returns the number
        of pages. The file appears only when complete (written aside, then renamed).
        """
        from seguimiento_desktop.questionnaires.loader import load_definition
        from seguimiento_desktop.privacy.notice import privacy_notice
        from seguimiento_desktop.reports.forms import render_forms
        from seguimiento_desktop.storage.files import atomic_output
        definition = load_definition(questionnaire)
        chosen = sorted(self.find_students(StudentQuery(cohort=cohort, group=group)),
                        key=lambda s: (s.group, students.sort_key(s)))
        if not chosen and not blank_copies:
            raise InvalidData("No hay alumnos con esa generación y grupo. Revise los filtros o "
                              "pida cuestionarios en blanco.")
        with atomic_output(Path(out)) as partial:
            return render_forms(partial, definition, self.school(), chosen, cohort, blank_copies,
                                progress, cancel, notice=privacy_notice(self.store))

    # --- Long operations -----------------------------------------------------------

    def backup(self, destination: str | Path, progress: Progress = no_progress,
               cancel: CancelToken = NEVER_CANCELLED) -> Path:
        """Copy the database to ``destination`` with SQLite's online backup, and its key
        file beside it (``destination.llaves``): with encryption the copy opens only with it."""
        from seguimiento_desktop.accounts import keyslots
        from seguimiento_desktop.storage.backups import backup_database
        written = backup_database(self.store, Path(destination), progress, cancel)
        keys = keyslots.read_key_file(self.store.path)
        if keys is not None:  # the backup opens with the same passwords (its key slots)
            keys.failures, keys.last_failure = 0, 0.0
            keyslots.write_key_file(written, keys)
        return written

    def save_rejected_rows(self, report, destination: str | Path, source_name: str) -> Path:
        """Save the rows an import rejected (.xlsx, .csv or .pdf) for whoever fixes them."""
        from seguimiento_desktop.roster.rejections import save_rejected_rows
        return save_rejected_rows(report, Path(destination), source_name, self.school(),
                                  date.today())

    def describe_backup(self, source: str | Path):
        """What a backup file holds (plantel, counts, date), read without changing it (with
        this database's key when it is encrypted)."""
        from seguimiento_desktop.storage.restores import describe_backup
        return describe_backup(Path(source), self.store.key)

    def restore_backup(self, source: str | Path, progress: Progress = no_progress,
                       cancel: CancelToken = NEVER_CANCELLED) -> Path:
        """Replace this database with a backup; return where the current one was kept."""
        from seguimiento_desktop.storage import accounts
        from seguimiento_desktop.storage.restores import restore_backup
        kept = accounts.accounts_and_log(self.store.db)
        aside = restore_backup(self.store, Path(source), progress, cancel)
        with self.store.db.atomic() as db:  # accounts and the bitácora stay as they are
            accounts.put_back(db, kept)
        return aside

    def fill_demo(self, students_count: int = 300, progress: Progress = no_progress,
                  cancel: CancelToken = NEVER_CANCELLED, *, with_followup: bool = True,
                  today: date | None = None) -> int:
        """Fill the database with a synthetic demo plantel (`seguimiento demo`).

        With ``with_followup``, responses to C1/C2/C3 exist as the calendar would have them
        on ``today`` (some graduates never reached), plus contact attempts and keying logs.
        """
        from seguimiento_desktop.demo import (DEMO_SCHOOL, demo_cohorts, demo_followup,
                                              demo_seed, demo_students)
        if self.school() is None:
            self.set_up_school(DEMO_SCHOOL)
        today = today or date.today()
        seed = demo_seed(self._school_cct())
        batch = []
        for done, student in enumerate(demo_students(students_count, demo_cohorts(today), **seed),
                                       1):
            cancel.check()
            existing = students.students_by_curp(self.store.db, [student.curp]).get(student.curp)
            batch.append(existing or self.stamp(replace(student, id=uuid7())))
            if done % 500 == 0:
                progress(done, students_count, "Creando alumnos de demostración…")
        new = [s for s in batch if s.seq == 0]  # rows already in the database have a folio
        followup = demo_followup(new, today, **seed) if with_followup else None
        with self.store.transaction() as db:
            students.write_students(db, new, self._school_cct())
            if followup:
                self._write_demo_followup(db, followup)
        progress(students_count, students_count, "Listo.")
        return len(batch)

    def _write_demo_followup(self, db: Database, followup: "DemoFollowup") -> None:
        responses.write_responses(db, [replace(r, updated_at=self.store.clock.now(),
                                               origin=self.store.installation_id)
                                       for r in followup.responses])
        responses.write_attempts(db, [replace(a, updated_at=self.store.clock.now(),
                                              origin=self.store.installation_id)
                                      for a in followup.attempts])
        for student_id, status in followup.statuses.items():
            self._write_contact_status(db, student_id, status, logged=False)  # invented people
        for response_id, keyer, seconds, keystrokes in followup.keying:
            responses.record_keying_session(db, response_id, keyer, "captura", "", seconds,
                                            keystrokes, 0)


# The door of every use case (accounts/guard.py); opening, closing and the account calls
# that must work before anyone is signed in are not use cases.
guard_use_cases(Workspace, ACCOUNT_USE_CASES | {"open", "close", "path", "stamp",
                                                "checked_school"})
