"""`seguimiento export excel|csv|spss`: responses for analysts, with codes and labels."""

import click

from seguimiento_desktop.cli.common import json_option, open_workspace, print_json, stderr_progress


@click.command("export")
@click.argument("formato", type=click.Choice(["excel", "csv", "spss"]))
@click.option("--out", required=True, type=click.Path(dir_okay=False),
              help="Archivo a crear (.xlsx, .csv o .sav). CSV y SPSS con varios cuestionarios "
                   "crean un archivo por cuestionario: NOMBRE_C1.csv, NOMBRE_C2.csv…")
@click.option("--cuestionario", default="", type=click.Choice(["", "C1", "C2", "C3"]),
              help="Solo este cuestionario (por omisión, los tres).")
@click.option("--generacion", default="", help="Solo esta generación, p. ej. 2022-2025.")
@click.option("--seudonimizado", is_flag=True,
              help="Sin nombres, CURP ni datos de contacto (para compartir con analistas).")
@json_option
@click.pass_context
def export(ctx: click.Context, formato: str, out: str, cuestionario: str, generacion: str,
           seudonimizado: bool, as_json: bool) -> None:
    """Exporta las respuestas completas: una fila por cuestionario contestado, con códigos y
    etiquetas, y el libro de códigos (Excel, CSV UTF-8 con BOM o SPSS con etiquetas)."""
    with open_workspace(ctx) as workspace:
        result = workspace.export_responses(formato, out, cuestionario, generacion, seudonimizado,
                                            progress=stderr_progress)
    if as_json:
        print_json({"archivos": [str(f) for f in result.files], "filas": result.rows})
        return
    rows = ", ".join(f"{q}: {n}" for q, n in result.rows.items())
    for path in result.files:
        click.echo(f"Listo: {path}")
    click.echo(f"Respuestas exportadas ({rows}).")
