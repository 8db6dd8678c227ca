"""`seguimiento print`: printable questionnaires for a cohort or a group."""

import click

from seguimiento_desktop.cli.common import (
    cohort_filter, file_of_kind, json_option, open_workspace, pdf_done, stderr_progress)


@click.command("print")
@click.option("--cuestionario", required=True, type=click.Choice(["C1", "C2", "C3"]),
              help="Cuestionario a imprimir.")
@cohort_filter("Generación, p. ej. 2023-2026.")
@click.option("--grupo", default="", help="Solo este grupo.")
@click.option("--curp", "curps", multiple=True,
              help="Solo este alumno (repita la opción para varios; ignora generación y grupo).")
@click.option("--en-blanco", "blank", default=0, type=click.IntRange(0, 500),
              help="Además, cuántos cuestionarios en blanco (sin nombre).")
@click.option("--out", required=True, type=click.Path(dir_okay=False),
              callback=file_of_kind(".pdf", "PDF"), help="Archivo PDF a crear.")
@json_option
@click.pass_context
def print_forms(ctx: click.Context, cuestionario: str, generacion: str, grupo: str,
                curps: tuple[str, ...], blank: int, out: str, as_json: bool) -> None:
    """Genera el PDF de cuestionarios prellenados (nombre, CURP, grupo y folio con código de barras)."""
    with open_workspace(ctx) as workspace:
        if curps:
            pages = workspace.print_questionnaires_for(cuestionario, out, curps, blank,
                                                       progress=stderr_progress)
        else:
            pages = workspace.print_questionnaires(cuestionario, out, generacion, grupo, blank,
                                                   progress=stderr_progress)
    pdf_done(out, pages, as_json)
