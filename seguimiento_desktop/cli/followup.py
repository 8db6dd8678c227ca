"""`seguimiento followup …`: what is due, whom to call, and the contact log."""

from datetime import date

import click

from seguimiento_desktop.cli.common import json_option, open_workspace, print_json
from seguimiento_desktop.domain.dates import local_date
from seguimiento_desktop.domain.models import CONTACT_MEDIA, CONTACT_RESULTS, ContactAttempt
from seguimiento_desktop.domain.text import quantity
from seguimiento_desktop.errors import InvalidData, NotFound

STATE_LABELS = {"pendiente": "por abrir", "en_curso": "en curso", "vencido": "cerrado"}


# Cohort calendars run a few years past a date; far-off years overflow date arithmetic
# (9999-12-31 plus a year) and are never what the user meant.
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)


def _parse_date(text: str | None, latest: date = LAST_DAY, what: str = "La fecha") -> date:
    """The date typed as AAAA-MM-DD (today if none), within [FIRST_DAY, ``latest``]."""
    if not text:
        return date.today()
    try:
        day = date.fromisoformat(text)
    except ValueError as error:
        raise InvalidData(f"La fecha «{text}» no es válida. Escríbala como AAAA-MM-DD.") from error
    if not FIRST_DAY <= day <= latest:
        raise InvalidData(f"{what} «{text}» está fuera de rango: escriba una fecha entre el "
                          f"{FIRST_DAY.isoformat()} y el {latest.isoformat()}.")
    return day


@click.group()
def followup() -> None:
    """Seguimiento de dos años: qué cuestionario toca y a quién falta contactar."""


@followup.command("status")
@click.option("--fecha", default=None, help="Fecha de referencia AAAA-MM-DD (por omisión, hoy).")
@click.option("--todas", is_flag=True, help="Todas las ventanas de cada generación, no solo las vigentes.")
@json_option
@click.pass_context
def status(ctx: click.Context, fecha: str | None, todas: bool, as_json: bool) -> None:
    """Por generación y cuestionario: periodo de aplicación, alumnos, respuestas y tasa."""
    today = _parse_date(fecha)
    with open_workspace(ctx) as workspace:
        lines = workspace.followup_status(today, all_windows=todas)
    rows = [{
        "generacion": l.window.cohort, "cuestionario": l.window.questionnaire, "titulo": l.title,
        "abre": l.window.opens.isoformat(), "cierra": l.window.closes.isoformat(),
        "estado": l.state, "alumnos": l.students, "respuestas": l.complete,
        "parciales": l.partial, "tasa": round(l.rate, 4)} for l in lines]
    if as_json:
        print_json(rows)
        return
    for line, r in zip(lines, rows):
        click.echo(f"{r['generacion']}  {r['cuestionario']}  {local_date(r['abre'])} al "
                   f"{local_date(r['cierra'])} ({STATE_LABELS[r['estado']]}): "
                   f"{r['respuestas']}/{r['alumnos']} ({line.rate_text}), "
                   f"{quantity(r['parciales'], 'parcial', 'parciales')}")


@followup.command("pending")
@click.option("--generacion", required=True, help="Generación, p. ej. 2023-2026.")
@click.option("--cuestionario", required=True, type=click.Choice(["C1", "C2", "C3"]),
              help="Cuestionario que falta.")
@json_option
@click.pass_context
def pending(ctx: click.Context, generacion: str, cuestionario: str, as_json: bool) -> None:
    """Egresados a quienes falta el cuestionario, en el orden en que conviene llamarles."""
    with open_workspace(ctx) as workspace:
        found = workspace.pending_contacts(generacion, cuestionario)
    rows = [{"curp": p.student.curp, "nombre": p.student.full_name, "grupo": p.student.group,
             "telefono": p.student.phone, "telefono_casa": p.student.home_phone,
             "correo": p.student.email, "contacto_alterno": p.alternate_contact,
             "intentos": p.attempts, "ultimo_intento": p.last_attempt} for p in found]
    if as_json:
        print_json(rows)
        return
    for r in rows:
        click.echo(f"{r['curp']}  {r['nombre']:<40} {r['telefono']:<10} intentos: {r['intentos']}")
    click.echo(f"{quantity(len(rows), 'egresado pendiente', 'egresados pendientes')}.")


@followup.command("log")
@click.argument("curp")
@click.option("--medio", required=True, type=click.Choice(list(CONTACT_MEDIA)),
              help="Medio de contacto.")
@click.option("--resultado", required=True, type=click.Choice(list(CONTACT_RESULTS)),
              help="Resultado del intento.")
@click.option("--nota", default="", help="Nota libre.")
@click.option("--fecha", default=None, help="Fecha del intento AAAA-MM-DD (por omisión, hoy).")
@click.option("--cuestionario", default="", type=click.Choice(["", "C1", "C2", "C3"]),
              help="Cuestionario para el que se buscó al egresado.")
@json_option
@click.pass_context
def log(ctx: click.Context, curp: str, medio: str, resultado: str, nota: str, fecha: str | None,
        cuestionario: str, as_json: bool) -> None:
    """Registra un intento de contacto con el egresado de la CURP dada."""
    with open_workspace(ctx) as workspace:
        student = workspace.student_by_curp(curp)
        if student is None:
            raise NotFound(f"No hay ningún alumno con la CURP {curp.upper()} en el directorio.")
        attempt = workspace.log_contact_attempt(ContactAttempt(
            student.id, _parse_date(fecha, date.today(), "La fecha del intento"), medio,
            resultado, nota, cuestionario))
        status_now = workspace.student(student.id).contact_status
    if as_json:
        print_json({"id": attempt.id, "curp": student.curp, "fecha": attempt.attempted_on,
                    "medio": medio, "resultado": resultado, "estado_localizacion": status_now})
    else:
        click.echo(f"Intento registrado para {student.full_name}.")
