"""The central office on a PostgreSQL server, from the command line.

``open_office`` opens whatever ``--db`` names (a file or ``postgresql://…``) and asks for
the server's password when libpq found none (PGPASSWORD, ~/.pgpass); the password is kept
in memory for that connection only. ``central migrate`` copies a SQLite office to a server.
"""

import sys
from collections.abc import Callable
from typing import TypeVar

import click

from seguimiento_desktop.cli.central import central
from seguimiento_desktop.cli.common import json_option, print_json
from seguimiento_desktop.storage.pg.errors import PasswordNeeded


T = TypeVar("T")


def asking_password(connect: Callable[[str | None], T]) -> T:
    """``connect(None)``; if the server wants a password libpq did not find, ask for it
    (at a terminal) and ``connect(password)``."""
    try:
        return connect(None)
    except PasswordNeeded:
        if not sys.stdin.isatty():
            raise
        return connect(click.prompt("Contraseña del servidor PostgreSQL", hide_input=True,
                                    err=True))


def open_any_store(address: str):
    """The existing store at ``address`` (a file, or a server's central store)."""
    from seguimiento_desktop.sync.central_store import open_central_store
    return asking_password(lambda password: open_central_store(address, False, password))


def open_office(address: str, create: bool = False):
    """The CentralWorkspace at ``address`` (a file or a server)."""
    from seguimiento_desktop.sync.central_workspace import CentralWorkspace
    return asking_password(lambda password: CentralWorkspace.open(address, create, password))


@central.command("migrate")
@click.option("--from", "source", required=True, type=click.Path(dir_okay=False, exists=True),
              help="Base SQLite de la oficina central que se copia (no se modifica).")
@click.option("--to", "target", required=True,
              help="Base nueva en el servidor: postgresql://usuario@servidor:puerto/base.")
@json_option
def migrate(source: str, target: str, as_json: bool) -> None:
    """Copia la oficina central de un archivo SQLite a un servidor PostgreSQL y verifica la
    copia tabla por tabla (filas y suma SHA-256)."""
    from seguimiento_desktop.sync.central_store import copy_to_server
    copied = asking_password(lambda password: copy_to_server(source, target, password))
    if as_json:
        print_json({"origen": source, "tablas": [
            {"tabla": c.table, "filas": c.rows, "sha256": c.sha256} for c in copied]})
        return
    for c in copied:
        click.echo(f"{c.table:<20} {c.rows:>10} filas  sha256 {c.sha256[:16]}…")
    click.echo("Copia verificada: mismas filas y mismas sumas en el servidor. Use desde ahora "
               "«seguimiento central --db DIRECCIÓN …».")
