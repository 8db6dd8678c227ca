"""`seguimiento reparar`: a damaged database replaced by the newest good backup.

It works without signing in to the database: a damaged database cannot be trusted to say
who may sign in, and nothing is lost (the damaged file is kept aside, never deleted). An
encrypted one needs its key: the user's password opens their slot in the key file, which
lives beside the database, not in it.
"""

from pathlib import Path

import click

from seguimiento_desktop.cli.common import json_option, print_json, signed_key


@click.command()
@click.argument("respaldo", required=False, type=click.Path(dir_okay=False))
@click.option("--si", "yes", is_flag=True, help="No preguntar: reemplazar directamente.")
@json_option
@click.pass_context
def repair(ctx: click.Context, respaldo: str | None, yes: bool, as_json: bool) -> None:
    """Revisa la base de datos y, si está dañada, pone en su lugar el respaldo bueno más
    reciente (o RESPALDO); la base dañada se guarda aparte en la carpeta «respaldos»."""
    from seguimiento_desktop.errors import DatabaseError
    from seguimiento_desktop.storage import encryption, integrity
    from seguimiento_desktop.storage.restores import describe_backup
    path = Path(ctx.obj["db_path"])
    if not path.exists():
        raise DatabaseError(f"No existe la base de datos {path}.")
    key = signed_key(ctx, path) if encryption.looks_encrypted(path) else None
    problem = integrity.inspect(path, key)
    if problem is None and respaldo is None:
        if as_json:
            print_json({"danada": False, "base": str(path)})
        else:
            click.echo(f"La base de datos {path.name} pasó la revisión de integridad: no hay "
                       "nada que reparar.")
        return
    if problem is None:
        raise DatabaseError(f"La base de datos {path.name} no está dañada; para volver a un "
                            "respaldo use «seguimiento restore».")
    backup = describe_backup(Path(respaldo), key) if respaldo else problem.backup
    if backup is None:
        raise problem
    click.echo(f"{problem.message.split(chr(10))[0]}\n\nSe pondrá en su lugar:\n"
               f"{backup.description()}", err=True)
    if not yes and not click.confirm("¿Reemplazar la base dañada con este respaldo?", err=True):
        raise click.exceptions.Abort()
    aside = integrity.replace_damaged(path, backup.path, key)
    if as_json:
        print_json({"danada": True, "restaurado": str(backup.path), "base_danada": str(aside),
                    "alumnos": backup.students, "cuestionarios": backup.responses})
    else:
        click.echo(f"Listo: se restauró {backup.path.name}. La base dañada quedó guardada en "
                   f"{aside}.")
