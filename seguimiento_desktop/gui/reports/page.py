"""Reportes: choose a report (or an export), its cohort, carrera and questionnaire, and
generate it in the background with a progress bar and a cancel button.

The work is a Workspace use case run through the JobRunner (never on the GUI thread); the
finished PDF opens in the system viewer. The last folder used is remembered per user.
"""

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget)

from seguimiento_desktop.gui.context import AppContext
from seguimiento_desktop.gui.theme import MUTED_COLOR
from seguimiento_desktop.gui.widgets import files, messages

LAST_FOLDER_KEY = "reportes/ultima_carpeta"
ALL = ""


@dataclass(frozen=True)
class ReportKind:
    key: str
    title: str
    suffix: str
    file_filter: str
    uses_career: bool = False
    questionnaires: tuple[tuple[str, str], ...] = ()  # (code, label) choices
    uses_curp: bool = False
    is_export: bool = False
    about: str = ""


PDF = "Documento PDF (*.pdf)"
KINDS = (
    ReportKind("seguimiento", "Informe de seguimiento (PDF)", ".pdf", PDF, uses_career=True,
               about="Participación, a qué se dedican los egresados, estudios, empleo, opinión "
                     "sobre la formación, planes contra resultados y cambio entre C2 y C3."),
    ReportKind("contactos", "Lista de contacto (PDF)", ".pdf", PDF,
               questionnaires=((ALL, "C2 y C3 (los que ya abrieron)"), ("C2", "C2"), ("C3", "C3")),
               about="Egresados a quienes falta el cuestionario, por grupo, con teléfonos, correo "
                     "y contacto alterno, para las llamadas."),
    ReportKind("ficha", "Ficha del egresado (PDF)", ".pdf", PDF, uses_curp=True,
               about="Datos, bitácora de contacto y respuestas de una persona a C1, C2 y C3."),
    ReportKind("excel", "Exportar respuestas a Excel", ".xlsx", "Libro de Excel (*.xlsx)",
               questionnaires=((ALL, "Los tres"), ("C1", "C1"), ("C2", "C2"), ("C3", "C3")),
               is_export=True),
    ReportKind("csv", "Exportar respuestas a CSV", ".csv", "Archivo CSV (*.csv)",
               questionnaires=((ALL, "Los tres"), ("C1", "C1"), ("C2", "C2"), ("C3", "C3")),
               is_export=True),
    ReportKind("spss", "Exportar respuestas a SPSS", ".sav", "Archivo de SPSS (*.sav)",
               questionnaires=((ALL, "Los tres"), ("C1", "C1"), ("C2", "C2"), ("C3", "C3")),
               is_export=True),
)


def settings() -> QSettings:
    """Per-user preferences of this screen (an INI file in the user's config folder)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     "SeguimientoEgresados", "reportes")


class ReportsPage(QWidget):
    """Choose, generate, open: the plantel's reports and exports."""

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.choices: dict[str, list[str]] = {}
        self.kind_combo, self.cohort_combo = QComboBox(self), QComboBox(self)
        self.career_combo, self.questionnaire_combo = QComboBox(self), QComboBox(self)
        self.curp_edit = QLineEdit(self)
        self.curp_edit.setPlaceholderText("CURP de 18 caracteres")
        self.pseudonymised = QCheckBox("Seudonimizado: sin nombres, CURP ni datos de contacto", self)
        self.open_when_done = QCheckBox("Abrir el PDF al terminar", self)
        self.open_when_done.setChecked(True)
        self.generate_button = QPushButton("Generar…", self)
        self.generate_button.setDefault(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setStyleSheet(f"color: {MUTED_COLOR};")
        self.about = QLabel(self)
        self.about.setWordWrap(True)
        self.about.setStyleSheet(f"color: {MUTED_COLOR};")
        self.last_job = None
        for kind in KINDS:
            self.kind_combo.addItem(kind.title, kind.key)
        self._lay_out()
        self.kind_combo.currentIndexChanged.connect(self._update_fields)
        self.cohort_combo.currentIndexChanged.connect(self._fill_careers)
        self.generate_button.clicked.connect(self.ask_and_generate)
        self.activate()

    def _lay_out(self) -> None:
        title = QLabel("Reportes", self)
        title.setObjectName("pageTitle")
        intro = QLabel("Informes en PDF para dirección y supervisión, listas para las llamadas "
                       "de seguimiento y exportaciones para análisis.", self)
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Reporte:", self.kind_combo)
        form.addRow("", self.about)
        form.addRow("Generación:", self.cohort_combo)
        form.addRow("Carrera:", self.career_combo)
        form.addRow("Cuestionario:", self.questionnaire_combo)
        form.addRow("CURP:", self.curp_edit)
        form.addRow("", self.pseudonymised)
        form.addRow("", self.open_when_done)
        self.form = form
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.generate_button)
        # A narrow column reads better than combos stretched across a wide window.
        column = QWidget(self)
        column.setMaximumWidth(620)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(form)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)  # as every page: aligned with the header
        for widget in (title, intro, column):
            layout.addWidget(widget)
        layout.addWidget(self.status)
        layout.addStretch(1)

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
        self._fill_careers()
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

    def _fill_careers(self) -> None:
        self.career_combo.clear()
        self.career_combo.addItem("Todas las carreras", ALL)
        for career in self.choices.get(self.cohort_combo.currentData() or "", []):
            self.career_combo.addItem(career, career)

    def _update_fields(self) -> None:
        kind = self.kind()
        self.about.setText(kind.about or "Una fila por cuestionario completo, con códigos y "
                           "etiquetas, y el libro de códigos, para análisis.")
        self.questionnaire_combo.clear()
        for code, label in kind.questionnaires:
            self.questionnaire_combo.addItem(label, code)
        shown = {self.cohort_combo: not kind.uses_curp, self.career_combo: kind.uses_career,
                 self.questionnaire_combo: bool(kind.questionnaires),
                 self.curp_edit: kind.uses_curp, self.pseudonymised: kind.is_export,
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

    # --- Generating -------------------------------------------------------------------

    def suggested_name(self) -> str:
        kind, cohort = self.kind(), self.cohort_combo.currentData() or "todas"
        if kind.uses_curp:
            return f"ficha_{self.curp_edit.text().strip().upper() or 'egresado'}{kind.suffix}"
        career = self.career_combo.currentData() if kind.uses_career else ""
        extra = f"_{career.replace(' ', '_')}" if career else ""
        return f"{kind.key}_{cohort}{extra}{kind.suffix}"

    def last_folder(self) -> Path:
        return Path(settings().value(LAST_FOLDER_KEY, str(Path.home())))

    def choose_output(self) -> Path | None:
        """Ask where to save (tests replace this to avoid the file dialog)."""
        start = str(self.last_folder() / self.suggested_name())
        path = files.ask_save_path(self, "Guardar como", start, self.kind().file_filter)
        return Path(path) if path else None

    def ask_and_generate(self) -> None:
        if self.kind().uses_curp and not self.curp_edit.text().strip():
            messages.show_error(self, "Escriba la CURP del egresado para generar su ficha.")
            return
        out = self.choose_output()
        if out is not None:
            self.generate(out)

    def generate(self, out: Path) -> None:
        """Run the chosen report into ``out`` in the background."""
        out = out if out.suffix else out.with_suffix(self.kind().suffix)
        settings().setValue(LAST_FOLDER_KEY, str(out.parent))
        job = _job_for(self.kind(), out, self.cohort_combo.currentData() or "",
                       self.career_combo.currentData() or "",
                       self.questionnaire_combo.currentData() or "",
                       self.curp_edit.text().strip(), self.pseudonymised.isChecked())
        self.generate_button.setEnabled(False)
        self.status.setText("Generando…")
        self.last_job = self.context.jobs.run(self, f"Generando: {self.kind().title}", job,
                                              lambda result: self._done(out, result),
                                              on_failed=self._failed)
        self.last_job.finished.connect(lambda: self.generate_button.setEnabled(True))

    def _done(self, out: Path, result: object) -> None:
        if isinstance(result, int):
            self.status.setText(f"Listo: {out} ({result} páginas).")
            if self.open_when_done.isChecked():
                files.open_file(self, out)
        else:
            written = "\n".join(str(f) for f in result.files)
            self.status.setText(f"Listo. Archivos guardados:\n{written}")

    def _failed(self, message: str) -> None:
        self.status.setText("No se generó el archivo.")
        messages.show_error(self, message)


def _job_for(kind: ReportKind, out: Path, cohort: str, career: str, questionnaire: str,
             curp: str, pseudonymised: bool):
    """The background function for a report: (workspace, progress, cancel) -> result."""
    if kind.key == "seguimiento":
        return lambda ws, progress, cancel: ws.render_followup_report(
            cohort, out, career, progress=progress, cancel=cancel)
    if kind.key == "contactos":
        return lambda ws, progress, cancel: ws.render_contact_list(
            cohort, out, questionnaire, progress=progress, cancel=cancel)
    if kind.key == "ficha":
        return lambda ws, progress, cancel: ws.render_student_record(
            curp, out, progress=progress, cancel=cancel)
    return lambda ws, progress, cancel: ws.export_responses(
        kind.key, out, questionnaire, cohort, pseudonymised, progress=progress, cancel=cancel)
