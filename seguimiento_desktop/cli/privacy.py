"""`seguimiento privacidad`: retention of contact data and the ARCO rights of a person."""

from datetime import date
from pathlib import Path

import click

from seguimiento_desktop.cli.common import file_of_kind, json_option, open_workspace, print_json


@click.group("privacidad")
def privacy() -> None:
    """Protección de datos personales: retención de los datos de contacto y derechos ARCO."""


def _audit(workspace, action: str, target: str, detail: dict) -> None:
    """The bitácora (accounts/usecases.py), where this version of the app has one."""
    if hasattr(workspace, "log_action"):
        workspace.log_action(action, target, detail)


def _who(workspace) -> str:
    """The signed-in account, for the bitácora row a purge writes."""
    account = getattr(workspace, "account", None)
    return account.name if account else ""


@privacy.command("retencion")
@click.option("--meses", type=click.IntRange(0, 120), default=None,
              help="Meses que se conservan los datos de contacto después de terminar el "
                   "seguimiento (por omisión, el ajuste del plantel: 6).")
@click.option("--aplicar", is_flag=True, help="Borra los datos de contacto listados (sin esta "
              "opción solo se muestra qué se borraría).")
@click.option("--informe", type=click.Path(dir_okay=False), default=None,
              callback=file_of_kind(".pdf", "PDF"),
              help="Guarda además el informe en PDF (qué se borra y qué se conserva).")
@json_option
@click.pass_context
def retention(ctx: click.Context, meses: int | None, aplicar: bool, informe: str | None,
              as_json: bool) -> None:
    """Datos de contacto de generaciones cuyo seguimiento terminó hace más de N meses: qué se
    borraría y, con --aplicar, borrarlos. Se conservan nombres, CURP y respuestas
    estadísticas."""
    from seguimiento_desktop.privacy import retention as rules
    with open_workspace(ctx) as workspace:
        if aplicar and hasattr(workspace, "require"):
            from seguimiento_desktop.accounts.roles import ADMINISTRATION
            workspace.require(ADMINISTRATION)  # purges are the administrator's
        plan = (rules.purge_contact_data(workspace.store, meses, date.today(), _who(workspace))
                if aplicar else rules.retention_plan(workspace.store, meses, date.today()))
        if aplicar and not plan.empty:
            _audit(workspace, "depurar_contactos", ", ".join(c.cohort for c in plan.cohorts),
                   {c.cohort: [c.students, c.responses, c.notes] for c in plan.cohorts})
        if informe:
            from seguimiento_desktop.privacy.retention_report import save_retention_report
            save_retention_report(Path(informe), plan, workspace.school(), aplicar)
    rows = [{"generacion": c.cohort, "seguimiento_termino": c.followup_ended.isoformat(),
             "alumnos_con_telefono_o_correo": c.students, "cuestionarios_con_contacto":
             c.responses, "notas_de_contacto": c.notes} for c in plan.cohorts]
    if as_json:
        print_json({"meses": plan.months, "aplicado": aplicar, "generaciones": rows})
        return
    click.echo(rules.plan_text(plan, aplicar)
               + ("" if aplicar or plan.empty else " Para borrarlos: --aplicar."))


@privacy.command("arco")
@click.argument("curp")
@click.option("--salida", required=True, type=click.Path(file_okay=False),
              help="Carpeta donde guardar la ficha (PDF) y los datos (JSON) de la persona.")
@json_option
@click.pass_context
def arco(ctx: click.Context, curp: str, salida: str, as_json: bool) -> None:
    """Derecho de acceso (ARCO): todos los datos de una persona, en PDF y en JSON."""
    from seguimiento_desktop.privacy.arco import export_person
    with open_workspace(ctx) as workspace:
        json_path, pdf_path = export_person(workspace, curp, Path(salida))
        _audit(workspace, "arco_acceso", curp.strip().upper(), {"salida": salida})
    if as_json:
        print_json({"json": str(json_path), "pdf": str(pdf_path)})
    else:
        click.echo(f"Listo: {pdf_path}\n       {json_path}")


@privacy.command("cancelar")
@click.argument("curp")
@click.option("--si", "yes", is_flag=True, help="No preguntar: borrar directamente.")
@json_option
@click.pass_context
def cancel(ctx: click.Context, curp: str, yes: bool, as_json: bool) -> None:
    """Derecho de cancelación (ARCO): la persona sale del directorio y del seguimiento y se
    borran sus teléfonos, correo, respuestas y bitácora de contacto (también en la oficina
    central con el siguiente paquete). Solo el administrador."""
    from seguimiento_desktop.errors import NotFound
    from seguimiento_desktop.privacy.arco import cancel_person
    with open_workspace(ctx) as workspace:
        if hasattr(workspace, "require"):
            from seguimiento_desktop.accounts.roles import ADMINISTRATION
            workspace.require(ADMINISTRATION)
        person = workspace.student_by_curp(curp)
        if person is None:
            raise NotFound(f"No hay ningún alumno con la CURP {curp.strip().upper()} en el "
                           "directorio. Revise la CURP o búsquelo por nombre.")
        if not yes and not click.confirm(
                f"¿Borrar los datos de {person.full_name} ({person.curp})? No se puede "
                "deshacer (solo restaurando un respaldo).", err=True):
            raise click.exceptions.Abort()
        erased = cancel_person(workspace.store, person.id, _who(workspace))
    if as_json:
        print_json({"curp": person.curp, "cuestionarios": erased[0], "notas_de_contacto":
                    erased[1]})
    else:
        click.echo(f"Listo: se borraron los datos de {person.full_name} "
                   f"({erased[0]} cuestionarios, {erased[1]} notas de contacto).")
