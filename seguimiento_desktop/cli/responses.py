"""`seguimiento responses …`: list captured responses and import ones keyed elsewhere."""

import click

from seguimiento_desktop.cli.common import cohort_filter, json_option, open_workspace, print_json, stderr_progress
from seguimiento_desktop.domain.models import folio
from seguimiento_desktop.domain.text import plural, quantity

QUESTIONNAIRES = click.Choice(["C1", "C2", "C3"])
questionnaire_filter = click.option("--cuestionario", default="",
                                    type=click.Choice(["", "C1", "C2", "C3"]),
                                    help="Solo este cuestionario.")


@click.group()
def responses() -> None:
    """Respuestas capturadas de los cuestionarios 1, 2 y 3."""


@responses.command("list")
@questionnaire_filter
@cohort_filter()
@json_option
@click.pass_context
def list_responses(ctx: click.Context, cuestionario: str, generacion: str, as_json: bool) -> None:
    """Lista las respuestas con su folio, CURP, estado y respuestas (id de pregunta → valor)."""
    with open_workspace(ctx) as workspace:
        found = workspace.responses_with_keys(cuestionario, generacion)
    rows = [{"folio": folio(r.questionnaire, seq), "curp": curp, "cuestionario": r.questionnaire,
             "version": r.version, "estado": r.status, "modo": r.mode, "capturista": r.keyer,
             "verificador": r.verifier, "respuestas": r.answers,
             "confirmadas": list(r.confirmed)} for r, curp, seq in found]
    if as_json:
        print_json(rows)
        return
    for row in rows:
        click.echo(f"{row['folio']}  {row['curp']}  {row['estado']:<10} {row['modo']:<12} "
                   f"{quantity(len(row['respuestas']), 'respuesta')}")
    click.echo(f"{quantity(len(rows), 'respuesta')}.")


@responses.command("inconsistencias")
@questionnaire_filter
@cohort_filter()
@json_option
@click.pass_context
def list_inconsistencies(ctx: click.Context, cuestionario: str, generacion: str,
                         as_json: bool) -> None:
    """Lista las inconsistencias confirmadas (F2: así viene en el papel), por folio: a quién
    volver a llamar (folio, CURP, nombre), qué pregunta, por qué y quién capturó."""
    with open_workspace(ctx) as workspace:
        found = workspace.inconsistency_report(cuestionario, generacion)
    if as_json:
        print_json([item.as_json() for item in found])
        return
    for item in found:
        click.echo(f"{item.folio}  {item.curp}  {item.name}  {item.questionnaire} pregunta "
                   f"{item.question}: {item.message} (capturó: {item.keyer or '—'})")
    click.echo(quantity(len(found), "inconsistencia confirmada",
                        "inconsistencias confirmadas") + ".")


@responses.command("import")
@click.argument("archivo", type=click.Path(dir_okay=False))
@click.option("--cuestionario", required=True, type=QUESTIONNAIRES, help="Cuestionario de las respuestas.")
@json_option
@click.pass_context
def import_responses(ctx: click.Context, archivo: str, cuestionario: str, as_json: bool) -> None:
    """Importa respuestas capturadas en otro lado: CSV con una fila por alumno (columna curp o
    folio) y una columna por pregunta. Si alguna respuesta es inválida no se importa nada."""
    with open_workspace(ctx) as workspace:
        report = workspace.import_responses(archivo, cuestionario, progress=stderr_progress)
    if as_json:
        print_json(report.as_json())
    else:
        for p in report.problems:
            click.echo(f"Fila {p.row}, pregunta {p.question or '—'}: {p.reason}", err=True)
        if report.problems:
            click.echo(f"No se importó nada: {quantity(len(report.problems), 'problema')}.",
                       err=True)
        else:
            click.echo(f"{plural(report.imported, 'Importada', 'Importadas')} "
                       f"{quantity(report.imported, 'respuesta')} "
                       f"({quantity(report.complete, 'completa')}, "
                       f"{quantity(report.partial, 'parcial', 'parciales')}).")
            if report.unchanged:
                click.echo(f"Sin cambios: {quantity(report.unchanged, 'respuesta')} que ya "
                           f"{plural(report.unchanged, 'estaba guardada', 'estaban guardadas')} "
                           "igual.")
    if report.problems:
        ctx.exit(1)
