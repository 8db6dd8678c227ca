"""`seguimiento gui`: opens the desktop application."""

import click


@click.command()
@click.pass_context
def gui(ctx: click.Context) -> None:
    """Abre la aplicación de escritorio."""
    try:
        from seguimiento_desktop.gui.app import run_app
    except ImportError as error:
        raise click.ClickException(
            "La interfaz gráfica no está instalada. Instale el paquete con el extra «gui» "
            f"(pip install 'seguimiento-desktop[gui]'). Detalle: {error}") from error
    raise SystemExit(run_app(ctx.obj["db_path"]))
