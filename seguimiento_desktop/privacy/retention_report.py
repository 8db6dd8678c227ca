"""The retention report (PDF): what a purge of contact data removes, per cohort, and what
it keeps; printed before purging (for the director's signature) or after, as a record."""

from pathlib import Path

from reportlab.lib.units import mm

from seguimiento_desktop.domain.models import School
from seguimiento_desktop.privacy.retention import RetentionPlan
from seguimiento_desktop.reports.layout import CONTENT_WIDTH, ReportDocument, data_table, p, t
from seguimiento_desktop.reports.pdf_style import number_es_mx

KEPT = ("Se conservan: nombres, CURP, generación, carrera, grupo, municipio y todas las "
        "respuestas estadísticas de los cuestionarios; los reportes e indicadores no cambian.")
REMOVED = ("Se borran: teléfono celular y de casa y correo del directorio; correo, teléfonos, "
           "red social, domicilio, colonia, código postal y contacto alterno de los "
           "cuestionarios; y las notas de la bitácora de contacto.")


def render_retention_report(path: Path, plan: RetentionPlan, school: School | None,
                            applied: bool) -> int:
    """Write the report of ``plan`` (``applied``: done, else what would be done); pages."""
    title = "Depuración de datos de contacto" + ("" if applied else " (vista previa)")
    rows = [["Generación", "Fin del seguimiento", "Alumnos con teléfono o correo",
             "Cuestionarios con datos de contacto", "Notas de contacto"]]
    rows += [[c.cohort, c.followup_ended.isoformat(), number_es_mx(c.students),
              number_es_mx(c.responses), number_es_mx(c.notes)] for c in plan.cohorts]
    when = "Se borraron" if applied else "Se borrarían"
    story = [t(title, "report_title"),
             p(f"Generaciones cuyo seguimiento de dos años terminó hace más de {plan.months} "
               f"meses, al {plan.today.isoformat()}. {when} solo los datos que sirven para "
               "localizar a las personas.", "lead")]
    if plan.cohorts:
        story.append(data_table(rows, [30 * mm, 30 * mm] + [(CONTENT_WIDTH - 60 * mm) / 3] * 3,
                                numeric_from=2))
    else:
        story.append(p("<b>No hay datos de contacto que depurar.</b>", "lead"))
    story += [p(REMOVED, "lead"), p(KEPT, "lead")]
    document = ReportDocument(path, title, school, plan.today)
    return document.render(story)


def save_retention_report(path: Path, plan: RetentionPlan, school: School | None,
                          applied: bool) -> Path:
    """The report written aside and renamed (never half a PDF at ``path``); the path."""
    from seguimiento_desktop.storage.files import atomic_output
    with atomic_output(path) as partial:
        render_retention_report(partial, plan, school, applied)
    return path
