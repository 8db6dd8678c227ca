"""`seguimiento sync …`: the plantel's side of USB sync (Envíos USB)."""

import click

from seguimiento_desktop.cli.common import (
    confirmed_fingerprint, fingerprint_json, fingerprint_options, json_option, open_workspace,
    print_json, records_text, stderr_progress)
from seguimiento_desktop.domain.dates import local_datetime


@click.group()
def sync() -> None:
    """Envíos por USB a la oficina central: registro, configuración, paquetes y acuses."""


@sync.command("enrollment")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False),
              help="Archivo donde guardar la solicitud de registro de esta PC.")
@json_option
@click.pass_context
def enrollment(ctx: click.Context, out: str, as_json: bool) -> None:
    """Escribe la solicitud de registro de esta PC para la oficina central."""
    with open_workspace(ctx) as workspace:
        info = workspace.sync_enrollment(out)
    if as_json:
        print_json({"archivo": str(info.path), "cct": info.cct, "instalacion": info.installation_id,
                    "huella": fingerprint_json(info.fingerprint)})
        return
    click.echo(f"Solicitud de registro guardada en {info.path}.")
    click.echo(f"Huella de esta PC: {info.fingerprint.hex}\n  ({info.fingerprint.words})")
    click.echo("Entregue el archivo a la oficina central y léales la huella por teléfono.")


@sync.command("import-config")
@click.argument("file", type=click.Path(dir_okay=False))
@fingerprint_options
@json_option
@click.pass_context
def import_config(ctx: click.Context, file: str, huella: str | None, yes: bool,
                  as_json: bool) -> None:
    """Importa el paquete de configuración firmado por la oficina central."""
    with open_workspace(ctx) as workspace:
        preview = workspace.preview_config(file)
        if preview.first_import and huella is None:
            huella = confirmed_fingerprint(
                preview.fingerprint, f"Huella de la oficina central «{preview.central_name}»:",
                "¿Coincide con la que le dictó la oficina central?",
                "No se importó el paquete: la huella no se confirmó.", yes)
        info = workspace.import_config(file, huella)
    if as_json:
        print_json({"oficina": info.central_name, "numero": info.serial, "perfil": info.profile,
                    "huella": fingerprint_json(info.fingerprint),
                    "primera_vez": info.first_import, "clave_rotada": info.rotated,
                    "cuestionarios": list(info.questionnaires), "catalogos": list(info.catalogs)})
        return
    click.echo(f"Configuración número {info.serial} de «{info.central_name}» importada "
               f"(perfil {info.profile}).")
    if info.rotated:
        click.echo("La oficina central cambió su clave de firma; el cambio está firmado por la "
                   "clave anterior y se aceptó.")


@sync.command("export")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Carpeta (p. ej. la memoria USB) donde guardar el paquete.")
@json_option
@click.pass_context
def export(ctx: click.Context, out: str, as_json: bool) -> None:
    """Exporta un paquete cifrado con todo lo que la oficina central aún no confirma.

    Antes de escribirlo dice qué datos envía el perfil de exportación vigente."""
    from seguimiento_desktop.privacy.notice import profile_summary
    with open_workspace(ctx) as workspace:
        profile = workspace.sync_status().profile
        if profile:  # before anything is written: what leaves the plantel
            click.echo(profile_summary(profile), err=True)
        result = workspace.export_bundle(out, progress=stderr_progress)
    counts = {"alumnos": result.counts["students"], "respuestas": result.counts["responses"],
              "intentos_contacto": result.counts["contact_attempts"]}
    if as_json:
        print_json({"archivo": str(result.path), "numero": result.seq,
                    "ultimo_confirmado": result.base_seq, "registros": counts,
                    "bytes": result.size, "sin_acuse": result.unacknowledged_bundles,
                    "perfil": profile})
        return
    click.echo(f"Paquete {result.seq} guardado en {result.path} ({result.size:,} bytes): "
               f"{records_text(counts)}.")


@sync.command("import-ack")
@click.argument("file", type=click.Path(dir_okay=False))
@json_option
@click.pass_context
def import_ack(ctx: click.Context, file: str, as_json: bool) -> None:
    """Importa el acuse de recibo firmado que devolvió la oficina central."""
    with open_workspace(ctx) as workspace:
        result = workspace.import_ack(file)
    pending = {"alumnos": result.pending["students"], "respuestas": result.pending["responses"],
               "intentos_contacto": result.pending["contact_attempts"]}
    if as_json:
        print_json({"numero": result.seq, "ya_importado": result.already_imported,
                    "pendientes": pending, "correcciones": result.corrections})
        return
    state = "ya estaba registrado" if result.already_imported else "registrado"
    click.echo(f"Acuse del paquete {result.seq} {state}. Pendientes de enviar: "
               f"{records_text(pending)}.")
    if result.corrections:
        click.echo(f"Conflictos resueltos por la oficina central aplicados: "
                   f"{result.corrections}.")


@sync.command("status")
@json_option
@click.pass_context
def status(ctx: click.Context, as_json: bool) -> None:
    """Muestra la configuración de envío, los paquetes exportados y lo pendiente."""
    with open_workspace(ctx) as workspace:
        state = workspace.sync_status()
        history = workspace.export_history()
    data = {"instalacion": state.installation_id, "huella": fingerprint_json(state.fingerprint),
            "configurada": state.configured, "oficina": state.central_name,
            "huella_oficina": fingerprint_json(state.central_fingerprint),
            "perfil": state.profile, "ultimo_paquete": state.last_seq,
            "ultimo_confirmado": state.last_acked_seq,
            "pendientes": {"alumnos": state.pending["students"],
                           "respuestas": state.pending["responses"],
                           "intentos_contacto": state.pending["contact_attempts"]},
            "paquetes": [{"numero": e.seq, "archivo": e.file_name, "creado": e.created_at,
                          "acuse": e.acked_at} for e in history]}
    if as_json:
        print_json(data)
        return
    click.echo(f"Esta PC: {state.installation_id}  huella {state.fingerprint.hex}")
    if not state.configured:
        click.echo("Sin configuración de la oficina central: importe su paquete con "
                   "«seguimiento sync import-config».")
    else:
        click.echo(f"Oficina central: {state.central_name} (perfil {state.profile})")
    click.echo(f"Último paquete: {state.last_seq or '—'}; último con acuse: "
               f"{state.last_acked_seq or '—'}")
    pending = data["pendientes"]
    click.echo(f"Pendientes: {records_text(pending)}.")
    for entry in history:
        acked = f"acuse {local_datetime(entry.acked_at)}" if entry.acked_at else "sin acuse"
        click.echo(f"  {entry.seq:>4}  {entry.file_name}  creado {local_datetime(entry.created_at)}; "
                   f"{acked}")
