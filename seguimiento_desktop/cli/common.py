"""Helpers shared by the CLI commands: opening the workspace, JSON and progress output."""

import json
import sys
from dataclasses import asdict, is_dataclass
from datetime import date
from typing import Any

import click

from seguimiento_desktop.services import Workspace

json_option = click.option("--json", "as_json", is_flag=True,
                           help="Imprime solo JSON en la salida estándar (para scripts).")


def open_workspace(ctx: click.Context, create: bool = False) -> Workspace:
    """The Workspace for the global --db option (the database must exist unless ``create``)."""
    return Workspace.open(ctx.obj["db_path"], create=create)


def _default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value):
        return asdict(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_json(data: Any) -> None:
    """Write ``data`` as UTF-8 JSON on stdout (accents kept readable)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=_default))


def stderr_progress(done: int, total: int, message: str) -> None:
    """Progress on stderr, so --json output stays clean on stdout."""
    if sys.stderr.isatty() and total:
        click.echo(f"\r{message} {done}/{total}", err=True, nl=done >= total)
