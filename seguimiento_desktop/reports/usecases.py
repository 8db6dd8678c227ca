"""Report and export use cases of the Workspace (mixed into services.Workspace).

Every method reads through storage/, computes in reports/ or exports/ and writes its file
atomically; all take ``progress`` and ``cancel`` so the GUI can show a bar and stop them.
"""

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from seguimiento_desktop.errors import InvalidData, NotFound
from seguimiento_desktop.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress

if TYPE_CHECKING:
    from seguimiento_desktop.exports.responses import ExportResult
    from seguimiento_desktop.reports.contact_list import ContactLine
    from seguimiento_desktop.reports.followup_stats import FollowupStatistics

FOLLOWUP_WAVES = ("C2", "C3")


class ReportUseCases:
    """PDF reports (seguimiento, contactos, ficha) and exports for analysts."""

    def report_choices(self) -> dict[str, list[str]]:
        """{cohort: [careers]} present in the directory, for the report choosers."""
        from seguimiento_desktop.storage.report_queries import cohorts_and_careers
        return cohorts_and_careers(self.store.db)

    def _check_scope(self, cohort: str, career: str = "") -> None:
        choices = self.report_choices()
        if cohort not in choices:
            known = ", ".join(choices) or "ninguna (importe primero la lista de alumnos)"
            raise InvalidData(f"La generación «{cohort}» no tiene alumnos en el directorio. "
                              f"Generaciones disponibles: {known}.")
        if career and career not in choices[cohort]:
            raise InvalidData(f"La carrera «{career}» no tiene alumnos en la generación {cohort}. "
                              f"Carreras: {', '.join(choices[cohort]) or 'ninguna'}.")

    def followup_statistics(self, cohort: str, career: str = "") -> "FollowupStatistics":
        """The Informe de seguimiento's numbers (response rates, activity, employment…)."""
        from seguimiento_desktop.reports.followup_stats import followup_statistics, report_questions
        from seguimiento_desktop.reports.frames import load_cohort
        self._check_scope(cohort, career)
        return followup_statistics(load_cohort(self.store.db, cohort, career, report_questions()))

    def render_followup_report(self, cohort: str, out: str | Path, career: str = "",
                               today: date | None = None, progress: Progress = no_progress,
                               cancel: CancelToken = NEVER_CANCELLED) -> int:
        """Write the Informe de seguimiento PDF for a cohort (and carrera); return pages."""
        from seguimiento_desktop.reports.followup_report import REPORT_STEPS, render_followup_report
        from seguimiento_desktop.storage.files import atomic_output
        progress(0, REPORT_STEPS, "Calculando estadísticas…")
        stats = self.followup_statistics(cohort, career)
        cancel.check()
        with atomic_output(Path(out)) as partial:
            return render_followup_report(partial, stats, self.school(), today or date.today(),
                                          progress, cancel)

    def contact_waves(self, cohort: str, questionnaire: str = "",
                      today: date | None = None) -> tuple[str, ...]:
        """The follow-up questionnaires to chase: the one asked for, or those already open."""
        from seguimiento_desktop.domain.calendar import due_window
        from seguimiento_desktop.reports.pdf_style import spanish_date
        if questionnaire:
            return (questionnaire,)
        today = today or date.today()
        opened = tuple(w for w in FOLLOWUP_WAVES if due_window(cohort, w).opens <= today)
        if not opened:
            raise InvalidData(f"La generación {cohort} todavía no debe contestar C2: su periodo "
                              f"abre el {spanish_date(due_window(cohort, 'C2').opens)}.")
        return opened

    def contact_lines(self, cohort: str, questionnaire: str = "",
                      today: date | None = None) -> list["ContactLine"]:
        """Graduates missing C2 and/or C3 (those already open), by group, most reachable
        first within a group."""
        from seguimiento_desktop.reports.contact_list import ContactLine
        self._check_scope(cohort)
        waves = self.contact_waves(cohort, questionnaire, today)
        found: dict[str, tuple] = {}
        for wave in waves:
            for rank, pending in enumerate(self.pending_contacts(cohort, wave)):
                first_rank, _, missing = found.get(pending.student.id, (rank, pending, ()))
                found[pending.student.id] = (min(first_rank, rank), pending, missing + (wave,))
        ordered = sorted(found.values(), key=lambda x: (x[1].student.group, x[0]))
        return [ContactLine(p.student, missing, p.attempts, p.last_attempt, p.alternate_contact)
                for _, p, missing in ordered]

    def render_contact_list(self, cohort: str, out: str | Path, questionnaire: str = "",
                            today: date | None = None, progress: Progress = no_progress,
                            cancel: CancelToken = NEVER_CANCELLED) -> int:
        """Write the Lista de contacto PDF; return its number of pages."""
        from seguimiento_desktop.reports.contact_list import render_contact_list
        from seguimiento_desktop.storage.files import atomic_output
        if questionnaire and questionnaire not in FOLLOWUP_WAVES:
            raise InvalidData("La lista de contacto es para los cuestionarios de egresados: "
                              "elija C2 o C3.")
        lines = self.contact_lines(cohort, questionnaire, today)
        waves = self.contact_waves(cohort, questionnaire, today)
        with atomic_output(Path(out)) as partial:
            return render_contact_list(partial, lines, cohort, waves, self.school(),
                                       today or date.today(), progress, cancel)

    def render_student_record(self, curp: str, out: str | Path, today: date | None = None,
                              progress: Progress = no_progress,
                              cancel: CancelToken = NEVER_CANCELLED) -> int:
        """Write the Ficha del egresado PDF for the student with ``curp``; return pages."""
        from seguimiento_desktop.reports.student_record import render_student_record
        from seguimiento_desktop.storage.files import atomic_output
        student = self.student_by_curp(curp)
        if student is None:
            raise NotFound(f"No hay ningún alumno con la CURP {curp.strip().upper()} en el "
                           "directorio. Revise la CURP o búsquelo por nombre.")
        definitions = [self.definition(q) for q in ("C1", "C2", "C3")]
        answers = {d.id: self.response_for(student.id, d.id) for d in definitions}
        with atomic_output(Path(out)) as partial:
            return render_student_record(partial, student, answers, definitions,
                                         self.contact_attempts(student.id), self.school(),
                                         today or date.today(), progress, cancel)

    def print_questionnaires_for(self, questionnaire: str, out: str | Path,
                                 curps: Sequence[str], blank_copies: int = 0,
                                 progress: Progress = no_progress,
                                 cancel: CancelToken = NEVER_CANCELLED) -> int:
        """Pre-filled forms for chosen students (Reportes' «Alumnos elegidos», or
        `print --curp`), by group then surname as they are handed out; return pages.

        An unknown CURP is named before anything is written.
        """
        from seguimiento_desktop.questionnaires.loader import load_definition
        from seguimiento_desktop.privacy.notice import privacy_notice
        from seguimiento_desktop.reports.forms import render_forms
        from seguimiento_desktop.storage import students
        from seguimiento_desktop.storage.files import atomic_output
        wanted = list(dict.fromkeys(c.strip().upper() for c in curps if c.strip()))
        if not wanted:
            raise InvalidData("Elija al menos un alumno para imprimir su cuestionario.")
        found = {curp: s for curp, s in students.students_by_curp(self.store.db, wanted).items()
                 if not s.deleted}
        missing = [curp for curp in wanted if curp not in found]
        if missing:
            raise NotFound(f"No hay ningún alumno con la CURP {', '.join(missing)} en el "
                           "directorio. Revise la CURP o búsquelo por nombre.")
        chosen = sorted(found.values(), key=lambda s: (s.group, students.sort_key(s)))
        definition = load_definition(questionnaire)
        with atomic_output(Path(out)) as partial:
            return render_forms(partial, definition, self.school(), chosen, "", blank_copies,
                                progress, cancel, notice=privacy_notice(self.store))

    def export_responses(self, kind: str, out: str | Path, questionnaire: str = "",
                         cohort: str = "", pseudonymised: bool = False,
                         progress: Progress = no_progress,
                         cancel: CancelToken = NEVER_CANCELLED) -> "ExportResult":
        """Export finished responses to Excel, CSV (UTF-8 with BOM) or SPSS (.sav).

        ``pseudonymised`` leaves out names, CURP and every contact datum (directory and
        contact questions); the folio still links a row to the plantel's own records.
        """
        from seguimiento_desktop.exports.responses import export_responses
        if questionnaire and questionnaire not in ("C1", "C2", "C3"):
            raise InvalidData(f"Cuestionario desconocido «{questionnaire}»: use C1, C2 o C3.")
        return export_responses(self.store.db, kind, Path(out), questionnaire, cohort,
                                pseudonymised, progress, cancel)
