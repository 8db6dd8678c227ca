"""`seguimiento indicadores` and `seguimiento central indicadores`: the strategy's
activity indicators (docs/indicators.md) per entidad, subsistema, plantel, carrera or sexo.

One command body for both databases: a plantel's and the central office's merged one.
"""

from collections.abc import Callable

import click

from seguimiento_desktop.cli.common import json_option, print_json

JSON_KEYS = ("solo_estudia", "solo_trabaja", "estudia_y_trabaja", "ni_estudia_ni_trabaja",
             "educacion_superior")


def indicator_options(function: Callable) -> Callable:
    """The options both `indicadores` commands share."""
    for option in reversed([
            click.option("--generacion", required=True, help="Generación, p. ej. 2022-2025."),
            click.option("--cuestionario", required=True, type=click.Choice(["C2", "C3"]),
                         help="C2 (6 meses después de egresar) o C3 (18 meses)."),
            click.option("--por", "by", default="entidad", show_default=True,
                         type=click.Choice(["entidad", "subsistema", "plantel", "carrera", "sexo"]),
                         help="Desglose: una fila por entidad, subsistema, plantel, carrera o sexo."),
            json_option]):
        function = option(function)
    return function


def rows_json(rows: list) -> list[dict]:
    """The documented --json rows: shares 0–1 of n, null when suppressed."""
    return [{"grupo": r.group, "n": r.n, **{k: r.share(k) for k in JSON_KEYS},
             "suprimido": r.suppressed} for r in rows]


def _cell(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def _nothing(cohort: str, questionnaire: str) -> str:
    """Why there are no rows: a wave not yet due is «pendiente», not a failure."""
    from datetime import date

    from seguimiento_desktop.domain.calendar import due_window
    from seguimiento_desktop.domain.dates import local_date
    window = due_window(cohort, questionnaire)
    if window.state_on(date.today()) == "pendiente":
        return (f"{questionnaire} de la generación {cohort}: pendiente (su periodo abre el "
                f"{local_date(window.opens)}).")
    return f"Sin respuestas completas de {questionnaire} de la generación {cohort}."


def show(db_path: str, generacion: str, cuestionario: str, by: str, as_json: bool,
         store=None) -> None:
    """Compute and print the indicators of the database at ``db_path`` (a central store,
    file or server), or of ``store`` (a plantel's, opened by its signed-in user)."""
    from seguimiento_desktop.domain.cohorts import parse_cohort
    from seguimiento_desktop.indicators.tables import indicator_rows
    from seguimiento_desktop.cli.postgresql import open_any_store
    cohort = str(parse_cohort(generacion))
    if store is not None:
        rows = indicator_rows(store.db, cuestionario, cohort, by)
    else:
        store = open_any_store(db_path)
        try:
            rows = indicator_rows(store.db, cuestionario, cohort, by)
        finally:
            store.close()
    if as_json:
        print_json(rows_json(rows))
        return
    if not rows:
        click.echo(_nothing(cohort, cuestionario))
        return
    headers = ("Solo est.", "Solo trab.", "Est. y tr.", "Ni/ni", "Ed. sup.")
    click.echo(f"{by.capitalize():<32} {'n':>6}  " + "  ".join(f"{h:>10}" for h in headers))
    for r in rows:
        click.echo(f"{r.group[:32]:<32} {r.n:>6}  " +
                   "  ".join(f"{_cell(r.share(k)):>10}" for k in JSON_KEYS))
    if any(r.suppressed for r in rows):
        click.echo("— : menos de 5 personas respondieron; el porcentaje no se publica.")


@click.command("indicadores")
@indicator_options
@click.pass_context
def indicators(ctx: click.Context, generacion: str, cuestionario: str, by: str,
               as_json: bool) -> None:
    """Indicadores del plantel: solo estudia, solo trabaja, estudia y trabaja, ni estudia ni
    trabaja y educación superior, por entidad, subsistema, plantel, carrera o sexo."""
    from seguimiento_desktop.cli.common import open_workspace
    with open_workspace(ctx) as workspace:  # encrypted: read after the sign-in, with its key
        show(ctx.obj["db_path"], generacion, cuestionario, by, as_json, workspace.store)
