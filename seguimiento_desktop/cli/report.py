"""`seguimiento report …`: the plantel's PDF reports (seguimiento, contactos, ficha)."""

import click

from seguimiento_desktop.cli.common import (
    file_of_kind, json_option, open_workspace, pdf_done, stderr_progress)

_OUT = click.option("--out", required=True, type=click.Path(dir_okay=False),
                    callback=file_of_kind(".pdf", "PDF"),
                    help="Archivo PDF a crear (se reemplaza si existe).")


_done = pdf_done


@click.group()
def report() -> None:
    """Reportes en PDF del plantel: informe de seguimiento, lista de contacto y ficha."""


@report.command("seguimiento")
@click.option("--generacion", required=True, help="Generación, p. ej. 2022-2025.")
@click.option("--carrera", default="", help="Solo esta carrera técnica (por omisión, todas).")
@_OUT
@json_option
@click.pass_context
def followup_report(ctx: click.Context, generacion: str, carrera: str, out: str,
                    as_json: bool) -> None:
    """Informe de seguimiento de una generación: participación, actividad, estudios, empleo,
    opinión, expectativas y cambio entre C2 y C3, con gráficas."""
    with open_workspace(ctx) as workspace:
        pages = workspace.render_followup_report(generacion, out, carrera, progress=stderr_progress)
    _done(out, pages, as_json)


@report.command("contactos")
@click.option("--generacion", required=True, help="Generación, p. ej. 2023-2026.")
@click.option("--cuestionario", default="", type=click.Choice(["", "C2", "C3"]),
              help="Cuestionario que falta (por omisión, C2 y C3 si ya abrieron).")
@_OUT
@json_option
@click.pass_context
def contact_list(ctx: click.Context, generacion: str, cuestionario: str, out: str,
                 as_json: bool) -> None:
    """Lista de contacto: egresados a quienes falta C2 o C3, por grupo, con teléfonos,
    correo y contacto alterno."""
    with open_workspace(ctx) as workspace:
        lines = workspace.contact_lines(generacion, cuestionario)
        pages = workspace.render_contact_list(generacion, out, cuestionario,
                                              progress=stderr_progress)
    _done(out, pages, as_json, egresados=len(lines))


@report.command("ficha")
@click.option("--curp", required=True, help="CURP del alumno o egresado.")
@_OUT
@json_option
@click.pass_context
def student_record(ctx: click.Context, curp: str, out: str, as_json: bool) -> None:
    """Ficha del egresado: datos del directorio, bitácora de contacto y respuestas a C1, C2 y C3."""
    with open_workspace(ctx) as workspace:
        pages = workspace.render_student_record(curp, out, progress=stderr_progress)
    _done(out, pages, as_json)
