"""What Reportes offers: each report, export and printout, and the job that makes it.

A kind says which fields of the form it uses; ``Request`` holds what the person chose, and
``job_for`` turns it into the background function the JobRunner runs (one Workspace use
case each, never on the GUI thread).
"""

from dataclasses import dataclass
from pathlib import Path

ALL = ""
PDF = "Documento PDF (*.pdf)"
EVERY_QUESTIONNAIRE = ((ALL, "Los tres"), ("C1", "C1"), ("C2", "C2"), ("C3", "C3"))
EXPORT_ABOUT = ("Una fila por cuestionario completo, con códigos y etiquetas, y el libro de "
                "códigos, para análisis.")

# Whom the printed questionnaires are for («Para:»).
WHOLE_COHORT, ONE_GROUP, CHOSEN_STUDENTS = "generacion", "grupo", "elegidos"
PRINT_TARGETS = ((WHOLE_COHORT, "Toda la generación"), (ONE_GROUP, "Un grupo"),
                 (CHOSEN_STUDENTS, "Alumnos elegidos"))


@dataclass(frozen=True)
class ReportKind:
    key: str
    title: str
    suffix: str
    file_filter: str
    uses_career: bool = False
    questionnaires: tuple[tuple[str, str], ...] = ()  # (code, label) choices
    uses_student: bool = False  # one person, found by name or CURP
    is_export: bool = False
    is_printout: bool = False
    about: str = EXPORT_ABOUT


KINDS = (
    ReportKind("seguimiento", "Informe de seguimiento (PDF)", ".pdf", PDF, uses_career=True,
               about="Participación, a qué se dedican los egresados, estudios, empleo, opinión "
                     "sobre la formación, planes contra resultados y cambio entre C2 y C3."),
    ReportKind("contactos", "Lista de contacto (PDF)", ".pdf", PDF,
               questionnaires=((ALL, "C2 y C3 (los que ya abrieron)"), ("C2", "C2"),
                               ("C3", "C3")),
               about="Egresados a quienes falta el cuestionario, por grupo, con teléfonos, "
                     "correo y contacto alterno, para las llamadas."),
    ReportKind("ficha", "Ficha del egresado (PDF)", ".pdf", PDF, uses_student=True,
               about="Datos, bitácora de contacto y respuestas de una persona a C1, C2 y C3."),
    ReportKind("cuestionarios", "Cuestionarios para imprimir (PDF)", ".pdf", PDF,
               questionnaires=(("C1", "C1"), ("C2", "C2"), ("C3", "C3")), is_printout=True,
               about="Un cuestionario prellenado por alumno (nombre, CURP, grupo y folio con "
                     "código de barras), para contestar en papel y capturar después por folio."),
    ReportKind("excel", "Exportar respuestas a Excel", ".xlsx", "Libro de Excel (*.xlsx)",
               questionnaires=EVERY_QUESTIONNAIRE, is_export=True),
    ReportKind("csv", "Exportar respuestas a CSV", ".csv", "Archivo CSV (*.csv)",
               questionnaires=EVERY_QUESTIONNAIRE, is_export=True),
    ReportKind("spss", "Exportar respuestas a SPSS", ".sav", "Archivo de SPSS (*.sav)",
               questionnaires=EVERY_QUESTIONNAIRE, is_export=True),
)


@dataclass(frozen=True)
class Request:
    """What the person chose on the form, for one run."""

    kind: ReportKind
    out: Path
    cohort: str = ""
    career: str = ""
    questionnaire: str = ""
    curps: tuple[str, ...] = ()  # the ficha's person, or the chosen students to print
    group: str = ""
    blank_copies: int = 0
    pseudonymised: bool = False

    def file_name(self) -> str:
        """The name offered in the file dialog."""
        kind, cohort = self.kind, self.cohort or "todas"
        if kind.uses_student:
            return f"ficha_{self.curps[0]}{kind.suffix}"
        if kind.is_printout:
            scope = "elegidos" if self.curps else "_".join(p for p in (cohort, self.group) if p)
            return f"cuestionarios_{self.questionnaire}_{scope}{kind.suffix}"
        extra = f"_{self.career.replace(' ', '_')}" if self.career else ""
        return f"{kind.key}_{cohort}{extra}{kind.suffix}"


def job_for(request: Request):
    """The background function for a request: (workspace, progress, cancel) -> result."""
    r, key = request, request.kind.key
    if key == "seguimiento":
        return lambda ws, progress, cancel: ws.render_followup_report(
            r.cohort, r.out, r.career, progress=progress, cancel=cancel)
    if key == "contactos":
        return lambda ws, progress, cancel: ws.render_contact_list(
            r.cohort, r.out, r.questionnaire, progress=progress, cancel=cancel)
    if key == "ficha":
        return lambda ws, progress, cancel: ws.render_student_record(
            r.curps[0], r.out, progress=progress, cancel=cancel)
    if key == "cuestionarios" and r.curps:
        return lambda ws, progress, cancel: ws.print_questionnaires_for(
            r.questionnaire, r.out, r.curps, r.blank_copies, progress=progress, cancel=cancel)
    if key == "cuestionarios":
        return lambda ws, progress, cancel: ws.print_questionnaires(
            r.questionnaire, r.out, r.cohort, r.group, r.blank_copies, progress=progress,
            cancel=cancel)
    return lambda ws, progress, cancel: ws.export_responses(
        key, r.out, r.questionnaire, r.cohort, r.pseudonymised, progress=progress,
        cancel=cancel)
