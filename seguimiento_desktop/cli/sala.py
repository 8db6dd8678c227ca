"""`seguimiento sala abrir`: serve a questionnaire to the computer lab until Ctrl+C."""

import json
import signal
import sys
import time

import click

from seguimiento_desktop.cli.common import file_of_kind, json_option, open_workspace
from seguimiento_desktop.domain.text import quantity

REFRESH_S = 5.0


@click.group()
def sala() -> None:
    """Cuestionario contestado en la sala de cómputo, por la red de la escuela."""


@sala.command("abrir")
@click.option("--cuestionario", type=click.Choice(["C1", "C2", "C3"]), default="C1",
              show_default=True, help="Cuestionario que se contesta.")
@click.option("--generacion", required=True, help="Generación que contesta (p. ej. 2024-2027).")
@click.option("--grupo", default="", help="Solo este grupo.")
@click.option("--puerto", type=click.IntRange(0, 65535), default=8080, show_default=True,
              help="Puerto de la dirección (0: uno libre cualquiera).")
@click.option("--interfaz", default="", metavar="IP", help=(
    "Dirección de esta PC en la red de la escuela (por omisión, la de su red principal)."))
@click.option("--https", "https", is_flag=True, help=(
    "Conexión cifrada con un certificado hecho por esta PC: los navegadores avisan y los "
    "alumnos comparan la huella SHA-256 que se muestra."))
@json_option
@click.pass_context
def open_lab(ctx: click.Context, cuestionario: str, generacion: str, grupo: str, puerto: int,
             interfaz: str, https: bool, as_json: bool) -> None:
    """Abre la sesión: muestra la dirección, el código QR y el código de la sesión, y los
    conteos cada pocos segundos, hasta Ctrl+C (lo guardado se conserva)."""
    from seguimiento_desktop.domain.cohorts import parse_cohort
    from seguimiento_desktop.sala.server import open_sala
    from seguimiento_desktop.sala.session import SalaConfig
    config = SalaConfig(cuestionario, str(parse_cohort(generacion)), grupo.strip().upper())
    with open_workspace(ctx) as workspace:
        session, path = workspace.session, workspace.path
    server = open_sala(path, session, config, interfaz.strip(), puerto, https=https)
    _until_interrupted(server, as_json, server.hint)


def _until_interrupted(server, as_json: bool, hint: str) -> None:
    signal.signal(signal.SIGTERM, _interrupt)  # a script stops it like Ctrl+C
    _announce(server, as_json, hint)
    try:
        while True:
            time.sleep(REFRESH_S)
            if not as_json:
                click.echo(_counts_line(server.counts()), err=True)
    except KeyboardInterrupt:
        pass
    counts = server.close()
    if as_json:
        _json_line({"conectados": counts.connected, "iniciaron": counts.started,
                    "terminaron": counts.finished, "esperados": counts.expected})
    else:
        click.echo(f"Sesión cerrada. {_counts_line(counts)}")


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _announce(server, as_json: bool, hint: str) -> None:
    from seguimiento_desktop.sala.qr import qr_text
    certificate = server.certificate
    if as_json:
        _json_line({"direccion": server.address, "codigo": server.sala.code,
                    "esperados": server.counts().expected,
                    "huella_sha256": certificate.fingerprint if certificate else None})
        return
    click.echo(qr_text(server.address))
    if certificate:
        click.echo(f"Huella SHA-256 del certificado:\n{certificate.fingerprint_lines}")
    click.echo(f"Dirección para los alumnos: {server.address}\n"
               f"Código de la sesión: {server.sala.code}\n"
               f"{quantity(server.counts().expected, 'alumno')} por contestar. Ctrl+C cierra "
               "la sesión (lo contestado queda guardado).")
    click.echo(hint, err=True)


def _json_line(data: dict) -> None:
    """One JSON object a line (one when the sala opens, one when it closes), flushed so a
    script reads the address at once."""
    click.echo(json.dumps(data, ensure_ascii=False))
    sys.stdout.flush()


def _counts_line(counts) -> str:
    return (f"Conectados: {counts.connected} · Empezaron: {counts.started} · "
            f"Terminaron: {counts.finished} de {counts.expected}")


@sala.command("codigos")
@click.option("--cuestionario", type=click.Choice(["C1", "C2", "C3"]), default="C1",
              show_default=True, help="Cuestionario que contestarán.")
@click.option("--generacion", required=True, help="Generación (p. ej. 2024-2027).")
@click.option("--grupo", default="", help="Solo este grupo.")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False),
              help="Archivo PDF de las hojas.",
              callback=file_of_kind(".pdf", "PDF"))
@click.pass_context
def print_codes(ctx: click.Context, cuestionario: str, generacion: str, grupo: str,
                out: str) -> None:
    """Imprime una hoja por alumno pendiente con su código personal, para entrar a la sala
    sin CURP. Volver a imprimirlas da códigos nuevos: las hojas anteriores dejan de servir."""
    from seguimiento_desktop.domain.cohorts import parse_cohort
    from seguimiento_desktop.sala.session import SalaConfig
    from seguimiento_desktop.sala.slips import print_slips
    config = SalaConfig(cuestionario, str(parse_cohort(generacion)), grupo.strip().upper())
    with open_workspace(ctx) as workspace:
        count = print_slips(workspace, config, out)
    click.echo(f"{quantity(count, 'hoja')} con código personal en {out}.")
