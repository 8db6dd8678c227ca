"""The `seguimiento` command: a thin face over Workspace, for people who script the app.

Subcommands live in their own modules and are imported only when used, so
`seguimiento --help` and scripted calls start fast.
"""

import importlib
import sys

import click

from seguimiento_desktop import __version__
from seguimiento_desktop.errors import UserError

# command name -> "module:function" inside seguimiento_desktop.cli
COMMANDS = {
    "init": "school:init",
    "gui": "gui:gui",
    "students": "students:students",
    "roster": "roster:roster",
    "demo": "demo:demo",
    "backup": "school:backup",
    "restore": "school:restore",
    "reparar": "integrity:repair",  # a damaged database back to its newest good backup
    "privacidad": "privacy:privacy",  # retention of contact data, ARCO
    "questionnaires": "questionnaires:questionnaires",
    "followup": "followup:followup",
    "print": "printing:print_forms",
    "responses": "responses:responses",
    "sync": "sync:sync",
    "central": "central_report:central",  # the sync group, plus `central report`
    "report": "report:report",
    "export": "export:export",
    "info": "info:info",
    "indicadores": "indicators:indicators",
    "usuarios": "users:users",
    "bitacora": "audit:audit",
    "sala": "sala:sala",  # a questionnaire answered in the computer lab (sala/)
}
# Commands that sign nobody in: the central office's family (no accounts yet, issue 12
# leaves it for a later step), the GUI (its own login screen), `info` (opens nothing) and
# `reparar` (a damaged database cannot say who may).
# `bitacora` takes --usuario as a filter, so its user comes before it or from the variable.
WITHOUT_USER_OPTION = {"central", "gui", "info", "questionnaires", "bitacora", "reparar"}


def _remember_user(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value:
        ctx.find_root().obj["user"] = value


def user_option() -> click.Option:
    return click.Option(["--usuario"], expose_value=False, callback=_remember_user,
                        metavar="NOMBRE", help=(
                            "Usuario con el que se trabaja (o la variable SEGUIMIENTO_USUARIO); "
                            "la contraseña se pregunta o se lee de SEGUIMIENTO_CONTRASENA."))


def with_user_option(command: click.Command) -> click.Command:
    """Give ``command`` (and every subcommand of a group) a --usuario option, once."""
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            with_user_option(sub)
    elif not any(p.name == "usuario" for p in command.params):
        command.params.append(user_option())
    return command


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def __init__(self, *args, lazy: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy:
            module_name, attr = self.lazy[name].split(":")
            module = importlib.import_module(f"seguimiento_desktop.cli.{module_name}")
            command = getattr(module, attr)
            return command if name in WITHOUT_USER_OPTION else with_user_option(command)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, lazy=COMMANDS,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None,
              help="Archivo de la base de datos (por omisión, el de la carpeta de datos del usuario).")
@click.option("--usuario", "user", default=None, metavar="NOMBRE", help=(
    "Usuario con el que se trabaja (o la variable SEGUIMIENTO_USUARIO); la contraseña se "
    "pregunta o se lee de SEGUIMIENTO_CONTRASENA."))
@click.version_option(__version__, prog_name="seguimiento", message="%(prog)s %(version)s",
                      help="Muestra la versión y termina.")
@click.pass_context
def cli(ctx: click.Context, db_path: str | None, user: str | None) -> None:
    """Seguimiento de Egresados: directorio, cuestionarios y envíos por USB del plantel."""
    from seguimiento_desktop.paths import default_database_path
    ctx.obj = {"db_path": db_path or str(default_database_path()), "user": user or ""}


def main(argv: list[str] | None = None) -> None:
    """Console entry point: every error (the user's data or the command line) prints a
    Spanish message on stderr and exits 1."""
    from seguimiento_desktop.cli import spanish
    spanish.install()
    try:
        code = cli.main(args=argv, prog_name="seguimiento", standalone_mode=False)
    except UserError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)
    except click.exceptions.Abort:
        click.echo("Cancelado.", err=True)
        sys.exit(1)
    except click.ClickException as error:  # usage errors too: one exit code for every error
        spanish.show_error(error)
        sys.exit(1)
    except click.exceptions.Exit as exit_:
        sys.exit(exit_.exit_code)
    if isinstance(code, int) and code:  # a command's ctx.exit(n), returned in this mode
        sys.exit(code)
