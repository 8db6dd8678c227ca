"""Where the app keeps its data when the user does not say (`--db`)."""

import os
import sys
from pathlib import Path

DB_ENV = "SEGUIMIENTO_DB"


def user_data_dir() -> Path:
    """The per-user data folder: %LOCALAPPDATA% on Windows, XDG_DATA_HOME elsewhere."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "SeguimientoEgresados"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "seguimiento-egresados"


def default_database_path() -> Path:
    """$SEGUIMIENTO_DB if set, else seguimiento.sqlite in the user data folder."""
    override = os.environ.get(DB_ENV)
    return Path(override) if override else user_data_dir() / "seguimiento.sqlite"
