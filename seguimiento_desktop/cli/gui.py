"""`seguimiento gui`: opens the desktop application."""

import click

from seguimiento_desktop.cli.common import gui_function


@click.command()
@click.pass_context
def gui(ctx: click.Context) -> None:
    """Abre la aplicación de escritorio."""
    run_app = gui_function("seguimiento_desktop.gui.app", "run_app")
    raise SystemExit(run_app(ctx.obj["db_path"]))
