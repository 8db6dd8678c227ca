"""Helpers shared by the CLI commands: opening the workspace, JSON and progress output."""

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import import_module
from dataclasses import asdict, is_dataclass
from datetime import date
from pathlib import Path
from typing import Any

import click

from seguimiento_desktop.domain.text import quantity
from seguimiento_desktop.services import Workspace

json_option = click.option("--json", "as_json", is_flag=True,
                           help="Imprime solo JSON en la salida estándar (para scripts).")


def file_of_kind(suffix: str, kind: str) -> Callable:
    """A click callback for an output file: ``suffix`` added to a name without one, and a
    name with another extension refused (a PDF saved as .xlsx does not open in Excel)."""
    def check(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value is None:
            return None
        from seguimiento_desktop.errors import InvalidData
        from seguimiento_desktop.storage.files import named_for
        try:
            return str(named_for(Path(value), suffix, kind))
        except InvalidData as wrong:
            raise click.BadParameter(str(wrong), ctx, param) from None
    return check


def _checked_cohort(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """'' (every generación) or the generación as stored ('2023–2026' -> '2023-2026');
    InvalidData saying the expected form for '2026' and the like."""
    from seguimiento_desktop.domain.cohorts import parse_cohort
    return str(parse_cohort(value)) if value.strip() else ""


def cohort_filter(help_text: str = "Solo esta generación (p. ej. 2023-2026).") -> Callable:
    """An optional --generacion filter, checked before anything is read."""
    return click.option("--generacion", default="", callback=_checked_cohort, help=help_text)


USER_ENV, PASSWORD_ENV = "SEGUIMIENTO_USUARIO", "SEGUIMIENTO_CONTRASENA"
NEW_PASSWORD_ENV = "SEGUIMIENTO_CONTRASENA_NUEVA"  # scripts: the password an account gets


def cli_user(ctx: click.Context) -> str:
    """Who works: --usuario (before or after the command), else SEGUIMIENTO_USUARIO."""
    return (ctx.find_root().obj or {}).get("user") or os.environ.get(USER_ENV, "")


def cli_password(prompt: str = "Contraseña", confirm: bool = False,
                 env: str = PASSWORD_ENV) -> str:
    """The password from ``env`` (scripts) or typed without echo on the terminal."""
    return os.environ.get(env) or click.prompt(prompt, hide_input=True, err=True,
                                               confirmation_prompt=confirm)


def open_workspace(ctx: click.Context, create: bool = False) -> Workspace:
    """The Workspace for the global --db option, signed in as the CLI's user (the database
    must exist unless ``create``, and have accounts)."""
    from seguimiento_desktop.accounts.usecases import has_key_file, no_accounts_message
    from seguimiento_desktop.errors import UserError
    path = Path(ctx.obj["db_path"])
    if not has_key_file(path):  # an encrypted database says nothing before the sign-in
        with Workspace.open(path, create=create) as probe:
            if not probe.has_accounts():
                raise UserError(no_accounts_message(path))
    name = cli_user(ctx)
    if not name:
        raise UserError("Indique con qué usuario trabaja: --usuario NOMBRE o la variable "
                        f"{USER_ENV}.")
    return Workspace.sign_in(path, name, cli_password(f"Contraseña de {name}"))


def signed_key(ctx: click.Context, path: Path) -> bytes:
    """The database key that the CLI user's password opens from the key file, without
    opening the database (`reparar` on an encrypted one that may be damaged)."""
    from seguimiento_desktop.accounts.usecases import unlock, user_slot
    from seguimiento_desktop.errors import UserError
    name = cli_user(ctx).strip().lower()
    if not name:
        raise UserError("La base de datos está cifrada: indique su usuario con --usuario NOMBRE "
                        f"o la variable {USER_ENV}.")
    return unlock(path, user_slot(name), cli_password(f"Contraseña de {name}"), None,
                  {"accion": "inicio_fallido", "usuario": name, "objeto": name})


def create_administrator(ctx: click.Context, workspace: Workspace,
                         full_name: str = "Administración del plantel") -> None:
    """Make the CLI's user the administrator of a database without accounts, and show the
    recovery code once, on stderr (stdout stays the command's own output, --json too)."""
    from seguimiento_desktop.errors import UserError
    name = cli_user(ctx)
    if not name:
        raise UserError("Esta base de datos todavía no tiene administrador: indique su nombre "
                        f"de usuario con --usuario NOMBRE (o {USER_ENV}) para crearlo.")
    code = workspace.create_administrator(
        name, full_name, cli_password(f"Contraseña nueva para {name}", confirm=True))
    click.echo(f"Administrador «{workspace.account.name}» creado.\n"
               f"CÓDIGO DE RECUPERACIÓN: {code}\n"
               "Imprímalo o cópielo y guárdelo en un lugar seguro: no se volverá a mostrar, y "
               "es la única forma de entrar si se olvida la contraseña del administrador.",
               err=True)


@contextmanager
def creating_workspace(ctx: click.Context) -> Iterator[Workspace]:
    """The Workspace for --db, created if missing and signed in: a database without accounts
    gets the CLI's user as its administrator (init, demo). When the command fails, a
    database this command created is removed again (no half-made file left behind)."""
    from seguimiento_desktop.accounts.keyslots import sidecar_path
    from seguimiento_desktop.accounts.usecases import has_key_file
    path = Path(ctx.obj["db_path"])
    existed = path.exists()
    try:
        fresh = not has_key_file(path)
        if fresh:
            with Workspace.open(path, create=True) as workspace:
                fresh = not workspace.has_accounts()
                if fresh:
                    create_administrator(ctx, workspace)
        # Opened with the new key, the database is encrypted here: no other connection is open.
        with (Workspace.open(path, session=workspace.session) if fresh
              else open_workspace(ctx)) as workspace:
            yield workspace
    except BaseException:
        if not existed:
            for leftover in (path, sidecar_path(path),
                             *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
                leftover.unlink(missing_ok=True)
        raise


def _default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value):
        return asdict(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_json(data: Any) -> None:
    """Write ``data`` as UTF-8 JSON on stdout (accents kept readable)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=_default))


def pdf_done(out: str, pages: int, as_json: bool, **extra: object) -> None:
    """What a command that wrote a PDF prints: its file and number of pages."""
    if as_json:
        print_json({"archivo": out, "paginas": pages, **extra})
    else:
        click.echo(f"Listo: {out} ({quantity(pages, 'página')}).")


def records_text(counts: dict[str, int]) -> str:
    """'3 alumnos, 1 respuesta y 2 intentos de contacto' from a bundle's Spanish counts."""
    return (f"{quantity(counts['alumnos'], 'alumno')}, "
            f"{quantity(counts['respuestas'], 'respuesta')} y "
            f"{quantity(counts['intentos_contacto'], 'intento de contacto', 'intentos de contacto')}")


def stderr_progress(done: int, total: int, message: str) -> None:
    """Progress on stderr, so --json output stays clean on stdout."""
    if sys.stderr.isatty() and total:
        click.echo(f"\r{message} {done}/{total}", err=True, nl=done >= total)


def fingerprint_json(fingerprint: Any) -> dict | None:
    return None if fingerprint is None else {"hex": fingerprint.hex, "palabras": fingerprint.words}


def fingerprint_options(function: Callable) -> Callable:
    """--huella / --si: how a script confirms a fingerprint compared by phone."""
    function = click.option("--si", "yes", is_flag=True, help=(
        "Acepta la huella mostrada sin preguntar (solo si ya la comparó)."))(function)
    return click.option("--huella", default=None, help=(
        "Huella comparada por teléfono (hex o palabras)."))(function)


def confirmed_fingerprint(fingerprint: Any, shown: str, question: str, refused: str,
                          yes: bool) -> str:
    """Show ``shown`` and the fingerprint on stderr, ask ``question`` unless ``yes``;
    InvalidData(``refused``) if the user says no. Returns the hex to check against."""
    from seguimiento_desktop.errors import InvalidData
    click.echo(f"{shown}\n  {fingerprint.hex}\n  ({fingerprint.words})", err=True)
    if not yes:
        answer = click.prompt(f"{question} [s/N]", default="n", show_default=False, err=True)
        if answer.strip().lower() not in ("s", "si", "sí", "y", "yes"):  # click.confirm: y/N
            raise InvalidData(refused)
    return fingerprint.hex


def gui_function(module: str, name: str) -> Callable:
    """A GUI entry point, or a Spanish error when the «gui» extra (PySide6) is missing."""
    try:
        return getattr(import_module(module), name)
    except ImportError as error:
        raise click.ClickException(
            "La interfaz gráfica no está instalada. Instale el paquete con el extra «gui» "
            f"(pip install 'seguimiento-desktop[gui]'). Detalle: {error}") from error
