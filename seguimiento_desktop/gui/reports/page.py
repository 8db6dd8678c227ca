"""Reportes: choose a report, an export or questionnaires to print, fill in what it needs
and generate it in the background with a progress bar and a cancel button.

The work is a Workspace use case run through the JobRunner (never on the GUI thread); the
finished PDF opens in the system viewer. Everything the person must choose (a ficha's
student, the students to print) is checked before the file dialog opens. The last folder
used is remembered per user.
"""

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel,
                               QPushButton, QSizePolicy, QSpinBox, QVBoxLayout, QWidget)

from seguimiento_desktop.domain.models import Student, StudentQuery
from seguimiento_desktop.domain.text import quantity
from seguimiento_desktop.gui.context import AppContext
from seguimiento_desktop.gui.reports.kinds import (ALL, CHOSEN_STUDENTS, KINDS, ONE_GROUP,
                                                   PRINT_TARGETS, ReportKind, Request,
                                                   job_for)
from seguimiento_desktop.gui.reports.student_search import (CURP_LENGTH, StudentListWidget,
                                                            StudentSearchWidget)
from seguimiento_desktop.gui.theme import MUTED_COLOR
from seguimiento_desktop.gui.widgets import files, messages
from seguimiento_desktop.gui.widgets.form import new_form

LAST_FOLDER_KEY = "reportes/ultima_carpeta"
COLUMN_WIDTH = 640  # a narrow column reads better than combos across a wide window


def settings() -> QSettings:
    """Per-user preferences of this screen (an INI file in the user's config folder)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     "SeguimientoEgresados", "reportes")


def _muted(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {MUTED_COLOR};")
    return label


class ReportsPage(QWidget):
    """Choose, generate, open: the plantel's reports, exports and printed questionnaires."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.choices: dict[str, list[str]] = {}
        self.last_job = None
        self._make_fields()
        self._lay_out()
        self.kind_combo.currentIndexChanged.connect(self._update_fields)
        self.cohort_combo.currentIndexChanged.connect(self._fill_careers_and_groups)
        self.target_combo.currentIndexChanged.connect(self._update_fields)
        self.generate_button.clicked.connect(self.ask_and_generate)
        self.activate()

    def _make_fields(self) -> None:
        self.kind_combo, self.cohort_combo = QComboBox(self), QComboBox(self)
        self.career_combo, self.questionnaire_combo = QComboBox(self), QComboBox(self)
        self.target_combo, self.group_combo = QComboBox(self), QComboBox(self)
        for kind in KINDS:
            self.kind_combo.addItem(kind.title, kind.key)
        for key, label in PRINT_TARGETS:
            self.target_combo.addItem(label, key)
        self.student_search = StudentSearchWidget(self.context.reader, self)
        self.student_list = StudentListWidget(self.context.reader, self)
        self.blank_spin = QSpinBox(self)
        self.blank_spin.setRange(0, 500)
        self.blank_spin.setMinimumWidth(90)
        self.blank_spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.blank_spin.setToolTip("Cuestionarios sin nombre, para quien llegue sin estar "
                                   "en la lista; se capturan después por CURP.")
        self.pseudonymised = QCheckBox("Seudonimizado: sin nombres, CURP ni datos de contacto",
                                       self)
        self.open_when_done = QCheckBox("Abrir el PDF al terminar", self)
        self.open_when_done.setChecked(True)
        self.generate_button = QPushButton("&Generar…", self)
        self.generate_button.setDefault(True)
        self.about = _muted("", self)
        self.status = _muted("", self)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _lay_out(self) -> None:
        title = QLabel("Reportes", self)
        title.setObjectName("pageTitle")
        intro = QLabel("Informes en PDF para dirección y supervisión, listas para las llamadas "
                       "de seguimiento, cuestionarios para imprimir y exportaciones para "
                       "análisis.", self)
        intro.setWordWrap(True)
        column = QWidget(self)
        column.setFixedWidth(COLUMN_WIDTH)  # wrapped labels measure at this width
        form = new_form()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        rows = (("&Reporte:", self._kind_with_about()),
                ("Cuest&ionario:", self.questionnaire_combo), ("Ge&neración:", self.cohort_combo),
                ("&Para:", self.target_combo), ("Gr&upo:", self.group_combo),
                ("&Carrera:", self.career_combo), ("&Egresado:", self.student_search),
                ("&Alumnos:", self.student_list), ("Copias en &blanco:", self.blank_spin),
                ("", self.pseudonymised), ("", self.open_when_done))
        for text, field in rows:
            form.addRow(text, field)
        labels_width = self._fix_label_column(form)
        # The form measures a wrapped label narrower than it is and leaves gaps around it.
        spacing = max(form.horizontalSpacing(), 6)
        self.about.setFixedWidth(COLUMN_WIDTH - labels_width - spacing)
        form.labelForField(self.kind_combo.parentWidget()).setBuddy(self.kind_combo)
        self.form = form
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.generate_button)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(form)
        inner.addLayout(buttons)
        inner.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)  # as every page: aligned with the header
        for widget in (title, intro, column):
            layout.addWidget(widget)
        layout.addStretch(1)

    def _kind_with_about(self) -> QWidget:
        """The report combo with what the report is about underneath (one row: a wrapped
        label alone in a form row gets room for more lines than it has)."""
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(4)
        self.kind_combo.setParent(box)
        self.about.setParent(box)
        layout.addWidget(self.kind_combo)
        layout.addWidget(self.about)
        return box

    @staticmethod
    def _fix_label_column(form: QFormLayout) -> int:
        """One width for every label, so the fields do not jump as rows hide and show."""
        labels = [form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                  for row in range(form.rowCount())]
        widgets = [item.widget() for item in labels if item is not None and item.widget()]
        width = max(w.sizeHint().width() for w in widgets)
        for widget in widgets:
            widget.setMinimumWidth(width)
            widget.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return width

    # --- Choices ----------------------------------------------------------------------

    def activate(self) -> None:
        """Reload the cohorts and careers (students may have been imported meanwhile)."""
        current = self.cohort_combo.currentData()
        self.choices = self.context.reader.report_choices()
        self.cohort_combo.blockSignals(True)
        self.cohort_combo.clear()
        for cohort in reversed(list(self.choices)):  # newest first
            self.cohort_combo.addItem(cohort, cohort)
        index = self.cohort_combo.findData(current or self._default_cohort())
        self.cohort_combo.setCurrentIndex(max(index, 0) if self.choices else -1)
        self.cohort_combo.blockSignals(False)
        self._fill_careers_and_groups()
        self._update_fields()

    def _default_cohort(self) -> str:
        """The newest cohort already in its graduates' follow-up (C2 open): the newest one
        has nothing to report yet, which is not what a director opens this screen for."""
        from datetime import date
        from seguimiento_desktop.domain.calendar import due_window
        from seguimiento_desktop.errors import UserError
        for cohort in reversed(list(self.choices)):
            try:
                if due_window(cohort, "C2").opens <= date.today():
                    return cohort
            except UserError:
                continue
        return ""

    def kind(self) -> ReportKind:
        return KINDS[max(self.kind_combo.currentIndex(), 0)]

    def show_kind(self, key: str) -> None:
        """Select a report (Archivo → Imprimir cuestionarios… opens the page this way)."""
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(key))
        self.kind_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_record(self, student: Student) -> None:
        """Select the Ficha del egresado of ``student`` (the directory's «Ficha»)."""
        self.show_kind("ficha")
        self.student_search.choose(student)
        self.generate_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill_careers_and_groups(self) -> None:
        cohort = self.cohort_combo.currentData() or ""
        self.career_combo.clear()
        self.career_combo.addItem("Todas las carreras", ALL)
        for career in self.choices.get(cohort, []):
            self.career_combo.addItem(career, career)
        self.group_combo.clear()
        students = self.context.reader.find_students(StudentQuery(cohort=cohort)) if cohort else []
        for group in sorted({s.group for s in students if s.group}):
            self.group_combo.addItem(group, group)

    def _update_fields(self) -> None:
        kind = self.kind()
        self.about.setText(kind.about)
        if self.last_job is None or self.last_job.outcome != "running":
            self.status.clear()  # «Listo: …» spoke of the previous report
        self._fill_questionnaires(kind)
        target = self.target_combo.currentData() if kind.is_printout else None
        chosen = target == CHOSEN_STUDENTS
        shown = {self.cohort_combo: not kind.uses_student and not chosen,
                 self.career_combo: kind.uses_career,
                 self.questionnaire_combo: bool(kind.questionnaires),
                 self.target_combo: kind.is_printout,
                 self.group_combo: target == ONE_GROUP,
                 self.student_search: kind.uses_student, self.student_list: chosen,
                 self.blank_spin: kind.is_printout, self.pseudonymised: kind.is_export,
                 self.open_when_done: not kind.is_export}
        for widget, visible in shown.items():
            self.form.setRowVisible(widget, visible)
        # Exports may span every cohort; reports are always about one.
        if kind.is_export and self.cohort_combo.findData(ALL) < 0:
            self.cohort_combo.insertItem(0, "Todas las generaciones", ALL)
        elif not kind.is_export and self.cohort_combo.findData(ALL) >= 0:
            self.cohort_combo.removeItem(self.cohort_combo.findData(ALL))
        self.generate_button.setEnabled(bool(self.choices))
        if not self.choices:
            self.status.setText("Todavía no hay alumnos en el directorio: importe primero la "
                                "lista de una generación.")

    def _fill_questionnaires(self, kind: ReportKind) -> None:
        current = self.questionnaire_combo.currentData()
        self.questionnaire_combo.clear()
        for code, label in kind.questionnaires:
            self.questionnaire_combo.addItem(label, code)
        self.questionnaire_combo.setCurrentIndex(
            max(self.questionnaire_combo.findData(current), 0))

    # --- Generating -------------------------------------------------------------------

    def last_folder(self) -> Path:
        return Path(settings().value(LAST_FOLDER_KEY, str(Path.home())))

    def request(self) -> Request | None:
        """What the form asks for, or None after telling the person what is missing."""
        kind = self.kind()
        request = Request(kind, Path(), self.cohort_combo.currentData() or "",
                          self.career_combo.currentData() or "" if kind.uses_career else "",
                          self.questionnaire_combo.currentData() or "",
                          pseudonymised=kind.is_export and self.pseudonymised.isChecked())
        if kind.uses_student:
            return self._with_student(request)
        if kind.is_printout:
            return self._with_print_scope(request)
        return request

    def _with_student(self, request: Request) -> Request | None:
        student = self.student_search.current()
        if student is not None:
            return Request(request.kind, request.out, curps=(student.curp,))
        typed = self.student_search.typed()
        if not typed:
            problem = "Escriba el nombre o la CURP del egresado y elíjalo de la lista."
        elif len(typed) == CURP_LENGTH and " " not in typed:
            problem = (f"No hay ningún alumno con la CURP {typed.upper()} en el directorio. "
                       "Revise la CURP o búsquelo por nombre.")
        elif self.student_search.matches_for(typed):
            problem = (f"Varios alumnos coinciden con «{typed}»: elija al egresado de la "
                       "lista que aparece al escribir.")
        else:
            problem = (f"Ningún alumno coincide con «{typed}». Revise el nombre o búsquelo "
                       "por CURP.")
        messages.show_error(self, problem)
        self.student_search.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return None

    def _with_print_scope(self, request: Request) -> Request | None:
        target, blank = self.target_combo.currentData(), self.blank_spin.value()
        if target == CHOSEN_STUDENTS:
            curps = tuple(self.student_list.curps())
            if not curps:
                messages.show_error(self, "Agregue a la lista los alumnos cuyos cuestionarios "
                                    "quiere imprimir: escriba su nombre o CURP y elíjalos.")
                return None
            return Request(request.kind, request.out, questionnaire=request.questionnaire,
                           curps=curps, blank_copies=blank)
        group = self.group_combo.currentData() or "" if target == ONE_GROUP else ""
        if target == ONE_GROUP and not group:
            messages.show_error(self, "Elija el grupo cuyos cuestionarios quiere imprimir.")
            return None
        return Request(request.kind, request.out, request.cohort,
                       questionnaire=request.questionnaire, group=group, blank_copies=blank)

    def choose_output(self, request: Request) -> Path | None:
        start = str(self.last_folder() / request.file_name())
        path = files.ask_save_path(self, "Guardar como", start, request.kind.file_filter)
        return Path(path) if path else None

    def ask_and_generate(self) -> None:
        request = self.request()
        if request is None:
            return
        out = self.choose_output(request)
        if out is not None:
            self.generate(replace(request, out=out))

    def generate(self, request: Request) -> None:
        """Run ``request`` in the background."""
        out = files.with_suffix_if_missing(request.out, request.kind.suffix)
        request = replace(request, out=out)
        settings().setValue(LAST_FOLDER_KEY, str(out.parent))
        self.generate_button.setEnabled(False)
        self.status.setText("Generando…")
        title = request.kind.title.replace(" (PDF)", "")
        self.last_job = self.context.jobs.run(self, f"Generando: {title}", job_for(request),
                                              lambda result: self._done(out, result),
                                              on_failed=self._failed)
        self.last_job.finished.connect(self._finished)

    def _finished(self) -> None:
        self.generate_button.setEnabled(bool(self.choices))
        if self.last_job is not None and self.last_job.outcome == "cancelled":
            self.status.setText("Cancelado: no se guardó ningún archivo.")

    def _done(self, out: Path, result: object) -> None:
        if isinstance(result, int):
            self.status.setText(f"Listo: {out} ({quantity(result, 'página')}).")
            if self.open_when_done.isChecked():
                files.open_file(self, out)
        else:
            written = "\n".join(str(f) for f in result.files)
            self.status.setText(f"Listo. Archivos guardados:\n{written}")

    def _failed(self, message: str) -> None:
        self.status.setText("No se generó el archivo.")
        messages.show_error(self, message)
