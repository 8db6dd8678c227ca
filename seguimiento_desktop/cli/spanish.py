"""click in Spanish: its own messages (usage errors, help headings) for the `seguimiento` CLI.

click marks its messages for gettext (``from gettext import gettext as _`` in each module)
but ships no catalogs, and a .mo file would be one more resource to carry into the wheel and
the frozen app. The catalog is therefore this dict, and ``install()`` points the ``_`` and
``ngettext`` names of click's modules at it. Messages not in the catalog stay as click wrote
them. Placeholders are click's (``{name}``, ``{value}``…); a translation may drop the
``!r`` conversion to quote with «».
"""

import re

import click
from click import core, decorators, exceptions, formatting, parser, termui, types

CATALOG: dict[str, str] = {
    # exceptions.py
    "Error: {message}": "Error: {message}",
    "Try '{command} {option}' for help.": "Para ver la ayuda: «{command} {option}».",
    "Invalid value: {message}": "Valor no válido: {message}",
    "Invalid value for {param_hint}: {message}": "Valor no válido para {param_hint}: {message}",
    "Missing argument": "Falta el argumento",
    "Missing option": "Falta la opción",
    "Missing parameter": "Falta el parámetro",
    "Missing {param_type}": "Falta {param_type}",
    "Missing parameter: {param_name}": "Falta el parámetro: {param_name}",
    "No such option {name!r}.": "No existe la opción «{name}».",
    "No such command {name!r}.": "No existe el comando «{name}».",
    "Could not open file {filename!r}: {message}": "No se pudo abrir el archivo «{filename}»: {message}",
    "unknown error": "error desconocido",
    # core.py
    "Aborted!": "Cancelado.",
    "Missing command.": "Falta el comando.",
    "Options": "Opciones",
    "Positional arguments": "Argumentos",
    "Commands": "Comandos",
    "deprecated": "obsoleto",
    "env var: {var}": "variable de entorno: {var}",
    "default: {default}": "por omisión: {default}",
    "(dynamic)": "(dinámico)",
    "required": "obligatoria",
    "Value must be an iterable.": "El valor debe ser una lista.",
    "Takes {nargs} values but 1 was given.": "Lleva {nargs} valores, pero se dio 1.",
    "Takes {nargs} values but {len} were given.": "Lleva {nargs} valores, pero se dieron {len}.",
    "Got unexpected extra argument ({args})": "Sobra un argumento que no se esperaba ({args})",
    "Got unexpected extra arguments ({args})": "Sobran argumentos que no se esperaban ({args})",
    # decorators.py
    "Show this message and exit.": "Muestra esta ayuda y termina.",
    "Show the version and exit.": "Muestra la versión y termina.",
    "Do you want to continue?": "¿Desea continuar?",
    "Confirm the action without prompting.": "Confirma la acción sin preguntar.",
    "%(prog)s, version %(version)s": "%(prog)s, versión %(version)s",
    # formatting.py
    "Usage:": "Uso:",
    # parser.py
    "Option {name!r} does not take a value.": "La opción «{name}» no lleva valor.",
    "Option {name!r} requires an argument.": "La opción «{name}» necesita un valor.",
    "Option {name!r} requires {nargs} arguments.": "La opción «{name}» necesita {nargs} valores.",
    "Argument {name!r} takes {nargs} values.": "El argumento «{name}» lleva {nargs} valores.",
    "Invalid start character for option ({option})":
        "Carácter inicial no válido para una opción ({option})",
    "Did you mean {possibility}?": "¿Quiso decir {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(¿Quiso decir alguna de estas: {possibilities}?)",
    # termui.py
    "Error: invalid input": "Error: respuesta no válida",
    "Error: The two entered values do not match.": "Error: los dos valores no coinciden.",
    "Repeat for confirmation": "Repita para confirmar",
    "Press any key to continue...": "Pulse una tecla para continuar…",
    # types.py
    "file": "archivo",
    "directory": "carpeta",
    "path": "ruta",
    "{name} {filename!r} does not exist.": "{name} «{filename}» no existe.",
    "{name} {filename!r} is a file.": "{name} «{filename}» es un archivo; se esperaba una carpeta.",
    "{name} {filename!r} is a directory.":
        "{name} «{filename}» es una carpeta; indique un archivo.",
    "{name} {filename!r} is not readable.": "{name} «{filename}» no se puede leer.",
    "{name} {filename!r} is not writable.": "{name} «{filename}» no se puede escribir.",
    "{name} {filename!r} is not executable.": "{name} «{filename}» no se puede ejecutar.",
    "{value!r} is not {choice}.": "«{value}» no es válido: use {choice}.",
    "{value!r} is not one of {choices}.": "«{value}» no es válido: use uno de {choices}.",
    "Choose from:\n\t{choices}": "Elija entre:\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "«{value}» no es un número válido.",
    "{value} is not in the range {range}.": "{value} está fuera del intervalo {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "«{value}» no es un valor sí/no válido. Valores reconocidos: {states}",
    "{value!r} does not match the format {format}.": "«{value}» no tiene el formato {format}.",
    "{value!r} does not match the formats {formats}.":
        "«{value}» no tiene ninguno de los formatos {formats}.",
    "{value!r} is not a valid UUID.": "«{value}» no es un UUID válido.",
    "{len_type} values are required, but {len_value} was given.":
        "Se necesitan {len_type} valores, pero se dio {len_value}.",
    "{len_type} values are required, but {len_value} were given.":
        "Se necesitan {len_type} valores, pero se dieron {len_value}.",
}

# Metavars and usage words click writes in English in help texts and usage lines.
METAVARS = {
    "[OPTIONS]": "[OPCIONES]", "COMMAND": "COMANDO", "[ARGS]...": "[ARGUMENTOS]...",
    "TEXT": "TEXTO", "INTEGER RANGE": "ENTERO", "INTEGER": "ENTERO", "FLOAT RANGE": "NÚMERO",
    "FLOAT": "NÚMERO", "PATH": "RUTA", "FILE": "ARCHIVO", "FILENAME": "ARCHIVO",
    "DIRECTORY": "CARPETA", "BOOLEAN": "SÍ/NO",
}
_METAVAR = re.compile("|".join(re.escape(word) + (r"(?![\w])" if word[-1].isalpha() else "")
                               for word in sorted(METAVARS, key=len, reverse=True)))


def gettext(message: str) -> str:
    """click's message in Spanish (unchanged when the catalog does not have it)."""
    return CATALOG.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return gettext(singular if count == 1 else plural)


def spanish_metavars(text: str) -> str:
    """'--generacion TEXT' -> '--generacion TEXTO'; '[OPTIONS]' -> '[OPCIONES]'."""
    return _METAVAR.sub(lambda match: METAVARS[match.group(0)], text)


class SpanishHelpFormatter(formatting.HelpFormatter):
    """click's help formatter with Spanish metavars in usage lines and option lists."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, spanish_metavars(args), prefix)

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(spanish_metavars(first), second) for first, second in rows],
                         col_max, col_spacing)


_QUOTED = re.compile(r"'([^'\s]+)'")


def show_error(error: click.ClickException) -> None:
    """Print a click error as click would (usage, hint, «Error: …») with Spanish quotes
    around option names: «--cct» instead of '--cct'."""
    if isinstance(error, exceptions.NoArgsIsHelpError):  # a group called without a command
        click.echo(error.format_message(), err=True)
        click.echo(gettext("Error: {message}").format(message=gettext("Missing command.")),
                   err=True)
        return
    if isinstance(error, click.NoSuchOption) and error.possibilities:
        # --usuario, which every command takes, is suggested only for what looks like it.
        error.possibilities = [p for p in error.possibilities
                               if p != "--usuario" or error.option_name.startswith("--u")]
    if isinstance(error, click.UsageError) and error.ctx is not None:
        hint = gettext("Try '{command} {option}' for help.").format(
            command=error.ctx.command_path, option="--help")
        click.echo(f"{error.ctx.get_usage()}\n{hint}\n", err=True)
    message = _QUOTED.sub("«\\1»", error.format_message())
    click.echo(gettext("Error: {message}").format(message=message), err=True)


def install() -> None:
    """Make click speak Spanish in this process (the CLI's own process only)."""
    for module in (core, decorators, exceptions, formatting, parser, termui, types):
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
    click.Context.formatter_class = SpanishHelpFormatter
