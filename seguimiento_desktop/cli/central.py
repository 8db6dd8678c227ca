"""`seguimiento central …`: the central office (or a plantel's main PC) receiving bundles."""

import click
from click.core import ParameterSource

from seguimiento_desktop.cli.common import (
    confirmed_fingerprint, fingerprint_json, fingerprint_options, gui_function, json_option,
    print_json, stderr_progress)
from seguimiento_desktop.domain.dates import local_datetime
from seguimiento_desktop.domain.text import quantity
from seguimiento_desktop.errors import InvalidData


def central_db(ctx: click.Context) -> str:
    """The central database given with --db (checked here, not in the group, so that
    `seguimiento central enroll --help` shows the help without a database)."""
    if ctx.obj["central_db"] is None:
        raise InvalidData("Indique la base de la oficina central: "
                          "«seguimiento central --db ARCHIVO …».")
    return ctx.obj["central_db"]


def _open(ctx: click.Context, create: bool = False):
    from seguimiento_desktop.cli.postgresql import open_office  # a file or a server
    return open_office(central_db(ctx), create=create)


@click.group()
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None,
              help="Base de datos de la oficina central (o de la PC principal del plantel): "
                   "un archivo, o un servidor postgresql://usuario@servidor:puerto/base.")
@click.pass_context
def central(ctx: click.Context, db_path: str | None) -> None:
    """Oficina central: llaves, registro de planteles, configuración y fusión de paquetes."""
    parent = ctx.parent
    given = parent is not None and parent.get_parameter_source("db_path") == \
        ParameterSource.COMMANDLINE
    ctx.obj = {**ctx.obj, "central_db": db_path or (ctx.obj["db_path"] if given else None)}


@central.command("gui")
@click.pass_context
def gui(ctx: click.Context) -> None:
    """Abre la ventana de la oficina central (la crea si la base aún no existe)."""
    run_central_app = gui_function("seguimiento_desktop.gui.central.window", "run_central_app")
    raise SystemExit(run_central_app(central_db(ctx)))


@central.command("init")
@click.option("--nombre", required=True, help="Nombre de la oficina central.")
@click.option("--custodia", "escrow", multiple=True,
              help="Clave pública age («age1…») de respaldo que también podrá descifrar "
                   "(se puede repetir).")
@click.option("--perfil", type=click.Choice(["completo", "seudonimizado"]), default=None,
              help="Perfil de exportación que pedirá a los planteles: por omisión "
                   "«seudonimizado» (sin CURP, nombres ni contacto); «completo» solo si la "
                   "oficina lo necesita (en la PC principal de un plantel, «completo»).")
@json_option
@click.pass_context
def init(ctx: click.Context, nombre: str, escrow: tuple[str, ...], perfil: str,
         as_json: bool) -> None:
    """Crea las llaves de la oficina central (una sola vez)."""
    with _open(ctx, create=True) as office:
        identity = office.init(nombre, escrow, perfil)
    if as_json:
        print_json({"oficina": identity.name, "huella": fingerprint_json(identity.fingerprint),
                    "destinatarios": list(identity.recipients), "perfil": identity.profile})
        return
    click.echo(f"Oficina central «{identity.name}» creada. Huella para los planteles:\n  "
               f"{identity.fingerprint.hex}\n  ({identity.fingerprint.words})")
    click.echo("Respalde esta base de datos en un lugar seguro: contiene la llave privada.")


@central.command("enroll")
@click.argument("file", type=click.Path(dir_okay=False))
@fingerprint_options
@json_option
@click.pass_context
def enroll(ctx: click.Context, file: str, huella: str | None, yes: bool, as_json: bool) -> None:
    """Registra la PC de un plantel a partir de su solicitud de registro."""
    with _open(ctx) as office:
        preview = office.preview_enrollment(file)
        if huella is None:
            huella = confirmed_fingerprint(
                preview.fingerprint, f"Solicitud de {preview.cct} «{preview.school_name}», PC "
                f"{preview.installation_id}.\nHuella:",
                "¿Coincide con la que le dictó el plantel?",
                "No se registró la PC: la huella no se confirmó.", yes)
        found = office.enroll(file, huella)
    if as_json:
        print_json({"cct": found.cct, "plantel": found.school_name,
                    "instalacion": found.installation_id,
                    "huella": fingerprint_json(found.fingerprint)})
        return
    click.echo(f"PC {found.installation_id} de {found.cct} registrada. Genere un paquete de "
               "configuración nuevo y envíelo al plantel.")


@central.command("config-package")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False),
              help="Archivo donde guardar el paquete de configuración firmado.")
@click.option("--perfil", type=click.Choice(["completo", "seudonimizado"]), default=None,
              help="Cambia el perfil de exportación: la oficina lo adopta en cuanto el "
                   "paquete queda guardado.")
@json_option
@click.pass_context
def config_package(ctx: click.Context, out: str, perfil: str | None, as_json: bool) -> None:
    """Genera el paquete de configuración firmado para los planteles."""
    with _open(ctx) as office:
        info = office.write_config_package(out, perfil)
    if as_json:
        print_json({"archivo": str(info.path), "numero": info.serial, "perfil": info.profile,
                    "huella": fingerprint_json(info.fingerprint),
                    "cuestionarios": list(info.questionnaires), "catalogos": list(info.catalogs)})
        return
    click.echo(f"Paquete de configuración {info.serial} guardado en {info.path} "
               f"(perfil {info.profile}).")


@central.command("rotate-key")
@json_option
@click.pass_context
def rotate_key(ctx: click.Context, as_json: bool) -> None:
    """Cambia la clave de firma; la anterior firma el cambio para que los planteles lo acepten."""
    with _open(ctx) as office:
        identity = office.rotate_signing_key()
    if as_json:
        print_json({"huella": fingerprint_json(identity.fingerprint)})
        return
    click.echo(f"Nueva clave de firma, huella {identity.fingerprint.hex}. Genere y envíe un "
               "paquete de configuración nuevo.")


@central.command("revoke")
@click.argument("installation_id")
@click.pass_context
def revoke(ctx: click.Context, installation_id: str) -> None:
    """Da de baja una PC (perdida o robada): sus paquetes ya no se aceptan."""
    with _open(ctx) as office:
        if not office.revoke(installation_id):
            raise InvalidData(f"No hay una PC registrada y activa con el identificador "
                              f"{installation_id}. Consulte «central status».")
    click.echo(f"PC {installation_id} dada de baja: sus paquetes se rechazarán.")


def outcome_json(outcome) -> dict:
    counts = outcome.counts
    return {"archivo": str(outcome.path), "aceptado": outcome.accepted,
            "motivo": outcome.reason, "mensaje": outcome.message, "cct": outcome.cct,
            "instalacion": outcome.installation_id, "numero": outcome.seq,
            "repetido": outcome.duplicate, "nuevos": counts.new, "actualizados": counts.updated,
            "sin_cambios": counts.unchanged, "en_conflicto": counts.conflicts,
            "en_espera": counts.waiting,
            "acuse": str(outcome.ack_path) if outcome.ack_path else None,
            "avisos": list(outcome.warnings)}


@central.command("merge")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--acks", "acks_dir", type=click.Path(file_okay=False), default=None,
              help="Carpeta para los acuses (por omisión, junto a cada paquete).")
@json_option
@click.pass_context
def merge(ctx: click.Context, files: tuple[str, ...], acks_dir: str | None, as_json: bool) -> None:
    """Verifica y fusiona paquetes de los planteles; escribe un acuse por paquete aceptado."""
    with _open(ctx) as office:
        report = office.merge(list(files), acks_dir, progress=stderr_progress)
    if as_json:
        print_json({"paquetes": [outcome_json(o) for o in report.outcomes],
                    "rechazados": report.rejected, "faltantes": list(report.gaps)})
    else:
        for o in report.outcomes:
            if o.accepted:
                c = o.counts
                click.echo(f"ACEPTADO  {o.path.name}: {quantity(c.new, 'nuevo')}, "
                           f"{quantity(c.updated, 'actualizado')}, "
                           f"{c.unchanged} sin cambios, {c.conflicts} en conflicto"
                           + (f", {c.waiting} en espera" if c.waiting else "")
                           + (f". {o.message}" if o.message else "."))
            else:
                click.echo(f"RECHAZADO {o.path.name}: {o.message}")
            for warning in o.warnings:
                click.echo(f"  Aviso: {warning}")
        for gap in report.gaps:
            click.echo(gap)
    if report.rejected:
        ctx.exit(1)


@central.command("status")
@json_option
@click.pass_context
def status(ctx: click.Context, as_json: bool) -> None:
    """Por plantel: último paquete, paquetes faltantes, alumnos y respuestas."""
    with _open(ctx) as office:
        state = office.status()
    data = {"oficina": state.name, "huella": fingerprint_json(state.fingerprint),
            "perfil": state.profile, "conflictos": state.open_conflicts,
            "en_espera": state.waiting_records,
            "planteles": [{"cct": s.cct, "plantel": s.school_name, "entidad": s.state,
                           "subsistema": s.subsystem, "municipio": s.municipality,
                           "clave_municipio": s.municipality_key, "alumnos": s.students,
                           "respuestas": s.responses,
                           "instalaciones": [{
                               "instalacion": i.installation_id, "pc": i.label,
                               "dada_de_baja": i.revoked,
                               "paquetes": i.bundles, "ultimo_paquete": i.last_seq,
                               "ultimo_creado": i.last_created_at,
                               "ultimo_recibido": i.last_received_at,
                               "faltantes": list(i.missing), "cubiertos": list(i.covered),
                               "avisos": list(i.messages)} for i in s.installations]}
                          for s in state.schools]}
    if as_json:
        print_json(data)
        return
    click.echo(f"Oficina central «{state.name}» (perfil {state.profile}), huella "
               f"{state.fingerprint.hex}")
    for school in state.schools:
        answers = ", ".join(f"{q}: {n}" for q, n in school.responses.items()) or "sin respuestas"
        click.echo(f"{school.cct}  {school.school_name}" +
                   (f" ({school.place})" if school.place else "") +
                   f": {quantity(school.students, 'alumno')}; {answers}")
        if school.municipality and not school.municipality_key:
            click.echo(f"    El municipio «{school.municipality}» no está en la lista del INEGI "
                       f"de {school.state or 'su entidad'}: se conserva como se escribió.")
        for inst in school.installations:
            received = local_datetime(inst.last_received_at) if inst.last_received_at else "nunca"
            click.echo(f"    {inst.label}: último paquete "
                       f"{inst.last_seq or '—'} ({received})")
            for message in inst.messages:
                click.echo(f"    {message}")
    click.echo(f"Conflictos por revisar: {state.open_conflicts}. Registros en espera de su "
               f"alumno: {state.waiting_records}.")


@central.command("conflicts")
@json_option
@click.pass_context
def conflicts(ctx: click.Context, as_json: bool) -> None:
    """Lista los valores distintos capturados a la vez en dos PC (vista «Conflictos»)."""
    with _open(ctx) as office:
        found = office.conflicts()
    if as_json:
        print_json([{"id": c.id, "tipo": c.kind, "curp": c.curp, "nombre": c.name, "campo": c.label,
                     "valor_conservado": c.kept_value, "otro_valor": c.other_value,
                     "origen_conservado": c.kept_origin, "otro_origen": c.other_origin,
                     "fecha_conservado": c.kept_at, "otra_fecha": c.other_at,
                     "pc_conservada": c.kept_pc, "otra_pc": c.other_pc} for c in found])
        return
    for c in found:
        click.echo(f"{c.curp}  {c.name}  {c.label}: «{c.kept_value}» ({c.kept_origin}, "
                   f"{c.kept_pc}) / «{c.other_value}» ({c.other_origin}, {c.other_pc})")
    click.echo(f"{quantity(len(found), 'conflicto')}.")


@central.command("resolve")
@click.argument("conflict_id", metavar="CONFLICTO")
@click.option("--conservar", "keep", is_flag=True,
              help="Conservar el valor que ya tiene el registro.")
@click.option("--otro", "other", is_flag=True, help="Tomar el otro valor.")
@click.option("--valor", "value", default=None, metavar="TEXTO",
              help="Escribir el valor correcto (se revisa como en el directorio).")
@click.option("--por", "by", default=None, metavar="NOMBRE",
              help="Quién resuelve (por omisión, el usuario del sistema).")
@json_option
@click.pass_context
def resolve(ctx: click.Context, conflict_id: str, keep: bool, other: bool, value: str | None,
            by: str | None, as_json: bool) -> None:
    """Resuelve un conflicto (el `id` de `central conflicts --json`): conserva un valor,
    toma el otro o escribe el correcto; se registra quién y cuándo."""
    import getpass

    from seguimiento_desktop.sync.models import Pick
    if keep + other + (value is not None) != 1:
        raise InvalidData("Indique exactamente una de --conservar, --otro o --valor TEXTO.")
    choice = Pick.KEPT if keep else Pick.OTHER if other else value
    with _open(ctx) as office:
        done = office.resolve_conflict(conflict_id, choice, by or getpass.getuser())
    if as_json:
        print_json({"id": done.conflict_id, "campo": done.label, "eleccion": done.choice,
                    "valor": done.value, "resuelto_por": done.resolved_by,
                    "fecha": done.resolved_at})
        return
    click.echo(f"Conflicto resuelto: «{done.label}» queda «{done.value}» (por "
               f"{done.resolved_by}, {local_datetime(done.resolved_at)}).")
