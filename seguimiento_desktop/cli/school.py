"""`seguimiento init`, `seguimiento backup` and `seguimiento restore`."""

from dataclasses import replace

import click

from seguimiento_desktop.cli.common import (
    creating_workspace, json_option, open_workspace, print_json, stderr_progress)
from seguimiento_desktop.domain.models import School


@click.command()
@click.option("--cct", required=True, help="Clave de centro de trabajo, p. ej. 14DCT0001A.")
@click.option("--nombre", required=True, help="Nombre del plantel.")
@click.option("--subsistema", default="", help="Subsistema (DGETI, CONALEP, COBACH…).")
@click.option("--entidad", default="", help="Entidad federativa.")
@click.option("--municipio", default="",
              help="Municipio o alcaldía de la lista del INEGI para la entidad de la CCT: el "
                   "nombre (sin importar mayúsculas ni acentos) o su clave de tres dígitos.")
@click.option("--turno", default="", help="Turno del plantel.")
@json_option
@click.pass_context
def init(ctx: click.Context, cct: str, nombre: str, subsistema: str, entidad: str,
         municipio: str, turno: str, as_json: bool) -> None:
    """Crea la base de datos del plantel (o corrige sus datos)."""
    from seguimiento_desktop.domain.cct import cct_state
    from seguimiento_desktop.domain.municipalities import municipality_key
    from seguimiento_desktop.services import Workspace
    school = Workspace.checked_school(School(
        cct=cct, name=nombre, subsystem=subsistema, municipality=municipio, shift=turno))
    school = replace(school, state=entidad or cct_state(school.cct) or "")
    with creating_workspace(ctx) as workspace:
        school = workspace.set_up_school(school)
        if as_json:
            print_json({"cct": school.cct, "nombre": school.name, "subsistema": school.subsystem,
                        "entidad": school.state, "municipio": school.municipality,
                        "clave_municipio": municipality_key(school.cct[:2], school.municipality),
                        "base_de_datos": str(workspace.path)})
        else:
            click.echo(f"Plantel {school.cct} — {school.name} listo en {workspace.path}")


@click.command()
@click.argument("destino", type=click.Path(dir_okay=False))
@click.pass_context
def backup(ctx: click.Context, destino: str) -> None:
    """Guarda una copia de seguridad de la base de datos en DESTINO."""
    with open_workspace(ctx) as workspace:
        path = workspace.backup(destino, progress=stderr_progress)
    click.echo(f"Respaldo guardado en {path}")


@click.command()
@click.argument("respaldo", type=click.Path(dir_okay=False))
@click.option("--si", "yes", is_flag=True, help="No preguntar: restaurar directamente.")
@json_option
@click.pass_context
def restore(ctx: click.Context, respaldo: str, yes: bool, as_json: bool) -> None:
    """Reemplaza la base de datos con el RESPALDO (la actual se guarda aparte antes)."""
    from seguimiento_desktop.errors import InvalidData
    with open_workspace(ctx) as workspace:
        summary = workspace.describe_backup(respaldo)
        click.echo(summary.description(), err=True)
        if not yes:
            answer = click.prompt("¿Reemplazar la base de datos actual con este respaldo? [s/N]",
                                  default="n", show_default=False, err=True)
            if answer.strip().lower() not in ("s", "si", "sí"):
                raise InvalidData("No se restauró nada: la base de datos sigue como estaba.")
        aside = workspace.restore_backup(respaldo, progress=stderr_progress)
    if as_json:
        print_json({"restaurado": str(summary.path), "base_anterior": str(aside),
                    "plantel": summary.school_cct, "alumnos": summary.students,
                    "cuestionarios": summary.responses})
    else:
        click.echo(f"Respaldo restaurado. La base de datos anterior quedó en {aside}")
