"""`seguimiento info`: which program, data folder and database this installation uses.

For support calls ("¿dónde están mis datos?") and for scripts. Opens nothing: it only
looks, so it is safe on a PC whose database is damaged or locked.
"""

import json
import sys

import click

from seguimiento_desktop import __version__


def installation_info(db_path: str) -> dict:
    """What `info` shows: version, data folder and why, database, program and its data."""
    from pathlib import Path

    from seguimiento_desktop.datafiles import resource_root
    from seguimiento_desktop.paths import data_location, program_dir
    from seguimiento_desktop.questionnaires.loader import available_definitions
    from seguimiento_desktop.storage.encryption import looks_encrypted
    location = data_location()
    program = program_dir()
    return {
        "version": __version__,
        "carpeta_datos": str(location.folder),
        "modo": location.mode,
        "modo_descripcion": location.label,
        "base_de_datos": str(Path(db_path).resolve()),
        "base_existe": Path(db_path).is_file(),
        "base_cifrada": looks_encrypted(Path(db_path)),  # from its first bytes and key file
        "programa": str(program or Path(sys.executable).resolve()),
        "empaquetado": program is not None,
        "recursos": {"carpeta": str(resource_root()),
                     "cuestionarios": list(available_definitions())},
    }


@click.command("info")
@click.option("--json", "as_json", is_flag=True,
              help="Imprime solo JSON en la salida estándar (para scripts).")
@click.pass_context
def info(ctx: click.Context, as_json: bool) -> None:
    """Muestra la versión, la carpeta de datos en uso (del usuario, compartida o
    portátil), la base de datos y dónde está instalado el programa."""
    found = installation_info(ctx.obj["db_path"])
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    exists = "existe" if found["base_existe"] else "aún no existe"
    if found["base_cifrada"]:
        exists += "; cifrada: se abre al iniciar sesión"
    click.echo(f"Seguimiento de Egresados {found['version']}")
    click.echo(f"Carpeta de datos: {found['carpeta_datos']} ({found['modo_descripcion']})")
    click.echo(f"Base de datos:    {found['base_de_datos']} ({exists})")
    click.echo(f"Programa:         {found['programa']}")
    click.echo(f"Datos del programa: {found['recursos']['carpeta']} "
               f"(cuestionarios {', '.join(found['recursos']['cuestionarios'])})")
