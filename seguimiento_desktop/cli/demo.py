"""`seguimiento demo`: a synthetic plantel to try the app or test it."""

import click

from seguimiento_desktop.cli.common import creating_workspace, json_option, print_json, stderr_progress
from seguimiento_desktop.domain.text import quantity


@click.command()
@click.option("--alumnos", default=300, show_default=True, type=click.IntRange(1, 200_000),
              help="Cuántos alumnos sintéticos crear.")
@json_option
@click.pass_context
def demo(ctx: click.Context, alumnos: int, as_json: bool) -> None:
    """Llena la base de datos con un plantel de demostración (datos ficticios)."""
    with creating_workspace(ctx) as workspace:
        created = workspace.fill_demo(alumnos, progress=stderr_progress)
        school = workspace.school()
    if as_json:
        print_json({"cct": school.cct if school else "", "alumnos": created})
    else:
        click.echo(f"Plantel de demostración listo: "
                   f"{quantity(created, 'alumno ficticio', 'alumnos ficticios')} en {ctx.obj['db_path']}")
