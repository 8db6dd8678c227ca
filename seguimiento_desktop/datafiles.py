"""One way to reach bundled data files: from source, an installed wheel or a frozen app.

The data live inside the package (``seguimiento_desktop/resources/``), so a source
checkout, a plain (non-editable) wheel and the PyInstaller folder all reach them through
``importlib.resources``. There is no fallback path: a missing file is a broken
installation and says so, naming the file.
"""

import json
from functools import cache
from importlib import resources as importlib_resources
from importlib.abc import Traversable
from typing import Any

from seguimiento_desktop.errors import UserError

PACKAGE = "seguimiento_desktop.resources"


class DataFileMissing(UserError):
    """A data file the program ships with is absent: the installation is incomplete."""


def resource_root() -> Traversable:
    """The folder of bundled data (``seguimiento_desktop/resources``)."""
    return importlib_resources.files(PACKAGE)


def resource(*parts: str) -> Traversable:
    """Return the bundled resource at ``resources/<parts...>`` (it may not exist)."""
    return resource_root().joinpath(*parts)


def require(*parts: str) -> Traversable:
    """The bundled resource at ``resources/<parts...>``; DataFileMissing if it is absent."""
    found = resource(*parts)
    if not (found.is_file() or found.is_dir()):
        name = "/".join(parts)
        raise DataFileMissing(
            f"Falta el archivo de datos del programa «{name}» (se buscó en {found}). "
            "La instalación está incompleta: vuelva a instalar Seguimiento de Egresados.")
    return found


@cache
def load_json(*parts: str) -> Any:
    """Parse a bundled JSON resource (cached: resources never change while running)."""
    return json.loads(require(*parts).read_text(encoding="utf-8"))
