"""`seguimiento central --db C report`: the consolidated report, added to the central group.

The `central` group belongs to the sync commands (cli/central.py); this module attaches the
report command to it so both stay in their own files (cli/main.py loads the group here).
"""

import click

from seguimiento_desktop.cli import postgresql  # noqa: F401 - attaches «central migrate»
from seguimiento_desktop.cli.central import central, central_db
from seguimiento_desktop.cli.common import file_of_kind, json_option, pdf_done, stderr_progress
from seguimiento_desktop.cli.indicators import indicator_options, show


@central.command("report")
@click.option("--generacion", default="",
              help="Generación que describe el informe (por omisión, la más reciente con C2).")
@click.option("--out", required=True, type=click.Path(dir_okay=False),
              help="Archivo PDF a crear (se reemplaza si existe).",
              callback=file_of_kind(".pdf", "PDF"))
@json_option
@click.pass_context
def central_report(ctx: click.Context, generacion: str, out: str, as_json: bool) -> None:
    """Informe consolidado: cobertura, tasas de respuesta e indicadores por plantel, entidad y
    subsistema, rankings y tendencias entre generaciones."""
    from seguimiento_desktop.reports.central_report import render_central_report
    store = postgresql.open_any_store(central_db(ctx))  # a file or a server
    try:
        pages = render_central_report(store.db, out, generacion, progress=stderr_progress)
    finally:
        store.close()
    pdf_done(out, pages, as_json)


@central.command("indicadores")
@indicator_options
@click.pass_context
def central_indicators(ctx: click.Context, generacion: str, cuestionario: str, by: str,
                       as_json: bool) -> None:
    """Indicadores de todos los planteles fusionados: solo estudia, solo trabaja, estudia y
    trabaja, ni estudia ni trabaja y educación superior, por entidad, subsistema, plantel,
    carrera o sexo."""
    show(central_db(ctx), generacion, cuestionario, by, as_json)
