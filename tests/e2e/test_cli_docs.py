"""Every CLI command is a promise to people who script the app: each is documented."""

from pathlib import Path

import click

from seguimiento_desktop.cli.main import cli

README = Path(__file__).resolve().parents[2] / "README.md"


def all_commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    ctx = click.Context(group)
    found = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        path = f"{prefix}{name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found.extend(all_commands(command, path + " "))
    return found


def test_every_command_has_spanish_help_text():
    for path, command in all_commands(cli):
        assert command.help, f"«{path}» has no help text"
        for param in command.params:
            if isinstance(param, click.Option) and param.name != "help":
                assert param.help, f"option {param.opts} of «{path}» has no help text"


def test_every_command_is_documented_in_the_readme():
    readme = README.read_text(encoding="utf-8")
    missing = [path for path, _ in all_commands(cli) if f"seguimiento {path}" not in readme
               and f"--db P {path}" not in readme and f"`{path}`" not in readme]
    assert missing == []
