"""`seguimiento roster …`: preview and import student lists (XLSX/CSV)."""

import click

from seguimiento_desktop.cli.common import json_option, open_workspace, print_json, stderr_progress
from seguimiento_desktop.domain.text import quantity
from seguimiento_desktop.errors import InvalidData
from seguimiento_desktop.roster.models import TARGET_FIELDS, ImportReport, RosterPreview

MAX_LISTED = 50  # problems listed in the readable summary; --json lists them all


@click.group()
def roster() -> None:
    """Importa listas de alumnos desde Excel (.xlsx, .xls) o CSV."""


@roster.command("preview")
@click.argument("archivo", type=click.Path(dir_okay=False))
@click.option("--hoja", default=None, help="Hoja del libro a leer (por omisión, la primera "
              "que tenga encabezados).")
@json_option
@click.pass_context
def preview(ctx: click.Context, archivo: str, hoja: str | None, as_json: bool) -> None:
    """Muestra cómo se leerá ARCHIVO: fila de encabezados, columnas reconocidas y primeras filas."""
    with open_workspace(ctx) as workspace:
        found = workspace.preview_roster(archivo, hoja)
    if as_json:
        print_json(preview_json(found))
        return
    click.echo(f"Hoja «{found.sheet}», encabezados en la fila {found.header_row}; "
               f"{quantity(found.total_rows, 'fila')} con datos.")
    for index, header in enumerate(found.columns):
        target = found.mapping.get(index)
        click.echo(f"  {_column_letter(index):>3} {header or '(sin título)':<30} → "
                   f"{TARGET_FIELDS[target] if target else '(se ignora)'}")
    click.echo("Primeras filas:")
    for number, row in zip(found.row_numbers, found.rows):
        click.echo(f"  {number:>5}: " + " | ".join(row[i] for i in sorted(found.mapping)
                                                   if i < len(row)))


def preview_json(found: RosterPreview) -> dict:
    """The documented `roster preview --json` shape (Spanish keys)."""
    return {
        "archivo": found.path, "hoja": found.sheet, "hojas": found.sheets,
        "fila_encabezados": found.header_row, "total_filas": found.total_rows,
        "columnas": [{"indice": i, "letra": _column_letter(i), "encabezado": header,
                      "campo": found.mapping.get(i)} for i, header in enumerate(found.columns)],
        "filas": [{"fila": n, "valores": row} for n, row in zip(found.row_numbers, found.rows)],
    }


@roster.command("import")
@click.argument("archivo", type=click.Path(dir_okay=False))
@click.option("--generacion", required=True,
              help="Generación de todos los alumnos del archivo, p. ej. 2023-2026.")
@click.option("--hoja", default=None, help="Hoja del libro a leer (por omisión, la primera "
              "que tenga encabezados).")
@click.option("--dry-run", is_flag=True, help="Revisa el archivo y muestra qué pasaría, "
              "sin guardar nada.")
@click.option("--strict", is_flag=True, help="No importa nada si alguna fila se rechaza.")
@click.option("--rechazadas", type=click.Path(dir_okay=False), default=None,
              help="Guarda las filas rechazadas (fila, datos y motivo) en este archivo "
              ".xlsx, .csv o .pdf para corregirlas.")
@json_option
@click.pass_context
def import_(ctx: click.Context, archivo: str, generacion: str, hoja: str | None, dry_run: bool,
            strict: bool, rechazadas: str | None, as_json: bool) -> None:
    """Importa la lista de alumnos de ARCHIVO para una generación."""
    from pathlib import Path
    with open_workspace(ctx) as workspace:
        report = workspace.import_roster(archivo, generacion, sheet=hoja, dry_run=dry_run,
                                         strict=strict, progress=stderr_progress)
        if rechazadas and report.rejected:
            saved = workspace.save_rejected_rows(report, rechazadas, Path(archivo).name)
            click.echo(f"Filas rechazadas guardadas en {saved}", err=True)
    if as_json:
        print_json(report.as_json())
    else:
        _print_summary(report)
    if report.refused:
        raise InvalidData(f"No se importó nada: "
                          f"{quantity(len(report.rejected), 'fila rechazada', 'filas rechazadas')} y se "
                          "pidió --strict. Corrija esas filas o quite --strict.")


def _print_summary(report: ImportReport) -> None:
    if report.dry_run:
        click.echo("Revisión sin guardar (--dry-run): esto es lo que pasaría.")
    click.echo(f"Alumnos nuevos: {report.inserted}")
    click.echo(f"Alumnos actualizados: {report.updated}")
    click.echo(f"Sin cambios: {report.unchanged}")
    click.echo(f"Filas rechazadas: {len(report.rejected)}")
    for problem in report.rejected[:MAX_LISTED]:
        click.echo(f"  fila {problem.row}: {' '.join(problem.reasons)}")
    click.echo(f"Avisos: {len(report.warnings)}")
    for warning in report.warnings[:MAX_LISTED]:
        click.echo(f"  fila {warning.row}: {warning.message}")
    hidden = max(0, len(report.rejected) - MAX_LISTED) + max(0, len(report.warnings) - MAX_LISTED)
    if hidden:
        click.echo(f"  … y {hidden} más (use --json para verlos todos).")


def _column_letter(index: int) -> str:
    """0 -> 'A', 26 -> 'AA': the column names Excel shows."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
