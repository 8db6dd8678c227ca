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
}


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
            return getattr(module, attr)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, lazy=COMMANDS,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None,
              help="Archivo de la base de datos (por omisión, el de la carpeta de datos del usuario).")
@click.version_option(__version__, prog_name="seguimiento", message="%(prog)s %(version)s",
                      help="Muestra la versión y termina.")
@click.pass_context
def cli(ctx: click.Context, db_path: str | None) -> None:
    """Seguimiento de Egresados: directorio, cuestionarios y envíos por USB del plantel."""
    from seguimiento_desktop.paths import default_database_path
    ctx.obj = {"db_path": db_path or str(default_database_path())}


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
