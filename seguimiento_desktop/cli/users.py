"""`seguimiento usuarios …`: accounts, their passwords and the recovery code."""

import click

from seguimiento_desktop.accounts.roles import ROLES, Account
from seguimiento_desktop.cli.common import (
    NEW_PASSWORD_ENV, cli_password, cli_user, create_administrator, json_option, open_workspace,
    print_json)


def account_json(account: Account) -> dict:
    return {"usuario": account.name, "nombre": account.full_name, "rol": account.role,
            "activo": account.active, "creado": account.created_at}


def show_recovery_code(code: str, title: str) -> None:
    """The recovery code, once, on stderr (stdout stays the command's own output)."""
    click.echo(f"{title}: {code}\nImprímalo o cópielo y guárdelo en un lugar seguro: no se "
               "volverá a mostrar.", err=True)


def _new_password(name: str) -> str:
    return cli_password(f"Contraseña nueva para {name}", confirm=True, env=NEW_PASSWORD_ENV)


@click.group()
def users() -> None:
    """Cuentas de usuario: administrador, orientador y capturista."""


@users.command("listar")
@json_option
@click.pass_context
def list_users(ctx: click.Context, as_json: bool) -> None:
    """Lista las cuentas con su rol y si están activas (administrador)."""
    with open_workspace(ctx) as workspace:
        found = workspace.users()
    if as_json:
        print_json([account_json(a) for a in found])
        return
    for account in found:
        state = "" if account.active else " (desactivada)"
        click.echo(f"{account.name:<20} {account.role:<14} {account.full_name}{state}")


@users.command("crear")
@click.argument("nombre_usuario")
@click.option("--nombre", required=True, help="Nombre completo de la persona.")
@click.option("--rol", required=True, type=click.Choice(ROLES), help="Rol de la cuenta.")
@json_option
@click.pass_context
def create(ctx: click.Context, nombre_usuario: str, nombre: str, rol: str, as_json: bool) -> None:
    """Crea una cuenta (administrador). Su contraseña se pregunta o se lee de
    SEGUIMIENTO_CONTRASENA_NUEVA."""
    with open_workspace(ctx) as workspace:
        workspace.require("administracion")  # before asking for a password for nothing
        account = workspace.create_user(nombre_usuario, nombre, rol, _new_password(nombre_usuario))
    if as_json:
        print_json(account_json(account))
    else:
        click.echo(f"Cuenta «{account.name}» ({account.role}) creada.")


@users.command("crear-administrador")
@click.option("--nombre", default="Administración del plantel", show_default=True,
              help="Nombre completo del administrador.")
@click.pass_context
def create_admin(ctx: click.Context, nombre: str) -> None:
    """Crea el administrador de una base que aún no tiene cuentas (la de una versión
    anterior) con el usuario de --usuario; muestra el código de recuperación una vez."""
    from seguimiento_desktop.services import Workspace
    with Workspace.open(ctx.obj["db_path"], create=False) as workspace:
        create_administrator(ctx, workspace, nombre)
    Workspace.open(ctx.obj["db_path"], session=workspace.session).close()  # now encrypted


@users.command("cambiar-contrasena")
@click.argument("nombre_usuario", required=False)
@click.pass_context
def change_password(ctx: click.Context, nombre_usuario: str | None) -> None:
    """Cambia la contraseña de NOMBRE_USUARIO (administrador) o la propia si no se indica.
    La nueva se pregunta o se lee de SEGUIMIENTO_CONTRASENA_NUEVA."""
    with open_workspace(ctx) as workspace:
        own = not nombre_usuario or nombre_usuario.strip().lower() == workspace.account.name
        if own:
            workspace.change_my_password(cli_password(f"Contraseña actual de {cli_user(ctx)}"),
                                         _new_password(workspace.account.name))
        else:
            workspace.require("administracion")
            workspace.change_password(nombre_usuario, _new_password(nombre_usuario))
    click.echo("Contraseña cambiada.")


@users.command("desactivar")
@click.argument("nombre_usuario")
@click.pass_context
def deactivate(ctx: click.Context, nombre_usuario: str) -> None:
    """Desactiva una cuenta y borra su llave (administrador)."""
    with open_workspace(ctx) as workspace:
        workspace.deactivate_user(nombre_usuario)
    click.echo(f"Cuenta «{nombre_usuario}» desactivada.")


@users.command("recuperar")
@click.option("--codigo", default=None, help="Código de recuperación (si no, se pregunta).")
@click.pass_context
def recover(ctx: click.Context, codigo: str | None) -> None:
    """Pone una contraseña nueva al administrador de --usuario con el código de recuperación
    impreso al crear la base (la nueva se pregunta o se lee de SEGUIMIENTO_CONTRASENA_NUEVA)."""
    from seguimiento_desktop.errors import UserError
    from seguimiento_desktop.services import Workspace
    name = cli_user(ctx)
    if not name:
        raise UserError("Indique el administrador con --usuario NOMBRE.")
    code = codigo or click.prompt("Código de recuperación", err=True)
    with Workspace.recover(ctx.obj["db_path"], code, name, _new_password(name)) as workspace:
        new_code = workspace.new_recovery_code
    click.echo(f"Contraseña de «{name}» cambiada con el código de recuperación.")
    show_recovery_code(new_code, "El código usado ya no sirve. CÓDIGO DE RECUPERACIÓN NUEVO")
