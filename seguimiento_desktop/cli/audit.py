"""`seguimiento bitacora`: who did what and when (administrador)."""

import click

from seguimiento_desktop.cli.common import file_of_kind, json_option, open_workspace, print_json
from seguimiento_desktop.cli.followup import _parse_date
from seguimiento_desktop.storage.audit import AuditEntry, AuditQuery


def entry_json(entry: AuditEntry) -> dict:
    return {"registro": entry.seq, "fecha": entry.at, "usuario": entry.user,
            "accion": entry.action, "objeto": entry.target, "detalle": entry.detail_text() if entry.redacted else entry.detail,
            "sello": entry.hash}


@click.command()
@click.option("--desde", default=None, help="Solo desde esta fecha (AAAA-MM-DD).")
@click.option("--usuario", "who", default="", help=(
    "Solo lo que hizo este usuario (quien consulta va antes del comando: "
    "seguimiento --usuario NOMBRE bitacora, o SEGUIMIENTO_USUARIO)."))
@click.option("--accion", default="", help="Solo esta acción (p. ej. inicio_fallido).")
@click.option("--exportar", default=None, type=click.Path(dir_okay=False),
              callback=file_of_kind(".csv", "CSV"),
              help="Guarda lo encontrado en este archivo CSV.")
@click.option("--verificar", is_flag=True, help=(
    "Revisa la cadena de sellos: dice dónde se alteró la bitácora (código 1 si se alteró)."))
@json_option
@click.pass_context
def audit(ctx: click.Context, desde: str | None, who: str, accion: str, exportar: str | None,
          verificar: bool, as_json: bool) -> None:
    """Muestra la bitácora: inicios de sesión, importaciones, cambios, exportaciones,
    envíos, respaldos y cambios de usuarios (administrador)."""
    query = AuditQuery(since=_parse_date(desde).isoformat() if desde else "",
                       user=who.strip().lower(), action=accion.strip())
    with open_workspace(ctx) as workspace:
        if verificar:
            check = workspace.verify_audit_chain()
            if as_json:
                print_json({"integra": check.ok, "registros": check.rows,
                            "se_rompe_en": check.broken_at, "ultimo_sello": check.head,
                            "depurados": check.purged})
            else:
                click.echo(check.description())
            ctx.exit(0 if check.ok else 1)
        if exportar:
            count = workspace.export_audit(exportar, query)
            if as_json:
                print_json({"archivo": exportar, "registros": count})
            else:
                click.echo(f"Bitácora guardada en {exportar} ({count} registros).")
            return
        entries = workspace.audit_log(query)
    if as_json:
        print_json([entry_json(e) for e in entries])
        return
    for e in entries:
        click.echo(f"{e.at}  {e.user:<14} {e.action:<24} {e.target}")
